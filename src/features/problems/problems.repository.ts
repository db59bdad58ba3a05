import type { Expression, ExpressionBuilder, Insertable, SqlBool } from 'kysely';
import { PROBLEM_ESCALATING, PROBLEM_OPEN } from '../../core/dispatch/problems.js';
import type { ProblemListQuery } from '../../core/schemas/problems.schema.js';
import type { Database, Db } from '../../db/database.js';
import type { ProblemsTable } from '../../db/tables-problems.js';

type Eb = ExpressionBuilder<Database & { p: ProblemsTable; ru: Database['units']; su: Database['units'] }, 'p' | 'ru' | 'su'>;

/** Who may see a problem: its 责任单位 or the project's/zone's unit is in the subtree, or they lead or own it. */
export interface ProblemScope {
  prefix: string | null;
  userId: string | null;
}

function inScope(eb: Eb, scope: ProblemScope) {
  if (!scope.prefix) return eb.lit(true);
  const ors = [eb('ru.path', 'like', `${scope.prefix}%`), eb('su.path', 'like', `${scope.prefix}%`)];
  if (scope.userId) ors.push(eb('p.leaderId', '=', scope.userId), eb('p.ownerUserId', '=', scope.userId));
  return eb.or(ors);
}

function base(db: Db) {
  return db
    .selectFrom('problems as p')
    .innerJoin('units as ru', 'ru.id', 'p.unitId')
    .innerJoin('units as su', 'su.id', 'p.scopeUnitId')
    .leftJoin('projects as pr', 'pr.id', 'p.projectId')
    .leftJoin('users as lu', 'lu.id', 'p.leaderId')
    .leftJoin('users as ou', 'ou.id', 'p.ownerUserId');
}

const COLUMNS = [
  'p.id',
  'p.projectId',
  'p.scopeUnitId',
  'p.category',
  'p.description',
  'p.raisedBy',
  'p.leaderId',
  'p.unitId',
  'p.ownerUserId',
  'p.supportingUnitIds',
  'p.deadline',
  'p.status',
  'p.escalationLevel',
  'p.closeNote',
  'p.closedAt',
  'p.createdAt',
  'p.updatedAt',
  'p.version',
  'pr.name as projectName',
  'pr.leaderUserId as projectLeaderId',
  'ru.name as unitName',
  'ru.path as unitPath',
  'su.name as scopeUnitName',
  'lu.displayName as leaderName',
  'ou.displayName as ownerUserName',
] as const;

export const problemsRepository = {
  find(db: Db, id: string, scope: ProblemScope) {
    return base(db).select(COLUMNS).where('p.id', '=', id).where((eb) => inScope(eb as unknown as Eb, scope)).executeTakeFirst();
  },

  /** One page of the list and its total (two statements, whatever the page holds). */
  async list(db: Db, scope: ProblemScope, q: ProblemListQuery, ctx: { today: string; weekStartAt: string }) {
    let w = base(db).where((eb) => inScope(eb as unknown as Eb, scope));
    if (q.view === 'new') w = w.where('p.createdAt', '>=', ctx.weekStartAt);
    if (q.view === 'active') w = w.where('p.status', 'in', PROBLEM_OPEN);
    if (q.view === 'closed') w = w.where('p.status', '=', 'closed');
    if (q.status) w = w.where('p.status', '=', q.status);
    if (q.category) w = w.where('p.category', '=', q.category);
    if (q.unitId) w = w.where('p.unitId', '=', q.unitId);
    if (q.projectId) w = w.where('p.projectId', '=', q.projectId);
    if (q.level !== undefined) w = w.where('p.escalationLevel', '=', q.level);
    if (q.overdue === 'true') w = w.where('p.status', 'in', PROBLEM_ESCALATING).where('p.deadline', '<', ctx.today);
    const [items, total] = await Promise.all([
      w
        .select(COLUMNS)
        .orderBy('p.escalationLevel', 'desc')
        .orderBy('p.deadline')
        .orderBy('p.id')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute(),
      w.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(total.n) };
  },

  insert(db: Db, row: Insertable<ProblemsTable>) {
    return db.insertInto('problems').values(row).execute();
  },

  /** Per 责任单位: counts by status, overdue and new this week (one grouped statement). */
  countsByUnit(db: Db, scope: ProblemScope, ctx: { today: string; weekStartAt: string }) {
    return base(db)
      .where((eb) => inScope(eb as unknown as Eb, scope))
      .select((eb) => {
      const sumWhen = (_: unknown, cond: Expression<SqlBool>) => eb.fn.sum<number>(eb.case().when(cond).then(1).else(0).end());
      return [
        'p.unitId',
        'ru.name as unitName',
        'ru.sortOrder',
        eb.fn.countAll<number>().as('total'),
        sumWhen(null, eb('p.createdAt', '>=', ctx.weekStartAt) as never).as('newThisWeek'),
        sumWhen(null, eb('p.status', 'in', ['new', 'in_progress']) as never).as('active'),
        sumWhen(null, eb('p.status', '=', 'close_requested') as never).as('closeRequested'),
        sumWhen(null, eb('p.status', '=', 'closed') as never).as('closed'),
        sumWhen(null, eb('p.status', '=', 'unresolvable') as never).as('unresolvable'),
        sumWhen(null, eb.and([eb('p.status', 'in', PROBLEM_ESCALATING), eb('p.deadline', '<', ctx.today)]) as never).as('overdue'),
      ];
      })
      .groupBy(['p.unitId', 'ru.name', 'ru.sortOrder'])
      .execute();
  },

  /** Closed problems' raise and 销号 instants, for the average days to close per unit. */
  closedTimes(db: Db, scope: ProblemScope) {
    return base(db)
      .where((eb) => inScope(eb as unknown as Eb, scope))
      .where('p.status', '=', 'closed')
      .select(['p.unitId', 'p.createdAt', 'p.closedAt'])
      .execute();
  },

  /** Problems the unit still owes whose deadline has passed: candidates for the escalation job. */
  overdue(db: Db, today: string) {
    return base(db).select(COLUMNS).where('p.status', 'in', PROBLEM_ESCALATING).where('p.deadline', '<', today).execute();
  },
};
export type ProblemRow = NonNullable<Awaited<ReturnType<typeof problemsRepository.find>>>;
