import type { Writable } from 'node:stream';
import type ExcelJSTypes from 'exceljs';
import { loadExcelJS } from './exceljs-utf8-fix.js';

const ExcelJS = loadExcelJS();

/**
 * Our one way to write .xlsx: exceljs' streaming writer, so a 100k-row export stays in a few
 * megabytes of memory. Nothing else imports exceljs for writing.
 */
export type CellValue = string | number | null;

export interface RowStyle {
  bold?: boolean;
  /** Background colour, e.g. 'FFF2F2F2'. */
  fill?: string;
  align?: 'left' | 'center' | 'right';
  fontSize?: number;
  /** Number format for numeric cells, e.g. '#,##0.00'. */
  numFmt?: string;
  wrap?: boolean;
  border?: boolean;
}

/** A block of rows written together; merges are 1-based [row offset in block, col, row, col]. */
export interface RowBlock {
  rows: CellValue[][];
  style?: RowStyle;
  merges?: [number, number, number, number][];
  height?: number;
}

export interface SheetWriter {
  /** Writes rows; merged ranges must lie inside the block (the streaming writer forgets committed rows). */
  add(block: RowBlock): void;
}

export interface SheetOptions {
  columns: { width: number; hidden?: boolean; numFmt?: string }[];
  /** Rows frozen at the top (e.g. title + header). */
  frozenRows?: number;
}

function applyStyle(row: ExcelJSTypes.Row, style: RowStyle | undefined, columns: SheetOptions['columns']) {
  row.eachCell({ includeEmpty: true }, (cell, col) => {
    if (style?.bold || style?.fontSize) cell.font = { bold: style.bold ?? false, size: style.fontSize ?? 11 };
    if (style?.fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: style.fill } };
    if (style?.align || style?.wrap) cell.alignment = { horizontal: style.align ?? 'left', vertical: 'middle', wrapText: style.wrap ?? false };
    const numFmt = style?.numFmt ?? columns[col - 1]?.numFmt;
    if (numFmt && typeof cell.value === 'number') cell.numFmt = numFmt;
    if (style?.border) {
      const thin = { style: 'thin' as const };
      cell.border = { top: thin, left: thin, bottom: thin, right: thin };
    }
  });
}

export async function writeXlsxSheet(out: Writable, sheetName: string, options: SheetOptions, fill: (sheet: SheetWriter) => Promise<void>): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName, options.frozenRows ? { views: [{ state: 'frozen', ySplit: options.frozenRows }] } : {});
  sheet.columns = options.columns.map((c) => ({ width: c.width, hidden: c.hidden ?? false }));
  let next = 1;
  await fill({
    add(block) {
      const first = next;
      const rows = block.rows.map((values) => {
        const row = sheet.getRow(next++);
        row.values = values.map((v) => (v === null ? '' : v));
        if (block.height) row.height = block.height;
        applyStyle(row, block.style, options.columns);
        return row;
      });
      for (const [r1, c1, r2, c2] of block.merges ?? []) sheet.mergeCells(first + r1 - 1, c1, first + r2 - 1, c2);
      for (const row of rows) row.commit();
    },
  });
  sheet.commit();
  await workbook.commit();
}

/** A plain table: one bold header row, then data rows keyed by column. */
export interface XlsxColumn {
  header: string;
  key: string;
  width?: number;
}

export async function writeXlsx(
  out: Writable,
  sheetName: string,
  columns: XlsxColumn[],
  fill: (sheet: { addRow(values: Record<string, string | number | null>): void }) => Promise<void>,
): Promise<void> {
  await writeXlsxSheet(out, sheetName, { columns: columns.map((c) => ({ width: c.width ?? 16 })), frozenRows: 1 }, async (sheet) => {
    sheet.add({ rows: [columns.map((c) => c.header)], style: { bold: true } });
    await fill({ addRow: (values) => sheet.add({ rows: [columns.map((c) => values[c.key] ?? null)] }) });
  });
}
