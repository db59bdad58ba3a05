import type { Insertable, Kysely, Selectable } from 'kysely';
import type { ListUsersQuery } from '../../core/schemas/users.schema.js';
import type { Database, UsersTable } from '../../db/database.js';
import { toCount } from '../../db/helpers/count.js';

export type UserRow = Selectable<UsersTable>;

function withUnit(db: Kysely<Database>) {
  return db.selectFrom('users').innerJoin('units', 'units.id', 'users.unitId').selectAll('users').select(['units.name as unitName', 'units.path as unitPath']);
}
export type UserWithUnit = UserRow & { unitName: string; unitPath: string };

export const usersRepository = {
  find(db: Kysely<Database>, id: string): Promise<UserWithUnit | undefined> {
    return withUnit(db).where('users.id', '=', id).executeTakeFirst();
  },
  findByUsername(db: Kysely<Database>, username: string): Promise<UserWithUnit | undefined> {
    return withUnit(db).where('users.username', '=', username.toLowerCase()).executeTakeFirst();
  },
  async count(db: Kysely<Database>): Promise<number> {
    const r = await db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    return toCount(r.n as string | number);
  },
  async countActiveWithRole(db: Kysely<Database>, role: string): Promise<number> {
    const r = await db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('role', '=', role)
      .where('disabled', '=', 0)
      .executeTakeFirstOrThrow();
    return toCount(r.n as string | number);
  },
  /** One page of users, optionally limited to a unit subtree (path prefix). */
  async list(db: Kysely<Database>, q: ListUsersQuery, scopePath: string | null) {
    let base = db.selectFrom('users').innerJoin('units', 'units.id', 'users.unitId');
    if (scopePath) base = base.where('units.path', 'like', `${scopePath}%`);
    if (q.unitId) base = base.where('users.unitId', '=', q.unitId);
    if (q.role) base = base.where('users.role', '=', q.role);
    if (q.q) {
      const term = `%${q.q.toLowerCase()}%`;
      base = base.where((eb) => eb.or([eb('users.username', 'like', term), eb('users.displayName', 'like', `%${q.q}%`), eb('users.phone', 'like', term)]));
    }
    const rows = await base
      .selectAll('users')
      .select(['units.name as unitName', 'units.path as unitPath'])
      .orderBy('units.path')
      .orderBy('users.username')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute();
    const total = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    return { rows, total: toCount(total.n as string | number) };
  },
  /** Active people of business roles, county-wide, at most 1,000 (a county has a few hundred). */
  listPeople(db: Kysely<Database>, roles: readonly string[]) {
    return db
      .selectFrom('users')
      .innerJoin('units', 'units.id', 'users.unitId')
      .select(['users.id', 'users.displayName as name', 'users.title', 'users.role', 'units.name as unitName'])
      .where('users.disabled', '=', 0)
      .where('users.role', 'in', roles)
      .orderBy('units.path')
      .orderBy('users.displayName')
      .limit(1000)
      .execute();
  },
  insert(db: Kysely<Database>, row: Insertable<UsersTable>) {
    return db.insertInto('users').values(row).execute();
  },
  /** Atomically counts one more failed sign-in and returns the new count. */
  async incrementFailures(db: Kysely<Database>, id: string): Promise<number> {
    const r = await db
      .updateTable('users')
      .set((eb) => ({ failedAttempts: eb('failedAttempts', '+', 1) }))
      .where('id', '=', id)
      .returning('failedAttempts')
      .executeTakeFirstOrThrow();
    return r.failedAttempts;
  },
  lock(db: Kysely<Database>, id: string, until: string) {
    return db.updateTable('users').set({ lockedUntil: until, failedAttempts: 0 }).where('id', '=', id).execute();
  },
  recordLogin(db: Kysely<Database>, id: string, now: string, mustChangePassword: boolean) {
    return db
      .updateTable('users')
      .set({ failedAttempts: 0, lockedUntil: null, lastLoginAt: now, ...(mustChangePassword ? { mustChangePassword: 1 } : {}) })
      .where('id', '=', id)
      .execute();
  },
};
