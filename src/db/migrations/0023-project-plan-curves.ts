import type { Kysely } from 'kysely';

/** A project's own monthly plan curve per year (序时 override before its units' goal curves). */
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('project_plan_curves')
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('curve', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('project_plan_curves_pk', ['project_id', 'year'])
    .execute();
  await db.schema.createIndex('project_plan_curves_year_idx').on('project_plan_curves').column('year').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('project_plan_curves').execute();
}
