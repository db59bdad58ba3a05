import { expectedByNow, gapPoints, type PlanCurve } from '../schedule/time-progress.js';
import { GOAL_METRICS, TARGET_FIELD, isPoolMetric, type GoalMetric, type GoalQuarters, type MetricProgress, type PacedMetric, type TargetField } from '../schemas/goals.schema.js';

/**
 * Live progress of a goal against 序时 (pure; the service feeds it targets and actuals).
 *  - Flows (签约/开工/竣工/投产) and investment accrue over the year: the expected value by now is
 *    the target × 序时 share (elapsed months ÷ 12), or the quarterly split, or — for investment —
 *    the agreed monthly plan curve. The gap is completion rate minus that share, in 百分点.
 *  - Pools (在谈/储备) are minimum stocks to hold all year: expected = the target itself, and the
 *    gap is how far the stock is above or below it, in 百分点 of the target.
 * A metric is "ahead" when the actual has reached the expected value (on pace counts as ahead:
 * nothing is owed), "behind" otherwise, "none" without a target or without an actual figure.
 */
export type GoalTargets = Record<TargetField, number | null> & { quarters: GoalQuarters | null; planCurve: PlanCurve | null };
export type GoalActuals = Record<GoalMetric, number | null>;

const none = (target: number | null, actual: number | null): MetricProgress => ({ target, actual, expected: null, gapPoints: null, status: 'none' });
/** −0 reads badly in a table ("-0.0 百分点"). */
const tidy = (n: number | null) => (n === 0 ? 0 : n);

export function pacedProgress(metric: PacedMetric, target: number | null, actual: number | null, months: number, opts: { quarters?: readonly number[] | null | undefined; curve?: PlanCurve | null }): MetricProgress {
  if (target === null) return none(null, actual);
  const exact = expectedByNow(target, months, { quarters: opts.quarters ?? null, curve: metric === 'investment' ? opts.curve : null });
  // Counts show one decimal (8.3 个); money is whole 元.
  const expected = metric === 'investment' ? Math.round(exact) : Math.round(exact * 10) / 10;
  if (actual === null) return { target, actual, expected, gapPoints: null, status: 'none' };
  const share = target > 0 ? exact / target : 0;
  return { target, actual, expected, gapPoints: tidy(gapPoints(actual, target, share)), status: actual >= exact - 1e-9 ? 'ahead' : 'behind' };
}

export function poolProgress(target: number | null, actual: number | null): MetricProgress {
  if (target === null || actual === null) return none(target, actual);
  const gap = target > 0 ? tidy(Math.round((actual / target - 1) * 1000) / 10) : null;
  return { target, actual, expected: target, gapPoints: gap, status: actual >= target ? 'ahead' : 'behind' };
}

/** Every metric of one goal, `months` months of the goal's year having ended. */
export function goalProgress(goal: GoalTargets, actuals: GoalActuals, months: number): Record<GoalMetric, MetricProgress> {
  const out = {} as Record<GoalMetric, MetricProgress>;
  for (const metric of GOAL_METRICS) {
    const target = goal[TARGET_FIELD[metric]];
    out[metric] = isPoolMetric(metric)
      ? poolProgress(target, actuals[metric])
      : pacedProgress(metric, target, actuals[metric], months, { quarters: goal.quarters?.[metric], curve: goal.planCurve });
  }
  return out;
}

/**
 * Sums per-unit figures over each goal unit's subtree. A unit's `path` lists its ancestors
 * ("/root/zone/unit/"), so a row adds to every goal unit on its path: O(rows × depth), however
 * many goals there are. Each project has exactly one lead unit, so per-unit distinct counts add
 * up to distinct counts per subtree.
 */
export function subtreeTotals<K extends string>(
  pathOf: ReadonlyMap<string, string>,
  rows: readonly ({ unitId: string } & Record<K, number>)[],
  keys: readonly K[],
  goalUnitIds: Iterable<string>,
): Map<string, Record<K, number>> {
  const totals = new Map<string, Record<K, number>>();
  for (const id of goalUnitIds) totals.set(id, Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>);
  for (const row of rows) {
    const path = pathOf.get(row.unitId);
    if (!path) continue;
    for (const ancestor of path.split('/')) {
      const acc = ancestor ? totals.get(ancestor) : undefined;
      if (acc) for (const k of keys) acc[k] += row[k];
    }
  }
  return totals;
}
