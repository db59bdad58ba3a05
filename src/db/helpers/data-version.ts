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
 * Any write anywhere changes it (on PostgreSQL, in any database of the cluster): coarse, but
 * exact, and free to read.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function dataVersion(db: Kysely<any>): RawBuilder<string> {
  return dialectOf(db) === 'postgres'
    ? sql<string>`pg_current_snapshot()::text`
    : sql<string>`(select data_version from pragma_data_version) || ':' || total_changes()`;
}
