import { describe, expect, it } from 'vitest';
import { parseLedger, parseLedgerRows, type LedgerParseResult } from './ledger-parse.js';
import type { CellValue, SheetRow } from './ledger-text.js';

const sheet = (rows: Array<Array<CellValue>>, first = 1): SheetRow[] => rows.map((cells, i) => ({ rowNumber: first + i, cells }));
const codes = (r: LedgerParseResult) => r.issues.map((i) => `${i.row}${i.column ?? ''}:${i.code}`);
const HEADER = ['序号', '项目代码', '项目名称', '建设单位', '总投资（万元）', '本年累计完成投资', '实际开工时间', '包挂领导', '责任单位'];
const parse = (body: Array<Array<CellValue>>, opts = {}) => parseLedgerRows(sheet([['XX港经济区2026年重大项目推进台账'], HEADER, ...body]), opts);

describe('parseLedger: rows around the table', () => {
  it('follows section rows and sets each row’s stage from its section', () => {
    const r = parse([
      ['一、在谈项目（2个）'],
      [1, null, 'A', 'a公司', 100],
      [2, null, 'B', 'b公司', 100],
      ['二、签约项目'],
      [1, null, 'C', 'c公司', 100],
      ['三', '新开工项目'],
      [1, null, 'D', 'd公司', 100, null, '2026-03-01'],
      [2, null, 'E', 'e公司', 200, null, '2026-04-01'],
      [null, '（二）续建项目'],
      [1, null, 'F', 'f公司', 100, null, '2025-06'],
      ['竣工投产项目'],
      [1, null, 'G', 'g公司', 100],
      ['五、计划新开工项目'],
      [1, null, 'H', 'h公司', 100],
      ['六、工业项目'],
      [1, null, 'I', 'i公司', 100],
    ]);
    expect(r.rows.map((x) => [x.values.name, x.values.stage ?? null, x.section ?? null])).toEqual([
      ['A', 'negotiating', '一、在谈项目（2个）'],
      ['B', 'negotiating', '一、在谈项目（2个）'],
      ['C', 'signed', '二、签约项目'],
      ['D', 'construction', '三新开工项目'],
      ['E', 'construction', '三新开工项目'],
      ['F', 'construction', '（二）续建项目'],
      ['G', 'operating', '竣工投产项目'],
      ['H', null, '五、计划新开工项目'],
      ['I', null, '六、工业项目'],
    ]);
    expect(r.byStage).toEqual({ reserve: 0, negotiating: 2, signed: 1, construction: 3, completed: 0, operating: 1, dropped: 0, unknown: 2 });
    expect(r.summary.skipped.section).toBe(7);
    expect(codes(r)).toEqual([]);
  });

  it('a sub-section without a stage inherits its parent’s', () => {
    const r = parse([['一、新开工项目'], ['（一）工业项目'], [1, null, 'A', 'a', 1, null, '2026-01']]);
    expect(r.rows[0]?.values.stage).toBe('construction');
    expect(r.rows[0]?.section).toBe('（一）工业项目');
  });

  it('checks the count a section title announces', () => {
    const r = parse([['一、在谈项目（3个）'], [1, null, 'A', 'a', 1], ['二、签约项目（1个）'], [1, null, 'B', 'b', 1]]);
    expect(codes(r)).toEqual(['3:section-count-mismatch']);
    expect(r.issues[0]?.message).toBe('分组“一、在谈项目（3个）”注明 3 个项目，实际 1 个');
  });

  it('skips subtotal and total rows and cross-checks their sums', () => {
    const r = parse([
      ['合计', null, null, null, '1,000', 150],
      ['一、在谈项目'],
      [1, null, 'A', 'a', 300, 50],
      [2, null, 'B', 'b', 200, 50],
      ['小计', null, null, null, 500, 100],
      ['二、签约项目', null, null, null, 500],
      [1, null, 'C', 'c', 400],
      [null, null, '小 计', null, 400],
      ['总计', null, null, null, 900],
      ['其中：新开工', null, null, null, 1],
    ]);
    expect(r.rows.map((x) => x.values.name)).toEqual(['A', 'B', 'C']);
    expect(r.summary.skipped.aggregate).toBe(5);
    // The 合计 at the top (1000 vs 900) and the section row's sum (500 vs 400) disagree.
    expect(codes(r)).toEqual(['3E:subtotal-mismatch', '3F:subtotal-mismatch', '8E:subtotal-mismatch']);
    expect(r.issues[0]?.message).toBe('合计行的“总投资”为 1000万元，明细合计为 900万元');
    expect(r.issues[2]?.message).toBe('分组“二、签约项目”行的“总投资”为 500万元，明细合计为 400万元');
  });

  it('tolerates rounding in subtotals (one unit of the column)', () => {
    const r = parse([[1, null, 'A', 'a', 100.4], [2, null, 'B', 'b', 100.4], ['小计', null, null, null, 201]]);
    expect(codes(r)).toEqual([]);
  });

  it('skips blank rows, trailing notes and repeated headers', () => {
    const r = parse([
      [1, null, 'A', 'a', 1],
      [],
      [null, null, ''],
      HEADER,
      [2, null, 'B', 'b', 1],
      ['注：1.本表金额单位为万元。'],
      ['2.形象进度截至3月底。'],
      ['填表人：张三　审核人：李四'],
      [null, '审核人：王五'],
    ]);
    expect(r.rows.map((x) => x.rowNumber)).toEqual([3, 7]);
    expect(r.summary.skipped).toMatchObject({ blank: 2, repeatHeader: 1, note: 4 });
  });
});

