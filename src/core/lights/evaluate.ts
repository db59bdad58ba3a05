import { addCalendarDays, addMonths } from '../schedule/plan.js';
import type { Stage } from '../stages.js';
import { RULE_KIND_DIMENSION, type LightColor, type LightDimension, type LightRule, type Severity } from './light-rules.js';

/** Everything the rules read about one project on one day. Money in 元; dates YYYY-MM-DD (or YYYY-MM for planned months). */
export interface LightInput {
  stage: Stage;
  /** 年度计划投资 and 本年累计完成 (元), and the 序时 share (0..1) for the year so far; null when there is no annual plan. */
  investment: { annualPlan: number; completedThisYear: number; timeShare: number } | null;
  plannedStart: string | null;
  actualStart: string | null;
  /** 统计入库 date; null while not entered. */
  statsEnteredAt: string | null;
  /** Open milestones (not completed). */
  milestones: readonly { name: string; plannedEnd: string; started: boolean }[];
  /** Open problems (not closed). */
  problems: readonly { title: string; deadline: string }[];
  /** The latest report rounds, newest first. */
  reports: readonly { period: string; state: 'on-time' | 'late' | 'missing' }[];
  /** Final colours of the previous months, newest first (light history). */
  previousColors: readonly LightColor[];
}

export interface LightReason {
  code: string;
  name: string;
  dimension: LightDimension;
  severity: Severity;
  /** The figures the rule compared, for "why is it red" (亮灯原因); describeReason() words them. */
  figures: Record<string, string | number>;
}

export interface LightResult {
  color: LightColor;
  /** Raised rules, worst first. Empty for green. */
  reasons: LightReason[];
}

const NOT_STARTED: readonly Stage[] = ['reserve', 'negotiating', 'signed'];
const FINISHED: readonly Stage[] = ['completed', 'operating'];

/** Whole days from `a` to `b` (both YYYY-MM-DD); positive when b is later. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** The first day after the month of a planned date ('2026-06' or '2026-06-15' → '2026-07-01'). */
export function monthAfter(planned: string): string {
  return addMonths(`${planned.slice(0, 7)}-01`, 1);
}

/** 百分点 below 序时 (positive = behind), rounded to 0.1 as reports print it. */
export function pointsBehind(inv: NonNullable<LightInput['investment']>): { rate: number; expected: number; behind: number } {
  const rate = inv.annualPlan > 0 ? (inv.completedThisYear / inv.annualPlan) * 100 : 0;
  const expected = inv.timeShare * 100;
  const round1 = (x: number) => Math.round(x * 10) / 10;
  return { rate: round1(rate), expected: round1(expected), behind: round1(expected - rate) };
}

type Check = (rule: LightRule, input: LightInput, today: string) => Record<string, string | number> | null;

