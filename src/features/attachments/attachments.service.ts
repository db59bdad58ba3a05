import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError } from '../../core/errors.js';
import { sniffFile, storedFileName } from '../../core/file-types.js';
import { newId } from '../../core/ids.js';
import { UNLINKED_ATTACHMENT_TTL_MS, type Attachment, type AttachmentOwnerType, type AttachmentRef } from '../../core/schemas/attachments.schema.js';
import type { Database } from '../../db/database.js';
import type { AuditService } from '../audit/audit.service.js';
import { Actor, type Deps } from '../shared/context.js';
import { attachmentsRepository } from './attachments.repository.js';
import { normalizePhoto } from './photo.js';

/**
 * How a feature that owns attachments answers "may this actor see the record?" — whoever may
 * see the record may download its files. Features register theirs when the container is wired.
 */
export interface AttachmentOwnerAccess {
  canRead(actor: Actor, ownerId: string): Promise<boolean>;
}
export type AttachmentOwners = Record<AttachmentOwnerType, AttachmentOwnerAccess>;

type Meta = NonNullable<Awaited<ReturnType<typeof attachmentsRepository.findMeta>>>;

function toAttachment(m: Meta): Attachment {
  return {
    id: m.id,
    fileName: m.fileName,
    contentType: m.contentType,
    size: m.size,
    sha256: m.sha256,
    ownerType: m.ownerType as AttachmentOwnerType | null,
    ownerId: m.ownerId,
    uploadedBy: m.uploadedBy,
    createdAt: m.createdAt,
  };
}

/** The actor of scheduled clean-ups in the audit trail. */
const SYSTEM = new Actor(null, 'system', null, null, null, null);

/**
 * 附件: files uploaded first, then linked to the record they are evidence for, in that record's
 * own transaction. Stored in the database (see migration 0005). Until linked, a file belongs to
 * its uploader alone: only they can fetch, link or delete it, and only for 24 hours.
 */
