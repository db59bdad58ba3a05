import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../config.js';
import { READ_CHUNK, readLedgerFile, type ReadRow } from './ledger-read.js';

const MESSY = readFileSync(join(packageRoot(), 'test/fixtures/ledgers/messy-ledger.xlsx'));

async function collect(source: Buffer, mode: 'thread' | 'worker') {
  const chunks: ReadRow[][] = [];
  const result = await readLedgerFile(source, { extraFields: [] }, async (rows) => void chunks.push(rows), mode);
  return { chunks, result };
}

describe('reading a ledger in a worker thread', () => {
  it('hands over the same chunks and result as reading in this thread', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('台账');
    ws.addRow(['项目名称', '建设单位', '总投资（万元）', '行业']);
    for (let i = 1; i <= 1234; i++) ws.addRow([`分块项目${i}`, `重庆分块公司${i % 5}`, i % 100 === 0 ? '不详' : i, '港口物流']);
    const big = Buffer.from(await wb.xlsx.writeBuffer());
    for (const file of [MESSY, big]) {
      const inThread = await collect(file, 'thread');
      const inWorker = await collect(file, 'worker');
      expect(inWorker).toEqual(inThread);
    }
    const { chunks } = await collect(big, 'worker');
    expect(chunks.map((c) => c.length)).toEqual([READ_CHUNK, READ_CHUNK, 234]);
    expect(chunks[0]![0]).toMatchObject({ rowNumber: 2, values: { name: '分块项目1' }, searchText: '分块项目1 重庆分块公司1 港口物流 fkxm1 cqfkgs1 gkwl' });
  });

  it('stops the worker and passes on the error when the consumer fails', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('台账');
    ws.addRow(['项目名称', '总投资（万元）']);
    for (let i = 1; i <= 2000; i++) ws.addRow([`失败项目${i}`, i]);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    let calls = 0;
    await expect(
      readLedgerFile(file, { extraFields: [] }, async () => {
        if (++calls === 2) throw new Error('write failed');
      }, 'worker'),
    ).rejects.toThrow('write failed');
    expect(calls).toBe(2);
  });
});
