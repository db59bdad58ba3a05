import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import type { Db } from '../src/db/database.js';
import { dialectOf } from '../src/db/helpers/dialect.js';
import { refreshPlannerStats } from '../src/db/helpers/planner-stats.js';

/** The PostgreSQL server the benches create their databases on (none: PostgreSQL is skipped). */
export const PG_BASE = process.env['LUODI_BENCH_POSTGRES_URL'] ?? process.env['LUODI_TEST_POSTGRES_URL'];

/** A fresh database for one bench run: a SQLite file in `dir`, or a new PostgreSQL database. */
export async function benchDatabase(kind: 'sqlite' | 'postgres', dir: string, label: string): Promise<{ url: string; drop(): Promise<void> }> {
  if (kind === 'sqlite') return { url: join(dir, `${label}.db`), drop: async () => undefined };
  const name = `luodi_bench_${label}_${Date.now()}`;
  const c = new pg.Client({ connectionString: PG_BASE });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const url = new URL(PG_BASE!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    // An autovacuum worker (a superuser process) may still be busy with the fresh rows, and
    // FORCE may not end it: retry for a while, then leave the database behind with a warning.
    drop: async () => {
      for (let attempt = 1; ; attempt++) {
        const d = new pg.Client({ connectionString: PG_BASE });
        await d.connect();
        try {
          await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          return;
        } catch (e) {
          if (attempt >= 10) {
            process.stderr.write(`could not drop ${name}: ${String(e)}\n`);
            return;
          }
        } finally {
          await d.end();
        }
        await new Promise((r) => setTimeout(r, 3000));
      }
    },
  };
}

/**
 * The database as it stands a minute after a bulk load in a deployment: planner statistics as the
 * hourly refresh-planner-stats job keeps them; on PostgreSQL the vacuum and analyse of every table
 * that autovacuum runs after
 * many inserts (without it every index-only scan still visits the table rows, as the visibility
 * map is empty: the 50,000-project list ran twice as slow as the 5,000 one); on SQLite the WAL
 * checkpointed, as SQLite's automatic checkpoints keep it between bursts of writes.
 */
export async function settleAfterLoad(db: Db): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`VACUUM (ANALYZE)`.execute(db);
    return;
  }
  await refreshPlannerStats(db);
  await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
}
