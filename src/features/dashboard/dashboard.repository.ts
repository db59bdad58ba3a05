import { sql } from 'kysely';
import type { ProjectSumRow } from '../../core/dashboard/project-sums.js';
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
  /**
   * Every sum of the cockpit in one pass over the projects in view (终止 included, for the stock),
   * grouped by lead unit, industry, light and stage; splitProjectSums (core) makes the figures
   * (the 调度通报 takes its lead units from it as well).
   */
  async projectSums(db: Db, v: DashboardView): Promise<ProjectSumRow[]> {
    const sums = filtered(db, { archived: 'false', unitPath: v.unitPath }, v.scope)
      .select([
        'projects.unitId',
        'projects.industry',
        'projects.light',
        'projects.stage',
        sql<number>`coalesce(sum(projects.annual_plan_investment), 0)`.as('plan'),
        sql<number>`coalesce(sum(projects.ytd_investment), 0)`.as('completed'),
        sql<number>`coalesce(sum(projects.total_investment), 0)`.as('totalInvestment'),
        sql<number>`count(*)`.as('projects'),
      ])
      .groupBy(['projects.unitId', 'projects.industry', 'projects.light', 'projects.stage'])
      .as('s');
    const rows = await db
      .selectFrom(sums)
      .innerJoin('units', 'units.id', 's.unitId')
      .select(['s.unitId', 'units.name as unitName', 'units.path as unitPath', 's.industry', 's.light', 's.stage', 's.plan', 's.completed', 's.totalInvestment', 's.projects'])
      .execute();
    // PostgreSQL returns sums and counts of bigints as text.
    return rows.map((r) => ({ ...r, plan: Number(r.plan), completed: Number(r.completed), totalInvestment: Number(r.totalInvestment), projects: Number(r.projects) }));
  },

  /**
   * 十快 / 十慢: projects building this year with an annual plan, by 年度完成率 (ties by name).
   * `fast` = best first, otherwise worst first.
   */
  async paced(db: Db, v: DashboardView, fast: boolean, limit: number) {
    // The same expression as projects_fast_idx / projects_slow_idx (migration 0019): the ten rows come off the index.
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

  /** Unsolved problems whose responsible unit is in view: by category and by escalation level. */
  async openProblems(db: Db, v: DashboardView, today: string) {
    let q = db.selectFrom('problems').innerJoin('units', 'units.id', 'problems.unitId').where('problems.status', 'in', OPEN_PROBLEM_STATUSES);
    const prefix = v.unitPath ?? v.scope?.unitPath;
    if (prefix) q = q.where('units.path', 'like', `${prefix}%`);
    const [byCategory, byLevel, overdue] = await Promise.all([
      q.select(['problems.category', sql<number>`count(*)`.as('n')]).groupBy('problems.category').execute(),
      q.select(['problems.escalationLevel', sql<number>`count(*)`.as('n')]).groupBy('problems.escalationLevel').execute(),
      q.where('problems.deadline', '<', today).where('problems.status', '!=', 'unresolvable').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
    ]);
    return { byCategory, byLevel, overdue: Number(overdue.n) };
  },

  /** 现场推进会 from today on that are not yet held (closed), organised by a unit in view. */
  async siteTours(db: Db, v: DashboardView, today: string, limit: number) {
    let q = db.selectFrom('meetings').innerJoin('units', 'units.id', 'meetings.unitId').where('meetings.kind', '=', 'site').where('meetings.status', '=', 'open').where('meetings.date', '>=', today);
    const prefix = v.unitPath ?? v.scope?.unitPath;
    if (prefix) q = q.where('units.path', 'like', `${prefix}%`);
    return q
      .select((eb) => [
        'meetings.id',
        'meetings.title',
        'meetings.date',
        'meetings.startTime',
        'meetings.place',
        'units.name as unitName',
        eb.selectFrom('meetingAgendaItems').select(sql<number>`count(distinct project_id)`.as('n')).whereRef('meetingAgendaItems.meetingId', '=', 'meetings.id').as('projects'),
      ])
      .orderBy('meetings.date')
      .orderBy('meetings.startTime')
      .orderBy('meetings.id')
      .limit(limit)
      .execute();
  },
};

/** Problems still to be solved: everything but 已销号 (无法解决-上报 waits on a higher level). */
const OPEN_PROBLEM_STATUSES = ['new', 'in_progress', 'close_requested', 'unresolvable'] as const;
