import type { CompiledQuery } from 'kysely';

const MAX_ENTRIES = 500;

/**
 * Compiled statements remembered by their inputs, per database handle. Building and compiling a
 * Kysely query walks and copies its whole operation tree (with the camelCase renaming): for the
 * ledger's page ≈ 100–200 µs, as much as SQLite takes to run it. A page asked for again (the same
 * view, filters and page: every user opening 项目台账) reuses the SQL text and parameters.
 */
export class CompiledMemo {
  private readonly byDb = new WeakMap<object, Map<string, CompiledQuery<unknown>>>();

  get<R>(db: object, key: string, compile: () => CompiledQuery<R>): CompiledQuery<R> {
    let entries = this.byDb.get(db);
    if (!entries) this.byDb.set(db, (entries = new Map()));
    const hit = entries.get(key);
    if (hit) return hit as CompiledQuery<R>;
    const compiled = compile();
    if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
    entries.set(key, compiled);
    return compiled;
  }
}
