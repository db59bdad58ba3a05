import type { Kysely } from 'kysely';

/**
 * Indexes for the ledger list at 50,000 projects (bench:ledger).
 *
 * `projects_list_idx` covers every list filter and sort column, so filtering, counting and
 * ordering a page's ids never read the (wide) table rows; the list then fetches only the page's
 * rows by id (deferred join, see projects.repository.ts). Its leading columns are the filters
 * offices use most (stage, then industry, then lead unit). The per-sort indexes serve unfiltered
 * lists, which can then stop after one page instead of sorting everything.
 * `projects_stage_industry_investment_idx` serves the ledger's headline view — one stage's projects
 * in one industry, largest first — straight from the index (no sort at all); other combinations
 * sort their matches from the covering index (a few ms at 50,000 projects, see bench/RESULTS.md).
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('projects_stage_idx').execute();
  await db.schema.dropIndex('projects_updated_idx').execute();
  await db.schema.dropIndex('projects_name_idx').execute();
  await db.schema
    .createIndex('projects_list_idx')
    .on('projects')
    .columns([
      'archived',
      'stage',
      'industry',
      'unit_id',
      'level',
      'project_type',
      'suspended',
      'leader_user_id',
      'helper_user_id',
      'total_investment',
      'updated_at',
      'planned_start_date',
      'actual_start_date',
      'name',
      'code',
      'id',
    ])
    .execute();
  await db.schema.createIndex('projects_stage_industry_investment_idx').on('projects').columns(['archived', 'stage', 'industry', 'total_investment', 'id']).execute();
  for (const column of ['updated_at', 'total_investment', 'name', 'planned_start_date', 'stage']) {
    await db.schema.createIndex(`projects_sort_${column}_idx`).on('projects').columns(['archived', column, 'id']).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['updated_at', 'total_investment', 'name', 'planned_start_date', 'stage']) await db.schema.dropIndex(`projects_sort_${column}_idx`).execute();
  await db.schema.dropIndex('projects_stage_industry_investment_idx').execute();
  await db.schema.dropIndex('projects_list_idx').execute();
  await db.schema.createIndex('projects_stage_idx').on('projects').columns(['archived', 'stage', 'updated_at']).execute();
  await db.schema.createIndex('projects_updated_idx').on('projects').columns(['archived', 'updated_at']).execute();
  await db.schema.createIndex('projects_name_idx').on('projects').column('name').execute();
}
