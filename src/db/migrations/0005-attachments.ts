import type { Kysely } from 'kysely';
import { blobColumnType } from '../helpers/blob.js';

/**
 * 附件: files kept in the database itself, so that `luodi backup` (VACUUM INTO / pg_dump) holds
 * them with the records they prove, and every app instance on PostgreSQL serves the same files
 * without shared storage. An attachment is uploaded first (no owner yet) and linked to its owner
 * (`owner_type` + `owner_id`, e.g. a project stage event) when that record is saved; `unit_id` is
 * the owner's unit, the data-scope key.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('owner_type', 'text')
    .addColumn('owner_id', 'text')
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', blobColumnType(db), (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('linked_at', 'text')
    .execute();
  await db.schema.createIndex('attachments_owner_idx').on('attachments').columns(['owner_type', 'owner_id']).execute();
  // Unlinked uploads by age, for the clean-up job.
  await db.schema.createIndex('attachments_unlinked_idx').on('attachments').columns(['owner_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('attachments').execute();
}
