import { FastCamelCasePlugin } from './camel-case.js';
import { Kysely, Migrator, type MigrationResultSet } from 'kysely';
import type { Database, Db, DbKind } from './database.js';
import { createPostgresDialect } from './dialects/postgres.js';
import { createSqliteDialect } from './dialects/sqlite.js';
import { migrations } from './migrations/index.js';
import { isPostgresUrl } from '../config.js';

export interface DbHandle {
  db: Db;
  kind: DbKind;
  /** The SQLite file (for backup), or null on PostgreSQL. */
  sqliteFile: string | null;
  url: string;
  /** Statements executed so far (tests assert lists issue a constant number, no N+1). */
  stats: { queries: number };
  close(): Promise<void>;
}

/** Opens the database named by `url`: a postgres:// URL or a SQLite file path. */
export function openDatabase(url: string, opts: { poolMax?: number } = {}): DbHandle {
  const stats = { queries: 0 };
  const log = () => void stats.queries++;
  if (isPostgresUrl(url)) {
    const { dialect } = createPostgresDialect(url, opts.poolMax ?? 10);
    const db = new Kysely<Database>({ dialect, plugins: [new FastCamelCasePlugin()], log });
    return { db, kind: 'postgres', sqliteFile: null, url, stats, close: () => db.destroy() };
  }
  const { dialect } = createSqliteDialect(url);
  const db = new Kysely<Database>({ dialect, plugins: [new FastCamelCasePlugin()], log });
  return { db, kind: 'sqlite', sqliteFile: url, url, stats, close: () => db.destroy() };
}

const provider = { getMigrations: () => Promise.resolve(migrations) };

/** Brings the schema to the latest migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  // Migrations written on parallel branches can land in git out of number order (0005 before 0004
  // did once); a database that already ran the later one must still accept the earlier one.
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new Error(`数据库迁移失败 / migration ${failed?.migrationName ?? '?'} failed: ${String(result.error)}`, {
      cause: result.error,
    });
  }
  return result;
}
