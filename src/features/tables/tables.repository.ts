import { sql } from 'kysely';
import { PROBLEM_OPEN } from '../../core/dispatch/problems.js';
import type { Db } from '../../db/database.js';
import { filtered, type ProjectScope } from '../projects/projects.repository.js';

/**
 * Queries of the Excel tables that no other feature already answers. Projects are read a keyset
 * page at a time (never the whole portfolio at once); the figures of a page — its month's
 * accepted report, its open problems — come in one statement per page, never per project.
 */

/** A section of the 月度进展表: a stage, and for projects under construction whether they started this year. */
export type ProgressSection = 'new' | 'continuing' | 'completed' | 'operating' | 'signed' | 'negotiating' | 'reserve';

const SECTION_STAGE: Record<ProgressSection, string> = {
  new: 'construction',
  continuing: 'construction',
  completed: 'completed',
  operating: 'operating',
  signed: 'signed',
  negotiating: 'negotiating',
  reserve: 'reserve',
};

function sectionQuery(db: Db, scope: ProjectScope | null, unitPath: string | null, section: ProgressSection, yearStart: string) {
  let q = filtered(db, { archived: 'false', unitPath: unitPath ?? undefined }, scope).where('projects.stage', '=', SECTION_STAGE[section]);
  // 新开工 = started this year; 续建 = started before (or the start date is missing).
  if (section === 'new') q = q.where('projects.actualStartDate', '>=', yearStart);
  if (section === 'continuing') q = q.where((eb) => eb.or([eb('projects.actualStartDate', 'is', null), eb('projects.actualStartDate', '<', yearStart)]));
  return q;
}

export const tablesRepository = {
  /** Projects per stage, construction split by start year, in scope (one grouped statement). */
  async sectionCounts(db: Db, scope: ProjectScope | null, unitPath: string | null, yearStart: string): Promise<Map<ProgressSection, number>> {
    const rows = await filtered(db, { archived: 'false', unitPath: unitPath ?? undefined }, scope)
      .select(['projects.stage', sql<number>`count(*)`.as('n'), sql<number>`sum(case when projects.actual_start_date >= ${yearStart} then 1 else 0 end)`.as('thisYear')])
      .groupBy('projects.stage')
      .execute();
    const counts = new Map<ProgressSection, number>();
    for (const r of rows) {
      if (r.stage === 'construction') {
        counts.set('new', Number(r.thisYear ?? 0));
        counts.set('continuing', Number(r.n) - Number(r.thisYear ?? 0));
      } else counts.set(r.stage as ProgressSection, Number(r.n));
    }
    return counts;
  },

  /** One keyset page of a section, by (name, id) — the ledger export's index (archived, stage, name, id). */
  progressPage(db: Db, scope: ProjectScope | null, unitPath: string | null, section: ProgressSection, yearStart: string, after: { name: string; id: string } | null, limit: number) {
    let q = sectionQuery(db, scope, unitPath, section, yearStart)
      .innerJoin('units', 'units.id', 'projects.unitId')
      .leftJoin('users as leader', 'leader.id', 'projects.leaderUserId')
      .select([
        'projects.id',
        'projects.name',
        'projects.builder',
        'projects.scale',
        'projects.totalInvestment',
        'projects.annualPlanInvestment',
        'projects.ytdInvestment',
        'projects.progressText',
        'projects.light',
        'units.name as leadUnitName',
        'leader.displayName as leaderName',
        'leader.title as leaderTitle',
      ]);
    if (after) q = q.where((eb) => eb(eb.refTuple('projects.name', 'projects.id'), '>', eb.tuple(after.name, after.id)));
    return q.orderBy('projects.name').orderBy('projects.id').limit(limit).execute();
  },

  /**
   * The accepted monthly reports of a page of projects up to `month` (本月完成, 本年累计 and 开工以来
   * come from them), with the report text of `month` itself (its 形象进度), in one statement.
   * `status || ''` keeps SQLite off progress_reports_status_due_idx (status, due_date), which
   * it preferred without statistics and then read every accepted report of the county for each
   * page; the (project_id, period) index is the one that fits.
   */
  async acceptedReports(db: Db, projectIds: string[], month: string) {
    if (projectIds.length === 0) return [];
    const rows = await db
      .selectFrom('progressReports')
      .select(['projectId', 'period', 'investment', sql<string | null>`case when period = ${month} then progress_text end`.as('progressText')])
      .where('projectId', 'in', projectIds)
      .where('period', '<=', month)
      .where('kind', '=', 'monthly')
      .where(sql`status || ''`, '=', 'accepted')
      .execute();
    return rows.map((r) => ({ projectId: r.projectId, period: r.period, investment: r.investment === null ? null : Number(r.investment), progressText: r.progressText }));
  },

  /** Open problems of a page of projects, as "【类别】描述" lines (存在问题). */
  async openProblems(db: Db, projectIds: string[]): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>();
    if (projectIds.length === 0) return map;
    const rows = await db
      .selectFrom('problems')
      .select(['projectId', 'category', 'description'])
      .where('projectId', 'in', projectIds)
      .where('status', 'in', PROBLEM_OPEN)
      .orderBy('deadline')
      .execute();
    for (const r of rows) {
      if (!r.projectId) continue;
      const text = `【${r.category}】${r.description}`;
      const list = map.get(r.projectId);
      if (list) list.push(text);
      else map.set(r.projectId, [text]);
    }
    return map;
  },

  /** The latest note of each problem's history (进展情况 of an open problem). */
  async latestProblemNotes(db: Db, problemIds: string[]): Promise<Map<string, string>> {
    const map = new Map<string, string>();
    if (problemIds.length === 0) return map;
    const rows = await db
      .selectFrom('problemEvents')
      .select(['problemId', 'at', 'note'])
      .where('problemId', 'in', problemIds)
      .where('note', 'is not', null)
      .orderBy('problemId')
      .orderBy('at')
      .execute();
    // Ordered by time: the last one seen per problem wins.
    for (const r of rows) if (r.note) map.set(r.problemId, r.note);
    return map;
  },

  /** Unit names by id (配合单位 of problems are stored as ids). */
  async unitNames(db: Db, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await db.selectFrom('units').select(['id', 'name']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  },

  findUnit(db: Db, id: string) {
    return db.selectFrom('units').select(['id', 'name', 'path']).where('id', '=', id).executeTakeFirst();
  },

  /**
   * Each project's light history before `month`, newest first, for "since when": a colour holds
   * since the earliest month of the unbroken run that reaches the month shown.
   */
  async lightRuns(db: Db, projectIds: string[], month: string): Promise<Map<string, { month: string; color: string }[]>> {
    const map = new Map<string, { month: string; color: string }[]>();
    if (projectIds.length === 0) return map;
    const rows = await db
      .selectFrom('projectLights')
      .select(['projectId', 'month', 'color'])
      .where('projectId', 'in', projectIds)
      .where('month', '<', month)
      .orderBy('projectId')
      .orderBy('month', 'desc')
      .execute();
    for (const r of rows) {
      const list = map.get(r.projectId);
      if (list) list.push({ month: r.month, color: r.color });
      else map.set(r.projectId, [{ month: r.month, color: r.color }]);
    }
    return map;
  },
};
