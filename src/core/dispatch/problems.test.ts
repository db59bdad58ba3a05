import { describe, expect, it } from 'vitest';
import { averageDays, checkActionItemAction, checkProblemAction, weekStart } from './problems.js';

describe('problem status rules', () => {
  it('lets the owner unit start and apply for 销号, with a note and at least one photo', () => {
    expect(checkProblemAction('start', 'new', 'owner', {})).toEqual({ ok: true });
    expect(checkProblemAction('request-close', 'in_progress', 'owner', { note: '已完成', photoCount: 1 })).toEqual({ ok: true });
    expect(checkProblemAction('request-close', 'in_progress', 'owner', { note: '已完成', photoCount: 0 })).toMatchObject({ ok: false, code: 'PROOF_REQUIRED' });
    expect(checkProblemAction('request-close', 'in_progress', 'owner', { note: ' ', photoCount: 2 })).toMatchObject({ ok: false, code: 'NOTE_REQUIRED' });
  });

  it('lets only the coordinator verify or send back, and only a requested closure', () => {
    expect(checkProblemAction('verify', 'close_requested', 'owner', {})).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(checkProblemAction('verify', 'close_requested', 'leader', {})).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(checkProblemAction('verify', 'in_progress', 'coordinator', {})).toMatchObject({ ok: false, code: 'INVALID_STATE' });
    expect(checkProblemAction('verify', 'close_requested', 'coordinator', {})).toEqual({ ok: true });
    expect(checkProblemAction('reject-close', 'close_requested', 'coordinator', {})).toMatchObject({ ok: false, code: 'NOTE_REQUIRED' });
    expect(checkProblemAction('reject-close', 'close_requested', 'coordinator', { note: '照片不清晰' })).toEqual({ ok: true });
  });

  it('needs a reason to escalate by hand or report as unresolvable, and never on a closed problem', () => {
    expect(checkProblemAction('escalate', 'in_progress', 'leader', {})).toMatchObject({ code: 'NOTE_REQUIRED' });
    expect(checkProblemAction('escalate', 'in_progress', 'leader', { note: '影响开工' })).toEqual({ ok: true });
    expect(checkProblemAction('escalate', 'closed', 'coordinator', { note: 'x' })).toMatchObject({ code: 'INVALID_STATE' });
    expect(checkProblemAction('unresolvable', 'new', 'owner', { note: '需县级协调' })).toEqual({ ok: true });
    expect(checkProblemAction('start', 'unresolvable', 'coordinator', {})).toEqual({ ok: true });
  });
});

describe('action item rules', () => {
  it('owner reports back, coordinator verifies, returns with a reason, or cancels with a reason', () => {
    expect(checkActionItemAction('feedback', 'open', 'owner', { note: '已完成' })).toEqual({ ok: true });
    expect(checkActionItemAction('feedback', 'open', 'owner', {})).toMatchObject({ code: 'NOTE_REQUIRED' });
    expect(checkActionItemAction('feedback', 'closed', 'owner', { note: 'x' })).toMatchObject({ code: 'INVALID_STATE' });
    expect(checkActionItemAction('verify', 'reported', 'owner', {})).toMatchObject({ code: 'FORBIDDEN' });
    expect(checkActionItemAction('verify', 'reported', 'coordinator', {})).toEqual({ ok: true });
    expect(checkActionItemAction('return', 'reported', 'coordinator', {})).toMatchObject({ code: 'NOTE_REQUIRED' });
    expect(checkActionItemAction('cancel', 'closed', 'coordinator', { note: 'x' })).toMatchObject({ code: 'INVALID_STATE' });
    expect(checkActionItemAction('cancel', 'open', 'coordinator', { note: '会议决定撤销' })).toEqual({ ok: true });
  });
});

describe('helpers', () => {
  it('finds the Monday of the week and averages days', () => {
    expect(weekStart('2026-11-27')).toBe('2026-11-23'); // Friday
    expect(weekStart('2026-11-23')).toBe('2026-11-23');
    expect(weekStart('2026-11-29')).toBe('2026-11-23'); // Sunday
    expect(averageDays([])).toBeNull();
    expect(averageDays([3, 4, 4])).toBe(3.7);
  });
});
