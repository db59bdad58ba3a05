/**
 * 序时进度 (time progress): the share of an annual plan due by now at the agreed pace. By default
 * an even pace — elapsed months ÷ 12, a month counting once it has ended (reports "1–10月" compare
 * against 10/12 = 83.3 %). A unit or project may agree a monthly plan curve instead (e.g. little
 * in winter, more after the Spring Festival): 12 cumulative shares in basis points (万分比),
 * non-decreasing, ending at 10000.
 */
export type PlanCurve = readonly number[];

export const EVEN_CURVE: PlanCurve = Array.from({ length: 12 }, (_, i) => Math.round(((i + 1) * 10_000) / 12));

/** Whether a curve is usable: 12 non-decreasing integers in 0..10000 ending at 10000. */
export function isValidCurve(curve: readonly number[]): boolean {
  return (
    curve.length === 12 &&
    curve.every((v, i) => Number.isInteger(v) && v >= 0 && v <= 10_000 && (i === 0 || v >= curve[i - 1]!)) &&
    curve[11] === 10_000
  );
}

/**
 * Months of `year` that have ended by `asOf` ('YYYY-MM-DD'): 0 before the end of January, 12
 * from 31 December on. A date in an earlier year gives 0, in a later year 12.
 */
export function elapsedMonths(year: number, asOf: string): number {
  const y = Number(asOf.slice(0, 4));
  if (y < year) return 0;
  if (y > year) return 12;
  const month = Number(asOf.slice(5, 7));
  const day = Number(asOf.slice(8, 10));
  const lastDay = new Date(Date.UTC(y, month, 0)).getUTCDate();
  return day >= lastDay ? month : month - 1;
}

/** The 序时 share (0..1) after `months` ended months, on the even pace or on a plan curve. */
export function timeProgressShare(months: number, curve?: PlanCurve | null): number {
  const m = Math.max(0, Math.min(12, Math.floor(months)));
  if (m === 0) return 0;
  if (curve && isValidCurve(curve)) return curve[m - 1]! / 10_000;
  return m / 12;
}

/**
 * The expected value by now for a target, with an optional quarterly split (季度分解): the
 * quarters already ended count in full, the running quarter pro rata by its ended months.
 */
export function expectedByNow(target: number, months: number, opts: { curve?: PlanCurve | null; quarters?: readonly number[] | null } = {}): number {
  const q = opts.quarters;
  if (q && q.length === 4) {
    const m = Math.max(0, Math.min(12, Math.floor(months)));
    const full = Math.floor(m / 3);
    let sum = 0;
    for (let i = 0; i < full; i++) sum += q[i]!;
    if (full < 4) sum += (q[full]! * (m % 3)) / 3;
    return sum;
  }
  return target * timeProgressShare(months, opts.curve);
}

/**
 * Actual against 序时, in 百分点 (percentage points): completion rate minus time progress, both
 * as percentages, rounded to 0.1. Positive = ahead (超序时), negative = behind (滞后).
 */
export function gapPoints(actual: number, target: number, expectedShare: number): number | null {
  if (target <= 0) return null;
  return Math.round(((actual / target) * 100 - expectedShare * 100) * 10) / 10;
}
