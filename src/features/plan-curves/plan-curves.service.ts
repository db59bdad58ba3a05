import { AppError } from '../../core/errors.js';
import { resolvePlanCurve } from '../../core/schedule/pace.js';
import type { PlanCurveInput, ProjectPlanCurve } from '../../core/schemas/plan-curves.schema.js';
import type { AuditService } from '../audit/audit.service.js';
import type { ProjectsService } from '../projects/projects.service.js';
import type { Actor, Deps } from '../shared/context.js';
import { planCurvesRepository } from './plan-curves.repository.js';

/**
 * 项目月度计划曲线: a project's own 序时 curve for a year, set by the coordinator when the project's
 * investment is not spread evenly (e.g. equipment bought in the autumn). It paces that project
 * first, before its lead unit's and parent units' goal curves (src/core/schedule/pace.ts).
 */
export function createPlanCurvesService(deps: Deps, audit: AuditService, projects: ProjectsService) {
  async function read(projectId: string, unitId: string, year: number): Promise<ProjectPlanCurve> {
    const [row, pace] = await Promise.all([planCurvesRepository.find(deps.db, projectId, year), planCurvesRepository.paceData(deps.db, year)]);
    const own = row ? (JSON.parse(row.curve) as number[]) : null;
    const r = resolvePlanCurve(own, pace.unitPaths.get(unitId) ?? '', pace.unitCurves);
    const unitName = r.unitId ? ((await deps.db.selectFrom('units').select('name').where('id', '=', r.unitId).executeTakeFirst())?.name ?? null) : null;
    return { projectId, year, curve: own, version: row?.version ?? 0, effective: { source: r.source, unitId: r.unitId, unitName, curve: r.curve ? [...r.curve] : null } };
  }

  return {
    async get(actor: Actor, projectId: string, year: number): Promise<ProjectPlanCurve> {
      const project = await projects.findVisible(actor, projectId);
      return read(projectId, project.unitId, year);
    },

    /** Sets (or, with curve null, clears) the project's curve; replacing one needs its version. */
    async put(actor: Actor, projectId: string, expectedVersion: number | null, input: PlanCurveInput): Promise<{ result: ProjectPlanCurve; created: boolean }> {
      const project = await projects.findVisible(actor, projectId);
      if (project.archived) throw new AppError('VALIDATION_FAILED', { field: 'projectId', reason: '项目已归档 / the project is archived' });
      const now = deps.clock.now().toISOString();
      let created = false;
      await deps.db.transaction().execute(async (trx) => {
        const before = await planCurvesRepository.find(trx, projectId, input.year);
        if (before && expectedVersion === null) throw new AppError('PRECONDITION_REQUIRED');
        if (before && before.version !== expectedVersion) throw new AppError('VERSION_CONFLICT', { current: { projectId, year: input.year, curve: JSON.parse(before.curve) as number[], version: before.version } });
        if (!before && expectedVersion !== null && expectedVersion !== 0) throw new AppError('VERSION_CONFLICT', { current: { projectId, year: input.year, curve: null, version: 0 } });
        if (input.curve === null) {
          if (before) await trx.deleteFrom('projectPlanCurves').where('projectId', '=', projectId).where('year', '=', input.year).where('version', '=', before.version).execute();
        } else if (before) {
          const r = await trx
            .updateTable('projectPlanCurves')
            .set({ curve: JSON.stringify(input.curve), unitId: project.unitId, version: before.version + 1, updatedAt: now })
            .where('projectId', '=', projectId)
            .where('year', '=', input.year)
            .where('version', '=', before.version)
            .executeTakeFirst();
          if (Number(r.numUpdatedRows) !== 1) throw new AppError('VERSION_CONFLICT', {});
        } else {
          await trx.insertInto('projectPlanCurves').values({ projectId, year: input.year, unitId: project.unitId, curve: JSON.stringify(input.curve), version: 1, updatedAt: now }).execute();
          created = true;
        }
        await audit.record(trx, actor, {
          action: 'project.plan-curve',
          objectType: 'project',
          objectId: projectId,
          unitId: project.unitId,
          before: before ? { year: input.year, curve: JSON.parse(before.curve) as number[] } : null,
          after: { year: input.year, curve: input.curve },
        });
      });
      return { result: await read(projectId, project.unitId, input.year), created };
    },
  };
}
export type PlanCurvesService = ReturnType<typeof createPlanCurvesService>;
