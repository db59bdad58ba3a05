import type { CellValue, SheetWriter } from './xlsx-writer.js';

/** The look of an office table's head: a large bold title, a shaded bordered header. */
export const HEAD_STYLE = {
  title: { bold: true, fontSize: 16, align: 'center' },
  header: { bold: true, fill: 'FFDDEBF7', align: 'center', wrap: true, border: true },
} as const;

/**
 * The head of an office table, as counties lay out their ledgers: a title row and a note row
 * (填报单位 … 单位：万元) merged across `width` columns, then two header rows in which columns of
 * the same group sit under one merged cell and ungrouped columns span both rows.
 */
export function writeTableHead(sheet: SheetWriter, columns: readonly { header: string; group?: string | undefined }[], title: string, note: string, width = columns.length): void {
  sheet.add({ rows: [[title]], style: HEAD_STYLE.title, merges: [[1, 1, 1, width]], height: 30 });
  sheet.add({ rows: [[note]], merges: [[1, 1, 1, width]] });
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
  sheet.add({ rows: [top, sub], style: HEAD_STYLE.header, merges, height: 24 });
}
