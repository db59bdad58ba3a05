import { chinaDate } from '../../core/business-date.js';
import { milestoneStatus } from '../../core/schedule/plan.js';
import type { ListProjectsQuery } from '../../core/schemas/projects.schema.js';
import type { Stage } from '../../core/stages.js';
import { scopeOf } from '../projects/projects.service.js';
import type { Actor, Deps } from '../shared/context.js';
import { milestonesRepository } from './milestones.repository.js';

export const PORTFOLIO_LIMIT = 1000;

/**
 * The portfolio Gantt (项目群甘特图): every planned project matching the ledger filters, each
 * with its milestones (plan, baseline, actual, status), in two queries whatever the count.
 */
export function createPortfolioService(deps: Deps) {
  return {
    async gantt(actor: Actor, query: Omit<ListProjectsQuery, 'page' | 'pageSize' | 'sort' | 'order'>) {
      const { unitId, ...rest } = query;
      const unitPath = unitId ? ((await deps.db.selectFrom('units').select('path').where('id', '=', unitId).executeTakeFirst())?.path ?? '\u0000') : undefined;
      const { projects, milestones, truncated } = await milestonesRepository.portfolio(deps.db, { ...rest, unitPath }, scopeOf(actor), PORTFOLIO_LIMIT);
      const today = chinaDate(deps.clock.now());
      const byProject = new Map<string, typeof milestones>();
      for (const m of milestones) byProject.set(m.projectId, [...(byProject.get(m.projectId) ?? []), m]);
      return {
        today,
        truncated,
        projects: projects.map((p) => ({
          id: p.id,
          name: p.name,
          stage: p.stage as Stage,
          industry: p.industry,
          leadUnitName: p.leadUnitName,
          approved: !!p.approvedAt,
          milestones: (byProject.get(p.id) ?? []).map((m) => ({
            id: m.id,
            code: m.code,
            name: m.name,
            plannedStart: m.plannedStart,
            plannedEnd: m.plannedEnd,
            baselineStart: m.baselineStart,
            baselineEnd: m.baselineEnd,
            actualDate: m.actualDate,
            dependsOn: JSON.parse(m.dependsOn) as string[],
            status: milestoneStatus(m, today),
          })),
        })),
      };
    },
  };
}
export type PortfolioService = ReturnType<typeof createPortfolioService>;
