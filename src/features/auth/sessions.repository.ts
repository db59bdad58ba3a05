import type { CompiledQuery, Insertable, Kysely } from 'kysely';
import type { Database, SessionsTable } from '../../db/database.js';

function sessionWithUserQuery(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.userId')
    .innerJoin('units', 'units.id', 'users.unitId')
    .select([
      'sessions.id as sessionId',
      'sessions.csrfToken',
      'sessions.createdAt as sessionCreatedAt',
      'sessions.lastSeenAt',
      'users.id',
      'users.username',
      'users.displayName',
      'users.role',
      'users.title',
      'users.phone',
      'users.unitId',
      'users.disabled',
      'users.mustChangePassword',
      'units.name as unitName',
      'units.path as unitPath',
    ])
    .where('sessions.id', '=', id);
}
type SessionWithUser = Awaited<ReturnType<ReturnType<typeof sessionWithUserQuery>['executeTakeFirst']>>;

// The session lookup runs on every request: build and compile its SQL once per database, then
// run it with the new parameter (Kysely would otherwise rebuild and recompile it each time).
const compiledLookup = new WeakMap<Kysely<Database>, CompiledQuery>();

export const sessionsRepository = {
  insert(db: Kysely<Database>, row: Insertable<SessionsTable>) {
    return db.insertInto('sessions').values(row).execute();
  },
  /** The session with its user and unit in one query — this runs on every request. */
  async findWithUser(db: Kysely<Database>, id: string): Promise<SessionWithUser> {
    let compiled = compiledLookup.get(db);
    if (!compiled) {
      compiled = sessionWithUserQuery(db, '').compile();
      compiledLookup.set(db, compiled);
    }
    const result = await db.executeQuery<NonNullable<SessionWithUser>>({ ...compiled, parameters: [id] });
    return result.rows[0];
  },
  touch(db: Kysely<Database>, id: string, now: string) {
    return db.updateTable('sessions').set({ lastSeenAt: now }).where('id', '=', id).execute();
  },
  delete(db: Kysely<Database>, id: string) {
    return db.deleteFrom('sessions').where('id', '=', id).execute();
  },
  async deleteForUser(db: Kysely<Database>, userId: string, id: string) {
    const r = await db.deleteFrom('sessions').where('id', '=', id).where('userId', '=', userId).executeTakeFirst();
    return Number(r.numDeletedRows);
  },
  deleteOthers(db: Kysely<Database>, userId: string, keepId: string) {
    return db.deleteFrom('sessions').where('userId', '=', userId).where('id', '!=', keepId).execute();
  },
  listForUser(db: Kysely<Database>, userId: string) {
    return db.selectFrom('sessions').selectAll().where('userId', '=', userId).orderBy('lastSeenAt', 'desc').execute();
  },
  /** Removes sessions idle or older than the limits (housekeeping job). */
  async deleteExpired(db: Kysely<Database>, idleBefore: string, createdBefore: string) {
    const r = await db
      .deleteFrom('sessions')
      .where((eb) => eb.or([eb('lastSeenAt', '<', idleBefore), eb('createdAt', '<', createdBefore)]))
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  },
};
