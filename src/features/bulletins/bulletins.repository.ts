import { sql, type Insertable } from 'kysely';
import { PROBLEM_OPEN } from '../../core/dispatch/problems.js';
import { METRIC_STAGE } from '../../core/schemas/goals.schema.js';
import type { Db } from '../../db/database.js';
import type { BulletinsTable } from '../../db/tables-bulletins.js';
import { enteredStage } from '../projects/stage-events.repository.js';

/** A month as business dates and as UTC instants of its China-time bounds (timestamps are UTC text). */
export interface MonthSpan {
  month: string;
  yearStart: string;
  first: string;
  last: string;
  startsAt: string;
  endsAt: string;
}

export function monthSpan(month: string): MonthSpan {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const chinaMidnight = (yy: number, mm: number) => new Date(Date.UTC(yy, mm - 1, 1) - 8 * 3_600_000).toISOString();
  return { month, yearStart: `${y}-01-01`, first: `${month}-01`, last: `${month}-${String(lastDay).padStart(2, '0')}`, startsAt: chinaMidnight(y, m), endsAt: chinaMidnight(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1) };
}

const n = (v: unknown) => Number(v ?? 0);
const prefixOf = (path: string) => `${path}%`;

/** Live projects (not archived, not dropped) led by a unit of the subtree. */
function liveProjects(db: Db, unitPath: string) {
  return db
    .selectFrom('projects')
    .innerJoin('units', 'units.id', 'projects.unitId')
    .where('projects.archived', '=', 0)
    .where('projects.stage', '!=', 'dropped')
    .where('units.path', 'like', prefixOf(unitPath));
}

