/**
 * 进展填报 rules, pure: which period a round covers and when it is due, whether a report is late
 * or missing, and the cumulative figures (本年累计, 开工以来累计, 年度完成率) that derive from the
 * accepted monthly reports. No I/O: the service, the web form and the tests share them.
 */

/** 填报周期: monthly (月报, the default) or weekly (周报). */
export type RoundKind = 'monthly' | 'weekly';

/** The default due day of a monthly round (每月25日前). */
export const DEFAULT_DUE_DAY = 25;

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const parse = (date: string) => new Date(`${date}T00:00:00Z`);

export interface Period {
  kind: RoundKind;
  /** "2026-11" for a month, "2026-W48" for an ISO week. */
  period: string;
  start: string;
  end: string;
  dueDate: string;
}

/** The month containing `date` (YYYY-MM-DD), due on `dueDay` of that month (clamped to its last day). */
export function monthlyPeriod(date: string, dueDay = DEFAULT_DUE_DAY): Period {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { kind: 'monthly', period: `${y}-${pad(m)}`, start: `${y}-${pad(m)}-01`, end: `${y}-${pad(m)}-${pad(last)}`, dueDate: `${y}-${pad(m)}-${pad(Math.min(dueDay, last))}` };
}

/** The ISO week (Monday–Sunday) containing `date`, due on its Friday. */
export function weeklyPeriod(date: string): Period {
  const d = parse(date);
  const dow = (d.getUTCDay() + 6) % 7; // Monday = 0
  const monday = new Date(d.getTime() - dow * 86_400_000);
  const thursday = new Date(monday.getTime() + 3 * 86_400_000);
  const isoYear = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(isoYear, 0, 1)) / (7 * 86_400_000)) + 1;
  const day = (n: number) => iso(new Date(monday.getTime() + n * 86_400_000));
  return { kind: 'weekly', period: `${isoYear}-W${pad(week)}`, start: day(0), end: day(6), dueDate: day(4) };
}

/**
 * The weekly round the schedule opens on `today` (周调度: opened on the week's first working day,
 * normally Monday; due on its Friday, or on the last working day before it when Friday is a
 * holiday). Null before the week's first working day, and for a week with no working day from
 * Monday to Friday (国庆, 春节): there is no weekly 调度 then. `isWorking` is the work calendar.
 */
export function scheduledWeeklyRound(today: string, isWorking: (date: string) => boolean): Period | null {
  const p = weeklyPeriod(today);
  const monday = parse(p.start).getTime();
  const weekdays = [0, 1, 2, 3, 4].map((n) => iso(new Date(monday + n * 86_400_000))).filter(isWorking);
  if (weekdays.length === 0 || today < weekdays[0]!) return null;
  return { ...p, dueDate: weekdays[weekdays.length - 1]! };
}

/** Parses "2026-11" / "2026-W48" back into its period; null when malformed. */
export function periodOf(kind: RoundKind, period: string, dueDay = DEFAULT_DUE_DAY): Period | null {
  if (kind === 'monthly') {
    const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
    return m ? monthlyPeriod(`${period}-01`, dueDay) : null;
  }
  const m = /^(\d{4})-W(\d{2})$/.exec(period);
  if (!m) return null;
  // The Monday of ISO week 1 is the Monday of the week holding 4 January.
  const jan4 = weeklyPeriod(`${m[1]}-01-04`);
  const monday = new Date(parse(jan4.start).getTime() + (Number(m[2]) - 1) * 7 * 86_400_000);
  const p = weeklyPeriod(iso(monday));
  return p.period === period ? p : null;
}

/** The month before "2026-11" ("2026-10"), for 上月 copies. */
export function previousMonth(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`;
}

/** 报告状态: 未填报 → 草稿 → 已提交 → 已通过, or 已退回 (back to the unit with a reason). */
export const REPORT_STATUSES = ['pending', 'draft', 'submitted', 'returned', 'accepted'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** The unit may still edit (and submit) the report in these states. */
export const EDITABLE_STATUSES: readonly ReportStatus[] = ['pending', 'draft', 'returned'];

/** 逾期: first submitted after the due date (Beijing calendar days). */
export function isLateSubmission(submittedOn: string, dueDate: string): boolean {
  return submittedOn > dueDate;
}

/** 缺报: never submitted and the due date has passed. */
export function isMissing(status: ReportStatus, dueDate: string, today: string): boolean {
  return (status === 'pending' || status === 'draft') && today > dueDate;
}

export interface AcceptedMonth {
  period: string; // YYYY-MM
  investment: number | null; // 元
}

export interface Cumulative {
  /** 本年累计完成投资 (元) up to and including `period`. */
  ytd: number;
  /** 开工以来累计完成投资 (元) up to and including `period`. */
  sinceStart: number;
  /** 年度完成率 in percent, one decimal; null without an annual plan. */
  annualRate: number | null;
}

/** Cumulative figures at `period` from the accepted monthly reports of one project. */
export function cumulativeAt(accepted: readonly AcceptedMonth[], period: string, annualPlan: number | null): Cumulative {
  const year = period.slice(0, 4);
  let ytd = 0;
  let sinceStart = 0;
  for (const r of accepted) {
    if (r.period > period || r.investment === null) continue;
    sinceStart += r.investment;
    if (r.period.startsWith(year)) ytd += r.investment;
  }
  return { ytd, sinceStart, annualRate: completionRate(ytd, annualPlan) };
}

/** 年度完成率: ytd ÷ annual plan, in percent with one decimal; null when there is no plan. */
export function completionRate(ytd: number | null, annualPlan: number | null): number | null {
  if (ytd === null || !annualPlan) return null;
  return Math.round((ytd / annualPlan) * 1000) / 10;
}

/** The split (土建 / 设备 / 其他) must add up to the month's total when given. */
export function splitMatches(total: number | null, parts: (number | null)[]): boolean {
  const given = parts.filter((p): p is number => p !== null);
  if (given.length === 0) return true;
  return total !== null && given.reduce((a, b) => a + b, 0) === total;
}
