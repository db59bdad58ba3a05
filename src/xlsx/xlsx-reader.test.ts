import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { writeMessyLedger } from '../../test/fixtures/ledgers/make-fixtures.js';
import { parseLedger } from '../core/ledger/index.js';
import { zip } from './raw-xlsx.test-helper.js';
import { assertSafeXlsx, readSheetRows, type SheetRow } from './xlsx-reader.js';

const FIXTURE = fileURLToPath(new URL('../../test/fixtures/ledgers/messy-ledger.xlsx', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'luodi-xlsx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function collect(input: string | Buffer | Readable, opts?: Parameters<typeof readSheetRows>[1]): Promise<SheetRow[]> {
  const out: SheetRow[] = [];
  for await (const r of readSheetRows(input, opts)) out.push(r);
  return out;
}

async function workbook(build: (wb: ExcelJS.Workbook) => void, name = 'book.xlsx'): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const path = join(dir, name);
  await wb.xlsx.writeFile(path);
  return path;
}

describe('readSheetRows', () => {
  it('streams the first visible sheet with Excel row numbers and normalised cells', async () => {
    const path = await workbook((wb) => {
      const hidden = wb.addWorksheet('隐藏', { state: 'hidden' });
      hidden.getCell('A1').value = 'hidden';
      const ws = wb.addWorksheet('台账');
      ws.getCell('A1').value = '标题';
      ws.mergeCells('A1:C1');
      ws.getCell('A3').value = { richText: [{ text: '富' }, { text: '文本' }] };
      ws.getCell('B3').value = { formula: 'SUM(1,2)', result: 3 };
      ws.getCell('C3').value = new Date(Date.UTC(2026, 2, 15));
      ws.getCell('C3').numFmt = 'yyyy-mm-dd';
      ws.getCell('D3').value = { error: '#N/A' };
      ws.getCell('E3').value = { text: '链接', hyperlink: 'https://example.invalid' };
      ws.getCell('F3').value = true;
      ws.getCell('G3').value = '１，２３４';
      ws.getCell('B6').value = 7;
      wb.addWorksheet('其他').getCell('A1').value = 'other';
    });
    const rows = await collect(path);
    expect(rows).toEqual([
      { rowNumber: 1, cells: ['标题'] },
      { rowNumber: 3, cells: ['富文本', 3, new Date(Date.UTC(2026, 2, 15)), null, '链接', true, '１，２３４'] },
      { rowNumber: 6, cells: [null, 7] },
    ]);
  });

  it('picks a sheet by name or position, from a path or a stream', async () => {
    const path = await workbook((wb) => {
      wb.addWorksheet('一').getCell('A1').value = 'one';
      wb.addWorksheet('二').getCell('A1').value = 'two';
    }, 'two-sheets.xlsx');
    expect((await collect(path, { sheet: '二' }))[0]?.cells).toEqual(['two']);
    expect((await collect(path, { sheet: 1 }))[0]?.cells).toEqual(['two']);
    expect((await collect(path, { sheet: 0 }))[0]?.cells).toEqual(['one']);
    const { createReadStream } = await import('node:fs');
    expect((await collect(createReadStream(path)))[0]?.cells).toEqual(['one']);
    await expect(collect(path, { sheet: '三' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'sheet' } });
  });

  it('reads a Buffer, and leaves no temp file or open file behind when stopped early', async () => {
    const { readFileSync, readdirSync, existsSync } = await import('node:fs');
    const path = await workbook((wb) => {
      const ws = wb.addWorksheet('s');
      for (let i = 1; i <= 2000; i++) ws.addRow([i, `项目${i}`, `单位${i}`]);
    }, 'early.xlsx');
    expect((await collect(readFileSync(path))).length).toBe(2000);
    const temps = () => readdirSync(tmpdir()).filter((f) => f.startsWith(`tmp-${process.pid}-`)).length;
    const fds = () => (existsSync('/proc/self/fd') ? readdirSync('/proc/self/fd').length : 0);
    const [t0, f0] = [temps(), fds()];
    const { createReadStream } = await import('node:fs');
    for (let i = 0; i < 3; i++) {
      for await (const row of readSheetRows(path)) if (row.rowNumber >= 3) break;
      for await (const row of readSheetRows(readFileSync(path))) if (row.rowNumber >= 3) break;
      for await (const row of readSheetRows(createReadStream(path))) if (row.rowNumber >= 3) break;
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(temps()).toBe(t0);
    expect(fds()).toBeLessThanOrEqual(f0);
  });

  it('stops at maxRows and trims to maxColumns', async () => {
    const path = await workbook((wb) => {
      const ws = wb.addWorksheet('s');
      for (let i = 1; i <= 5; i++) ws.addRow([i, 'b', 'c', 'd']);
    }, 'rows.xlsx');
    await expect(collect(path, { maxRows: 3 })).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect((await collect(path, { maxColumns: 2 }))[0]?.cells).toEqual([1, 'b']);
  });

  it('refuses what is not an .xlsx with a clear error', async () => {
    const garbage = join(dir, 'garbage.xlsx');
    writeFileSync(garbage, 'this is not a zip file at all');
    await expect(collect(garbage)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(collect(Readable.from([Buffer.from('PK\u0003\u0004 broken')]))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(collect(Readable.from([Buffer.alloc(2000)]), { safety: { maxBytes: 1000 } })).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });
});

describe('assertSafeXlsx', () => {
  it('summarises a normal workbook', async () => {
    const s = await assertSafeXlsx(FIXTURE);
    expect(s.entries).toBeGreaterThan(5);
    expect(s.uncompressedBytes).toBeGreaterThan(s.compressedBytes);
  });

  it('refuses files too large, with too many entries, or too large unpacked', async () => {
    await expect(assertSafeXlsx(FIXTURE, { maxBytes: 1000 })).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    await expect(assertSafeXlsx(FIXTURE, { maxEntries: 3 })).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    await expect(assertSafeXlsx(FIXTURE, { maxUncompressedBytes: 1000 })).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('refuses an absurd compression ratio (zip bomb)', async () => {
    const bomb = zip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(20 * 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(100_000);
    const err = await assertSafeXlsx(bomb).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(String((err as { details: { reason: string } }).details.reason)).toMatch(/压缩比.*zip bomb/);
  });

  it('refuses an entry that inflates beyond what its directory declares', async () => {
    const liar = zip([{ name: 'xl/sharedStrings.xml', data: Buffer.alloc(200_000, 0x41), declaredSize: 1000 }]);
    await expect(assertSafeXlsx(liar)).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    await expect(assertSafeXlsx(liar, { verifyData: false })).resolves.toMatchObject({ entries: 1, uncompressedBytes: 1000 });
  });

  it('refuses legacy .xls, garbage and truncated files', async () => {
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]);
    await expect(assertSafeXlsx(xls)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { reason: expect.stringContaining('.xls') } });
    await expect(assertSafeXlsx(Buffer.from('hello'))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const good = zip([{ name: 'a.xml', data: Buffer.from('<a/>') }]);
    await expect(assertSafeXlsx(good)).resolves.toMatchObject({ entries: 1 });
    await expect(assertSafeXlsx(good.subarray(0, good.length - 10))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const stored = zip([{ name: 'a.xml', data: Buffer.from('<a/>'), store: true }]);
    await expect(assertSafeXlsx(stored)).resolves.toMatchObject({ entries: 1 });
  });

  it('runs before reading a path, so readSheetRows refuses a bomb', async () => {
    const path = join(dir, 'bomb.xlsx');
    writeFileSync(path, zip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(20 * 1024 * 1024) }]));
    await expect(collect(path)).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });
});

describe('the messy ledger fixture, end to end', () => {
  it('is what make-fixtures.ts writes', async () => {
    const fresh = join(dir, 'fresh.xlsx');
    await writeMessyLedger(fresh);
    expect(await collect(fresh)).toEqual(await collect(FIXTURE));
  });

  it('reads every project row and exactly the planted problems', async () => {
    const r = await parseLedger(readSheetRows(FIXTURE));
    expect(r.header?.headerRows).toEqual([3, 4]);
    expect(r.header?.dataStartRow).toBe(5);
    expect(r.year).toBe(2026);
    expect(r.header?.noteUnits).toEqual(['万元', '亩']);
    expect(r.header?.columns.map((c) => c.field)).toEqual([
      'seq',
      'code',
      'name',
      'builder',
      'totalInvestment',
      'fixedAssetInvestment',
      'annualPlanInvestment',
      'ytdInvestment',
      'annualCompletionRate',
      'plannedStartDate',
      'actualStartDate',
      'plannedOperationDate',
      'landArea',
      'floorArea',
      'scale',
      'progressText',
      'leader',
      'leadUnit',
      'supportingUnits',
      'contactName',
      null,
      'problems',
      'remarks',
    ]);
    expect(r.rows.map((x) => x.rowNumber)).toEqual([7, 8, 9, 10, 13, 14, 15, 18, 19, 20, 21, 22, 25, 26, 27, 28, 31, 32, 33, 34]);
    expect(r.byStage).toEqual({ reserve: 0, negotiating: 4, signed: 3, construction: 9, completed: 0, operating: 4, dropped: 0, unknown: 0 });
    expect(r.summary.skipped).toEqual({ blank: 0, section: 5, aggregate: 6, note: 3, repeatHeader: 0, columnNumbers: 0, aboveHeader: 4 });
    expect(r.issues.map((i) => [i.row, i.column, i.code, i.severity])).toEqual([
      [4, 'U', 'unmapped-column', 'warning'],
      [7, 'E', 'approximate-value', 'warning'],
      [13, 'B', 'bad-code-shape', 'error'],
      [18, 'H', 'approximate-value', 'warning'],
      [21, 'H', 'ytd-exceeds-total', 'warning'],
      [22, 'K', 'started-without-start-date', 'warning'],
      [27, 'H', 'approximate-value', 'warning'],
      [28, 'B', 'duplicate-row', 'error'],
    ]);
    expect(r.issues.find((i) => i.code === 'duplicate-row')?.message).toBe('与第14行重复（项目代码 2026-330206-44-03-001235）');

    const byName = new Map<string | undefined, (typeof r.rows)[number]['values']>();
    for (const x of r.rows) if (!byName.has(x.values.name)) byName.set(x.values.name, x.values); // the first of a duplicate
    // Numbers as text, full-width digits, 亿元 in a cell, 约 values, units from the note and header.
    expect(byName.get('高端装备制造产业园项目')).toMatchObject({ totalInvestment: 500_000_000, landArea: 30_000, contactName: '周先生', contactPhone: '13800000001', stage: 'negotiating' });
    expect(byName.get('新能源电池材料项目')).toMatchObject({ totalInvestment: 150_000_000, landArea: 18_750, supportingUnits: ['县发改局', '县自然资源局', '供电公司'] });
    expect(byName.get('港口冷链物流中心')).toMatchObject({
      totalInvestment: 350_000_000,
      leader: [
        { name: '赵强', title: '常务副县长', phone: null },
        { name: '陈刚', title: '副县长', phone: null },
      ],
    });
    expect(byName.get('新材料产业园二期')).toMatchObject({ totalInvestment: 600_005_000, floorArea: 120_000, plannedStartDate: { value: '2026-06', precision: 'month', approx: 'by' } });
    expect(byName.get('智慧港口信息平台')?.plannedStartDate).toEqual({ value: '2026-03-25', precision: 'day', approx: 'late' });
    // Dates in every form: Excel dates, serial numbers, Chinese text.
    expect(byName.get('年产10万吨高性能纤维项目')).toMatchObject({
      ytdInvestment: 60_000_000,
      annualCompletionRate: 2000,
      actualStartDate: { value: '2026-02-18', precision: 'day' },
      plannedOperationDate: { value: '2027-12', precision: 'month' },
      floorArea: 150_000,
    });
    expect(byName.get('港区疏港公路工程')).toMatchObject({ annualCompletionRate: 2133, plannedStartDate: { value: '2026-03' }, actualStartDate: { value: '2026-03-15' }, plannedOperationDate: { value: '2027-06' } });
    expect(byName.get('光伏组件智能工厂')).toMatchObject({ ytdInvestment: 12_345_678, plannedStartDate: { value: '2026-01-10' }, actualStartDate: { value: '2026-01-20' }, plannedOperationDate: { value: '2026-12', approx: 'by' }, progressText: '设备安装调试' });
    expect(byName.get('经济区污水处理厂扩建')).toMatchObject({ plannedOperationDate: { value: '2026-06-01', precision: 'day' }, annualCompletionRate: 4167 });
    expect(byName.get('滨海大道改造工程')).toMatchObject({ totalInvestment: 220_000_000, ytdInvestment: 15_000_000, actualStartDate: { value: '2025-09-01' } });
    expect(byName.get('海产品精深加工项目')?.plannedOperationDate).toEqual({ value: '2026-02-15', precision: 'day', approx: 'mid' });
    expect(byName.get('物流分拨中心')).toMatchObject({ plannedOperationDate: { value: '2026-01', precision: 'month', approx: 'early' }, remarks: '详见项目档案', stage: 'operating' });
  });
});
