import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLedgerDate, parsePeriod } from './ledger-dates.js';
import { LEDGER_FIELDS } from './ledger-fields.js';
import { ISSUE_CODES } from './ledger-issues.js';
import { parsePercent, parseQuantity } from './ledger-numbers.js';
import { parseLedgerRows } from './ledger-parse.js';
import { parsePeople, parseUnitList, splitContact } from './ledger-people.js';
import type { CellValue, SheetRow } from './ledger-text.js';

/** Words ledgers are made of, so random cells hit the interesting paths, not only garbage. */
const WORDS = [
  ...LEDGER_FIELDS.flatMap((f) => f.exact.slice(0, 3)),
  '总投资（万元）', '(亿元)', '合计', '小计', '总 计', '其中：', '一、在谈项目（4个）', '三、新开工项目', '（二）续建项目', '新开工项目',
  '注：', '填表人：', '约', '余', '左右', '万元', '亿', '亩', '公顷', '%', '％', '，', ',', '、', '（', '）', '(', ')', '—', '-', '/', '无',
  '２０２６', '１，２３４', '．', '2026年', '3月', '下旬', '年底', '二季度', '2026.03', '2026-03-15', '2026/3/15', '已于', '计划',
  '王建国（县委书记）', '李明(县长)', '县发改局', '13800000000', '2026-330206-44-03-001234', '91330206MA2H3K5L02', '1e308', '1e-400', 'NaN',
  '\u0000', '\uFEFF', '\u200B', '\u3000', '\n', '\r\n', '\uD800', '😀', 'X'.repeat(300),
];

const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.array(fc.constantFrom(...WORDS), { maxLength: 4 }).map((w) => w.join('')),
  fc.tuple(fc.constantFrom('', '约', '-', '１'), fc.double({ noNaN: false }), fc.constantFrom('', '万元', '亿元', '%', '亩', '年', '月')).map(([a, n, b]) => `${a}${n}${b}`),
);
const cell: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 5, arbitrary: text },
  { weight: 2, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.integer({ min: -1e6, max: 3e7 }) },
  { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, Number.MAX_VALUE, Number.MIN_VALUE, 46023, 2026.1) },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: false }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 3, arbitrary: fc.constant(null) },
);
const HEADER_ROWS: CellValue[][] = [
  ['序号', '项目代码', '项目名称', '建设单位', '总投资（万元）', '本年累计完成投资', '开工时间', '实际开工时间', '包挂领导', '责任单位', '联系人及电话', '阶段', '完成率', '用地面积（公顷）', '建设起止年限', '统一社会信用代码', '__version'],
  [null, null, null, null, '合计', '其中：固定资产投资', '计划', '实际'],
];

/** Random grids, sometimes with a real header (one or two rows) at a random place. */
const grid = fc
  .record({
    rows: fc.array(fc.array(cell, { maxLength: 20 }), { maxLength: 40 }),
    header: fc.option(fc.record({ at: fc.nat(10), twoRows: fc.boolean() }), { nil: undefined }),
    gaps: fc.array(fc.nat(3), { maxLength: 40 }),
    firstRow: fc.integer({ min: 1, max: 5 }),
  })
  .map(({ rows, header, gaps, firstRow }) => {
    const cells = [...rows];
    if (header) cells.splice(Math.min(header.at, cells.length), 0, ...(header.twoRows ? HEADER_ROWS : HEADER_ROWS.slice(0, 1)));
    let n = firstRow;
    return cells.map((c, i): SheetRow => {
      const row = { rowNumber: n, cells: c };
      n += 1 + (gaps[i] ?? 0);
      return row;
    });
  });

const DATE_RE = /^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/;
/** A placeholder of the messages' own templates left unfilled (a cell's own "{0}" echoed back is fine). */
const TEMPLATE_NAMES = [...new Set(Object.values(ISSUE_CODES).flatMap((c) => [...`${c.zh}${c.en}`.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!)))];
const UNFILLED = new RegExp(`\\{(${TEMPLATE_NAMES.join('|')})\\}`);

