/** Chinese texts of attachments (附件), used by every record that carries files; merged into zh.ts. */
export const zhAttachments = {
  'attachments.choose': '选择文件',
  'attachments.failed': '“{name}”未能上传：{reason}',
  'attachments.download': '下载附件 {name}',
  'attachments.uploading': '请等文件上传完成',
} as const;
