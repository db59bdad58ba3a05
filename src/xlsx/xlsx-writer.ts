import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';

/**
 * Our one way to write .xlsx: exceljs' streaming writer, so a 100k-row export stays in a few
 * megabytes of memory. Callers give columns and push rows; nothing else imports exceljs.
 */
export interface XlsxColumn {
  header: string;
  key: string;
  width?: number;
}

export interface XlsxSheetWriter {
  addRow(values: Record<string, string | number | null>): void;
}

export async function writeXlsx(
  out: Writable,
  sheetName: string,
  columns: XlsxColumn[],
  fill: (sheet: XlsxSheetWriter) => Promise<void>,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 16 }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  await fill({ addRow: (values) => sheet.addRow(values).commit() });
  sheet.commit();
  await workbook.commit();
}
