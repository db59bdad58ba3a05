import { describe, expect, it } from 'vitest';
import { classifyRow, sectionCount, type ClassifyContext } from './ledger-classify.js';
import type { CellValue } from './ledger-text.js';

const ctx: ClassifyContext = { nameIndex: 2, codeIndex: 1, headerTexts: ['序号', '项目代码', '项目名称', '建设单位', '总投资'], inTrailer: false, firstAfterHeader: false };
const kind = (cells: CellValue[], c: Partial<ClassifyContext> = {}) => classifyRow({ rowNumber: 9, cells }, { ...ctx, ...c });

describe('classifyRow', () => {
  it.each([
    [['一、在谈项目（4个）'], 'negotiating', 1, 4],
    [['三、新开工项目'], 'construction', 1, null],
    [['（二）续建项目'], 'construction', 2, null],
    [['(二)续建项目'], 'construction', 2, null],
    [['二、签约项目'], 'signed', 1, null],
    [['五、竣工投产项目（4个）', null, null, null, '12,000'], 'operating', 1, 4],
    [['一', null, '在谈项目'], 'negotiating', 1, null],
    [[null, null, '新开工项目（12个）'], 'construction', 1, 12],
    [['第三部分　储备项目'], 'reserve', 1, null],
    [['六、工业项目'], undefined, 1, null],
    [['七、计划新开工项目'], null, 1, null],
  ] as const)('%j is a section', (cells, stage, level, expected) => {
    expect(kind([...cells])).toEqual({ kind: 'section', title: expect.any(String), stage, level, expected });
  });

  it.each([
    [['小计', null, null, null, 100], 'subtotal'],
    [[null, null, '小  计', null, 100], 'subtotal'],
    [['新开工项目小计'], 'subtotal'],
    [['合计'], 'total'],
    [['合  计（20个）'], 'total'],
    [['总计'], 'total'],
    [['全县合计'], 'total'],
    [['其中：新开工'], 'breakdown'],
  ] as const)('%j is an aggregate (%s)', (cells, scope) => {
    expect(kind([...cells])).toMatchObject({ kind: 'aggregate', scope });
  });

  it('spots notes, repeated headers, column numbers and blanks', () => {
    expect(kind(['注：本表金额单位为万元'])).toEqual({ kind: 'note' });
    expect(kind(['注1.数据截至3月底'])).toEqual({ kind: 'note' });
    expect(kind(['备注：无'])).toEqual({ kind: 'note' });
    expect(kind(['填表人：张三', null, '审核人：李四'])).toEqual({ kind: 'note' });
    expect(kind(['2.形象进度截至3月底'], { inTrailer: true })).toEqual({ kind: 'note' });
    expect(kind([3, null, '项目', '公司'], { inTrailer: true })).toEqual({ kind: 'data' });
    expect(kind(['序号', '项目代码', '项目名称', '建设单位'])).toEqual({ kind: 'repeat-header' });
    expect(kind([1, 2, 3, 4, 5], { firstAfterHeader: true })).toEqual({ kind: 'column-numbers' });
    expect(kind([])).toEqual({ kind: 'blank' });
    expect(kind([null, '  ', '\u3000', Number.NaN])).toEqual({ kind: 'blank' });
  });

  it('keeps project rows as data, even sparse ones', () => {
    expect(kind([1, '2026-330206-44-03-001234', '新开工项目'])).toEqual({ kind: 'data' });
    expect(kind([1, null, '海上风电运维基地', '东海风电有限公司', 12000])).toEqual({ kind: 'data' });
    expect(kind([null, null, '某项目'])).toEqual({ kind: 'data' });
    expect(kind(['一', null, '某项目', '某公司', '县发改局'])).toEqual({ kind: 'data' });
  });

  it('reads the declared count of a section', () => {
    expect(sectionCount('一、在谈项目（4个）')).toBe(4);
    expect(sectionCount('在谈项目(共12个)')).toBe(12);
    expect(sectionCount('在谈项目，共3个')).toBe(3);
    expect(sectionCount('在谈项目 5个项目')).toBe(5);
    expect(sectionCount('在谈项目')).toBeNull();
  });
});
