import type { Kysely } from 'kysely';

/**
 * 调度通报 (monthly dispatch bulletins): one per unit and month (unique), drafted by the
 * scheduled job after the month's report deadline or by a coordinator, reviewed, then sent.
 * `figures` is the JSON snapshot of the figures when drafted (the document prints it, so a sent
 * bulletin never changes when data moves on); `opening` and `next_steps` (JSON array) are the
 * texts the coordinator may edit before sending.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('bulletins')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('figures', 'text', (c) => c.notNull())
    .addColumn('opening', 'text', (c) => c.notNull())
    .addColumn('next_steps', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('sent_by', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('bulletins_unit_period_uq', ['unit_id', 'period'])
    .execute();
  await db.schema.createIndex('bulletins_period_idx').on('bulletins').column('period').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('bulletins').execute();
}
