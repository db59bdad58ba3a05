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
  // A 64 MB page cache (the default is 2 MB): the ledger's indexes at 50,000 projects stay in memory.
  raw.pragma('cache_size = -65536');
  const dialect = new ImmediateSqliteDialect({ database: withStatementCache(raw) });
  return { dialect, raw };
}

const STATEMENT_CACHE_SIZE = 500;

/** What Kysely's SQLite connection uses of a prepared statement. */
type KyselyStatement = Pick<BetterSqlite3.Statement, 'reader' | 'all' | 'iterate' | 'run'>;

/**
 * Kysely's SQLite driver prepares every statement anew; preparing costs more than running a
 * small query. Reuse prepared statements by SQL text (LRU). Safe: the driver runs one statement
 * at a time on its single connection.
 */
function withStatementCache(raw: BetterSqlite3.Database): BetterSqlite3.Database {
  const cache = new Map<string, KyselyStatement>();
  const prepare = (sql: string) => {
    let stmt = cache.get(sql);
    if (stmt) {
      cache.delete(sql);
    } else {
      stmt = withFastRows(raw.prepare(sql));
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, stmt);
    return stmt;
  };
  return new Proxy(raw, {
    get(target, prop) {
      if (prop === 'prepare') return prepare;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * better-sqlite3 builds each result row by setting its columns one by one, which leaves V8 a slow
 * object (15 µs for a 26-column row, twice the cost of reading it). A reading statement runs in
 * raw mode instead (arrays) and its rows are made by one object literal compiled for its columns:
 * same keys, same values (a repeated column name keeps the last value, as before).
 */
function withFastRows(stmt: BetterSqlite3.Statement): KyselyStatement {
  if (!stmt.reader) return stmt;
  stmt.raw(true);
  const fields = stmt.columns().map((c, i) => `${JSON.stringify(c.name)}: a[${i}]`);
  const toRow = new Function('a', `return { ${fields.join(', ')} };`) as (a: unknown[]) => unknown;
  return {
    reader: true,
    all: (...params: unknown[]) => (stmt.all(...params) as unknown[][]).map(toRow),
    *iterate(...params: unknown[]) {
      for (const a of stmt.iterate(...params) as IterableIterator<unknown[]>) yield toRow(a);
    },
    run: (...params: unknown[]) => stmt.run(...params),
  } as KyselyStatement;
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
