import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { Database, UnitsTable } from '../../db/database.js';
import { toCount } from '../../db/helpers/count.js';

export type UnitRow = Selectable<UnitsTable>;

export const unitsRepository = {
  listAll(db: Kysely<Database>) {
    return db.selectFrom('units').selectAll().orderBy('path').orderBy('sortOrder').execute();
  },
  find(db: Kysely<Database>, id: string) {
    return db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
  },
  /** Which of these ids exist (one query). */
  async existingIds(db: Kysely<Database>, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    return new Set((await db.selectFrom('units').select('id').where('id', 'in', ids).execute()).map((u) => u.id));
  },
  findRoot(db: Kysely<Database>) {
    return db.selectFrom('units').selectAll().where('parentId', 'is', null).orderBy('createdAt').executeTakeFirst();
  },
  findByName(db: Kysely<Database>, name: string) {
    return db.selectFrom('units').selectAll().where('name', '=', name).executeTakeFirst();
  },
  insert(db: Kysely<Database>, row: Insertable<UnitsTable>) {
    return db.insertInto('units').values(row).execute();
  },
  /** The active units one level below, in the unit tree's order (the rows a ranking or a table lists). */
  activeChildren(db: Kysely<Database>, id: string) {
    return db.selectFrom('units').select(['id', 'name', 'path']).where('parentId', '=', id).where('archived', '=', 0).orderBy('sortOrder').orderBy('name').execute();
  },
  async countActiveChildren(db: Kysely<Database>, id: string) {
    const r = await db
      .selectFrom('units')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('parentId', '=', id)
      .where('archived', '=', 0)
      .executeTakeFirstOrThrow();
    return toCount(r.n as string | number);
  },
  /** Rewrites the path prefix of a moved subtree (the unit itself and all descendants). */
  async movePaths(db: Kysely<Database>, oldPrefix: string, newPrefix: string) {
    await db
      .updateTable('units')
      .set({ path: sql<string>`${newPrefix} || substr(path, ${oldPrefix.length + 1})` })
      .where('path', 'like', `${oldPrefix}%`)
      .execute();
  },
};
