import type { Kysely } from 'kysely';

/**
 * Covering indexes for the cockpit's aggregates at 50,000 projects (bench:cockpit): the sums per
 * unit, per industry and per light each read one index that is both in their GROUP BY order and
 * covering — with planner statistics (the hourly refresh-planner-stats job) SQLite picks an index
 * in group order, so a covering one that is not in that order would be passed over for a walk of
 * the wide project rows; the stage-event flows of a period read each stage's events of the
 * period from one index (no row lookups); and a colour's list reads in name order straight from
 * its index. (A covering (id, archived, stage, unit_id) index was tried and dropped: without
 * statistics SQLite then drove the flows from the projects side, 2× slower.)
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('projects_unit_sums_idx').on('projects').columns(['unit_id', 'archived', 'stage', 'annual_plan_investment', 'ytd_investment', 'light']).execute();
  await db.schema.createIndex('projects_industry_sums_idx').on('projects').columns(['industry', 'archived', 'stage', 'annual_plan_investment', 'ytd_investment']).execute();
  await db.schema.createIndex('projects_light_stage_idx').on('projects').columns(['light', 'archived', 'stage']).execute();
  await db.schema.createIndex('projects_light_name_idx').on('projects').columns(['light', 'archived', 'name', 'id']).execute();
  await db.schema.createIndex('project_stage_events_cover_idx').on('project_stage_events').columns(['to_stage', 'date', 'from_stage', 'project_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ['project_stage_events_cover_idx', 'projects_light_name_idx', 'projects_light_stage_idx', 'projects_industry_sums_idx', 'projects_unit_sums_idx']) await db.schema.dropIndex(name).execute();
}
