import { YUAN_PER_WAN, YUAN_PER_YI } from '../../core/money.js';
import { HEAD_STYLE } from '../../xlsx/table-head.js';
import type { CellValue, SheetOptions, SheetWriter } from '../../xlsx/xlsx-writer.js';

export { writeTableHead } from '../../xlsx/table-head.js';

/**
 * The layout every office table shares, as the ledger export draws it: a title row, a note row
 * (填报单位 … 单位：万元), a two-row header whose grouped columns sit under one merged cell, bordered
 * data rows, bold 小计 rows and a shaded 合计 row. The styles are the ledger's (ledger-export.ts).
 */
export interface TableColumn<R> {
  header: string;
  /** Columns with the same group, side by side, share a merged cell above their headers. */
  group?: string;
  width: number;
  value: (r: R) => CellValue;
  numFmt?: string;
}

export const STYLE = {
  ...HEAD_STYLE,
  section: { bold: true, fill: 'FFF2F2F2' },
  data: { border: true, wrap: true },
  subtotal: { bold: true, border: true },
  total: { bold: true, border: true, fill: 'FFFFF2CC' },
} as const;

export const WAN_FMT = '#,##0.00';
export const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** Rows above the data: title, note, two header rows. */
export const HEAD_ROWS = 4;

export const wan = (yuan: number | null | undefined): number | null => (yuan === null || yuan === undefined ? null : yuan / YUAN_PER_WAN);
export const yi = (yuan: number | null | undefined): number | null => (yuan === null || yuan === undefined ? null : yuan / YUAN_PER_YI);

/** The sheet options of a table: its column widths and formats, frozen header and first columns, print setup. */
export function sheetOptions<R>(columns: TableColumn<R>[], opts: { frozenColumns?: number; paper?: 'A3' | 'A4' } = {}): SheetOptions {
  return {
    columns: columns.map((c) => ({ width: c.width, ...(c.numFmt ? { numFmt: c.numFmt } : {}) })),
    frozenRows: HEAD_ROWS,
    ...(opts.frozenColumns ? { frozenColumns: opts.frozenColumns } : {}),
    print: { paper: opts.paper ?? 'A4', landscape: true, repeatRows: [3, 4] },
  };
}

/** A section title row ("一、新开工项目（12个）"), merged over the first three columns. */
export function writeSection(sheet: SheetWriter, index: number, text: string): void {
  sheet.add({ rows: [[`${NUMERALS[index] ?? index + 1}、${text}`]], style: STYLE.section, merges: [[1, 1, 1, 3]] });
}

/** Values of `columns` for one row object. */
export function rowValues<R>(columns: TableColumn<R>[], r: R): CellValue[] {
  const values = new Array<CellValue>(columns.length);
  for (let i = 0; i < columns.length; i++) values[i] = columns[i]!.value(r);
  return values;
}

/** "2026-10" → "2026年10月". */
export function monthZh(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}
