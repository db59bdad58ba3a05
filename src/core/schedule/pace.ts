import { isValidCurve, type PlanCurve } from './time-progress.js';

/** Where a project's 序时 pace comes from. */
export type PaceSource = 'project' | 'unit' | 'default';

export interface ResolvedCurve {
  /** The monthly plan curve to use, or null for the default even pace (elapsed months ÷ 12). */
  curve: PlanCurve | null;
  source: PaceSource;
  /** The unit whose curve applies (source 'unit'). */
  unitId: string | null;
}

/**
 * The one rule for which monthly plan curve paces a project's 序时 (every caller — goal risk,
 * lights — resolves through here): the project's own curve for the year, else its lead unit's,
 * else the nearest parent unit's (walking the unit path "/root/…/lead/" upwards, no higher than
 * `topUnitPath` when given: a goal is paced by curves at or below its own unit), else the even
 * pace. Invalid curves are skipped, as if absent.
 */
export function resolvePlanCurve(projectCurve: readonly number[] | null | undefined, leadUnitPath: string, unitCurves: ReadonlyMap<string, readonly number[]>, topUnitPath = ''): ResolvedCurve {
  if (projectCurve && isValidCurve(projectCurve)) return { curve: projectCurve, source: 'project', unitId: null };
  const topDepth = topUnitPath.split('/').filter(Boolean).length;
  const chain = leadUnitPath.split('/').filter(Boolean).slice(Math.max(0, topDepth - 1)).reverse();
  for (const unitId of chain) {
    const c = unitCurves.get(unitId);
    if (c && isValidCurve(c)) return { curve: c, source: 'unit', unitId };
  }
  return { curve: null, source: 'default', unitId: null };
}
