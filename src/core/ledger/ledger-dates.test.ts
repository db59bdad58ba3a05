import { describe, expect, it } from 'vitest';
import { compareLedgerDates, fromSerial, parseLedgerDate, parsePeriod, type DateResult } from './ledger-dates.js';

const ctx = { year: 2026 };
const d = (v: Parameters<typeof parseLedgerDate>[0], c: { year: number | null } = ctx): DateResult | null => parseLedgerDate(v, c);

describe('parseLedgerDate', () => {
  it.each([
    ['2026年3月', { value: '2026-03', precision: 'month' }],
    ['2026年3月15日', { value: '2026-03-15', precision: 'day' }],
    ['2026年03月15号', { value: '2026-03-15', precision: 'day' }],
    ['2026.03', { value: '2026-03', precision: 'month' }],
    ['2026.3', { value: '2026-03', precision: 'month' }],
    ['2026.10', { value: '2026-10', precision: 'month' }],
    ['2026.3.15', { value: '2026-03-15', precision: 'day' }],
    ['2026-03-15', { value: '2026-03-15', precision: 'day' }],
    ['2026/3/15', { value: '2026-03-15', precision: 'day' }],
    ['2026-03', { value: '2026-03', precision: 'month' }],
    ['2026/03', { value: '2026-03', precision: 'month' }],
    ['2026-03-15 00:00:00', { value: '2026-03-15', precision: 'day' }],
    ['2026-03-15T08:00', { value: '2026-03-15', precision: 'day' }],
    ['20260315', { value: '2026-03-15', precision: 'day' }],
    ['202603', { value: '2026-03', precision: 'month' }],
    ['２０２６年３月', { value: '2026-03', precision: 'month' }],
    ['26年3月', { value: '2026-03', precision: 'month' }],
    ['2026年三月', { value: '2026-03', precision: 'month' }],
    ['2026年十二月', { value: '2026-12', precision: 'month' }],
  ])('%s', (text, expected) => {
    expect(d(text)).toEqual({ ok: true, date: expected });
  });

  it.each([
    ['3月下旬', { value: '2026-03-25', precision: 'day', approx: 'late' }],
    ['3月上旬', { value: '2026-03-05', precision: 'day', approx: 'early' }],
    ['3月中旬', { value: '2026-03-15', precision: 'day', approx: 'mid' }],
    ['2026年6月下旬', { value: '2026-06-25', precision: 'day', approx: 'late' }],
    ['6月底', { value: '2026-06-30', precision: 'day', approx: 'late' }],
    ['2月底', { value: '2026-02-28', precision: 'day', approx: 'late' }],
    ['3月初', { value: '2026-03-05', precision: 'day', approx: 'early' }],
    ['年底', { value: '2026-12', precision: 'month', approx: 'late' }],
    ['2027年底', { value: '2027-12', precision: 'month', approx: 'late' }],
    ['年末', { value: '2026-12', precision: 'month', approx: 'late' }],
    ['年内', { value: '2026-12', precision: 'month', approx: 'by' }],
    ['2026年内', { value: '2026-12', precision: 'month', approx: 'by' }],
    ['今年年底', { value: '2026-12', precision: 'month', approx: 'late' }],
    ['明年上半年', { value: '2027-06', precision: 'month', approx: 'by' }],
    ['年初', { value: '2026-01', precision: 'month', approx: 'early' }],
    ['年中', { value: '2026-06', precision: 'month', approx: 'mid' }],
    ['2026年二季度', { value: '2026-06', precision: 'month', approx: 'by' }],
    ['2026年第一季度', { value: '2026-03', precision: 'month', approx: 'by' }],
    ['四季度', { value: '2026-12', precision: 'month', approx: 'by' }],
    ['2026Q3', { value: '2026-09', precision: 'month', approx: 'by' }],
    ['2026年上半年', { value: '2026-06', precision: 'month', approx: 'by' }],
    ['2026年下半年', { value: '2026-12', precision: 'month', approx: 'by' }],
    ['6月前', { value: '2026-06', precision: 'month', approx: 'by' }],
    ['2026', { value: '2026-12', precision: 'month', approx: 'by' }],
    ['2026年', { value: '2026-12', precision: 'month', approx: 'by' }],
  ])('%s (approximate)', (text, expected) => {
    expect(d(text)).toEqual({ ok: true, date: expected });
  });

  it('notes planned/actual cues in the text', () => {
    expect(d('已于2026年3月开工')).toEqual({ ok: true, date: { value: '2026-03', precision: 'month' }, cue: 'actual' });
    expect(d('计划6月底前签约')).toEqual({ ok: true, date: { value: '2026-06-30', precision: 'day', approx: 'late' }, cue: 'planned' });
    expect(d('预计2026年10月')).toMatchObject({ ok: true, cue: 'planned' });
    expect(d('2026年3月（已开工）')).toMatchObject({ ok: true, date: { value: '2026-03' } });
  });

  it('reads Excel dates as the UTC calendar day (exceljs gives UTC midnight)', () => {
    expect(d(new Date(Date.UTC(2026, 2, 15)))).toEqual({ ok: true, date: { value: '2026-03-15', precision: 'day' } });
    expect(d(new Date(Date.UTC(2026, 2, 15, 23, 59)))).toEqual({ ok: true, date: { value: '2026-03-15', precision: 'day' } });
    expect(d(new Date(Number.NaN))).toEqual({ ok: false, reason: 'unparseable' });
  });

  it('reads Excel serial numbers (1900 system) and yyyymm(dd) / year.month numbers', () => {
    expect(d(46023)).toEqual({ ok: true, date: { value: '2026-01-01', precision: 'day' } });
    expect(d(46174)).toEqual({ ok: true, date: { value: '2026-06-01', precision: 'day' } });
    expect(d(46023.75)).toEqual({ ok: true, date: { value: '2026-01-01', precision: 'day' } });
    expect(d('46023')).toEqual({ ok: true, date: { value: '2026-01-01', precision: 'day' } });
    expect(fromSerial(61)).toEqual({ ok: false, reason: 'out-of-range' });
    expect(d(20260315)).toEqual({ ok: true, date: { value: '2026-03-15', precision: 'day' } });
    expect(d(202603)).toEqual({ ok: true, date: { value: '2026-03', precision: 'month' } });
    expect(d(2026)).toEqual({ ok: true, date: { value: '2026-12', precision: 'month', approx: 'by' } });
    expect(d(2026.03)).toEqual({ ok: true, date: { value: '2026-03', precision: 'month' } });
    expect(d(2026.12)).toEqual({ ok: true, date: { value: '2026-12', precision: 'month' } });
    // Excel turns 2026.10 into 2026.1: January, flagged.
    expect(d(2026.1)).toEqual({ ok: true, date: { value: '2026-01', precision: 'month' }, ambiguous: true });
  });

  it('needs a year for "3月下旬" when neither the options nor the title give one', () => {
    expect(d('3月下旬', { year: null })).toEqual({ ok: false, reason: 'missing-year' });
    expect(d('年底', { year: null })).toEqual({ ok: false, reason: 'missing-year' });
    expect(d('二季度', { year: null })).toEqual({ ok: false, reason: 'missing-year' });
    expect(d('2026年3月', { year: null })).toMatchObject({ ok: true });
  });

  it('rejects what is not a date, and impossible dates', () => {
    for (const bad of ['已开工', '尽快', '2026年13月', '2026-02-30', '2026年3月-6月', '3.15', 'abc', '2026年3月15日至20日']) {
      expect(d(bad), bad).toEqual({ ok: false, reason: 'unparseable' });
    }
    expect(d('1900-01-01')).toEqual({ ok: false, reason: 'out-of-range' });
    expect(d('2300年1月')).toEqual({ ok: false, reason: 'out-of-range' });
    expect(d(true)).toEqual({ ok: false, reason: 'unparseable' });
    expect(d(Number.POSITIVE_INFINITY)).toEqual({ ok: false, reason: 'unparseable' });
    expect(d(5)).toEqual({ ok: false, reason: 'unparseable' });
    expect(d(9_999_999)).toEqual({ ok: false, reason: 'out-of-range' });
    expect(d('2024-02-29')).toMatchObject({ ok: true });
    expect(d('2025-02-29')).toEqual({ ok: false, reason: 'unparseable' });
  });

  it('treats blanks and "—", "待定" as no date', () => {
    for (const blank of ['', '  ', '—', '-', '/', '待定', '无']) expect(d(blank), blank).toBeNull();
    expect(d(null)).toBeNull();
  });
});

