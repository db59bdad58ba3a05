import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { isUniqueViolation } from '../db/helpers/errors.js';

/**
 * A cross-instance lease: the instance that holds `name` until `expiresAt` runs the job; the
 * others skip it. Acquire = insert, or take over a lease that expired (or that we already hold),
 * each a single atomic statement on both databases.
 */
export async function tryAcquireLock(db: Kysely<Database>, name: string, owner: string, ttlMs: number, now: Date): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  try {
    await db.insertInto('jobLocks').values({ name, owner, expiresAt }).execute();
    return true;
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
  }
  const r = await db
    .updateTable('jobLocks')
    .set({ owner, expiresAt })
    .where('name', '=', name)
    .where((eb) => eb.or([eb('expiresAt', '<', now.toISOString()), eb('owner', '=', owner)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function releaseLock(db: Kysely<Database>, name: string, owner: string): Promise<void> {
  await db.deleteFrom('jobLocks').where('name', '=', name).where('owner', '=', owner).execute();
}
