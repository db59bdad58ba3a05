import type { Kysely } from 'kysely';

/**
 * 亮灯 (red/yellow/green lights). `project_lights` keeps one row per project and month — the
 * light history — with the raised rules and their figures as JSON; `projects.light` mirrors the
 * current month's colour so the ledger filters by it like any other column. `light_dirty` is
 * the queue of projects whose light must be recomputed: a frequent job fills it from the rows
 * changed since its last scan (by `updated_at`, hence the milestones index) and empties it.
 * `projects.stats_entered_date` is the 统计入库 date the statistics rule reads.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('project_lights')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('color', 'text', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('project_lights_project_month_uq', ['project_id', 'month'])
    .execute();
  await db.schema.createIndex('project_lights_month_color_idx').on('project_lights').columns(['month', 'color', 'unit_id']).execute();
  await db.schema.createTable('light_dirty').addColumn('project_id', 'text', (c) => c.primaryKey()).addColumn('marked_at', 'text', (c) => c.notNull()).execute();
  await db.schema.alterTable('projects').addColumn('light', 'text').execute();
  await db.schema.alterTable('projects').addColumn('stats_entered_date', 'text').execute();
  await db.schema.createIndex('milestones_updated_idx').on('milestones').column('updated_at').execute();
  await db.schema.createIndex('problems_updated_idx').on('problems').column('updated_at').execute();
  await db.schema.createIndex('progress_reports_updated_idx').on('progress_reports').column('updated_at').execute();
  await db.schema.createIndex('projects_light_idx').on('projects').columns(['light', 'archived']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('projects_light_idx').execute();
  await db.schema.dropIndex('milestones_updated_idx').execute();
  await db.schema.dropIndex('problems_updated_idx').execute();
  await db.schema.dropIndex('progress_reports_updated_idx').execute();
  await db.schema.alterTable('projects').dropColumn('stats_entered_date').execute();
  await db.schema.alterTable('projects').dropColumn('light').execute();
  await db.schema.dropTable('light_dirty').execute();
  await db.schema.dropTable('project_lights').execute();
}
