import { YUAN_PER_WAN, YUAN_PER_YI } from '../../core/money.js';
import type { CellValue, SheetOptions, SheetWriter } from '../../xlsx/xlsx-writer.js';

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
  title: { bold: true, fontSize: 16, align: 'center' },
  header: { bold: true, fill: 'FFDDEBF7', align: 'center', wrap: true, border: true },
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

/** Title, note and the two header rows, with their merges. */
export function writeTableHead<R>(sheet: SheetWriter, columns: TableColumn<R>[], title: string, note: string): void {
  const n = columns.length;
  sheet.add({ rows: [[title]], style: STYLE.title, merges: [[1, 1, 1, n]], height: 30 });
  sheet.add({ rows: [[note]], merges: [[1, 1, 1, n]] });
  const top: CellValue[] = [];
  const sub: CellValue[] = [];
  const merges: [number, number, number, number][] = [];
  columns.forEach((c, i) => {
    const col = i + 1;
    if (!c.group) {
      top.push(c.header);
      sub.push(null);
      merges.push([1, col, 2, col]);
      return;
    }
    const startsGroup = columns[i - 1]?.group !== c.group;
    top.push(startsGroup ? c.group : null);
    sub.push(c.header);
    if (startsGroup) {
      let end = i;
      while (columns[end + 1]?.group === c.group) end++;
      if (end > i) merges.push([1, col, 1, end + 1]);
    }
  });
  sheet.add({ rows: [top, sub], style: STYLE.header, merges, height: 24 });
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

/** A file name safe for Content-Disposition's filename* (the caller percent-encodes it). */
export function attachmentHeader(fallback: string, name: string): string {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
