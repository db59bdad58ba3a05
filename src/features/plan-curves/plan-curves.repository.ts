import type { Kysely } from 'kysely';
import { isValidCurve } from '../../core/schedule/time-progress.js';
import type { Database } from '../../db/database.js';

function parsed(text: string | null): number[] | null {
  if (!text) return null;
  const c = JSON.parse(text) as number[];
  return isValidCurve(c) ? c : null;
}

/** What resolving projects' 序时 pace needs for a year: three statements, whatever the count. */
export interface PaceData {
  projectCurves: Map<string, number[]>;
  unitCurves: Map<string, number[]>;
  unitPaths: Map<string, string>;
}

export const planCurvesRepository = {
  find(db: Kysely<Database>, projectId: string, year: number) {
    return db.selectFrom('projectPlanCurves').selectAll().where('projectId', '=', projectId).where('year', '=', year).executeTakeFirst();
  },

  async paceData(db: Kysely<Database>, year: number): Promise<PaceData> {
    const [projects, goals, units] = await Promise.all([
      db.selectFrom('projectPlanCurves').select(['projectId', 'curve']).where('year', '=', year).execute(),
      db.selectFrom('goals').select(['unitId', 'planCurve']).where('year', '=', year).where('planCurve', 'is not', null).execute(),
      db.selectFrom('units').select(['id', 'path']).execute(),
    ]);
    const projectCurves = new Map<string, number[]>();
    for (const r of projects) {
      const c = parsed(r.curve);
      if (c) projectCurves.set(r.projectId, c);
    }
    const unitCurves = new Map<string, number[]>();
    for (const r of goals) {
      const c = parsed(r.planCurve);
      if (c) unitCurves.set(r.unitId, c);
    }
    return { projectCurves, unitCurves, unitPaths: new Map(units.map((u) => [u.id, u.path])) };
  },
};
