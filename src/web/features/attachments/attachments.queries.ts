import type { Attachment } from '../../../core/schemas/attachments.schema.js';
import { api } from '../../api/client.js';

/** Where a file downloads from (a plain GET: the session cookie authenticates it). */
export const attachmentUrl = (id: string) => `/api/attachments/${encodeURIComponent(id)}`;

/** Uploads one file, unlinked until the record it belongs to is saved with its id. */
export const uploadAttachment = (file: File, signal?: AbortSignal) => api.upload<Attachment>('/api/attachments', file, signal ? { signal } : {});

/** Uploads a photo (the image option): the server refuses non-images and keeps a downscaled JPEG. */
export const uploadPhoto = (file: File) => api.upload<Attachment>('/api/attachments?image=true', file);

/** Deletes an upload that was never linked (the uploader removed it from a form). */
export const deleteAttachment = (id: string) => api.delete<{ ok: true }>(attachmentUrl(id));

/** 1234567 → "1.2 MB"; 2048 → "2 KB". */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
