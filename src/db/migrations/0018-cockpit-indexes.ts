import type { Kysely } from 'kysely';

/**
 * Covering indexes for the cockpit's aggregates at 50,000 projects (bench:cockpit): the figures
 * per unit, industry and light read only these columns, so a scan of the index replaces a scan
 * of the wide project rows; the stage-event flows of a period read each stage's events of the
 * period from one index (no row lookups); and a colour's list reads in name order straight from
 * its index. (A covering (id, archived, stage, unit_id) index was tried and dropped: without
 * statistics SQLite then drove the flows from the projects side, 2× slower.)
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('projects_dashboard_idx')
    .on('projects')
    .columns(['archived', 'stage', 'unit_id', 'industry', 'light', 'annual_plan_investment', 'ytd_investment', 'total_investment'])
    .execute();
  await db.schema.createIndex('projects_light_name_idx').on('projects').columns(['light', 'archived', 'name', 'id']).execute();
  await db.schema.createIndex('project_stage_events_cover_idx').on('project_stage_events').columns(['to_stage', 'date', 'from_stage', 'project_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('project_stage_events_cover_idx').execute();
  await db.schema.dropIndex('projects_light_name_idx').execute();
  await db.schema.dropIndex('projects_dashboard_idx').execute();
}
