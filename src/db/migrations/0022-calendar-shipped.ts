import type { Kysely } from 'kysely';

/**
 * The shipped working-day calendar can be updated by a later release (2027's provisional
 * statutory days → the State Council's notice) without losing what an office set by hand:
 * - calendar_years records which shipped revision each year was written from;
 * - calendar_days.edited marks a day an administrator set (kind 'normal' marks one they set
 *   back to an ordinary day, which used to be a deleted row).
 * Existing data: every year present is at revision 1, and the hand-set days are those the audit
 * log names (action calendar.set-day, object id = the date) — the only way a day was ever set.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('calendar_years')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('shipped_revision', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('calendar_days').addColumn('edited', 'integer', (c) => c.notNull().defaultTo(0)).execute();

  const now = new Date().toISOString();
  const years = await db.selectFrom('calendar_days').select('year').distinct().execute();
  if (years.length) await db.insertInto('calendar_years').values(years.map((r: { year: number }) => ({ year: Number(r.year), shipped_revision: 1, updated_at: now }))).execute();
  // Result keys come back camelCased when the app's CamelCasePlugin is on (it is for migrations).
  const rows: { object_id?: string | null; objectId?: string | null }[] = await db.selectFrom('audit_log').select('object_id').distinct().where('action', '=', 'calendar.set-day').execute();
  const setDates = rows.map((r) => r.objectId ?? r.object_id ?? '').filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d));
  for (const date of setDates) {
    const row = await db.selectFrom('calendar_days').select('date').where('date', '=', date).executeTakeFirst();
    if (row) await db.updateTable('calendar_days').set({ edited: 1 }).where('date', '=', date).execute();
    else await db.insertInto('calendar_days').values({ date, year: Number(date.slice(0, 4)), kind: 'normal', name: '', provisional: 0, edited: 1, updated_at: now }).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('calendar_days').where('kind', '=', 'normal').execute();
  await db.schema.alterTable('calendar_days').dropColumn('edited').execute();
  await db.schema.dropTable('calendar_years').execute();
}
