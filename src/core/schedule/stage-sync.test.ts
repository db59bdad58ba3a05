import { describe, expect, it } from 'vitest';
import { milestoneOfferFor, stageOfferFor, type StageMilestone } from './stage-sync.js';

const m = (id: string, seq: number, stage: string | null, actualDate: string | null = null): StageMilestone => ({ id, name: id, seq, stage, actualDate, version: 3 });

describe('stage ↔ milestone sync', () => {
  it('offers the stage a completed milestone marks only when it is ahead of the project', () => {
    expect(stageOfferFor('construction', 'signed')).toBe('construction');
    expect(stageOfferFor('construction', 'construction')).toBeNull();
    expect(stageOfferFor('signed', 'construction')).toBeNull();
    expect(stageOfferFor(null, 'signed')).toBeNull();
    expect(stageOfferFor('operating', 'dropped')).toBeNull();
  });

  it('offers the first open milestone marking the new stage, with the transition date', () => {
    const plan = [m('sign', 1, 'signed', '2026-05-29'), m('permit', 2, null), m('start', 5, 'construction'), m('start-2', 6, 'construction'), m('acceptance', 9, 'completed')];
    expect(milestoneOfferFor(plan, 'construction', '2026-06-20', false)).toEqual({ milestoneId: 'start', name: 'start', version: 3, date: '2026-06-20' });
    expect(milestoneOfferFor(plan, 'completed', '2026-06-20', false)?.milestoneId).toBe('acceptance');
  });

  it('offers nothing when the milestone is already done, absent, or the move is back or a drop', () => {
    const plan = [m('sign', 1, 'signed', '2026-05-29'), m('start', 5, 'construction')];
    expect(milestoneOfferFor(plan, 'signed', '2026-06-20', false)).toBeNull();
    expect(milestoneOfferFor(plan, 'operating', '2026-06-20', false)).toBeNull();
    expect(milestoneOfferFor(plan, 'construction', '2026-06-20', true)).toBeNull();
    expect(milestoneOfferFor(plan, 'dropped', '2026-06-20', false)).toBeNull();
    expect(milestoneOfferFor([], 'construction', '2026-06-20', false)).toBeNull();
  });
});