describe('fuzzing the import', () => {
  it('parseLedger never throws, and every issue has a row number, a code and a message', () => {
    fc.assert(
      fc.property(grid, fc.option(fc.integer({ min: 1900, max: 2200 }), { nil: undefined }), (rows, year) => {
        const rowNumbers = new Set(rows.map((r) => r.rowNumber));
        const r = parseLedgerRows(rows, year === undefined ? {} : { year });
        for (const i of r.issues) {
          expect(Number.isInteger(i.row) && i.row >= 1).toBe(true);
          if (i.code !== 'empty-sheet') expect(rowNumbers.has(i.row)).toBe(true);
          expect(i.code in ISSUE_CODES).toBe(true);
          expect(i.severity).toBe(ISSUE_CODES[i.code].severity);
          expect(i.message.length).toBeGreaterThan(0);
          expect(i.messageEn.length).toBeGreaterThan(0);
          expect(i.message).not.toMatch(UNFILLED);
          expect(i.messageEn).not.toMatch(UNFILLED);
          expect(i.column === null || /^[A-Z]{1,3}$/.test(i.column)).toBe(true);
        }
        for (const row of r.rows) {
          const v = row.values;
          for (const k of ['totalInvestment', 'ytdInvestment', 'fixedAssetInvestment', 'annualPlanInvestment', 'landArea', 'floorArea', 'jobs', 'annualCompletionRate', 'version'] as const) {
            const n = v[k];
            if (n !== undefined) expect(Number.isSafeInteger(n)).toBe(true);
          }
          for (const k of ['plannedStartDate', 'actualStartDate', 'plannedCompletionDate', 'actualCompletionDate'] as const) {
            const d = v[k];
            if (d) expect(d.value).toMatch(DATE_RE);
          }
          expect(row.errorCount).toBe(r.issues.filter((i) => i.row === row.rowNumber && i.severity === 'error').length);
        }
        const counted = Object.values(r.byStage).reduce((a, b) => a + b, 0);
        expect(counted).toBe(r.summary.projectRows);
      }),
      { numRuns: 300 },
    );
  });

  it('the cell parsers never throw on any value', () => {
    fc.assert(
      fc.property(cell, fc.option(fc.integer({ min: 1000, max: 3000 }), { nil: null }), (v, year) => {
        parseQuantity(v, 'money', '万元');
        parseQuantity(v, 'land', '公顷');
        parseQuantity(v, 'floor', null);
        parseQuantity(v, 'count', '人');
        parsePercent(v, false);
        const d = parseLedgerDate(v, { year });
        if (d?.ok) expect(d.date.value).toMatch(DATE_RE);
        parsePeriod(v, { year });
        if (typeof v === 'string') {
          parsePeople(v);
          parseUnitList(v);
          splitContact(v);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('money parsing is exact (property)', () => {
  it('any decimal with up to 4 places in 万元 equals its exact integer 元, however it is written', () => {
    const FW = '０１２３４５６７８９';
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 14n }), fc.integer({ min: 0, max: 4 }), fc.boolean(), fc.boolean(), (units, places, grouped, wide) => {
        // units is the value in 1/10^places 万元.
        const digits = units.toString().padStart(places + 1, '0');
        const intPart = digits.slice(0, digits.length - places);
        const frac = digits.slice(digits.length - places);
        const intText = grouped ? intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : intPart;
        let textValue = places > 0 ? `${intText}.${frac}` : intText;
        if (wide) textValue = textValue.replace(/\d/g, (c) => FW[Number(c)] ?? c).replace(/,/g, '，').replace('.', '．');
        const expected = (units * 10_000n) / 10n ** BigInt(places);
        const r = parseQuantity(textValue, 'money', '万元');
        if (expected > BigInt(Number.MAX_SAFE_INTEGER)) expect(r).toMatchObject({ ok: false, reason: 'out-of-range' });
        else expect(r).toMatchObject({ ok: true, value: Number(expected) });
      }),
      { numRuns: 1000 },
    );
  });
});
