import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readSheetRows } from './xlsx-reader.js';

describe('streaming reader and multi-byte text', () => {
  it('reads every Chinese string intact even when its bytes straddle two compressed chunks', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('台账');
    const expected: string[] = [];
    for (let i = 0; i < 6000; i++) {
      // Inline strings and shared strings both, long enough to span many inflate chunks.
      const text = `经济区管委会第${i}号氢能装备产业园项目（${'新材料'.repeat(i % 7)}）`;
      expected.push(text);
      ws.addRow([text, i]);
    }
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    const seen: string[] = [];
    for await (const row of readSheetRows(buffer)) seen.push(String(row.cells[0]));
    expect(seen.filter((s) => s.includes('\uFFFD'))).toEqual([]);
    expect(seen).toEqual(expected);
  });
});
