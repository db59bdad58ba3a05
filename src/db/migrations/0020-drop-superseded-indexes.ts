import type { Kysely } from 'kysely';

/**
 * Drops four project indexes nothing needs any more. Every index is paid for on each insert and
 * update (an import of 50,000 projects updated 20 of them per row) and, on PostgreSQL, in the
 * planning of every projects query.
 * - projects_unit_sums_idx, projects_industry_sums_idx, projects_light_stage_idx (0018) served the
 *   cockpit's separate sums per unit, per industry and per light; one grouped statement on
 *   projects_cockpit_sums_idx (0019) replaced them. The goals' per-unit stock reads that index too.
 * - projects_light_idx (light, archived) (0014) is the prefix of projects_light_name_idx.
 * Measured on 50,000 projects (bench/out scratch, SQLite): cockpit, goals and red-light list
 * unchanged within noise; the import ≈1 s faster.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  for (const name of ['projects_unit_sums_idx', 'projects_industry_sums_idx', 'projects_light_stage_idx', 'projects_light_idx']) await db.schema.dropIndex(name).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('projects_light_idx').on('projects').columns(['light', 'archived']).execute();
  await db.schema.createIndex('projects_light_stage_idx').on('projects').columns(['light', 'archived', 'stage']).execute();
  await db.schema.createIndex('projects_industry_sums_idx').on('projects').columns(['industry', 'archived', 'stage', 'annual_plan_investment', 'ytd_investment']).execute();
  await db.schema.createIndex('projects_unit_sums_idx').on('projects').columns(['unit_id', 'archived', 'stage', 'annual_plan_investment', 'ytd_investment', 'light']).execute();
}
