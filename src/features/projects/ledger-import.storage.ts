import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from '../../db/database.js';

/** Storage helpers of the ledger import: the plan kept off the JS heap, and reusable bulk INSERTs. */
/**
 * Rows (an import's planned rows) as JSON lines in 1 MiB buffers, outside the JS heap: the live heap then stays the
 * size of a chunk however long the ledger (50,000 planned rows as objects are ~45 MB more live
 * heap, and V8 lets garbage grow to a multiple of the live heap before it collects), for a JSON
 * round trip of a few microseconds a row.
 */
export class JsonLineLog<T> {
  private readonly buffers: Buffer[] = [];
  private readonly ends: number[] = [];

  add(p: T): void {
    const line = `${JSON.stringify(p)}\n`; // JSON escapes line breaks in strings: \n ends a record
    const n = Buffer.byteLength(line);
    let i = this.buffers.length - 1;
    if (i < 0 || this.ends[i]! + n > this.buffers[i]!.length) {
      this.buffers.push(Buffer.allocUnsafe(Math.max(1 << 20, n)));
      this.ends.push(0);
      i++;
    }
    this.ends[i] = this.ends[i]! + this.buffers[i]!.write(line, this.ends[i]!);
  }

  clear(): void {
    this.buffers.length = 0;
    this.ends.length = 0;
  }

  /** The rows in order, n at a time. */
  *batches(n: number): Generator<T[]> {
    const batch: T[] = [];
    for (let i = 0; i < this.buffers.length; i++) {
      const buf = this.buffers[i]!;
      for (let start = 0, nl = 0; start < this.ends[i]!; start = nl + 1) {
        nl = buf.indexOf(10, start);
        batch.push(JSON.parse(buf.toString('utf8', start, nl)) as T);
        if (batch.length === n) yield batch.splice(0);
      }
    }
    if (batch.length > 0) yield batch;
  }
}

/**
 * Multi-row INSERTs of value arrays (one per row, in `columns` order), compiled by Kysely once per
 * row count and then run with each chunk's values: building and compiling a syntax tree of every
 * value cost ~0.7 s of CPU for 50,000 projects and their stage events. A compiled INSERT … VALUES
 * takes the values row by row, column by column; the first compile checks exactly that.
 */
export function bulkInsert(trx: Kysely<Database>, table: 'projects' | 'projectStageEvents' | 'projectPlans' | 'milestones' | 'projectUnits', columns: readonly string[]) {
  const templates = new Map<number, string>();
  return async (rows: ReadonlyArray<readonly unknown[]>): Promise<void> => {
    const params: unknown[] = [];
    for (const r of rows) for (const v of r) params.push(v); // flat() is several times slower
    let sqlText = templates.get(rows.length);
    if (sqlText === undefined) {
      const objects = rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i]])));
      const compiled = trx.insertInto(table).values(objects as never).compile();
      if (compiled.parameters.length !== params.length || compiled.parameters.some((v, i) => v !== params[i])) throw new Error(`unexpected INSERT layout for ${table}`);
      sqlText = compiled.sql;
      templates.set(rows.length, sqlText);
    }
    await trx.executeQuery(CompiledQuery.raw(sqlText, params));
  };
}
