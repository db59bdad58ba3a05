import type { ExpressionBuilder, Insertable, Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { MeetingAttendeesTable, MeetingsTable } from '../../db/tables-meetings.js';

/**
 * Who may see a meeting: a scoped reader sees the meetings organised in their unit subtree, the
 * ones they chair or attend, and the ones that gave their unit subtree (or them) an action.
 */
export interface MeetingScope {
  unitPath: string;
  userId: string;
}

export function meetingInScope(eb: ExpressionBuilder<Database, 'meetings'>, scope: MeetingScope) {
  const prefix = `${scope.unitPath}%`;
  return eb.or([
    eb.exists(eb.selectFrom('units as su').select('su.id').whereRef('su.id', '=', 'meetings.unitId').where('su.path', 'like', prefix)),
    eb('meetings.chairUserId', '=', scope.userId),
    eb.exists(eb.selectFrom('meetingAttendees as sa').select('sa.id').whereRef('sa.meetingId', '=', 'meetings.id').where('sa.userId', '=', scope.userId)),
    eb.exists(
      eb
        .selectFrom('meetingOutcomes as so')
        .leftJoin('units as sou', 'sou.id', 'so.ownerUnitId')
        .select('so.id')
        .whereRef('so.meetingId', '=', 'meetings.id')
        .where((e) => e.or([e('sou.path', 'like', prefix), e('so.ownerUserId', '=', scope.userId)])),
    ),
  ]);
}

function head(db: Kysely<Database>) {
  return db
    .selectFrom('meetings')
    .innerJoin('units', 'units.id', 'meetings.unitId')
    .leftJoin('meetingSeries', 'meetingSeries.id', 'meetings.seriesId')
    .leftJoin('users as chair', 'chair.id', 'meetings.chairUserId')
    .select([
      'meetings.id',
      'meetings.unitId',
      'units.name as unitName',
      'units.path as unitPath',
      'meetings.seriesId',
      'meetingSeries.name as seriesName',
      'meetings.kind',
      'meetings.title',
      'meetings.date',
      'meetings.startTime',
      'meetings.place',
      'meetings.chairUserId',
      'chair.displayName as chairName',
      'meetings.status',
      'meetings.closedAt',
      'meetings.notes',
      'meetings.version',
      'meetings.createdAt',
      'meetings.updatedAt',
    ]);
}

export const meetingsRepository = {
  find(db: Kysely<Database>, id: string) {
    return head(db).where('meetings.id', '=', id).executeTakeFirst();
  },

  async isVisible(db: Kysely<Database>, id: string, scope: MeetingScope): Promise<boolean> {
    return !!(await db.selectFrom('meetings').select('meetings.id').where('meetings.id', '=', id).where((eb) => meetingInScope(eb, scope)).executeTakeFirst());
  },

  /** One page, newest first, with agenda and action counts (one statement plus a count). */
  async list(db: Kysely<Database>, q: { seriesId?: string | undefined; status?: string | undefined; from?: string | undefined; to?: string | undefined; page: number; pageSize: number }, scope: MeetingScope | null) {
    let base = db.selectFrom('meetings');
    if (scope) base = base.where((eb) => meetingInScope(eb, scope));
    if (q.seriesId) base = base.where('meetings.seriesId', '=', q.seriesId);
    if (q.status) base = base.where('meetings.status', '=', q.status as 'open');
    if (q.from) base = base.where('meetings.date', '>=', q.from);
    if (q.to) base = base.where('meetings.date', '<=', q.to);
    const ids = base.select('meetings.id');
    const [rows, total] = await Promise.all([
      head(db)
        .where('meetings.id', 'in', ids)
        .select((eb) => [
          eb.selectFrom('meetingAgendaItems as a').select((e) => e.fn.countAll<number>().as('n')).whereRef('a.meetingId', '=', 'meetings.id').as('agendaCount'),
          eb.selectFrom('meetingOutcomes as o').select((e) => e.fn.countAll<number>().as('n')).whereRef('o.meetingId', '=', 'meetings.id').where('o.kind', '=', 'action').as('actionCount'),
        ])
        .orderBy('meetings.date', 'desc')
        .orderBy('meetings.id', 'desc')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(total.n) };
  },

  insert(db: Kysely<Database>, row: Insertable<MeetingsTable>) {
    return db.insertInto('meetings').values(row).execute();
  },

  attendees(db: Kysely<Database>, meetingId: string) {
    return db
      .selectFrom('meetingAttendees')
      .leftJoin('units', 'units.id', 'meetingAttendees.unitId')
      .select(['meetingAttendees.id', 'meetingAttendees.userId', 'meetingAttendees.name', 'meetingAttendees.unitId', 'units.name as unitName', 'meetingAttendees.attendance', 'meetingAttendees.note'])
      .where('meetingAttendees.meetingId', '=', meetingId)
      .orderBy('meetingAttendees.sortOrder')
      .execute();
  },

  async replaceAttendees(db: Kysely<Database>, meetingId: string, rows: Insertable<MeetingAttendeesTable>[]) {
    await db.deleteFrom('meetingAttendees').where('meetingId', '=', meetingId).execute();
    if (rows.length) await db.insertInto('meetingAttendees').values(rows).execute();
  },

  agenda(db: Kysely<Database>, meetingId: string) {
    return db
      .selectFrom('meetingAgendaItems as a')
      .leftJoin('projects', 'projects.id', 'a.projectId')
      .select(['a.id', 'a.seq', 'a.projectId', 'projects.name as projectName', 'projects.stage as projectStage', 'a.problemId', 'a.title', 'a.presenter', 'a.version'])
      .where('a.meetingId', '=', meetingId)
      .orderBy('a.seq')
      .execute();
  },

  agendaItem(db: Kysely<Database>, meetingId: string, id: string) {
    return db.selectFrom('meetingAgendaItems').selectAll().where('meetingId', '=', meetingId).where('id', '=', id).executeTakeFirst();
  },

  /** Outcomes of a meeting with names, and each raised action's status as it stands in action_items. */
  outcomes(db: Kysely<Database>, meetingId: string) {
    return db
      .selectFrom('meetingOutcomes as o')
      .leftJoin('units as ou', 'ou.id', 'o.ownerUnitId')
      .leftJoin('users as owner', 'owner.id', 'o.ownerUserId')
      .leftJoin('users as leader', 'leader.id', 'o.leaderUserId')
      .leftJoin('actionItems as ai', 'ai.id', 'o.actionItemId')
      .select([
        'o.id',
        'o.agendaItemId',
        'o.seq',
        'o.kind',
        'o.content',
        'o.ownerUnitId',
        'ou.name as ownerUnitName',
        'o.ownerUserId',
        'owner.displayName as ownerUserName',
        'o.leaderUserId',
        'leader.displayName as leaderName',
        'o.deadline',
        'o.actionItemId',
        'ai.status as actionStatus',
        'o.version',
      ])
      .where('o.meetingId', '=', meetingId)
      .orderBy('o.seq')
      .execute();
  },

  outcome(db: Kysely<Database>, meetingId: string, id: string) {
    return db.selectFrom('meetingOutcomes').selectAll().where('meetingId', '=', meetingId).where('id', '=', id).executeTakeFirst();
  },

  async nextSeq(db: Kysely<Database>, table: 'meetingAgendaItems' | 'meetingOutcomes', meetingId: string): Promise<number> {
    const r = await db.selectFrom(table).select((eb) => eb.fn.max('seq').as('m')).where('meetingId', '=', meetingId).executeTakeFirst();
    return Number(r?.m ?? 0) + 1;
  },

  /** Series whose organising unit is under `prefix` (null = all), with how many meetings and the latest date. */
  series(db: Kysely<Database>, prefix: string | null) {
    let q = db
      .selectFrom('meetingSeries as s')
      .innerJoin('units', 'units.id', 's.unitId')
      .select((eb) => [
        's.id',
        's.unitId',
        's.name',
        's.kind',
        eb.selectFrom('meetings').select((e) => e.fn.countAll<number>().as('n')).whereRef('meetings.seriesId', '=', 's.id').as('meetingCount'),
        eb.selectFrom('meetings').select((e) => e.fn.max('meetings.date').as('d')).whereRef('meetings.seriesId', '=', 's.id').as('lastDate'),
      ])
      .orderBy('s.name');
    if (prefix) q = q.where('units.path', 'like', `${prefix}%`);
    return q.execute();
  },

  findSeries(db: Kysely<Database>, id: string) {
    return db.selectFrom('meetingSeries').innerJoin('units', 'units.id', 'meetingSeries.unitId').select(['meetingSeries.id', 'meetingSeries.unitId', 'meetingSeries.kind', 'units.path as unitPath']).where('meetingSeries.id', '=', id).executeTakeFirst();
  },

  /** The closed meeting of the series just before (date, id). */
  previousInSeries(db: Kysely<Database>, seriesId: string, date: string, id: string) {
    return db
      .selectFrom('meetings')
      .select(['id', 'title', 'date'])
      .where('seriesId', '=', seriesId)
      .where('status', '=', 'closed')
      .where((eb) => eb.or([eb('date', '<', date), eb.and([eb('date', '=', date), eb('id', '<', id)])]))
      .orderBy('date', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  },

  /**
   * Actions raised by the series' meetings up to and including `upTo`: those of `upTo` itself,
   * and the older ones still open or awaiting verification. One statement.
   */
  carryOver(db: Kysely<Database>, seriesId: string, upTo: { id: string; date: string }) {
    return db
      .selectFrom('actionItems as ai')
      .innerJoin('meetingOutcomes as o', 'o.actionItemId', 'ai.id')
      .innerJoin('meetings as m', 'm.id', 'o.meetingId')
      .innerJoin('units as ou', 'ou.id', 'ai.ownerUnitId')
      .leftJoin('users as owner', 'owner.id', 'ai.ownerUserId')
      .leftJoin('projects as p', 'p.id', 'ai.projectId')
      .select([
        'ai.id as actionItemId',
        'm.id as meetingId',
        'm.title as meetingTitle',
        'm.date as meetingDate',
        'ai.projectId',
        'p.name as projectName',
        'ai.title',
        'ou.name as ownerUnitName',
        'owner.displayName as ownerUserName',
        'ai.deadline',
        'ai.status',
        'ai.feedback',
        'o.seq',
      ])
      .where('ai.sourceKind', '=', 'meeting')
      .where('m.seriesId', '=', seriesId)
      .where('m.status', '=', 'closed')
      .where((eb) =>
        eb.or([
          eb('m.id', '=', upTo.id),
          eb.and([eb.or([eb('m.date', '<', upTo.date), eb.and([eb('m.date', '=', upTo.date), eb('m.id', '<', upTo.id)])]), eb('ai.status', 'in', ['open', 'reported'])]),
        ]),
      )
      .orderBy('m.date', 'desc')
      .orderBy('o.seq')
      .execute();
  },
};
