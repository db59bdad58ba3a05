import type { Kysely } from 'kysely';

/**
 * 目标 (annual goals): one row per unit and year. The unit is the data-scope key: the root unit
 * holds the whole county's or zone's targets, any other unit its own. Counts and money are
 * nullable (a unit may set only some targets); money is integer 元. `quarters` (季度分解 per
 * metric) and `plan_curve` (12 cumulative basis points pacing investment) are JSON text.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('goals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('sign_target', 'integer')
    .addColumn('start_target', 'integer')
    .addColumn('complete_target', 'integer')
    .addColumn('operate_target', 'integer')
    .addColumn('investment_target', 'bigint')
    .addColumn('negotiating_pool', 'integer')
    .addColumn('reserve_pool', 'integer')
    .addColumn('quarters', 'text')
    .addColumn('plan_curve', 'text')
    .addColumn('note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addUniqueConstraint('goals_unit_year_uq', ['unit_id', 'year'])
    .execute();
  // The goals page reads one year across every unit in scope.
  await db.schema.createIndex('goals_year_idx').on('goals').column('year').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('goals').execute();
}
