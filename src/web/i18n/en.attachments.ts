import type { zhAttachments } from './zh.attachments.js';

/** English texts of attachments; merged into en.ts. */
export const enAttachments: Record<keyof typeof zhAttachments, string> = {
  'attachments.choose': 'Choose files',
  'attachments.failed': '"{name}" was not uploaded: {reason}',
  'attachments.download': 'Download attachment {name}',
  'attachments.uploading': 'Wait until the files have uploaded',
};
