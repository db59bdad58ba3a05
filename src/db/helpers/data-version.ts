import { sql, type Kysely, type RawBuilder } from 'kysely';
import { dialectOf } from './dialect.js';

/**
 * A value that changes whenever the data a statement can see may have changed, read inside that
 * statement: two statements that read the same value saw the same data.
 *  - SQLite: `data_version` changes when another connection (another worker process) commits, and
 *    `total_changes()` counts the rows this connection has written (rolled-back writes included,
 *    which only costs a recount).
 *  - PostgreSQL: the statement's snapshot (xmin:xmax:in-progress ids), which changes when any
 *    writing transaction starts or ends.
 * Any write anywhere changes it: coarse, but exact, and free to read.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function dataVersion(db: Kysely<any>): RawBuilder<string> {
  return dialectOf(db) === 'postgres'
    ? sql<string>`pg_current_snapshot()::text`
    : sql<string>`(select data_version from pragma_data_version) || ':' || total_changes()`;
}

interface Remembered {
  version: string;
  value: number;
}

const MAX_ENTRIES = 1_000;

/**
 * Numbers (a filtered list's total) remembered per database handle with the data version they were
 * counted at; one is given back only while the data version is still the same, so it is always
 * the exact count. A list reads the version with its page and counts only when it changed.
 */
export class VersionedCounts {
  private readonly byDb = new WeakMap<object, Map<string, Remembered>>();

  get(db: object, key: string, version: string | undefined): number | undefined {
    if (version === undefined) return undefined;
    const hit = this.byDb.get(db)?.get(key);
    return hit?.version === version ? hit.value : undefined;
  }

  set(db: object, key: string, version: string, value: number): void {
    let entries = this.byDb.get(db);
    if (!entries) this.byDb.set(db, (entries = new Map()));
    entries.delete(key);
    if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
    entries.set(key, { version, value });
  }
}
