import { sql } from 'kysely';
import type { Db } from '../database.js';
import { dialectOf } from './dialect.js';

/**
 * Refreshes the query planner's table statistics, so that at scale it picks the ledger's covering
 * index instead of scanning. SQLite's `PRAGMA optimize` analyses only tables whose size changed a
 * lot since the last run (cheap when nothing did); PostgreSQL's autovacuum does this on its own
 * schedule, so an explicit ANALYZE after a bulk import only makes the new rows count at once.
 */
export async function refreshPlannerStats(db: Db): Promise<void> {
  if (dialectOf(db) === 'sqlite') await sql`PRAGMA optimize=0x10002`.execute(db);
  else await sql`ANALYZE projects`.execute(db);
}
