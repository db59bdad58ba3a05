import { PostgresAdapter, type Kysely } from 'kysely';
import type { DbKind } from '../database.js';

/** Which database a Kysely instance talks to. Only src/db/helpers may branch on this. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function dialectOf(db: Kysely<any>): DbKind {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
