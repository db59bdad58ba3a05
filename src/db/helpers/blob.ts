import type { Kysely } from 'kysely';
import { dialectOf } from './dialect.js';

/**
 * The column type for file contents: `bytea` on PostgreSQL, `blob` on SQLite. Both drivers hand
 * a Buffer back and take a Buffer in, so only the DDL differs.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function blobColumnType(db: Kysely<any>): 'bytea' | 'blob' {
  return dialectOf(db) === 'postgres' ? 'bytea' : 'blob';
}
