import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, SqliteDialect, type DatabaseConnection, type Driver } from 'kysely';

/**
 * Embedded SQLite: WAL so readers never block the writer, busy_timeout so a second process
 * waits instead of failing, synchronous=FULL so a committed write survives power loss, and
 * writes in BEGIN IMMEDIATE so two transactions never deadlock upgrading a read lock.
 */
export function createSqliteDialect(file: string): { dialect: SqliteDialect; raw: BetterSqlite3.Database } {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const raw = new BetterSqlite3(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('busy_timeout = 5000');
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  const dialect = new ImmediateSqliteDialect({ database: raw });
  return { dialect, raw };
}

class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    // Kysely begins SQLite transactions with a deferred BEGIN; take the write lock up front.
    driver.beginTransaction = async (connection: DatabaseConnection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    return driver;
  }
}
