import { PassThrough, Writable } from 'node:stream';
import { crc32, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadExcelJS } from './exceljs-utf8-fix.js';
import { assertSafeXlsx, readSheetRows, type SheetRow } from './xlsx-reader.js';
import { column, writeXlsx, writeXlsxSheet, type SheetOptions, type SheetWriter } from './xlsx-writer.js';

const ExcelJS = loadExcelJS();

async function toBuffer(write: (out: Writable) => Promise<void>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => out.on('end', resolve));
  await write(out);
  await ended;
  return Buffer.concat(chunks);
}

const sheetBuffer = (options: SheetOptions, fill: (sheet: SheetWriter) => Promise<void> | void, name = '台账') =>
  toBuffer((out) => writeXlsxSheet(out, name, options, async (s) => fill(s)));

/** Every entry through the central directory, inflated and checked against its CRC and sizes. */
function unzip(file: Buffer): Map<string, string> {
  const eocd = file.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(eocd).toBeGreaterThan(0);
  const count = file.readUInt16LE(eocd + 10);
  let p = file.readUInt32LE(eocd + 16);
  const entries = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    expect(file.readUInt32LE(p)).toBe(0x02014b50);
    const [crc, compressed, size] = [file.readUInt32LE(p + 16), file.readUInt32LE(p + 20), file.readUInt32LE(p + 24)];
    const nameLen = file.readUInt16LE(p + 28);
    const name = file.toString('utf8', p + 46, p + 46 + nameLen);
    const local = file.readUInt32LE(p + 42);
    expect(file.readUInt32LE(local)).toBe(0x04034b50);
    const start = local + 30 + file.readUInt16LE(local + 26) + file.readUInt16LE(local + 28);
    const data = inflateRawSync(file.subarray(start, start + compressed));
    expect(data.length, name).toBe(size);
    expect(crc32(data) >>> 0, name).toBe(crc);
    // The data descriptor after the data repeats what the directory says.
    expect(file.readUInt32LE(start + compressed)).toBe(0x08074b50);
    expect(file.readUInt32LE(start + compressed + 4)).toBe(crc);
    entries.set(name, data.toString('utf8'));
    p += 46 + nameLen + file.readUInt16LE(p + 30) + file.readUInt16LE(p + 32);
  }
  return entries;
}

async function rows(file: Buffer): Promise<SheetRow[]> {
  const out: SheetRow[] = [];
  for await (const r of readSheetRows(file)) out.push(r);
  return out;
}

async function excel(file: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  return wb;
}

const LEDGERISH: SheetOptions = {
  columns: [{ width: 6 }, { width: 30 }, { width: 13, numFmt: '#,##0.00' }, { width: 4, hidden: true }],
  frozenRows: 3,
};

async function ledgerish(): Promise<Buffer> {
  return sheetBuffer(LEDGERISH, (s) => {
    s.add({ rows: [['县重大项目推进台账']], style: { bold: true, fontSize: 16, align: 'center' }, merges: [[1, 1, 1, 3]], height: 30 });
    s.add({ rows: [['序号', '项目', '投资（万元）', '__id'], [null, '名称', '总投资', null]], style: { bold: true, fill: 'FFDDEBF7', align: 'center', wrap: true, border: true }, merges: [[1, 1, 2, 1], [1, 2, 1, 3]], height: 22 });
    s.add({ rows: [[1, '氢能产业园（一期）', 12345.5, 'id-1'], [2, ' 前后有空格 ', null, 'id-2']], style: { border: true } });
    s.add({ rows: [[null, '合计', 12345.5, null]], style: { bold: true, border: true, fill: 'FFFFF2CC' } });
  });
}

