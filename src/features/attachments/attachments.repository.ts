import type { Insertable, Kysely } from 'kysely';
import type { AttachmentsTable, Database } from '../../db/database.js';

/** Every column but the content: lists and checks never read the file itself. */
const META = ['id', 'unitId', 'ownerType', 'ownerId', 'fileName', 'contentType', 'size', 'sha256', 'uploadedBy', 'createdAt', 'linkedAt'] as const;

export const attachmentsRepository = {
  insert(db: Kysely<Database>, row: Insertable<AttachmentsTable>) {
    return db.insertInto('attachments').values(row).execute();
  },

  findMeta(db: Kysely<Database>, id: string) {
    return db.selectFrom('attachments').select(META).where('id', '=', id).executeTakeFirst();
  },

  /** The content, read only when a download is allowed. */
  async content(db: Kysely<Database>, id: string): Promise<Buffer | null> {
    const r = await db.selectFrom('attachments').select('content').where('id', '=', id).executeTakeFirst();
    return r ? Buffer.from(r.content) : null;
  },

  findManyMeta(db: Kysely<Database>, ids: string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return db.selectFrom('attachments').select(META).where('id', 'in', ids).execute();
  },

  /** Links still-unlinked files to their owner; returns how many rows it linked. */
  async link(db: Kysely<Database>, ids: string[], owner: { ownerType: string; ownerId: string; unitId: string }, now: string): Promise<number> {
    const r = await db.updateTable('attachments').set({ ...owner, linkedAt: now }).where('id', 'in', ids).where('ownerId', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows);
  },

  /** The files of many owners of one type, in one statement, oldest first. */
  listForOwners(db: Kysely<Database>, ownerType: string, ownerIds: string[]) {
    if (ownerIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('attachments')
      .select(['id', 'ownerId', 'fileName', 'contentType', 'size'])
      .where('ownerType', '=', ownerType)
      .where('ownerId', 'in', ownerIds)
      .orderBy('createdAt')
      .orderBy('id')
      .execute();
  },

  /** Deletes a file only while it is unlinked; returns whether it did. */
  async deleteUnlinked(db: Kysely<Database>, id: string): Promise<boolean> {
    const r = await db.deleteFrom('attachments').where('id', '=', id).where('ownerId', 'is', null).executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  },

  /** Removes up to 1,000 uploads never linked and older than `before`; returns their metadata. */
  async purgeUnlinked(db: Kysely<Database>, before: string) {
    const rows = await db.selectFrom('attachments').select(META).where('ownerId', 'is', null).where('createdAt', '<', before).orderBy('createdAt').limit(1000).execute();
    if (rows.length) {
      await db
        .deleteFrom('attachments')
        .where('id', 'in', rows.map((r) => r.id))
        .where('ownerId', 'is', null)
        .execute();
    }
    return rows;
  },
};
