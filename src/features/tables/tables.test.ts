import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { STAGES } from '../../core/stages.js';
import { readSheetRows } from '../../xlsx/xlsx-reader.js';
import { writeXlsxWorkbook } from '../../xlsx/xlsx-writer.js';
import { subtractFigures } from './batches-table.js';
import { sinceMonth } from './lights-table.js';

describe('sinceMonth (亮灯起始)', () => {
  it('goes back through the unbroken run of the same colour, across a year end', () => {
    expect(sinceMonth('2026-02', 'red', [])).toBe('2026-02');
    expect(sinceMonth('2026-02', 'red', [{ month: '2026-01', color: 'red' }, { month: '2025-12', color: 'red' }, { month: '2025-11', color: 'yellow' }])).toBe('2025-12');
    // A gap (no light computed that month) ends the run.
    expect(sinceMonth('2026-02', 'red', [{ month: '2025-12', color: 'red' }])).toBe('2026-02');
  });
});

describe('subtractFigures (本级)', () => {
  it('leaves what the sub-units do not account for', () => {
    const fig = (count: number, inv: number, flow: number) => ({
      stock: Object.fromEntries(STAGES.map((s) => [s, { count, totalInvestment: inv }])) as never,
      flows: Object.fromEntries(STAGES.map((s) => [s, flow])) as never,
    });
    const own = subtractFigures(fig(5, 500, 3), [fig(2, 200, 1), fig(1, 100, 1)]);
    expect(own.stock.construction).toEqual({ count: 2, totalInvestment: 200 });
    expect(own.flows.reserve).toBe(1);
  });
});

describe('writeXlsxWorkbook', () => {
  it('writes several worksheets, each readable by name, with print titles per sheet', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const print = { paper: 'A4' as const, landscape: true, repeatRows: [1, 1] as [number, number] };
    await writeXlsxWorkbook(out, [
      { name: '红灯清单', options: { columns: [{ width: 10 }], print }, fill: async (s) => s.add({ rows: [['红'], [1]] }) },
      { name: "黄灯'清单", options: { columns: [{ width: 10 }], frozenRows: 1, frozenColumns: 1 }, fill: async (s) => s.add({ rows: [['黄']] }) },
    ]);
    const file = Buffer.concat(chunks);
    const read = async (sheet: string) => {
      const rows: unknown[] = [];
      for await (const r of readSheetRows(file, { sheet })) rows.push(r.cells[0]);
      return rows;
    };
    expect(await read('红灯清单')).toEqual(['红', 1]);
    expect(await read("黄灯'清单")).toEqual(['黄']);
    await expect(writeXlsxWorkbook(new PassThrough(), [])).rejects.toThrow(/needs a worksheet/);
  });
});
