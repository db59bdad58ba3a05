/**
 * Working-day arithmetic (工作日) on the official calendar: weekends are rest days, except the
 * make-up working days (调休上班); public holidays (法定节假日及调休放假) are rest days. Dates are
 * ISO 'YYYY-MM-DD' strings, computed in UTC so that no time zone can shift a day.
 */
export interface WorkCalendar {
  /** Rest days that would otherwise be working days (holidays, 调休放假). */
  holidays: ReadonlySet<string>;
  /** Weekend days that are working days (调休上班). */
  workdays: ReadonlySet<string>;
}

export const ISO_DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function toUtc(date: string): Date {
  if (!ISO_DATE_RE.test(date)) throw new RangeError(`not an ISO date: ${date}`);
  return new Date(`${date}T00:00:00Z`);
}

/** The calendar date `days` after (or before, when negative) `date`. */
export function addCalendarDays(date: string, days: number): string {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function calendarDaysBetween(from: string, to: string): number {
  return Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / 86_400_000);
}

export function isWorkingDay(cal: WorkCalendar, date: string): boolean {
  if (cal.workdays.has(date)) return true;
  if (cal.holidays.has(date)) return false;
  const weekday = toUtc(date).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** `date` itself when it is a working day, else the first working day after it. */
export function onOrAfterWorkingDay(cal: WorkCalendar, date: string): string {
  let d = date;
  while (!isWorkingDay(cal, d)) d = addCalendarDays(d, 1);
  return d;
}

/**
 * The n-th working day after `date` (the day itself not counted): a matter received on `date`
 * with a limit of n working days (办结时限) is due on `addWorkingDays(cal, date, n)`. n = 0 gives
 * `date` when it is a working day, else the next one. Negative n counts backwards.
 */
export function addWorkingDays(cal: WorkCalendar, date: string, n: number): string {
  if (n === 0) return onOrAfterWorkingDay(cal, date);
  const step = n > 0 ? 1 : -1;
  let d = date;
  let left = Math.abs(n);
  while (left > 0) {
    d = addCalendarDays(d, step);
    if (isWorkingDay(cal, d)) left--;
  }
  return d;
}

/** Working days after `from` up to and including `to` (0 when `to` ≤ `from`). */
export function workingDaysBetween(cal: WorkCalendar, from: string, to: string): number {
  let n = 0;
  for (let d = addCalendarDays(from, 1); d <= to; d = addCalendarDays(d, 1)) if (isWorkingDay(cal, d)) n++;
  return n;
}

/** Builds a calendar from day entries (as stored: one row per special day). */
export function calendarOf(days: readonly { date: string; kind: 'holiday' | 'workday' }[]): WorkCalendar {
  return {
    holidays: new Set(days.filter((d) => d.kind === 'holiday').map((d) => d.date)),
    workdays: new Set(days.filter((d) => d.kind === 'workday').map((d) => d.date)),
  };
}
