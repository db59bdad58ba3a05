import { PlanError } from './plan.js';

/**
 * Plan against baseline (基线): the first approval copies each milestone's planned dates into its
 * baseline (the service does it for a whole plan in one UPDATE … WHERE baseline_end IS NULL, so a
 * later approval keeps it); after that the plan may move — with a reason, recorded as a change —
 * but the baseline never does.
 */
export interface PlanDates {
  plannedStart: string;
  plannedEnd: string;
  baselineStart: string | null;
  baselineEnd: string | null;
}

/** A refused move, naming the field the form should mark. */
export class PlanMoveError extends PlanError {
  constructor(
    readonly field: 'plannedEnd' | 'reason',
    zh: string,
    en: string,
  ) {
    super(zh, en);
  }
}

export interface PlanMove {
  fromStart: string;
  fromEnd: string;
  toStart: string;
  toEnd: string;
  reason: string;
}

/** The baseline after an approval: set from the plan the first time, kept afterwards. */
export function approvedDates(m: PlanDates): PlanDates {
  return m.baselineEnd === null ? { ...m, baselineStart: m.plannedStart, baselineEnd: m.plannedEnd } : m;
}

/**
 * Moves a milestone's planned dates. Once the plan is approved, a move needs a reason and is
 * returned as the change to record; before approval (a draft) nothing is recorded. The baseline
 * is returned untouched either way.
 */
export function movePlan(m: PlanDates, to: { plannedStart?: string | undefined; plannedEnd?: string | undefined }, approved: boolean, reason?: string | null): { dates: PlanDates; moved: boolean; change: PlanMove | null } {
  const plannedStart = to.plannedStart ?? m.plannedStart;
  const plannedEnd = to.plannedEnd ?? m.plannedEnd;
  if (plannedStart > plannedEnd) throw new PlanMoveError('plannedEnd', '计划开始不能晚于计划完成', 'the planned start cannot be after the planned end');
  const moved = plannedStart !== m.plannedStart || plannedEnd !== m.plannedEnd;
  if (moved && approved && !reason) throw new PlanMoveError('reason', '计划已审定，调整日期须说明原因', 'the plan is approved: moving a date needs a reason');
  const change = moved && approved ? { fromStart: m.plannedStart, fromEnd: m.plannedEnd, toStart: plannedStart, toEnd: plannedEnd, reason: reason! } : null;
  return { dates: { ...m, plannedStart, plannedEnd }, moved, change };
}
