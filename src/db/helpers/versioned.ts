import type { Transaction, Updateable } from 'kysely';
import type { Database } from '../database.js';

type VersionedTable = { [K in keyof Database]: Database[K] extends { id: string; version: number; updatedAt: string } ? K : never }[keyof Database];

/**
 * The one optimistic-concurrency write: UPDATE … SET version = version + 1 WHERE id = ? AND
 * version = ?. Returns false when no row matched (stale version or missing row); the caller
 * reloads and raises VERSION_CONFLICT or NOT_FOUND.
 */
export async function updateVersioned<T extends VersionedTable>(
  trx: Transaction<Database>,
  table: T,
  id: string,
  expectedVersion: number,
  values: Updateable<Database[T]>,
  now: string,
): Promise<boolean> {
  // Kysely cannot type a generic table's columns; the constraint above keeps callers honest.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const t = trx as unknown as Transaction<Record<string, any>>;
  const result = await t
    .updateTable(table as string)
    .set({ ...values, updatedAt: now, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
