import type { CalendarDay } from './calendar-cn.js';

/**
 * How a release's shipped calendar reaches a database that already has one. Each shipped year
 * carries a revision (SHIPPED_CALENDAR_REVISIONS): a year is written when the database has no
 * revision for it, and rewritten when a later release ships a higher one — typically 2027's
 * provisional statutory days replaced by the State Council's notice. A rewrite replaces only
 * rows that came from shipped data: a day an administrator set by hand (including one they set
 * back to normal, kept as a 'normal' marker) stays as they left it.
 */
export interface ShippedYear {
  year: number;
  revision: number;
  /** Delete the year's shipped (not hand-edited) rows before writing. */
  replace: boolean;
  /** The shipped days to write (hand-edited dates left out). */
  days: CalendarDay[];
}

export function shippingPlan(shipped: readonly CalendarDay[], revisions: Readonly<Record<number, number>>, stored: ReadonlyMap<number, number>, editedDates: ReadonlySet<string>): ShippedYear[] {
  const byYear = new Map<number, CalendarDay[]>();
  for (const d of shipped) {
    const y = Number(d.date.slice(0, 4));
    byYear.set(y, [...(byYear.get(y) ?? []), d]);
  }
  const out: ShippedYear[] = [];
  for (const [year, days] of [...byYear].sort((a, b) => a[0] - b[0])) {
    const revision = revisions[year] ?? 1;
    const have = stored.get(year);
    if (have !== undefined && have >= revision) continue;
    out.push({ year, revision, replace: have !== undefined, days: days.filter((d) => !editedDates.has(d.date)) });
  }
  return out;
}