const CHECKS: Record<Exclude<LightRule['kind'], 'yellow-streak'>, Check> = {
  'investment-lag'(rule, input) {
    const inv = input.investment;
    // Only projects that are building (or have built this year) invest; a late start is the start rule's.
    if (!inv || inv.annualPlan <= 0 || inv.timeShare <= 0 || NOT_STARTED.includes(input.stage)) return null;
    const { rate, expected, behind } = pointsBehind(inv);
    const { minPoints = 0, maxPoints } = rule.thresholds;
    if (behind < minPoints || (maxPoints !== undefined && behind > maxPoints)) return null;
    return { rate, expected, behind };
  },
  'start-late'(rule, input, today) {
    if (!input.plannedStart || input.actualStart || !NOT_STARTED.includes(input.stage)) return null;
    const from = addMonths(monthAfter(input.plannedStart), rule.thresholds.afterMonths ?? 0);
    if (today < from) return null;
    return { plannedMonth: input.plannedStart.slice(0, 7), daysLate: daysBetween(monthAfter(input.plannedStart), today) + 1 };
  },
  'stats-late'(rule, input, today) {
    if (!input.actualStart || input.statsEnteredAt || input.stage === 'dropped') return null;
    const start = input.actualStart.length === 7 ? `${input.actualStart}-01` : input.actualStart;
    if (today < addMonths(start, rule.thresholds.afterMonths ?? 0)) return null;
    return { actualStart: start, days: daysBetween(start, today) };
  },
  'milestone-due'(rule, input, today) {
    const limit = addCalendarDays(today, rule.thresholds.withinDays ?? 0);
    const due = input.milestones.filter((m) => !m.started && m.plannedEnd >= today && m.plannedEnd <= limit);
    if (due.length === 0) return null;
    const first = [...due].sort((a, b) => a.plannedEnd.localeCompare(b.plannedEnd))[0]!;
    return { name: first.name, plannedEnd: first.plannedEnd, count: due.length };
  },
  'milestone-overdue'(rule, input, today) {
    const min = Math.max(1, rule.thresholds.overdueDays ?? 1);
    const late = input.milestones.filter((m) => daysBetween(m.plannedEnd, today) >= min);
    if (late.length === 0) return null;
    const first = [...late].sort((a, b) => a.plannedEnd.localeCompare(b.plannedEnd))[0]!;
    return { name: first.name, plannedEnd: first.plannedEnd, daysLate: daysBetween(first.plannedEnd, today), count: late.length };
  },
  'problem-overdue'(rule, input, today) {
    const min = Math.max(1, rule.thresholds.overdueDays ?? 1);
    const late = input.problems.filter((p) => daysBetween(p.deadline, today) >= min);
    if (late.length === 0) return null;
    const first = [...late].sort((a, b) => a.deadline.localeCompare(b.deadline))[0]!;
    return { name: first.title, deadline: first.deadline, daysLate: daysBetween(first.deadline, today), count: late.length };
  },
  'report-missing'(rule, input) {
    const rounds = Math.max(1, rule.thresholds.rounds ?? 1);
    const recent = input.reports.slice(0, rounds);
    if (recent.length < rounds || FINISHED.includes(input.stage) || input.stage === 'dropped') return null;
    const counts = (s: LightInput['reports'][number]['state']) => s === 'missing' || (s === 'late' && (rule.thresholds.lateCounts ?? 1) > 0);
    if (!recent.every((r) => counts(r.state))) return null;
    return { periods: recent.map((r) => r.period).join(', '), missing: recent.filter((r) => r.state === 'missing').length, late: recent.filter((r) => r.state === 'late').length };
  },
};

const RANK: Record<LightColor, number> = { green: 0, yellow: 1, red: 2 };

/**
 * The light of one project today. Dropped projects get none (null). The streak rule runs last:
 * it turns a yellow red when the previous `months` months were yellow too.
 */
export function evaluateLight(input: LightInput, rules: readonly LightRule[], today: string): LightResult | null {
  if (input.stage === 'dropped') return null;
  // Rules of one kind measure the same fact at different thresholds: only the worst raised one speaks.
  const byKind = new Map<LightRule['kind'], LightReason>();
  for (const rule of rules) {
    if (!rule.enabled || rule.kind === 'yellow-streak') continue;
    const figures = CHECKS[rule.kind](rule, input, today);
    const held = byKind.get(rule.kind);
    if (figures && (!held || RANK[rule.severity] > RANK[held.severity])) {
      byKind.set(rule.kind, { code: rule.code, name: rule.name, dimension: RULE_KIND_DIMENSION[rule.kind], severity: rule.severity, figures });
    }
  }
  const reasons = [...byKind.values()];
  let color = reasons.reduce<LightColor>((worst, r) => (RANK[r.severity] > RANK[worst] ? r.severity : worst), 'green');
  if (color === 'yellow') {
    for (const rule of rules) {
      if (!rule.enabled || rule.kind !== 'yellow-streak') continue;
      const months = Math.max(1, rule.thresholds.months ?? 1);
      const history = input.previousColors.slice(0, months);
      if (history.length === months && history.every((c) => c === 'yellow') && RANK[rule.severity] > RANK[color]) {
        reasons.push({ code: rule.code, name: rule.name, dimension: 'trend', severity: rule.severity, figures: { months: months + 1 } });
        color = rule.severity;
      }
    }
  }
  reasons.sort((a, b) => RANK[b.severity] - RANK[a.severity]);
  return { color, reasons };
}
