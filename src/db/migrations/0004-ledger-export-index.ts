import type { Kysely } from 'kysely';

/**
 * The ledger export reads each stage's projects in name order, 1,000 at a time, resuming after
 * the last (name, id) of the previous page (projects.repository.ts exportPage). With this index
 * each page is one range seek that reads exactly its rows; without it SQLite walked
 * projects_sort_name_idx through every stage from the start of the stage's names again on each
 * page (the export's database time grew with the square of the ledger's size).
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('projects_export_idx').on('projects').columns(['archived', 'stage', 'name', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('projects_export_idx').execute();
}
