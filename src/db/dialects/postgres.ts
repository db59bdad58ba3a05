import pg from 'pg';
import { PostgresDialect } from 'kysely';
import { preparedName } from '../helpers/prepared.js';

const INT8 = 20;
const NUMERIC = 1700;
/**
 * bigint (money in 元, areas) and COUNT(*) come back as JavaScript numbers, as on SQLite.
 * Safe: 2^53 元 is 90 万亿元, beyond any county ledger.
 */
function getTypeParser(oid: number, format?: 'text' | 'binary') {
  if (oid === INT8 || oid === NUMERIC) return (v: string) => Number(v);
  return pg.types.getTypeParser(oid, format);
}

type QueryFn = (text: unknown, values?: unknown, callback?: unknown) => unknown;

/** PostgreSQL for a city or province: several app instances share one database. */
export function createPostgresDialect(url: string, poolMax: number): { dialect: PostgresDialect; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max: poolMax, types: { getTypeParser } });
  // An idle client that errors (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  // Kysely calls client.query(text, values): a marked text runs under its name instead.
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as QueryFn;
    const named: QueryFn = (text, values, callback) => {
      const name = typeof text === 'string' ? preparedName(text) : undefined;
      return name ? query({ name, text, values }, callback) : query(text, values, callback);
    };
    Object.assign(client, { query: named });
  });
  return { dialect: new PostgresDialect({ pool }), pool };
}
