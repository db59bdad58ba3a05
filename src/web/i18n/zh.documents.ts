/** Chinese texts of the generated Word documents (会议纪要, 汇报材料); merged into zh.ts. */
export const zhDocuments = {
  'documents.minutes.download': '下载会议纪要',
  'documents.briefing.open': '生成汇报材料',
  'documents.briefing.title': '生成汇报材料（Word 初稿）',
  'documents.briefing.intro': '按所选单位的调度数据生成汇报材料初稿：总体情况、主要成效、重点推进项目、存在问题和下步工作建议。下载后可在 Word / WPS 中修改完善。',
  'documents.briefing.unit': '汇报单位',
  'documents.briefing.date': '汇报日期',
  'documents.briefing.download': '生成并下载',
} as const;
