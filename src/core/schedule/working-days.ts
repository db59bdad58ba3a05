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

// Days are counted as integers since 1970-01-01 (a Thursday): loops over months of days then
// cost a set lookup per day, not a Date per day (plans recompute lateness for every node).
const DAY_MS = 86_400_000;

function toDay(date: string): number {
  if (!ISO_DATE_RE.test(date)) throw new RangeError(`not an ISO date: ${date}`);
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

function fromDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

const numeric = new WeakMap<WorkCalendar, { holidays: Set<number>; workdays: Set<number> }>();
function daysOf(cal: WorkCalendar) {
  let n = numeric.get(cal);
  if (!n) {
    n = { holidays: new Set([...cal.holidays].map(toDay)), workdays: new Set([...cal.workdays].map(toDay)) };
    numeric.set(cal, n);
  }
  return n;
}

function isWorking(n: { holidays: Set<number>; workdays: Set<number> }, day: number): boolean {
  if (n.workdays.has(day)) return true;
  if (n.holidays.has(day)) return false;
  const weekday = (((day + 4) % 7) + 7) % 7; // 0 = Sunday
  return weekday !== 0 && weekday !== 6;
}

/** The calendar date `days` after (or before, when negative) `date`. */
export function addCalendarDays(date: string, days: number): string {
  return fromDay(toDay(date) + days);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function calendarDaysBetween(from: string, to: string): number {
  return toDay(to) - toDay(from);
}

export function isWorkingDay(cal: WorkCalendar, date: string): boolean {
  return isWorking(daysOf(cal), toDay(date));
}

/** `date` itself when it is a working day, else the first working day after it. */
export function onOrAfterWorkingDay(cal: WorkCalendar, date: string): string {
  const n = daysOf(cal);
  let d = toDay(date);
  while (!isWorking(n, d)) d++;
  return fromDay(d);
}

/**
 * The n-th working day after `date` (the day itself not counted): a matter received on `date`
 * with a limit of n working days (办结时限) is due on `addWorkingDays(cal, date, n)`. n = 0 gives
 * `date` when it is a working day, else the next one. Negative n counts backwards.
 */
export function addWorkingDays(cal: WorkCalendar, date: string, n: number): string {
  if (n === 0) return onOrAfterWorkingDay(cal, date);
  const days = daysOf(cal);
  const step = n > 0 ? 1 : -1;
  let d = toDay(date);
  let left = Math.abs(n);
  while (left > 0) {
    d += step;
    if (isWorking(days, d)) left--;
  }
  return fromDay(d);
}

/** Working days after `from` up to and including `to` (0 when `to` ≤ `from`). */
export function workingDaysBetween(cal: WorkCalendar, from: string, to: string): number {
  const days = daysOf(cal);
  const last = toDay(to);
  let n = 0;
  for (let d = toDay(from) + 1; d <= last; d++) if (isWorking(days, d)) n++;
  return n;
}

/** Builds a calendar from day entries (as stored: one row per special day). */
export function calendarOf(days: readonly { date: string; kind: 'holiday' | 'workday' }[]): WorkCalendar {
  return {
    holidays: new Set(days.filter((d) => d.kind === 'holiday').map((d) => d.date)),
    workdays: new Set(days.filter((d) => d.kind === 'workday').map((d) => d.date)),
  };
}
