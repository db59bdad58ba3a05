import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { ProgressReportsTable, ReportRoundsTable } from '../../db/tables-reports.js';

type Eb = ExpressionBuilder<Database, 'progressReports'>;

/** Reports in a unit subtree (`prefix` = a unit path), as one sub-select on units. */
function inUnits(eb: Eb, prefix: string) {
  return eb('progressReports.unitId', 'in', eb.selectFrom('units').select('units.id').where('units.path', 'like', `${prefix}%`));
}

export interface ReportFilters {
  roundId?: string | undefined;
  unitId?: string | undefined;
  status?: string | undefined;
  projectId?: string | undefined;
}

/** The columns of a list row (joined names, counts of photos and problems left to the caller's JSON). */
function listQuery(db: Kysely<Database>) {
  return db
    .selectFrom('progressReports')
    .innerJoin('projects', 'projects.id', 'progressReports.projectId')
    .innerJoin('units', 'units.id', 'progressReports.unitId')
    .leftJoin('users as submitter', 'submitter.id', 'progressReports.submittedBy')
    .leftJoin('users as reviewer', 'reviewer.id', 'progressReports.reviewedBy')
    .selectAll('progressReports')
    .select((eb) => [
      'projects.name as projectName',
      'projects.stage as projectStage',
      'projects.annualPlanInvestment',
      'units.name as unitName',
      'submitter.displayName as submittedByName',
      'reviewer.displayName as reviewedByName',
      eb
        .selectFrom('attachments')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('attachments.ownerType', '=', 'progress-report')
        .whereRef('attachments.ownerId', '=', 'progressReports.id')
        .as('photoCount'),
    ]);
}
export type ReportRow = Awaited<ReturnType<ReturnType<typeof listQuery>['executeTakeFirstOrThrow']>>;

