import { z } from 'zod';

/**
 * What an attachment (附件) can be evidence for. Each owner type's feature links attachments when
 * its record is saved and tells the attachments service who may see that record.
 * Next: progress-report photos, problem 销号 proof.
 */
export const ATTACHMENT_OWNER_TYPES = ['project-stage-event', 'milestone', 'progress-report', 'problem', 'action-item'] as const;
export type AttachmentOwnerType = (typeof ATTACHMENT_OWNER_TYPES)[number];

/** How long an uploaded file may wait to be linked to its record (and is then cleaned up). */
export const UNLINKED_ATTACHMENT_TTL_MS = 24 * 60 * 60 * 1000;

/** Most files one record may carry. */
export const MAX_ATTACHMENTS_PER_RECORD = 20;

/** The list form shown with a record: enough to render a download link. */
export const attachmentRefSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
});
export type AttachmentRef = z.infer<typeof attachmentRefSchema>;

/** 附件, as the upload answers it. */
export const attachmentSchema = attachmentRefSchema.extend({
  sha256: z.string(),
  ownerType: z.enum(ATTACHMENT_OWNER_TYPES).nullable(),
  ownerId: z.string().nullable(),
  uploadedBy: z.string(),
  createdAt: z.string(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

/** The ids a write sends to link files uploaded beforehand. */
export const attachmentIdsSchema = z.array(z.string().min(1).max(64)).max(MAX_ATTACHMENTS_PER_RECORD);