/** The bulletin's own grouped statements; the 十快/十慢, light lists and targets come from their features. */
export const bulletinsRepository = {
  /**
   * The month's light counts per lead unit, from the light rows alone (the (month, color,
   * unit_id) index covers it: no join over 50,000 projects). A light row keeps the lead unit of
   * its computation, the same key the lights list filters history by.
   */
  async lightCounts(db: Db, unitPath: string, month: string) {
    const rows = await db
      .selectFrom('projectLights as pl')
      .select(['pl.unitId', 'pl.color', sql<number>`count(*)`.as('n')])
      .where('pl.month', '=', month)
      .where('pl.unitId', 'in', db.selectFrom('units').select('units.id').where('units.path', 'like', prefixOf(unitPath)))
      .groupBy(['pl.unitId', 'pl.color'])
      .execute();
    return rows.map((r) => ({ unitId: r.unitId, color: r.color, n: n(r.n) }));
  },

  /** A light list of the month (red or yellow), by name, at most `limit`, with its reasons (one statement). */
  lightList(db: Db, unitPath: string, month: string, color: 'red' | 'yellow', limit: number) {
    return db
      .selectFrom('projectLights as pl')
      .innerJoin('projects', 'projects.id', 'pl.projectId')
      .innerJoin('units', 'units.id', 'projects.unitId')
      .select(['projects.id', 'projects.name', 'projects.stage', 'units.name as unitName', 'projects.annualPlanInvestment', 'projects.ytdInvestment', 'pl.reasons'])
      .where('pl.month', '=', month)
      .where('pl.color', '=', color)
      .where('pl.unitId', 'in', db.selectFrom('units as su').select('su.id').where('su.path', 'like', prefixOf(unitPath)))
      .where('projects.archived', '=', 0)
      .orderBy('projects.name')
      .orderBy('projects.id')
      .limit(limit)
      .execute();
  },

  /** Distinct projects entering 签约/开工/竣工/投产 from 1 January to the month's end, and within the month (one statement). */
  async flows(db: Db, unitPath: string, span: MonthSpan) {
    const stages = ['sign', 'start', 'complete', 'operate'] as const;
    const rows = await db
      .selectFrom('projectStageEvents')
      .innerJoin('projects', 'projects.id', 'projectStageEvents.projectId')
      .innerJoin('units', 'units.id', 'projects.unitId')
      .select([
        'projectStageEvents.toStage',
        sql<number>`count(distinct project_stage_events.project_id)`.as('ytd'),
        sql<number>`count(distinct case when project_stage_events.date >= ${span.first} then project_stage_events.project_id end)`.as('month'),
      ])
      .where('projects.archived', '=', 0)
      .where('projects.stage', '!=', 'dropped')
      .where('units.path', 'like', prefixOf(unitPath))
      .where('projectStageEvents.date', '>=', span.yearStart)
      .where('projectStageEvents.date', '<=', span.last)
      .where((eb) => eb.or(stages.map((m) => enteredStage(eb, METRIC_STAGE[m]))))
      .groupBy('projectStageEvents.toStage')
      .execute();
    const out = { sign: { month: 0, ytd: 0 }, start: { month: 0, ytd: 0 }, complete: { month: 0, ytd: 0 }, operate: { month: 0, ytd: 0 } };
    for (const r of rows) {
      const metric = stages.find((m) => METRIC_STAGE[m] === r.toStage);
      if (metric) out[metric] = { month: n(r.month), ytd: n(r.ytd) };
    }
    return out;
  },

  /** Problems of the subtree by category: new and closed within the month, open and overdue as of `today` (one statement). */
  async problems(db: Db, unitPath: string, span: MonthSpan, today: string) {
    const open = sql.join(PROBLEM_OPEN.map((s) => sql.lit(s)));
    const rows = await db
      .selectFrom('problems')
      .innerJoin('units', 'units.id', 'problems.scopeUnitId')
      .select([
        'problems.category',
        sql<number>`sum(case when problems.created_at >= ${span.startsAt} and problems.created_at < ${span.endsAt} then 1 else 0 end)`.as('newThisMonth'),
        sql<number>`sum(case when problems.closed_at >= ${span.startsAt} and problems.closed_at < ${span.endsAt} then 1 else 0 end)`.as('closedThisMonth'),
        sql<number>`sum(case when problems.status in (${open}) then 1 else 0 end)`.as('open'),
        sql<number>`sum(case when problems.status in (${open}) and problems.deadline < ${today} then 1 else 0 end)`.as('overdue'),
      ])
      .where('units.path', 'like', prefixOf(unitPath))
      .groupBy('problems.category')
      .orderBy('problems.category')
      .execute();
    const byCategory = rows
      .map((r) => ({ category: r.category, newThisMonth: n(r.newThisMonth), closedThisMonth: n(r.closedThisMonth), open: n(r.open), overdue: n(r.overdue) }))
      .filter((c) => c.newThisMonth + c.closedThisMonth + c.open > 0);
    const sum = (k: 'newThisMonth' | 'closedThisMonth' | 'open' | 'overdue') => byCategory.reduce((s, c) => s + c[k], 0);
    return { newThisMonth: sum('newThisMonth'), closedThisMonth: sum('closedThisMonth'), open: sum('open'), overdue: sum('overdue'), byCategory };
  },

  /**
   * The annex: projects red or yellow this month, or started or completed within it — red first,
   * then yellow, then by name — at most `limit`, with how many qualified in all (two statements).
   */
  async annex(db: Db, unitPath: string, span: MonthSpan, limit: number) {
    // Driven by the qualifying ids (the lights index, one pass over the stage dates), not by a
    // join of every project with its light.
    const qualifying = db
      .selectFrom('projectLights')
      .select('projectLights.projectId as id')
      .where('projectLights.month', '=', span.month)
      .where('projectLights.color', 'in', ['red', 'yellow'])
      .union(
        db
          .selectFrom('projects as dp')
          .select('dp.id')
          .where((eb) => eb.or([eb.and([eb('dp.actualStartDate', '>=', span.first), eb('dp.actualStartDate', '<=', span.last)]), eb.and([eb('dp.actualCompletionDate', '>=', span.first), eb('dp.actualCompletionDate', '<=', span.last)])])),
      );
    const base = liveProjects(db, unitPath)
      .leftJoin('projectLights as pl', (j) => j.onRef('pl.projectId', '=', 'projects.id').on('pl.month', '=', span.month))
      .where('projects.id', 'in', qualifying);
    const [count, rows] = await Promise.all([
      base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
      base
        .select(['projects.id', 'projects.name', 'projects.stage', 'units.name as unitName', 'projects.annualPlanInvestment', 'projects.ytdInvestment', 'projects.actualStartDate', 'projects.actualCompletionDate', 'pl.color', 'pl.reasons'])
        .orderBy(sql`case pl.color when 'red' then 0 when 'yellow' then 1 else 2 end`)
        .orderBy('projects.name')
        .orderBy('projects.id')
        .limit(limit)
        .execute(),
    ]);
    return { total: n(count.n), rows };
  },

  insert(db: Db, row: Insertable<BulletinsTable>) {
    return db.insertInto('bulletins').values(row).execute();
  },

  find(db: Db, id: string) {
    return db
      .selectFrom('bulletins')
      .innerJoin('units', 'units.id', 'bulletins.unitId')
      .selectAll('bulletins')
      .select(['units.name as unitName', 'units.path as unitPath', 'units.type as unitType'])
      .where('bulletins.id', '=', id)
      .executeTakeFirst();
  },

  findByPeriod(db: Db, unitId: string, period: string) {
    return db.selectFrom('bulletins').select(['id']).where('unitId', '=', unitId).where('period', '=', period).executeTakeFirst();
  },

  /** Bulletins whose unit is in the subtree `prefix` or, once sent, above the reader (addressed to it). */
  list(db: Db, q: { prefix: string | null; readerPath: string | null; drafts: boolean; limit: number }) {
    let query = db
      .selectFrom('bulletins')
      .innerJoin('units', 'units.id', 'bulletins.unitId')
      .select(['bulletins.id', 'bulletins.unitId', 'units.name as unitName', 'bulletins.period', 'bulletins.status', 'bulletins.createdAt', 'bulletins.sentAt', 'bulletins.version']);
    const { prefix, readerPath, drafts } = q;
    if (prefix !== null) {
      query = query.where((eb) =>
        eb.or([
          drafts ? eb('units.path', 'like', `${prefix}%`) : eb.and([eb('units.path', 'like', `${prefix}%`), eb('bulletins.status', '=', 'sent')]),
          // A sent bulletin of a unit above the reader was addressed to it: its path is a prefix of the reader's.
          eb.and([eb('bulletins.status', '=', 'sent'), eb(sql.val(readerPath ?? ''), 'like', sql<string>`units.path || '%'`)]),
        ]),
      );
    } else if (!drafts) query = query.where('bulletins.status', '=', 'sent');
    return query.orderBy('bulletins.period', 'desc').orderBy('units.path').limit(q.limit).execute();
  },
};
export type BulletinRow = NonNullable<Awaited<ReturnType<typeof bulletinsRepository.find>>>;
