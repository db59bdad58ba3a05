/** Chinese texts of the Excel table downloads (报表导出); merged into zh.ts. */
export const zhTables = {
  'tables.export': '导出 Excel',
  'tables.exportBatches': '五个一统计表',
  'tables.progress': '月度进展表（按批次分节，含小计、合计）',
  'tables.problems': '问题清单（与当前筛选一致）',
  'tables.batches': '五个一统计表（各单位存量与本期新增）',
  'tables.lights': '亮灯清单（红灯、黄灯两个工作表）',
};
