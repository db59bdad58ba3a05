import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';

export const settingsRepository = {
  find(db: Kysely<Database>, key: string) {
    return db.selectFrom('settings').selectAll().where('key', '=', key).executeTakeFirst();
  },
  insert(db: Kysely<Database>, key: string, value: string, now: string, by: string | null) {
    return db.insertInto('settings').values({ key, value, version: 1, updatedAt: now, updatedBy: by }).execute();
  },
  async updateVersioned(db: Kysely<Database>, key: string, expectedVersion: number, value: string, now: string, by: string | null) {
    const r = await db
      .updateTable('settings')
      .set({ value, version: expectedVersion + 1, updatedAt: now, updatedBy: by })
      .where('key', '=', key)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
};