describe('parseLedger: validation', () => {
  it('checks the 项目代码 shape (error) with the record’s own pattern; bare and full-width digits are normalised', () => {
    const r = parse([
      [1, '2026-3302-44-03-0012', 'A', 'a'],
      [2, '2026-330206-44-03-00123X', 'B', 'b'],
      [3, '20263302064403001236', 'C', 'c'],
      [4, '２０２６－３３０２０６－４４－０３－００１２３７', 'D', 'd'],
    ]);
    // No trailing X: the check character's algorithm is unknown and the record accepts digits only.
    expect(codes(r)).toEqual(['3B:bad-code-shape', '4B:bad-code-shape']);
    expect(r.issues[0]).toMatchObject({ severity: 'error', field: 'code', value: '2026-3302-44-03-0012' });
    expect(r.rows.map((x) => x.values.code)).toEqual(['2026-3302-44-03-0012', '2026-330206-44-03-00123X', '2026-330206-44-03-001236', '2026-330206-44-03-001237']);
    expect(r.summary).toMatchObject({ errors: 2, rowsWithErrors: 2 });
    expect(r.rows[0]?.errorCount).toBe(1);
  });

  it('checks 统一社会信用代码: shape (value dropped) and check character', () => {
    const rows = sheet([['项目名称', '统一社会信用代码'], ['A', '91330206MA2H3K5L02'], ['B', '91330206ma2h3k5l0x'], ['C', '123'], ['D', '91330206MA2H3K5L03']]);
    const r = parseLedgerRows(rows);
    expect(codes(r)).toEqual(['3B:credit-code-checksum', '4B:bad-credit-code', '5B:credit-code-checksum']);
    expect(r.rows.map((x) => x.values.builderCreditCode ?? null)).toEqual(['91330206MA2H3K5L02', '91330206MA2H3K5L0X', null, '91330206MA2H3K5L03']);
  });

  it('warns when the year-to-date figure exceeds the total', () => {
    const r = parse([[1, null, 'A', 'a', '5,000', '6,000']]);
    expect(codes(r)).toEqual(['3F:ytd-exceeds-total']);
    expect(r.issues[0]).toMatchObject({ severity: 'warning', message: '本年累计完成投资（6000万元）大于总投资（5000万元）' });
  });

  it('reads 开工以来累计 and warns when it is below 本年累计 or above the total', () => {
    const rows = sheet([
      ['项目名称', '总投资（万元）', '本年累计完成投资（万元）', '开工以来累计完成（万元）'],
      ['A', '5,000', '1,200', '3,400'],
      ['B', '5,000', '1,200', '800'],
      ['C', '5,000', '100', '6,000'],
    ]);
    const r = parseLedgerRows(rows);
    expect(r.rows.map((x) => x.values.sinceStartInvestment)).toEqual([34_000_000, 8_000_000, 60_000_000]);
    expect(codes(r)).toEqual(['3C:ytd-exceeds-since-start', '4D:since-start-exceeds-total']);
    expect(r.issues[0]?.message).toBe('本年累计完成投资（1200万元）大于开工以来累计完成投资（800万元）');
  });

  it('warns about a 新开工 project without an actual start date', () => {
    const r = parse([['三、新开工项目'], [1, null, 'A', 'a', 1], [2, null, 'B', 'b', 1, null, '2026年3月']]);
    expect(codes(r)).toEqual(['4G:started-without-start-date']);
    expect(r.issues[0]?.message).toBe('项目处于开工阶段（分组“三、新开工项目”），但没有实际开工时间');
  });

  it('reports duplicate rows (same code, or same name and builder) on the later row', () => {
    const r = parse([
      [1, '2026-330206-44-03-001234', 'A', 'a公司'],
      [2, '2026-330206-44-03-001234', 'A2', 'a公司'],
      [3, null, '港口 冷链（一期）', '海港物流'],
      [4, null, '港口冷链(一期)', '海港物流'],
      [5, '2026-330206-44-03-000001', 'X', 'x公司'],
      [6, '2026-330206-44-03-000002', 'X', 'x公司'],
      [7, null, 'Y', null],
      [8, null, 'Y', 'y公司'],
    ]);
    expect(codes(r)).toEqual(['4B:duplicate-row', '6C:duplicate-row']);
    expect(r.issues[0]?.message).toBe('与第3行重复（项目代码 2026-330206-44-03-001234）');
    expect(r.issues[1]?.message).toBe('与第5行重复（项目名称和建设单位相同）');
  });

  it('requires a name', () => {
    const r = parse([[1, null, null, 'a公司', 100]]);
    expect(codes(r)).toEqual(['3:missing-name']);
    expect(r.rows).toHaveLength(1);
  });

  it('reports cells it cannot read with their column, and keeps the rest of the row', () => {
    const r = parse([[1, null, 'A', 'a', '很多', '约40', '下个月']]);
    expect(codes(r)).toEqual(['3E:unparseable-number', '3F:approximate-value', '3G:unparseable-date']);
    expect(r.rows[0]?.values).toMatchObject({ name: 'A', ytdInvestment: 400_000 });
    expect(r.rows[0]?.approximate).toEqual(['ytdInvestment']);
  });

  it('uses the year from the options over the title', () => {
    const rows = [['项目名称', '计划开工时间'], ['A', '3月下旬']];
    expect(parseLedgerRows(sheet(rows)).issues.map((i) => i.code)).toEqual(['date-missing-year']);
    expect(parseLedgerRows(sheet(rows), { year: 2027 }).rows[0]?.values.plannedStartDate).toEqual({ value: '2027-03-25', precision: 'day', approx: 'late' });
    expect(parse([[1, null, 'A', 'a', null, null, '3月下旬']]).rows[0]?.values.actualStartDate).toEqual({ value: '2026-03-25', precision: 'day', approx: 'late' });
  });

  it('warns about dates out of order and enum values it does not know', () => {
    const rows = sheet([
      ['项目名称', '计划开工时间', '计划竣工时间', '项目级别', '建设性质', '阶段'],
      ['A', '2026年6月', '2026年3月', '一般', '续建', 'A类'],
    ]);
    expect(codes(parseLedgerRows(rows))).toEqual(['2D:unknown-value', '2E:unknown-value', '2F:unknown-stage', '2C:dates-out-of-order']);
  });

  it('prefers the stage column over the section, and says so', () => {
    const rows = sheet([['项目名称', '阶段'], ['一、在谈项目'], ['A', '已签约'], ['B', null]]);
    const r = parseLedgerRows(rows);
    expect(r.rows.map((x) => x.values.stage)).toEqual(['signed', 'negotiating']);
    expect(codes(r)).toEqual(['3B:stage-section-mismatch']);
  });

  it('resolves a bare 开工时间 column: actual once the project has started, else planned', () => {
    const rows = sheet([
      ['项目名称', '阶段', '开工时间', '计划开工时间', '建设起止年限'],
      ['A', '在建', '2026年3月'],
      ['B', '在谈', '2026年9月'],
      ['C', '在谈', '已于2026年1月开工'],
      ['D', '在建', '计划2026年5月'],
      ['E', '在建', '2026年2月', '2026年1月'],
      ['F', '签约', null, null, '2026.3-2027.12'],
    ]);
    const v = parseLedgerRows(rows).rows.map((x) => [x.values.plannedStartDate?.value ?? null, x.values.actualStartDate?.value ?? null, x.values.plannedCompletionDate?.value ?? null]);
    expect(v).toEqual([
      [null, '2026-03', null],
      ['2026-09', null, null],
      [null, '2026-01', null],
      ['2026-05', null, null],
      ['2026-01', '2026-02', null],
      ['2026-03', null, '2027-12'],
    ]);
  });

  it('splits contacts, leaders and units', () => {
    const rows = sheet([
      ['项目名称', '联系人及电话', '包挂领导', '责任单位', '配合单位', '联系电话'],
      ['A', '张三 13800000000', '王建国（县委书记）、李明(县长)', '经济区管委会、县发改局', '供电公司 水务集团', null],
      ['B', '李四', null, null, null, '待联系'],
    ]);
    const r = parseLedgerRows(rows);
    expect(r.rows[0]?.values).toMatchObject({
      contactName: '张三',
      contactPhone: '13800000000',
      leader: [
        { name: '王建国', title: '县委书记', phone: null },
        { name: '李明', title: '县长', phone: null },
      ],
      leadUnit: ['经济区管委会', '县发改局'],
      supportingUnits: ['供电公司', '水务集团'],
    });
    expect(codes(r)).toEqual(['3F:bad-phone']);
  });

  it('reports over-long text as an error', () => {
    const r = parseLedgerRows(sheet([['项目名称'], ['长'.repeat(201)]]));
    expect(codes(r)).toEqual(['2A:text-too-long']);
  });
});