export const reportsRepository = {
  findRound(db: Kysely<Database>, kind: string, period: string) {
    return db.selectFrom('reportRounds').selectAll().where('kind', '=', kind).where('period', '=', period).executeTakeFirst();
  },

  getRound(db: Kysely<Database>, id: string) {
    return db.selectFrom('reportRounds').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** Inserts the round unless one exists for its kind and period (true when this call created it). */
  async insertRound(db: Kysely<Database>, row: ReportRoundsTable): Promise<boolean> {
    const r = await db.insertInto('reportRounds').values(row).onConflict((oc) => oc.columns(['kind', 'period']).doNothing()).executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  },

  /** Rounds, newest period first, each with its number of reports (within `prefix` when given). */
  listRounds(db: Kysely<Database>, prefix: string | null, limit: number) {
    return db
      .selectFrom('reportRounds')
      .selectAll('reportRounds')
      .select((eb) => {
        let count = eb.selectFrom('progressReports').select((e) => e.fn.countAll<number>().as('n')).whereRef('progressReports.roundId', '=', 'reportRounds.id');
        if (prefix) count = count.where((e) => inUnits(e, prefix));
        return count.as('reportCount');
      })
      .orderBy('periodStart', 'desc')
      .orderBy('kind')
      .limit(limit)
      .execute();
  },

  /**
   * One report per project in scope (not archived, in one of `stages`), set-based: a single
   * INSERT … SELECT whose ids are `<round>:<project>`; projects already in the round are skipped
   * (ON CONFLICT DO NOTHING), so opening a round twice adds only newcomers.
   */
  async openReports(db: Kysely<Database>, round: Pick<ReportRoundsTable, 'id' | 'kind' | 'period' | 'dueDate'>, stages: readonly string[], now: string): Promise<number> {
    const text = (v: string) => sql<string>`cast(${v} as text)`;
    const r = await db
      .insertInto('progressReports')
      .columns(['id', 'roundId', 'projectId', 'unitId', 'kind', 'period', 'dueDate', 'status', 'late', 'version', 'createdAt', 'updatedAt'])
      .expression(
        db
          .selectFrom('projects')
          .select([
            sql<string>`${text(`${round.id}:`)} || projects.id`.as('id'),
            text(round.id).as('roundId'),
            'projects.id as projectId',
            'projects.unitId',
            text(round.kind).as('kind'),
            text(round.period).as('period'),
            text(round.dueDate).as('dueDate'),
            sql.lit('pending').as('status'),
            sql.lit(0).as('late'),
            sql.lit(1).as('version'),
            text(now).as('createdAt'),
            text(now).as('updatedAt'),
          ])
          .where('projects.archived', '=', 0)
          .where('projects.stage', 'in', [...stages]),
      )
      .onConflict((oc) => oc.columns(['roundId', 'projectId']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0);
  },

  /** 各单位填报情况: per lead unit of one round, counts by status, late and missing (one grouped statement). */
  summaryByUnit(db: Kysely<Database>, roundId: string, prefix: string | null, today: string) {
    const count = (eb: ExpressionBuilder<Database, 'progressReports' | 'units'>, status: string) => eb.fn.sum<number>(eb.case().when('progressReports.status', '=', status).then(1).else(0).end());
    let q = db
      .selectFrom('progressReports')
      .innerJoin('units', 'units.id', 'progressReports.unitId')
      .select((eb) => [
        'progressReports.unitId',
        'units.name as unitName',
        'units.sortOrder',
        eb.fn.countAll<number>().as('total'),
        count(eb, 'pending').as('pending'),
        count(eb, 'draft').as('draft'),
        count(eb, 'submitted').as('submitted'),
        count(eb, 'returned').as('returned'),
        count(eb, 'accepted').as('accepted'),
        eb.fn.sum<number>('progressReports.late').as('late'),
        eb.fn
          .sum<number>(
            eb
              .case()
              .when(eb.and([eb('progressReports.status', 'in', ['pending', 'draft']), eb('progressReports.dueDate', '<', today)]))
              .then(1)
              .else(0)
              .end(),
          )
          .as('missing'),
      ])
      .where('progressReports.roundId', '=', roundId);
    if (prefix) q = q.where('units.path', 'like', `${prefix}%`);
    return q.groupBy(['progressReports.unitId', 'units.name', 'units.sortOrder']).orderBy('units.sortOrder').orderBy('units.name').execute();
  },

  async list(db: Kysely<Database>, f: ReportFilters, prefix: string | null, page: { page: number; pageSize: number }) {
    const cond = (eb: Eb) => {
      const c = [];
      if (f.roundId) c.push(eb('progressReports.roundId', '=', f.roundId));
      if (f.unitId) c.push(eb('progressReports.unitId', '=', f.unitId));
      if (f.status) c.push(eb('progressReports.status', '=', f.status));
      if (f.projectId) c.push(eb('progressReports.projectId', '=', f.projectId));
      if (prefix) c.push(inUnits(eb, prefix));
      return eb.and(c);
    };
    const [items, total] = await Promise.all([
      listQuery(db)
        .where((eb) => cond(eb as unknown as Eb))
        .orderBy('progressReports.period', 'desc')
        .orderBy('units.sortOrder')
        .orderBy('projects.name')
        .orderBy('progressReports.id')
        .limit(page.pageSize)
        .offset((page.page - 1) * page.pageSize)
        .execute(),
      db
        .selectFrom('progressReports')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where((eb) => cond(eb))
        .executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(total.n) };
  },

  find(db: Kysely<Database>, id: string) {
    return listQuery(db).select('units.path as unitPath').where('progressReports.id', '=', id).executeTakeFirst();
  },

  /** Every report of one project, newest period first. */
  forProject(db: Kysely<Database>, projectId: string) {
    return listQuery(db).where('progressReports.projectId', '=', projectId).orderBy('progressReports.period', 'desc').orderBy('progressReports.kind').execute();
  },

  /** Accepted monthly figures of some projects, for cumulative sums. */
  acceptedMonths(db: Kysely<Database>, projectIds: string[]) {
    if (projectIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('progressReports')
      .select(['projectId', 'period', 'investment'])
      .where('projectId', 'in', projectIds)
      .where('kind', '=', 'monthly')
      .where('status', '=', 'accepted')
      .execute();
  },

  /** The project's most recent filled report of the same kind before `period` (上期), if any. */
  previousFilled(db: Kysely<Database>, projectId: string, kind: string, period: string) {
    return db
      .selectFrom('progressReports')
      .selectAll()
      .where('projectId', '=', projectId)
      .where('kind', '=', kind)
      .where('period', '<', period)
      .where('status', '!=', 'pending')
      .orderBy('period', 'desc')
      .limit(1)
      .executeTakeFirst();
  },

  /**
   * Makes the ledger follow the accepted monthly reports, as the report form and the 月度进展表
   * count them: 开工以来累计 becomes the sum of all of them; for a report of this year (`year`),
   * 本年累计完成投资 the sum of the year's, and 形象进度 the latest accepted text. Bumps the
   * project's version so an edit form opened before sees a 412 instead of writing the old figure back.
   */
  async syncProject(db: Kysely<Database>, projectId: string, year: string | null, progressText: string | null, now: string) {
    const accepted = db.selectFrom('progressReports').where('projectId', '=', projectId).where('kind', '=', 'monthly').where('status', '=', 'accepted');
    const sum = (q: typeof accepted) => q.select((eb) => eb.fn.coalesce(eb.fn.sum<number>('investment'), sql.lit(0)).as('s'));
    await db
      .updateTable('projects')
      .set((eb) => ({
        sinceStartInvestment: sum(accepted),
        ...(year ? { ytdInvestment: sum(accepted.where('period', 'like', `${year}-%`)) } : {}),
        ...(progressText ? { progressText } : {}),
        version: eb('version', '+', 1),
        updatedAt: now,
      }))
      .where('id', '=', projectId)
      .execute();
  },

  /** Open reports of rounds due on or before `dueBy` with their units, grouped (reminders). */
  openByUnit(db: Kysely<Database>, dueBy: string) {
    return db
      .selectFrom('progressReports')
      .innerJoin('reportRounds', 'reportRounds.id', 'progressReports.roundId')
      .select((eb) => ['progressReports.roundId', 'reportRounds.period', 'reportRounds.dueDate', 'progressReports.unitId', eb.fn.countAll<number>().as('n')])
      .where('progressReports.status', 'in', ['pending', 'draft', 'returned'])
      .where('progressReports.dueDate', '<=', dueBy)
      .groupBy(['progressReports.roundId', 'reportRounds.period', 'reportRounds.dueDate', 'progressReports.unitId'])
      .execute();
  },
};
export type ReportUpdate = Partial<Omit<ProgressReportsTable, 'id' | 'roundId' | 'projectId' | 'version' | 'createdAt' | 'updatedAt'>>;
