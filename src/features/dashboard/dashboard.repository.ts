import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { filtered } from '../projects/projects.repository.js';
import type { ProjectScope } from '../projects/projects.repository.js';

/** A unit subtree to look at (its path) within what the caller may see (scope). */
export interface DashboardView {
  scope: ProjectScope | null;
  unitPath: string | undefined;
}

const live = (db: Db, v: DashboardView) => filtered(db, { archived: 'false', unitPath: v.unitPath }, v.scope).where('projects.stage', '!=', 'dropped');

/** Cockpit queries: each one grouped statement over the projects in view. */
export const dashboardRepository = {
  /** Plan, completed and red count per lead unit (rolled up to child units by the service). */
  async byLeadUnit(db: Db, v: DashboardView) {
    return live(db, v)
      .innerJoin('units', 'units.id', 'projects.unitId')
      .select([
        'units.id',
        'units.name',
        'units.path',
        sql<number>`coalesce(sum(projects.annual_plan_investment), 0)`.as('plan'),
        sql<number>`coalesce(sum(projects.ytd_investment), 0)`.as('completed'),
        sql<number>`count(*)`.as('projects'),
        sql<number>`sum(case when projects.light = 'red' then 1 else 0 end)`.as('red'),
      ])
      .groupBy(['units.id', 'units.name', 'units.path'])
      .execute();
  },

  async byIndustry(db: Db, v: DashboardView) {
    return live(db, v)
      .select([
        'projects.industry',
        sql<number>`coalesce(sum(projects.annual_plan_investment), 0)`.as('plan'),
        sql<number>`coalesce(sum(projects.ytd_investment), 0)`.as('completed'),
        sql<number>`count(*)`.as('projects'),
      ])
      .groupBy('projects.industry')
      .execute();
  },

  async lightCounts(db: Db, v: DashboardView) {
    return live(db, v)
      .select(['projects.light', sql<number>`count(*)`.as('n')])
      .groupBy('projects.light')
      .execute();
  },

  /**
   * 十快 / 十慢: projects building this year with an annual plan, by 年度完成率 (ties by name).
   * `fast` = best first, otherwise worst first.
   */
  async paced(db: Db, v: DashboardView, fast: boolean, limit: number) {
    const rate = sql<number>`(projects.ytd_investment * 1.0 / projects.annual_plan_investment)`;
    return live(db, v)
      .innerJoin('units', 'units.id', 'projects.unitId')
      .where('projects.stage', '=', 'construction')
      .where('projects.annualPlanInvestment', '>', 0)
      .select(['projects.id', 'projects.name', 'units.name as leadUnitName', 'projects.annualPlanInvestment', 'projects.ytdInvestment', 'projects.light'])
      .orderBy(sql`coalesce(${rate}, 0)`, fast ? 'desc' : 'asc')
      .orderBy('projects.name')
      .limit(limit)
      .execute();
  },

  /** Open or reported action items past their deadline, owned by units in view. */
  async overdueActions(db: Db, v: DashboardView, today: string, limit: number) {
    let q = db
      .selectFrom('actionItems')
      .innerJoin('units', 'units.id', 'actionItems.ownerUnitId')
      .leftJoin('projects', 'projects.id', 'actionItems.projectId')
      .where('actionItems.status', 'in', ['open', 'reported'])
      .where('actionItems.deadline', '<', today);
    const prefix = v.unitPath ?? v.scope?.unitPath;
    if (prefix) q = q.where('units.path', 'like', `${prefix}%`);
    const [count, items] = await Promise.all([
      q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
      q
        .select(['actionItems.id', 'actionItems.title', 'actionItems.deadline', 'actionItems.sourceKind', 'actionItems.escalationLevel', 'units.name as ownerUnitName', 'projects.id as projectId', 'projects.name as projectName'])
        .orderBy('actionItems.deadline')
        .orderBy('actionItems.id')
        .limit(limit)
        .execute(),
    ]);
    return { count: Number(count.n), items };
  },
};