describe('parseLedger: header problems and options', () => {
  it('reports an empty sheet, a sheet without a header, a header without a name column', () => {
    expect(codes(parseLedgerRows([]))).toEqual(['1:empty-sheet']);
    expect(codes(parseLedgerRows(sheet([[null], ['']], 5)))).toEqual(['5:empty-sheet']);
    expect(codes(parseLedgerRows(sheet([['hello'], ['world']])))).toEqual(['1:no-header']);
    expect(codes(parseLedgerRows(sheet([['总投资', '建设单位'], [1, 'a']])))).toEqual(['1:missing-name-column', '2:missing-name']);
  });

  it('lists unknown columns on the header row', () => {
    const r = parseLedgerRows(sheet([['项目名称', '本月完成投资'], ['A', 5]]));
    expect(r.issues[0]).toMatchObject({ row: 1, column: 'B', code: 'unmapped-column', severity: 'warning', message: 'B列“本月完成投资”未能识别，将被忽略（可在预览中指定对应字段）' });
  });

  it('applies the user’s mapping, units and header rows', () => {
    const rows = sheet([['说明文字'], ['名字', '钱', '钱2'], ['A', '1.5', '2']]);
    expect(codes(parseLedgerRows(rows))).toEqual(['1:no-header']);
    const r = parseLedgerRows(rows, { headerRows: [2], mapping: { 0: 'name', 1: 'totalInvestment', 2: 'totalInvestment' }, units: { 1: '亿元' } });
    expect(r.rows[0]?.values).toEqual({ name: 'A', totalInvestment: 150_000_000 });
    expect(codes(r)).toEqual(['2C:duplicate-column']);
  });

  it('caps the issue list but keeps the counts', () => {
    const body = Array.from({ length: 30 }, (_, i) => [i, null, null]);
    const r = parse(body, { maxIssues: 10 });
    expect(r.issues).toHaveLength(11);
    expect(r.issues[10]?.code).toBe('too-many-issues');
    expect(r.summary.errors).toBe(30);
  });

  it('keeps raw cells on request and reads async iterables', async () => {
    async function* gen(): AsyncGenerator<SheetRow> {
      yield { rowNumber: 1, cells: ['项目名称', '总投资'] };
      yield { rowNumber: 2, cells: ['A', '1,000'] };
    }
    const r = await parseLedger(gen(), { keepRaw: true });
    expect(r.rows[0]).toMatchObject({ rowNumber: 2, raw: ['A', '1,000'], values: { name: 'A', totalInvestment: 10_000_000 } });
  });

  it('streams rows to onRow without keeping them when asked', async () => {
    const seen: number[] = [];
    const r = await parseLedger(sheet([['项目名称'], ['A'], ['B']]), { onRow: (row) => seen.push(row.rowNumber), collectRows: false });
    expect(seen).toEqual([2, 3]);
    expect(r.rows).toEqual([]);
    expect(r.summary.projectRows).toBe(2);
  });
});
