import { describe, expect, it } from 'vitest';
import { applyMapping, detectHeader, matchHeaderText, type LedgerHeader } from './ledger-header.js';
import { normalizeHeader, type CellValue, type SheetRow } from './ledger-text.js';

const sheet = (rows: Array<Array<CellValue>>, first = 1): SheetRow[] => rows.map((cells, i) => ({ rowNumber: first + i, cells }));
const fields = (h: LedgerHeader | null) => h?.columns.map((c) => c.field);
const col = (h: LedgerHeader | null, letter: string) => h?.columns.find((c) => c.letter === letter);
const best = (text: string) => matchHeaderText(normalizeHeader(text))[0]?.field ?? null;

describe('header synonyms', () => {
  it.each([
    ['项目名称', 'name'],
    ['项目', 'name'],
    ['名称', 'name'],
    ['项目代码', 'code'],
    ['项目编码', 'code'],
    ['统一项目代码', 'code'],
    ['赋码', 'code'],
    ['全国投资项目在线审批监管平台代码', 'code'],
    ['总投资', 'totalInvestment'],
    ['计划总投资', 'totalInvestment'],
    ['项目总投资', 'totalInvestment'],
    ['本年累计完成投资', 'ytdInvestment'],
    ['1-10月累计完成', 'ytdInvestment'],
    ['1—3月完成投资', 'ytdInvestment'],
    ['1至6月完成', 'ytdInvestment'],
    ['年度累计完成投资', 'ytdInvestment'],
    ['本年完成投资', 'ytdInvestment'],
    ['2026年1-10月完成投资', 'ytdInvestment'],
    ['截至9月底累计完成', 'ytdInvestment'],
    ['年度计划投资', 'annualPlanInvestment'],
    ['本年计划投资', 'annualPlanInvestment'],
    ['2026年计划投资', 'annualPlanInvestment'],
    ['年度投资完成率', 'annualCompletionRate'],
    ['固定资产投资', 'fixedAssetInvestment'],
    ['其中：固定资产投资', 'fixedAssetInvestment'],
    ['项目级别', 'level'],
    ['所属产业', 'industry'],
    ['产业链', 'industry'],
    ['项目类型', 'projectType'],
    ['建设性质', 'nature'],
    ['批次', 'stage'],
    ['项目状态', 'stage'],
    ['建设单位', 'builder'],
    ['业主单位', 'builder'],
    ['实施主体', 'builder'],
    ['统一社会信用代码', 'builderCreditCode'],
    ['投资方', 'investor'],
    ['投资来源地', 'investorOrigin'],
    ['联系人', 'contactName'],
    ['联系人及电话', 'contactName'],
    ['联系电话', 'contactPhone'],
    ['建设地点', 'location'],
    ['用地面积', 'landArea'],
    ['建筑面积', 'floorArea'],
    ['建设内容及规模', 'scale'],
    ['资金来源', 'fundingSource'],
    ['计划签约时间', 'plannedSignDate'],
    ['实际签约时间', 'actualSignDate'],
    ['计划开工时间', 'plannedStartDate'],
    ['实际开工时间', 'actualStartDate'],
    ['计划竣工时间', 'plannedCompletionDate'],
    ['实际竣工时间', 'actualCompletionDate'],
    ['计划投产时间', 'plannedOperationDate'],
    ['计划竣工投产时间', 'plannedOperationDate'],
    ['实际投产时间', 'actualOperationDate'],
    ['统计入库时间', 'statsEnteredDate'],
    ['纳统时间', 'statsEnteredDate'],
    ['开工时间', 'startDate'],
    ['签约时间', 'signDate'],
    ['建设起止年限', 'constructionPeriod'],
    ['形象进度', 'progressText'],
    ['项目进展', 'progressText'],
    ['进展情况', 'progressText'],
    ['达产后产值', 'outputValue'],
    ['年税收', 'taxRevenue'],
    ['新增就业', 'jobs'],
    ['包挂领导', 'leader'],
    ['包挂县领导', 'leader'],
    ['联系领导', 'leader'],
    ['责任领导', 'leader'],
    ['责任单位', 'leadUnit'],
    ['牵头单位', 'leadUnit'],
    ['配合单位', 'supportingUnits'],
    ['协办单位', 'supportingUnits'],
    ['项目管家', 'helper'],
    ['帮办专员', 'helper'],
    ['存在问题', 'problems'],
    ['备注', 'remarks'],
    ['开工以来累计完成投资', 'sinceStartInvestment'],
    ['自开工以来累计完成', 'sinceStartInvestment'],
    ['开工至今完成投资', 'sinceStartInvestment'],
    ['序号', 'seq'],
  ])('%s → %s', (text, field) => {
    expect(best(text)).toBe(field);
  });

  it('does not mistake look-alikes', () => {
    expect(best('开工以来累计完成投资')).not.toBe('ytdInvestment');
    expect(best('本月完成投资')).toBeNull();
    expect(best('用地预审')).toBeNull();
    expect(best('投资方来源地')).toBe('investorOrigin');
    expect(best('XX港经济区2026年重大项目推进台账')).toBeNull();
  });
});

