import type { zhTables } from './zh.tables.js';

/** English texts of the Excel table downloads. */
export const enTables: Record<keyof typeof zhTables, string> = {
  'tables.export': 'Export Excel',
  'tables.exportBatches': 'Five-batch table',
  'tables.progress': 'Monthly progress table (sections by batch, subtotals and total)',
  'tables.problems': 'Problem list (with the current filters)',
  'tables.batches': 'Five-batch statistics (stock and new in the period, per unit)',
  'tables.lights': 'Light lists (a red and a yellow sheet)',
};
