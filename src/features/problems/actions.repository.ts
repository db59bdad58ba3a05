import type { Expression, ExpressionBuilder, Insertable, SqlBool } from 'kysely';
import type { ActionListQuery } from '../../core/schemas/problems.schema.js';
import type { Database, Db } from '../../db/database.js';
import type { ActionItemsTable } from '../../db/tables-dispatch.js';
import type { ProblemScope } from './problems.repository.js';

type Eb = ExpressionBuilder<Database & { a: ActionItemsTable; ou: Database['units'] }, 'a' | 'ou'> & { (ref: 'pu.path', op: 'like', v: string): Expression<SqlBool> };

/** Who may see an action item: the owner unit or the project's unit is in the subtree, or they lead or own it. */
function inScope(eb: Eb, scope: ProblemScope) {
  if (!scope.prefix) return eb.lit(true);
  const ors: Expression<SqlBool>[] = [eb('ou.path', 'like', `${scope.prefix}%`), eb('pu.path', 'like', `${scope.prefix}%`)];
  if (scope.userId) ors.push(eb('a.leaderId', '=', scope.userId), eb('a.ownerUserId', '=', scope.userId));
  return eb.or(ors);
}

function base(db: Db) {
  return db
    .selectFrom('actionItems as a')
    .innerJoin('units as ou', 'ou.id', 'a.ownerUnitId')
    .leftJoin('projects as pr', 'pr.id', 'a.projectId')
    .leftJoin('units as pu', 'pu.id', 'pr.unitId')
    .leftJoin('users as lu', 'lu.id', 'a.leaderId')
    .leftJoin('users as wu', 'wu.id', 'a.ownerUserId');
}

const COLUMNS = [
  'a.id',
  'a.sourceKind',
  'a.sourceId',
  'a.projectId',
  'a.title',
  'a.detail',
  'a.ownerUnitId',
  'a.ownerUserId',
  'a.leaderId',
  'a.deadline',
  'a.status',
  'a.escalationLevel',
  'a.feedback',
  'a.feedbackAt',
  'a.closedAt',
  'a.createdAt',
  'a.version',
  'pr.name as projectName',
  'pr.leaderUserId as projectLeaderId',
  'ou.name as ownerUnitName',
  'ou.path as unitPath',
  'lu.displayName as leaderName',
  'wu.displayName as ownerUserName',
] as const;

export const actionsRepository = {
  find(db: Db, id: string, scope: ProblemScope) {
    return base(db).select(COLUMNS).where('a.id', '=', id).where((eb) => inScope(eb as unknown as Eb, scope)).executeTakeFirst();
  },

  async list(db: Db, scope: ProblemScope, q: ActionListQuery, today: string) {
    let w = base(db).where((eb) => inScope(eb as unknown as Eb, scope));
    if (q.status) w = w.where('a.status', '=', q.status);
    if (q.source) w = w.where('a.sourceKind', '=', q.source);
    if (q.unit) w = w.where('a.ownerUnitId', '=', q.unit);
    if (q.projectId) w = w.where('a.projectId', '=', q.projectId);
    if (q.overdue === 'true') w = w.where('a.status', '=', 'open').where('a.deadline', '<', today);
    if (q.overdue === 'false') w = w.where((eb) => eb.or([eb('a.status', '!=', 'open'), eb('a.deadline', '>=', today)]));
    const [items, total] = await Promise.all([
      w
        .select(COLUMNS)
        // Waiting for the coordinator first, then the most escalated, then by deadline.
        .orderBy((eb) => eb.case().when('a.status', '=', 'reported').then(0).when('a.status', '=', 'open').then(1).else(2).end())
        .orderBy('a.escalationLevel', 'desc')
        .orderBy('a.deadline')
        .orderBy('a.id')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute(),
      w.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(total.n) };
  },

  insert(db: Db, row: Insertable<ActionItemsTable>) {
    return db.insertInto('actionItems').values(row).execute();
  },

  /** Ids of the action items a problem was handed over as (转督办). */
  fromProblem(db: Db, problemId: string) {
    return db.selectFrom('actionItems').select('id').where('sourceKind', '=', 'problem').where('sourceId', '=', problemId).orderBy('createdAt').execute();
  },

  /** Open items past their deadline, whatever raised them (meetings insert them directly). */
  overdue(db: Db, today: string) {
    return base(db).select(COLUMNS).where('a.status', '=', 'open').where('a.deadline', '<', today).execute();
  },
};
export type ActionRow = NonNullable<Awaited<ReturnType<typeof actionsRepository.find>>>;