describe('detectHeader', () => {
  it('skips the title and note rows and takes the year and unit note from them', () => {
    const h = detectHeader(
      sheet([
        ['XX港经济区2026年重大项目推进台账'],
        ['填报单位：经济区项目办　单位：万元、亩'],
        [],
        ['序号', '项目名称', '总投资', '本年累计完成投资', '用地面积', '建筑面积'],
        [1, '项目一', 100, 20, 30, 1000],
      ]),
    );
    expect(h?.headerRows).toEqual([4]);
    expect(h?.dataStartRow).toBe(5);
    expect(h?.year).toBe(2026);
    expect(h?.title).toBe('XX港经济区2026年重大项目推进台账');
    expect(h?.noteUnits).toEqual(['万元', '亩']);
    expect(fields(h)).toEqual(['seq', 'name', 'totalInvestment', 'ytdInvestment', 'landArea', 'floorArea']);
    expect(col(h, 'C')).toMatchObject({ unit: '万元', unitSource: 'note' });
    expect(col(h, 'E')).toMatchObject({ unit: '亩', unitSource: 'note' });
    expect(col(h, 'F')).toMatchObject({ unit: '平方米', unitSource: 'default' });
  });

  const grouped: Array<Array<CellValue>> = [
    ['2026年重大项目台账'],
    ['序号', '项目名称', '总投资（万元）', null, '2026年投资（亿元）', null, null, '开工时间', null, '时间节点', null, '用地（公顷）', '备注'],
    [null, null, '合计', '其中：固定资产投资', '年度计划', '1-3月完成', '完成率', '计划', '实际', '计划竣工', '实际投产', null, null],
    [1, '项目一', 100, 80, 0.5, 0.1, 0.2, '2026年3月', '2026-03-15', '2027年底', null, 2, null],
  ];

  it('reads a two-row grouped header whose merged group cell sits in its first column only', () => {
    const h = detectHeader(sheet(grouped));
    expect(h?.headerRows).toEqual([2, 3]);
    expect(h?.dataStartRow).toBe(4);
    expect(fields(h)).toEqual([
      'seq',
      'name',
      'totalInvestment',
      'fixedAssetInvestment',
      'annualPlanInvestment',
      'ytdInvestment',
      'annualCompletionRate',
      'plannedStartDate',
      'actualStartDate',
      'plannedCompletionDate',
      'actualOperationDate',
      'landArea',
      'remarks',
    ]);
    expect(col(h, 'D')).toMatchObject({ header: '总投资（万元） / 其中：固定资产投资', unit: '万元', unitSource: 'header' });
    expect(col(h, 'F')).toMatchObject({ unit: '亿元', unitSource: 'header' });
    expect(col(h, 'G')).toMatchObject({ unit: '%', unitSource: 'default' });
    expect(col(h, 'L')).toMatchObject({ unit: '公顷', unitSource: 'header' });
  });

  it('reads the same header when merged values are repeated in every cell (non-streaming readers)', () => {
    const repeated = grouped.map((r) => [...r]);
    const top = repeated[1] as CellValue[];
    const bottom = repeated[2] as CellValue[];
    top[3] = top[2] ?? null;
    top[5] = top[4] ?? null;
    top[6] = top[4] ?? null;
    top[8] = top[7] ?? null;
    top[10] = top[9] ?? null;
    for (const i of [0, 1, 11, 12]) bottom[i] = top[i] ?? null;
    const h = detectHeader(sheet(repeated));
    expect(h?.headerRows).toEqual([2, 3]);
    expect(fields(h)).toEqual(fields(detectHeader(sheet(grouped))));
  });

  it('reads a three-row header', () => {
    const h = detectHeader(
      sheet([
        ['序号', '项目名称', '投资情况（万元）', null, null, '建设单位'],
        [null, null, '总投资', '2026年', null, null],
        [null, null, null, '年度计划', '1-6月完成', null],
        [1, '项目一', 100, 20, 5, '某公司'],
      ]),
    );
    expect(h?.headerRows).toEqual([1, 2, 3]);
    expect(fields(h)).toEqual(['seq', 'name', 'totalInvestment', 'annualPlanInvestment', 'ytdInvestment', 'builder']);
    expect(col(h, 'C')?.unit).toBe('万元');
  });

  it('skips a column-number row under the header', () => {
    const h = detectHeader(
      sheet([
        ['序号', '项目名称', '总投资', '建设单位'],
        ['甲', '乙', 1, 2],
        [1, '项目一', 100, 'x'],
      ]),
    );
    expect(h?.dataStartRow).toBe(3);
    const h2 = detectHeader(
      sheet([
        ['序号', '项目名称', '总投资', '建设单位'],
        [1, 2, 3, 4],
        [1, '项目一', 100, 'x'],
      ]),
    );
    expect(h2?.dataStartRow).toBe(3);
  });

  it('reports unknown columns with field null, and recognises our hidden columns', () => {
    const h = detectHeader(sheet([['项目名称', '本月完成投资', '总投资', '__version', '__id']]));
    expect(fields(h)).toEqual(['name', null, 'totalInvestment', 'version', 'id']);
    expect(col(h, 'B')).toMatchObject({ header: '本月完成投资', field: null, confidence: 0, source: null });
  });

  it('maps each field to one column only, the most confident', () => {
    const h = detectHeader(sheet([['项目名称', '项目', '总投资', '总投资（其他口径）']]));
    expect(fields(h)).toEqual(['name', null, 'totalInvestment', null]);
  });

  it('gives up when no row looks like a header', () => {
    expect(detectHeader(sheet([['hello', 'world'], [1, 2]]))).toBeNull();
    expect(detectHeader([])).toBeNull();
    expect(detectHeader(sheet([[], []]))).toBeNull();
  });

  it('uses the header rows the user picked', () => {
    const rows = sheet([['项目名称', '总投资'], ['甲方', '乙方'], ['x', 1]]);
    const h = detectHeader(rows, [2]);
    expect(h?.headerRows).toEqual([2]);
    expect(h?.dataStartRow).toBe(3);
    expect(fields(h)).toEqual([null, null]);
  });
});

describe('applyMapping', () => {
  const h = detectHeader(sheet([['项目名称', '本月完成投资', '总投资', '备注'], ['x', 1, 2, 'y']])) as LedgerHeader;

  it('maps an unknown column, unmaps the column it displaces, ignores on null', () => {
    const m = applyMapping(h, { 1: 'totalInvestment', 3: null });
    expect(fields(m)).toEqual(['name', 'totalInvestment', null, null]);
    expect(col(m, 'B')).toMatchObject({ source: 'user', confidence: 1, unit: '万元', unitSource: 'default' });
  });

  it('overrides a unit, and may add columns beyond the header', () => {
    const m = applyMapping(h, { 5: 'jobs' }, { 2: '亿元' });
    expect(col(m, 'C')).toMatchObject({ field: 'totalInvestment', unit: '亿元', unitSource: 'user' });
    expect(col(m, 'F')).toMatchObject({ field: 'jobs', unit: '人' });
    expect(m.columns).toHaveLength(6);
  });
});
