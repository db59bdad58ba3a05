import { describe, expect, it } from 'vitest';
import { approvedDates, movePlan } from './baseline.js';
import { PlanError } from './plan.js';

const draft = { plannedStart: '2026-04-15', plannedEnd: '2026-05-28', baselineStart: null, baselineEnd: null };

describe('baseline against plan', () => {
  it('sets the baseline at the first approval and keeps it at the next', () => {
    const approved = approvedDates(draft);
    expect(approved).toEqual({ ...draft, baselineStart: '2026-04-15', baselineEnd: '2026-05-28' });
    const moved = movePlan(approved, { plannedEnd: '2026-06-30' }, true, '补充海洋环境影响专章').dates;
    expect(approvedDates(moved)).toEqual({ plannedStart: '2026-04-15', plannedEnd: '2026-06-30', baselineStart: '2026-04-15', baselineEnd: '2026-05-28' });
  });

  it('keeps the baseline when the plan moves, and records each move with its reason', () => {
    const approved = approvedDates(draft);
    const first = movePlan(approved, { plannedEnd: '2026-06-30' }, true, '补充海洋环境影响专章');
    expect(first.change).toEqual({ fromStart: '2026-04-15', fromEnd: '2026-05-28', toStart: '2026-04-15', toEnd: '2026-06-30', reason: '补充海洋环境影响专章' });
    const second = movePlan(first.dates, { plannedStart: '2026-05-04', plannedEnd: '2026-07-15' }, true, '专家评审推迟');
    expect(second.dates).toEqual({ plannedStart: '2026-05-04', plannedEnd: '2026-07-15', baselineStart: '2026-04-15', baselineEnd: '2026-05-28' });
    expect(second.change).toMatchObject({ fromEnd: '2026-06-30', toEnd: '2026-07-15' });
  });

  it('needs a reason to move an approved date, not a draft one, and refuses a start after the end', () => {
    expect(() => movePlan(approvedDates(draft), { plannedEnd: '2026-06-30' }, true)).toThrow(PlanError);
    const inDraft = movePlan(draft, { plannedEnd: '2026-06-30' }, false);
    expect(inDraft).toMatchObject({ moved: true, change: null, dates: { baselineEnd: null } });
    expect(movePlan(approvedDates(draft), {}, true)).toMatchObject({ moved: false, change: null });
    expect(() => movePlan(draft, { plannedStart: '2026-06-01' }, false)).toThrow(/planned start/);
  });
});