describe('parsePeriod (建设起止年限)', () => {
  it('splits the common spellings', () => {
    const ends = (v: string) => {
      const p = parsePeriod(v, ctx);
      if (!p || p === 'duration' || !p.start.ok || !p.end.ok) return p;
      return [p.start.date.value, p.end.date.value];
    };
    expect(ends('2025-2027')).toEqual(['2025-12', '2027-12']);
    expect(ends('2025.3-2027.12')).toEqual(['2025-03', '2027-12']);
    expect(ends('2025年3月至2027年12月')).toEqual(['2025-03', '2027-12']);
    expect(ends('2025年3月-12月')).toEqual(['2025-03', '2025-12']);
    expect(ends('2025～2027年')).toEqual(['2025-12', '2027-12']);
    expect(ends('2025-03-2027-06')).toEqual(['2025-03', '2027-06']);
    expect(parsePeriod('24个月', ctx)).toBe('duration');
    expect(parsePeriod('2年', ctx)).toBe('duration');
    expect(parsePeriod('—', ctx)).toBeNull();
    expect(parsePeriod('随时', ctx)).toMatchObject({ start: { ok: false } });
  });
});

describe('compareLedgerDates', () => {
  it('compares at the coarser precision', () => {
    expect(compareLedgerDates({ value: '2026-03', precision: 'month' }, { value: '2026-03-15', precision: 'day' })).toBe(0);
    expect(compareLedgerDates({ value: '2026-04', precision: 'month' }, { value: '2026-03-15', precision: 'day' })).toBe(1);
    expect(compareLedgerDates({ value: '2026-03-01', precision: 'day' }, { value: '2026-03-15', precision: 'day' })).toBe(-1);
  });
});