describe('writeXlsxSheet', () => {
  it('writes a valid zip (CRC, sizes, data descriptors) that passes our upload checks', async () => {
    const file = await ledgerish();
    const parts = unzip(file);
    expect([...parts.keys()].sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
    await expect(assertSafeXlsx(file)).resolves.toMatchObject({ entries: 6 });
  });

  it('reads back through our reader: values, CJK text, spaces kept, empty cells as null', async () => {
    const r = await rows(await ledgerish());
    expect(r.map((x) => x.rowNumber)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(r[0]!.cells).toEqual(['县重大项目推进台账']);
    expect(r[2]!.cells).toEqual([null, '名称', '总投资']);
    expect(r[3]!.cells).toEqual([1, '氢能产业园（一期）', 12345.5, 'id-1']);
    expect(r[4]!.cells).toEqual([2, ' 前后有空格 ', null, 'id-2']);
    expect(r[5]!.cells).toEqual([null, '合计', 12345.5]);
  });

  it('carries the layout exceljs sees: merges, widths, hidden columns, frozen rows, heights, formats', async () => {
    const ws = (await excel(await ledgerish())).worksheets[0]!;
    expect(ws.name).toBe('台账');
    const merges = (ws.model as unknown as { merges: string[] }).merges;
    expect([...merges].sort()).toEqual(['A1:C1', 'A2:A3', 'B2:C2']);
    expect([1, 2, 3, 4].map((c) => ws.getColumn(c).width)).toEqual([6, 30, 13, 4]);
    expect([1, 2, 3, 4].map((c) => ws.getColumn(c).hidden)).toEqual([false, false, false, true]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3, topLeftCell: 'A4' });
    expect([ws.getRow(1).height, ws.getRow(2).height, ws.getRow(4).height]).toEqual([30, 22, undefined]);

    const title = ws.getCell('A1');
    expect(title.font).toMatchObject({ bold: true, size: 16 });
    expect(title.alignment).toMatchObject({ horizontal: 'center', vertical: 'middle' });
    const header = ws.getCell('C3');
    expect(header.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } });
    expect(header.alignment).toMatchObject({ horizontal: 'center', wrapText: true });
    expect(header.border).toMatchObject({ top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } });

    const money = ws.getCell('C4');
    expect(money.value).toBe(12345.5);
    expect(money.numFmt).toBe('#,##0.00');
    expect(money.border).toMatchObject({ top: { style: 'thin' } });
    // Text in a number-formatted column keeps the plain format; an empty bordered cell keeps its border.
    expect(ws.getCell('B4').numFmt).toBeUndefined();
    expect(ws.getCell('C5').value).toBeNull();
    expect(ws.getCell('C5').border).toMatchObject({ bottom: { style: 'thin' } });
    const total = ws.getCell('C6');
    expect(total.font).toMatchObject({ bold: true });
    expect(total.fill).toMatchObject({ fgColor: { argb: 'FFFFF2CC' } });
    expect(total.numFmt).toBe('#,##0.00');
  });

  it('escapes XML, drops characters XML cannot carry, keeps characters outside the BMP', async () => {
    const texts = ['A&B <c> "d" \'e\'', 'tab\there\nnew line', 'bell\u0007gone', '𠀀𪚥 (plane 2)', 'lone \ud800 surrogate', '\u3000全角空格开头'];
    const file = await sheetBuffer({ columns: [] }, (s) => s.add({ rows: texts.map((t) => [t]) }));
    const read = (await rows(file)).map((r) => r.cells[0]);
    expect(read).toEqual(['A&B <c> "d" \'e\'', 'tab\there\nnew line', 'bellgone', '𠀀𪚥 (plane 2)', 'lone  surrogate', '\u3000全角空格开头']);
    const ws = (await excel(file)).worksheets[0]!;
    expect(ws.getCell('D1').value).toBeNull();
    expect(ws.getCell('A4').value).toBe('𠀀𪚥 (plane 2)');
  });

  it('streams many rows in chunks: Chinese text split across chunk boundaries reads back whole', async () => {
    const n = 6000;
    const text = (i: number) => `第${i}个项目：氢能、储能与光伏一体化示范工程（${'建设'.repeat(i % 7)}）`;
    const file = await sheetBuffer({ columns: [{ width: 8 }, { width: 40 }, { width: 12, numFmt: '#,##0.00' }] }, async (s) => {
      for (let i = 1; i <= n; i++) {
        s.add({ rows: [[i, text(i), i * 1.25]], style: { border: true } });
        if (i % 1000 === 0) await s.drain();
      }
    });
    const read = await rows(file);
    expect(read).toHaveLength(n);
    for (const r of read) expect(r.cells).toEqual([r.rowNumber, text(r.rowNumber), r.rowNumber * 1.25]);
  });

  it('numbers the cell formats once per distinct style', async () => {
    const file = await sheetBuffer({ columns: [{ width: 8, numFmt: '#,##0.00' }, { width: 8 }] }, (s) => {
      for (let i = 0; i < 100; i++) s.add({ rows: [[i, `x${i}`]], style: { border: true } });
      s.add({ rows: [[1, 'y']] });
    });
    const styles = unzip(file).get('xl/styles.xml')!;
    // default, bordered text, bordered number with format, unbordered number with format
    expect(styles).toContain('<cellXfs count="4">');
    expect(styles).toContain('<numFmt numFmtId="164" formatCode="#,##0.00"/>');
  });

  it('refuses a worksheet name Excel would refuse, and fails (not hangs) when the output dies', async () => {
    await expect(writeXlsxSheet(new PassThrough(), 'a/b', { columns: [] }, async () => undefined)).rejects.toThrow(/worksheet name/);
    const out = new PassThrough();
    const done = writeXlsxSheet(out, 's', { columns: [] }, async (s) => {
      s.add({ rows: [['x'.repeat(200_000)]] });
      out.destroy(new Error('client went away'));
      await s.drain();
      for (let i = 0; i < 50; i++) s.add({ rows: [['y'.repeat(200_000)]] });
    });
    await expect(done).rejects.toThrow();
    await expect(writeXlsxSheet(new PassThrough(), 's', { columns: [] }, async () => Promise.reject(new Error('query failed')))).rejects.toThrow('query failed');
  });
});

describe('writeXlsx', () => {
  it('writes a plain table with a bold, frozen header row', async () => {
    const file = await toBuffer((out) =>
      writeXlsx(out, '审计日志', [{ header: '时间', key: 'at', width: 26 }, { header: '用户', key: 'user' }, { header: '次数', key: 'n' }], async (sheet) => {
        sheet.addRow({ at: '2026-11-27T00:00:00Z', user: '张三', n: 3 });
        sheet.addRow({ at: '2026-11-28T00:00:00Z', user: null, n: 0 });
      }),
    );
    expect((await rows(file)).map((r) => r.cells)).toEqual([
      ['时间', '用户', '次数'],
      ['2026-11-27T00:00:00Z', '张三', 3],
      ['2026-11-28T00:00:00Z', null, 0],
    ]);
    const ws = (await excel(file)).worksheets[0]!;
    expect(ws.name).toBe('审计日志');
    expect(ws.getCell('B1').font).toMatchObject({ bold: true });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect([ws.getColumn(1).width, ws.getColumn(2).width]).toEqual([26, 16]);
  });
});

describe('column', () => {
  it('names columns as Excel does', () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702, 16383].map(column)).toEqual(['A', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA', 'XFD']);
  });
});
