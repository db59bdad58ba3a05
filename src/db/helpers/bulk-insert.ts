import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { Database } from '../database.js';
import { dialectOf } from './dialect.js';

type Table = 'projects' | 'projectStageEvents' | 'projectPlans' | 'milestones' | 'projectUnits' | 'auditLog';

/** Compiled INSERT texts by dialect, table, columns (and on SQLite row count): a few dozen at most. */
const templates = new Map<string, string>();

/** Values bound per SQLite statement (its limit is 32,766; 200 rows of a project): larger calls are split. */
const SQLITE_VALUES_PER_STATEMENT = 9_200;

/**
 * Rows a bulk write should build and insert together (the rows, and with them their stage events
 * and audit rows). PostgreSQL: 500, one statement each (≈ 10 % less server time than 200-row
 * statements for a 50,000-row import). SQLite: 200; 500 ran no faster and the import peaked
 * ≈ 50 MB higher (a batch's objects outlive more young-generation collections and pile up in
 * the old one).
 */
export function bulkWriteRows(db: Kysely<Database>): number {
  return dialectOf(db) === 'postgres' ? 500 : 200;
}

/**
 * Multi-row INSERTs of value arrays (one per row, in `columns` order), any number of rows.
 *
 * SQLite: `INSERT … VALUES (?, …), (?, …)` of at most SQLITE_VALUES_PER_STATEMENT values, compiled
 * by Kysely once per row count and then run with
 * each chunk's values: building and compiling a syntax tree of every value cost ~0.7 s of CPU for
 * 50,000 projects and their stage events. A compiled INSERT … VALUES takes the values row by row,
 * column by column; the first compile checks exactly that.
 *
 * PostgreSQL: `INSERT … SELECT * FROM unnest($1::text[], $2::bigint[], …)`, one array parameter
 * per column whatever the row count. The server parsed, bound and planned 9,200 scalar parameters
 * per 200-row VALUES statement (8 of the 11.5 s its log showed for a 50,000-row import); an array
 * per column is one text to read per column. Each array is cast to its column's own type, read
 * from the catalogue once per table (so it is the migrations' type, whatever they say), and
 * unnest zips the arrays row by row; NULLs travel as array NULLs.
 */
export function bulkInsert(trx: Kysely<Database>, table: Table, columns: readonly string[]) {
  const dialect = dialectOf(trx);
  const prefix = `${dialect}|${table}|${columns.join(',')}|`;
  if (dialect === 'postgres') {
    return async (rows: ReadonlyArray<readonly unknown[]>): Promise<void> => {
      if (rows.length === 0) return;
      const sqlText = templates.get(prefix) ?? (await unnestTemplate(trx, table, columns, prefix));
      const arrays: unknown[][] = columns.map(() => new Array<unknown>(rows.length));
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r]!;
        for (let c = 0; c < arrays.length; c++) arrays[c]![r] = row[c];
      }
      await trx.executeQuery(CompiledQuery.raw(sqlText, arrays));
    };
  }
  const perStatement = Math.max(1, Math.floor(SQLITE_VALUES_PER_STATEMENT / columns.length));
  const insert = async (rows: ReadonlyArray<readonly unknown[]>): Promise<void> => {
    const params: unknown[] = [];
    for (const r of rows) for (const v of r) params.push(v); // flat() is several times slower
    const key = prefix + rows.length;
    let sqlText = templates.get(key);
    if (sqlText === undefined) {
      const objects = rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i]])));
      const compiled = trx.insertInto(table).values(objects as never).compile();
      if (compiled.parameters.length !== params.length || compiled.parameters.some((v, i) => v !== params[i])) throw new Error(`unexpected INSERT layout for ${table}`);
      sqlText = compiled.sql;
      templates.set(key, sqlText);
    }
    await trx.executeQuery(CompiledQuery.raw(sqlText, params));
  };
  return async (rows: ReadonlyArray<readonly unknown[]>): Promise<void> => {
    for (let i = 0; i < rows.length; i += perStatement) await insert(rows.length <= perStatement ? rows : rows.slice(i, i + perStatement));
  };
}

/**
 * `insert into "t" ("a", "b") select * from unnest($1::text[], $2::bigint[])`: the head is
 * Kysely's own one-row INSERT (its table and column names, as the naming plugin maps them), the
 * casts the columns' catalogue types.
 */
async function unnestTemplate(trx: Kysely<Database>, table: Table, columns: readonly string[], key: string): Promise<string> {
  const one = trx.insertInto(table).values(Object.fromEntries(columns.map((c) => [c, null])) as never).compile().sql;
  const head = /^(insert into "([^"]+)" \(([^)]*)\)) values /.exec(one);
  if (!head) throw new Error(`unexpected INSERT layout for ${table}`);
  const names = head[3]!.split(', ').map((n) => n.replace(/^"|"$/g, ''));
  if (names.length !== columns.length) throw new Error(`unexpected INSERT layout for ${table}`);
  const found = await sql<{ name: string; type: string }>`select attname as name, format_type(atttypid, atttypmod) as type from pg_attribute where attrelid = to_regclass(${head[2]!}) and attnum > 0 and not attisdropped`.execute(trx);
  const typeOf = new Map(found.rows.map((r) => [r.name, r.type]));
  const casts = names.map((n, i) => {
    const type = typeOf.get(n);
    if (!type) throw new Error(`no column ${n} in ${head[2]}`);
    return `$${i + 1}::${type}[]`;
  });
  const text = `${head[1]} select * from unnest(${casts.join(', ')})`;
  templates.set(key, text);
  return text;
}
