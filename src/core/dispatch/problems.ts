import type { ActionItemStatus } from './action-items.js';

/**
 * 问题清单 vocabulary and status rules (问题清单 → 责任清单 → 销号). A problem belongs to a
 * project or to a whole zone; its responsible unit works it, applies for 销号 with proof, and the
 * coordinator (项目办) verifies — or sends it back. One that cannot be solved at the unit's level
 * is reported up (无法解决-上报).
 */
export const DEFAULT_PROBLEM_CATEGORIES = ['土地规划调整', '土地指标', '征地拆迁', '水电气配套', '资金', '审批手续', '环评能评', '用工人才', '其他'] as const;

export const PROBLEM_STATUSES = ['new', 'in_progress', 'close_requested', 'closed', 'unresolvable'] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

export const PROBLEM_STATUS_NAMES: Record<ProblemStatus, { zh: string; en: string }> = {
  new: { zh: '新增', en: 'New' },
  in_progress: { zh: '推进中', en: 'In progress' },
  close_requested: { zh: '申请销号', en: 'Closure requested' },
  closed: { zh: '已销号', en: 'Closed' },
  unresolvable: { zh: '无法解决-上报', en: 'Unresolvable, reported up' },
};

/** The three weekly lists (新增 / 推进落实 / 已办结销号). */
export const PROBLEM_VIEWS = ['new', 'active', 'closed'] as const;
export type ProblemView = (typeof PROBLEM_VIEWS)[number];

export type ProblemAction = 'start' | 'request-close' | 'verify' | 'reject-close' | 'unresolvable' | 'escalate';

/** Who acts: the coordinator (项目办), or someone of the responsible unit (or the person in charge). */
export type ProblemActorKind = 'coordinator' | 'owner' | 'leader' | 'other';

interface Rule {
  from: readonly ProblemStatus[];
  to: ProblemStatus | null;
  who: readonly ProblemActorKind[];
  /** A note (reason or proof text) is required. */
  note: boolean;
}

/** One table of every move: the service and the web buttons both read it. `to: null` keeps the status. */
export const PROBLEM_RULES: Record<ProblemAction, Rule> = {
  start: { from: ['new', 'unresolvable'], to: 'in_progress', who: ['coordinator', 'owner'], note: false },
  'request-close': { from: ['new', 'in_progress'], to: 'close_requested', who: ['coordinator', 'owner'], note: true },
  verify: { from: ['close_requested'], to: 'closed', who: ['coordinator'], note: false },
  'reject-close': { from: ['close_requested'], to: 'in_progress', who: ['coordinator'], note: true },
  unresolvable: { from: ['new', 'in_progress'], to: 'unresolvable', who: ['coordinator', 'owner'], note: true },
  escalate: { from: ['new', 'in_progress'], to: null, who: ['coordinator', 'leader'], note: true },
};

/** Statuses the escalation job climbs: the unit still owes the work. */
export const PROBLEM_ESCALATING: readonly ProblemStatus[] = ['new', 'in_progress'];
export const PROBLEM_OPEN: readonly ProblemStatus[] = ['new', 'in_progress', 'close_requested', 'unresolvable'];

export type RuleVerdict = { ok: true } | { ok: false; code: 'INVALID_STATE' | 'FORBIDDEN' | 'NOTE_REQUIRED' | 'PROOF_REQUIRED'; zh: string; en: string };

/**
 * May `who` do `action` on a problem in `status` with this note and these photos? 销号 needs
 * both a note and at least one photo — the proof the coordinator checks.
 */
export function checkProblemAction(action: ProblemAction, status: ProblemStatus, who: ProblemActorKind, input: { note?: string | null; photoCount?: number }): RuleVerdict {
  const rule = PROBLEM_RULES[action];
  if (!rule.who.includes(who)) return { ok: false, code: 'FORBIDDEN', zh: '无权执行此操作', en: 'not allowed for you' };
  if (!rule.from.includes(status)) return { ok: false, code: 'INVALID_STATE', zh: `当前状态“${PROBLEM_STATUS_NAMES[status].zh}”不能执行此操作`, en: `not possible while ${PROBLEM_STATUS_NAMES[status].en}` };
  if (rule.note && !input.note?.trim()) return { ok: false, code: 'NOTE_REQUIRED', zh: '请填写说明或理由', en: 'a note or reason is required' };
  if (action === 'request-close' && (input.photoCount ?? 0) < 1) return { ok: false, code: 'PROOF_REQUIRED', zh: '申请销号须附现场照片等佐证', en: 'closure needs at least one photo as proof' };
  return { ok: true };
}

export type ActionItemAction = 'feedback' | 'verify' | 'return' | 'cancel' | 'escalate';

const ACTION_RULES: Record<ActionItemAction, { from: readonly ActionItemStatus[]; to: ActionItemStatus | null; who: readonly ProblemActorKind[]; note: boolean }> = {
  feedback: { from: ['open'], to: 'reported', who: ['coordinator', 'owner'], note: true },
  verify: { from: ['reported'], to: 'closed', who: ['coordinator'], note: false },
  return: { from: ['reported'], to: 'open', who: ['coordinator'], note: true },
  cancel: { from: ['open', 'reported'], to: 'cancelled', who: ['coordinator'], note: true },
  escalate: { from: ['open'], to: null, who: ['coordinator', 'leader'], note: true },
};
export { ACTION_RULES };

/** The same check for 督办事项: the owner reports back, only the coordinator verifies, returns or cancels. */
export function checkActionItemAction(action: ActionItemAction, status: ActionItemStatus, who: ProblemActorKind, input: { note?: string | null }): RuleVerdict {
  const rule = ACTION_RULES[action];
  if (!rule.who.includes(who)) return { ok: false, code: 'FORBIDDEN', zh: '无权执行此操作', en: 'not allowed for you' };
  if (!rule.from.includes(status)) return { ok: false, code: 'INVALID_STATE', zh: '当前状态不能执行此操作', en: `not possible while ${status}` };
  if (rule.note && !input.note?.trim()) return { ok: false, code: 'NOTE_REQUIRED', zh: '请填写反馈内容或理由', en: 'a note or reason is required' };
  return { ok: true };
}

/** The Monday (China date) of the week `today` falls in: 本周新增 counts from it. */
export function weekStart(today: string): string {
  const d = new Date(`${today}T00:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - back);
  return d.toISOString().slice(0, 10);
}

/** Mean of whole days, one decimal; null for none. */
export function averageDays(days: readonly number[]): number | null {
  if (days.length === 0) return null;
  return Math.round((days.reduce((a, b) => a + b, 0) / days.length) * 10) / 10;
}