export function createAttachmentsService(deps: Deps, audit: AuditService, owners: AttachmentOwners) {
  const maxBytes = deps.config.LUODI_ATTACHMENT_MAX_MB * 1024 * 1024;

  /** The file's metadata when the actor may read it; NOT_FOUND otherwise (no hint that it exists). */
  async function readable(actor: Actor, id: string): Promise<Meta> {
    const meta = await attachmentsRepository.findMeta(deps.db, id);
    if (meta) {
      const owner = meta.ownerType && meta.ownerId ? { access: owners[meta.ownerType as AttachmentOwnerType], id: meta.ownerId } : null;
      const ok = owner ? !!owner.access && (await owner.access.canRead(actor, owner.id)) : meta.uploadedBy === actor.userId;
      if (ok) return meta;
    }
    throw new AppError('NOT_FOUND', { objectType: 'attachment', id });
  }

  return {
    maxBytes,

    /**
     * Checks the size and the real type (from the bytes), then keeps the file, unlinked. With
     * `image`, only a photo is accepted, and it is kept downscaled and re-encoded (photo.ts).
     */
    async upload(actor: Actor, input: { fileName: string; content: Buffer; image?: boolean }): Promise<Attachment> {
      if (!actor.userId || !actor.unitId) throw new AppError('FORBIDDEN', { reason: 'uploads need a signed-in user' });
      if (input.content.length > maxBytes) throw new AppError('ATTACHMENT_TOO_LARGE', { maxBytes }, { maxMb: deps.config.LUODI_ATTACHMENT_MAX_MB });
      const sniffed = sniffFile(input.content);
      if (!sniffed.ok) {
        if (sniffed.reason === 'empty') throw new AppError('VALIDATION_FAILED', { field: 'file', reason: '文件是空的 / the file is empty' });
        if (input.image) throw new AppError('PHOTO_REQUIRED', { detected: sniffed.reason });
        throw new AppError('ATTACHMENT_TYPE_REFUSED', { detected: sniffed.reason });
      }
      let content = input.content;
      let kind = sniffed.kind;
      if (input.image) {
        content = await normalizePhoto(content, kind.contentType);
        const again = sniffFile(content);
        if (!again.ok) throw new AppError('PHOTO_UNREADABLE');
        kind = again.kind;
      }
      const now = deps.clock.now().toISOString();
      const row = {
        id: newId(),
        unitId: actor.unitId,
        ownerType: null,
        ownerId: null,
        fileName: storedFileName(input.fileName, kind),
        contentType: kind.contentType,
        size: content.length,
        sha256: createHash('sha256').update(content).digest('hex'),
        uploadedBy: actor.userId,
        createdAt: now,
        linkedAt: null,
      };
      return deps.db.transaction().execute(async (trx) => {
        await attachmentsRepository.insert(trx, { ...row, content });
        await audit.record(trx, actor, { action: 'attachment.upload', objectType: 'attachment', objectId: row.id, unitId: row.unitId, after: row });
        return toAttachment(row);
      });
    },

    /** The file and how to serve it, for whoever may see its owner (or its uploader, before linking). */
    async download(actor: Actor, id: string): Promise<{ meta: Attachment; content: Buffer }> {
      const meta = await readable(actor, id);
      const content = await attachmentsRepository.content(deps.db, id);
      if (!content) throw new AppError('NOT_FOUND', { objectType: 'attachment', id });
      return { meta: toAttachment(meta), content };
    },

    /** Deletes an upload that was never linked (removed from a form before saving). Linked files are evidence and stay. */
    async remove(actor: Actor, id: string): Promise<void> {
      const meta = await readable(actor, id);
      if (meta.ownerId !== null) throw new AppError('ATTACHMENT_IN_USE', { id, ownerType: meta.ownerType });
      await deps.db.transaction().execute(async (trx) => {
        if (!(await attachmentsRepository.deleteUnlinked(trx, id))) throw new AppError('ATTACHMENT_IN_USE', { id });
        await audit.record(trx, actor, { action: 'attachment.delete', objectType: 'attachment', objectId: id, unitId: meta.unitId, before: meta });
      });
    },

    /**
     * Links the actor's own recent uploads to a record, inside the record's transaction: every id
     * must exist, be unlinked, uploaded by this actor less than 24 hours ago. The files take the
     * owner's unit as their data-scope key.
     */
    async link(trx: Kysely<Database>, actor: Actor, ids: readonly string[], owner: { ownerType: AttachmentOwnerType; ownerId: string; unitId: string }): Promise<AttachmentRef[]> {
      const unique = [...new Set(ids)];
      if (unique.length === 0) return [];
      const found = await attachmentsRepository.findManyMeta(trx, unique);
      const oldest = new Date(deps.clock.now().getTime() - UNLINKED_ATTACHMENT_TTL_MS).toISOString();
      for (const id of unique) {
        const m = found.find((f) => f.id === id);
        const reason =
          !m || m.uploadedBy !== actor.userId
            ? '附件不存在或不是你上传的 / attachment not found or not uploaded by you'
            : m.ownerId !== null
              ? '附件已关联到其他记录 / the attachment is already linked to a record'
              : m.createdAt < oldest
                ? '附件上传已超过 24 小时，请重新上传 / uploaded more than 24 hours ago; upload it again'
                : null;
        if (reason) throw new AppError('VALIDATION_FAILED', { field: 'attachmentIds', reason, id });
      }
      const linked = await attachmentsRepository.link(trx, unique, owner, deps.clock.now().toISOString());
      // Another request linked one of them in between: the whole write is refused.
      if (linked !== unique.length) throw new AppError('VALIDATION_FAILED', { field: 'attachmentIds', reason: '附件已关联到其他记录 / the attachment is already linked to a record' });
      return unique.map((id) => found.find((f) => f.id === id)!).map(({ id, fileName, contentType, size }) => ({ id, fileName, contentType, size }));
    },

    /** The files of many records of one type, in one statement, by owner id. */
    async refsFor(db: Kysely<Database>, ownerType: AttachmentOwnerType, ownerIds: string[]): Promise<Map<string, AttachmentRef[]>> {
      const map = new Map<string, AttachmentRef[]>();
      for (const { ownerId, ...ref } of await attachmentsRepository.listForOwners(db, ownerType, ownerIds)) {
        if (ownerId) map.set(ownerId, [...(map.get(ownerId) ?? []), ref]);
      }
      return map;
    },

    /** Scheduled: uploads nobody linked within 24 hours can never be linked; remove them. */
    async purgeUnlinked(): Promise<number> {
      const before = new Date(deps.clock.now().getTime() - UNLINKED_ATTACHMENT_TTL_MS).toISOString();
      return deps.db.transaction().execute(async (trx) => {
        const rows = await attachmentsRepository.purgeUnlinked(trx, before);
        await audit.recordMany(
          trx,
          SYSTEM,
          rows.map((r) => ({ action: 'attachment.purge', objectType: 'attachment', objectId: r.id, unitId: r.unitId, before: r, detail: 'unlinked for 24 h' })),
        );
        return rows.length;
      });
    },
  };
}
export type AttachmentsService = ReturnType<typeof createAttachmentsService>;
