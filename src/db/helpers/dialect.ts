import { PostgresAdapter, type Kysely } from 'kysely';
import type { DbKind } from '../database.js';

/** Which database a Kysely instance talks to. Only src/db/helpers may branch on this. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function dialectOf(db: Kysely<any>): DbKind {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * Whether the database's work runs on this thread: better-sqlite3 executes statements
 * synchronously on the calling thread; PostgreSQL works in its own server process while this
 * thread waits. Work that could run beside the database (e.g. reading a big import file in a
 * worker thread) only gains where it does.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function runsOnThisThread(db: Kysely<any>): boolean {
  return dialectOf(db) === 'sqlite';
}
