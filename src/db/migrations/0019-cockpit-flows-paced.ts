import { sql, type Kysely } from 'kysely';

/**
 * Two more cockpit indexes (bench:cockpit, 50,000 projects):
 * - the period's stage-event flows look up each event's project for `archived`, `stage` (live or
 *   终止) and `unit_id` (the unit filter): covering those saves a table-row read per event, a
 *   third of the statement (≈300 → ≈200 ms on SQLite);
 * - 十快 / 十慢 order this year's building projects by 年度完成率: with the rate in an index (one
 *   per direction, since ties go by name ascending in both lists) the ten rows are read off the
 *   index instead of sorting every building project (≈20 ms → well under 1 ms each). Partial on
 *   a positive annual plan, which the lists require and without which PostgreSQL would divide by
 *   zero while building the index. The expression is the one dashboardRepository.paced orders by.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
const RATE = sql`coalesce((ytd_investment * 1.0 / annual_plan_investment), 0)`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('projects_live_idx').on('projects').columns(['id', 'archived', 'stage', 'unit_id']).execute();
  await sql`create index projects_fast_idx on projects (stage, archived, (${RATE}) desc, name) where annual_plan_investment > 0`.execute(db);
  await sql`create index projects_slow_idx on projects (stage, archived, (${RATE}), name) where annual_plan_investment > 0`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ['projects_slow_idx', 'projects_fast_idx', 'projects_live_idx']) await db.schema.dropIndex(name).execute();
}
