import pg from 'pg';
import { PostgresDialect } from 'kysely';

/** PostgreSQL for a city or province: several app instances share one database. */
export function createPostgresDialect(url: string, poolMax: number): { dialect: PostgresDialect; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max: poolMax });
  // An idle client that errors (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  return { dialect: new PostgresDialect({ pool }), pool };
}
