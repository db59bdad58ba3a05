import { workingDaysBetween, type WorkCalendar } from '../schedule/working-days.js';

/**
 * 督办升级阶梯 (escalation ladder), shared by problems (问题清单) and action items (督办事项).
 *
 * Level 0 = not escalated. An open item whose deadline has passed climbs to level 1 on the first
 * day after its deadline; it climbs to level n (n ≥ 2) once it is `afterWorkingDays` of level n
 * further working days overdue (cumulative over the levels). The level an item ought to be at is
 * a pure function of (deadline, today, ladder, calendar), so a scheduled job that runs twice — or
 * on two instances, or after a week's outage — reaches the same level and never climbs twice.
 * Manual escalation raises the level early; the automatic rule never lowers it.
 */

/**
 * Who a level's notice goes to:
 *  - `leader`         the item's responsible leader (分管领导: problems.leaderId / action_items.leaderId)
 *  - `unit-head`      the head of the responsible unit (责任单位主要负责人, kept in the ladder's unitHeads;
 *                     without one, the unit's active coordinators and staff)
 *  - `project-leader` the project's 包挂县领导 (projects.leaderUserId)
 *  - `users`          people named on the level (县主要领导 / 常委会)
 */
export const RECIPIENT_KINDS = ['leader', 'unit-head', 'project-leader', 'users'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

export const RECIPIENT_KIND_NAMES: Record<RecipientKind, { zh: string; en: string }> = {
  leader: { zh: '责任（分管）领导', en: 'Responsible leader' },
  'unit-head': { zh: '责任单位主要负责人', en: 'Head of the responsible unit' },
  'project-leader': { zh: '项目包挂县领导', en: "Project's county leader" },
  users: { zh: '指定人员', en: 'Named people' },
};

export interface LadderLevel {
  /** Shown to people: 分管领导, 县主要领导/常委会 … */
  name: string;
  recipient: RecipientKind;
  /** For `users` (and added to any other kind): the people always told at this level. */
  userIds: string[];
  /** Working days overdue after the previous level before the item climbs here (level 1: after the deadline). */
  afterWorkingDays: number;
}

export interface EscalationLadder {
  levels: LadderLevel[];
  /** 责任单位主要负责人: unit id → user id. */
  unitHeads: Record<string, string>;
}

export const MAX_LADDER_LEVELS = 6;

export const DEFAULT_LADDER: EscalationLadder = {
  levels: [
    { name: '分管领导', recipient: 'leader', userIds: [], afterWorkingDays: 0 },
    { name: '责任单位主要负责人', recipient: 'unit-head', userIds: [], afterWorkingDays: 3 },
    { name: '包挂县领导', recipient: 'project-leader', userIds: [], afterWorkingDays: 5 },
    { name: '县主要领导/常委会', recipient: 'users', userIds: [], afterWorkingDays: 5 },
  ],
  unitHeads: {},
};

/** Working days past the deadline at which each level is reached (index 0 = level 1): running sums. */
export function levelThresholds(ladder: Pick<EscalationLadder, 'levels'>): number[] {
  let sum = 0;
  return ladder.levels.map((l) => (sum += Math.max(0, l.afterWorkingDays)));
}

/**
 * The level an open item ought to be at on `today` (0 when not overdue). Level 1 comes the first
 * calendar day after the deadline when its wait is 0; every other wait counts working days, so a
 * weekend or a 春节 holiday does not push an item up.
 */
export function dueLevel(cal: WorkCalendar, ladder: Pick<EscalationLadder, 'levels'>, deadline: string, today: string): number {
  if (today <= deadline) return 0;
  const overdue = workingDaysBetween(cal, deadline, today);
  let level = 0;
  levelThresholds(ladder).forEach((t, i) => {
    if (t === 0 || overdue >= t) level = i + 1;
  });
  return level;
}

/**
 * What the scheduled job does with an item: climb to `dueLevel` when that is above the current
 * level, else nothing. Returns the new level, or null for "leave it".
 */
export function climbTo(cal: WorkCalendar, ladder: Pick<EscalationLadder, 'levels'>, item: { deadline: string; escalationLevel: number }, today: string): number | null {
  const due = Math.min(dueLevel(cal, ladder, item.deadline, today), ladder.levels.length);
  return due > item.escalationLevel ? due : null;
}

/** The next level for a manual escalation, or null when the item is already at the top. */
export function nextLevel(ladder: Pick<EscalationLadder, 'levels'>, current: number): number | null {
  return current < ladder.levels.length ? current + 1 : null;
}

/** Working days an item is overdue (0 when not), for lists and reminders. */
export function overdueWorkingDays(cal: WorkCalendar, deadline: string, today: string): number {
  return today > deadline ? workingDaysBetween(cal, deadline, today) : 0;
}

/** The people to tell at a level, resolved from the item, the ladder and the unit's staff. */
export interface LevelContext {
  leaderId: string | null;
  unitId: string;
  projectLeaderId: string | null;
  /** Active coordinators and staff of the responsible unit: the fallback for a unit without a named head. */
  unitStaffIds: string[];
}

export function recipientsAt(ladder: EscalationLadder, level: number, ctx: LevelContext): string[] {
  const l = ladder.levels[level - 1];
  if (!l) return [];
  const out: string[] = [...l.userIds];
  if (l.recipient === 'leader' && ctx.leaderId) out.push(ctx.leaderId);
  if (l.recipient === 'unit-head') {
    const head = ladder.unitHeads[ctx.unitId];
    out.push(...(head ? [head] : ctx.unitStaffIds));
  }
  if (l.recipient === 'project-leader' && ctx.projectLeaderId) out.push(ctx.projectLeaderId);
  return [...new Set(out)];
}

/** Used by the API on save: a ladder has 1–6 named levels. */
export function ladderProblems(ladder: EscalationLadder): string[] {
  const out: string[] = [];
  if (ladder.levels.length < 1 || ladder.levels.length > MAX_LADDER_LEVELS) out.push(`阶梯须有 1–${MAX_LADDER_LEVELS} 级 / the ladder needs 1 to ${MAX_LADDER_LEVELS} levels`);
  return out;
}
