import { describe, expect, it } from 'vitest';
import type { ExtraField } from '../schemas/extra-fields.schema.js';
import { parseLedgerRows } from './ledger-parse.js';
import type { CellValue, SheetRow } from './ledger-text.js';

const field = (key: string, label: string, kind: ExtraField['kind'], options: string[] | null = null, archived = false): ExtraField => ({ id: key, key, label, kind, options, sortOrder: 0, archived, version: 1 });
const FIELDS = [field('fundingType', '资金类型', 'choice', ['专项债', '自筹']), field('landLots', '地块数', 'number'), field('reviewDate', '评审日期', 'date'), field('note2', '补充说明', 'text'), field('old', '旧字段', 'text', null, true)];
const sheet = (rows: Array<Array<CellValue>>): SheetRow[] => rows.map((cells, i) => ({ rowNumber: i + 1, cells }));
const HEADER = ['项目名称', '建设单位', '资金类型', '地块数', '评审日期', '补充 说明', '旧字段'];

describe('extra fields (自定义字段) in a ledger', () => {
  it('maps columns headed with an active field label, and reads their values the ledger way', () => {
    const r = parseLedgerRows(
      sheet([
        ['2026年重大项目台账'],
        HEADER,
        ['甲项目', '甲公司', ' 专项债 ', '１２', '2026年3月', '第一期', '旧值'],
        ['乙项目', '乙公司', null, '1,234.5', 46096, '', null],
        ['丙项目', '丙公司', '', '—', '', null, null],
      ]),
      { extraFields: FIELDS },
    );
    const cols = r.header?.columns.map((c) => [c.header, c.field, c.extraKey ?? null]);
    expect(cols).toEqual([
      ['项目名称', 'name', null],
      ['建设单位', 'builder', null],
      ['资金类型', null, 'fundingType'],
      ['地块数', null, 'landLots'],
      ['评审日期', null, 'reviewDate'],
      ['补充 说明', null, 'note2'],
      ['旧字段', null, null],
    ]);
    expect(r.rows.map((x) => x.extra ?? null)).toEqual([{ fundingType: '专项债', landLots: 12, reviewDate: '2026-03', note2: '第一期' }, { landLots: 1234.5, reviewDate: '2026-03-15' }, null]);
    // The archived field's column is an ordinary unknown column; the mapped ones raise nothing.
    expect(r.issues.map((i) => `${i.row}${i.column}:${i.code}`)).toEqual(['2G:unmapped-column']);
  });

  it('refuses values the project form would refuse, on their row and column', () => {
    const r = parseLedgerRows(sheet([HEADER, ['甲项目', '甲公司', '贷款', '十二', '下个月', 'x'.repeat(501)]]), { extraFields: FIELDS });
    expect(r.issues.filter((i) => i.severity === 'error').map((i) => `${i.row}${i.column}:${i.code}`)).toEqual(['2C:bad-extra-value', '2D:unparseable-number', '2E:unparseable-date', '2F:bad-extra-value']);
    expect(r.issues.find((i) => i.column === 'C')?.message).toBe('资金类型：应为以下之一：专项债、自筹');
    expect(r.rows[0]).toMatchObject({ errorCount: 4 });
    expect(r.rows[0]?.extra).toBeUndefined();
  });

  it('lets a user mapping win over a label, and ignores fields when none are active', () => {
    const mapped = parseLedgerRows(sheet([HEADER, ['甲项目', '甲公司', '自筹', '3']]), { extraFields: FIELDS, mapping: { 2: 'fundingSource', 3: null } });
    expect(mapped.header?.columns.slice(2, 4).map((c) => [c.field, c.extraKey ?? null])).toEqual([
      ['fundingSource', null],
      [null, null],
    ]);
    expect(mapped.rows[0]).toMatchObject({ values: { fundingSource: '自筹' } });
    expect(mapped.rows[0]?.extra).toBeUndefined();
    const none = parseLedgerRows(sheet([HEADER, ['甲项目', '甲公司', '自筹', '3']]));
    expect(none.rows[0]?.extra).toBeUndefined();
  });
});
