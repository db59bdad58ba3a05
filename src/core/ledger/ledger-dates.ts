import { isNullToken } from './ledger-numbers.js';
import { memoize, toHalfWidth, trimAll, type CellValue } from './ledger-text.js';

/**
 * A ledger date (计划/实际 签约·开工·竣工·投产 时间). Ledgers often know only the month, or
 * a part of it, so a date carries its precision:
 * - `value` is 'YYYY-MM-DD' (precision 'day') or 'YYYY-MM' (precision 'month');
 * - `approx` marks a fuzzy date: 'early' | 'mid' | 'late' for 上旬/中旬/下旬 (days 5/15/25), 月初/月中
 *   (5/15) and 月底 (the month's last day), 年初 (01) / 年中 (06) / 年底 (12); 'by' for "no later
 *   than": 年内 and a bare year (12), 二季度 (06), 上半年 (06), "6月前" (06).
 */
export interface LedgerDate {
  value: string;
  precision: 'day' | 'month';
  approx?: 'early' | 'mid' | 'late' | 'by';
}

export type DateResult =
  | { ok: true; date: LedgerDate; ambiguous?: boolean; cue?: 'planned' | 'actual' }
  | { ok: false; reason: 'unparseable' | 'missing-year' | 'out-of-range' };

export interface DateContext {
  /** The ledger's year, for "3月下旬" and "年底" (from the options or the title row). */
  year: number | null;
}

export const MIN_YEAR = 1950;
export const MAX_YEAR = 2100;
const DAY_MS = 86_400_000;
/** Excel serial of 1950-01-01 and 2100-12-31 (1900 date system). */
const MIN_SERIAL = 18_264;
const MAX_SERIAL = 73_415;

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysIn = (y: number, m: number): number => (m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : (DAYS[m - 1] ?? 0));

function make(y: number, m: number, d: number | null, approx?: LedgerDate['approx']): DateResult {
  if (y < MIN_YEAR || y > MAX_YEAR) return { ok: false, reason: 'out-of-range' };
  if (m < 1 || m > 12) return { ok: false, reason: 'unparseable' };
  if (d !== null && (d < 1 || d > daysIn(y, m))) return { ok: false, reason: 'unparseable' };
  const date: LedgerDate = d === null ? { value: `${y}-${pad(m)}`, precision: 'month' } : { value: `${y}-${pad(m)}-${pad(d)}`, precision: 'day' };
  if (approx) date.approx = approx;
  return { ok: true, date };
}

/** A JS Date from exceljs (UTC midnight of the day shown in Excel). */
function fromDate(v: Date): DateResult {
  if (Number.isNaN(v.getTime())) return { ok: false, reason: 'unparseable' };
  return make(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate());
}

/** Excel serial day number (1900 system, valid from 1900-03-01): 46023 → 2026-01-01. */
export function fromSerial(serial: number): DateResult {
  const ms = (Math.floor(serial) - 25_569) * DAY_MS;
  return fromDate(new Date(ms));
}

const CN_NUM: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 十一: 11, 十二: 12 };
const PART_APPROX: Record<string, { day: 'last' | number; approx: 'early' | 'mid' | 'late' }> = {
  上旬: { day: 5, approx: 'early' },
  中旬: { day: 15, approx: 'mid' },
  下旬: { day: 25, approx: 'late' },
  初: { day: 5, approx: 'early' },
  中: { day: 15, approx: 'mid' },
  底: { day: 'last', approx: 'late' },
  末: { day: 'last', approx: 'late' },
};

const PLANNED_CUE_RE = /计划|预计|拟|力争|确保|争取|将于|预期/;
const ACTUAL_CUE_RE = /^已|已于|已经|实际/;
/** Words allowed around a date ("已于2026年3月开工", "计划6月底前签约", "（预计）"). */
const NOISE_RE = /已于|已经|已|于|计划|预计|拟|力争|确保|争取|将于|将|预期|开工|签约|竣工|投产|建成|完成|达产|投用|实现|之前|以前|前|左右|约|年|[()（）\s,，.。:：]/g;

// Patterns on the compact, half-width text. Y = year, M = month, D = day, P = 旬/初/中/底/末.
const RE_YMD = /(\d{4}|\d{2}(?=年))\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*[日号]?/;
const RE_YM = /(\d{4}|\d{2}(?=年))\s*[年./-]\s*(\d{1,2})\s*月?(上旬|中旬|下旬|初|中|底|末)?/;
const RE_QUARTER = /(\d{4})?年?(?:第)?([一二三四1-4])季度(?:末|底)?|(\d{4})?年?q([1-4])/i;
const RE_HALF = /(\d{4})?年?(上|下)半年/;
const RE_YEAR_PART = /(\d{4})?年(底|末|内|度内|中|初)/;
const RE_MD = /(\d{1,2})月(\d{1,2})[日号]/;
const RE_M = /(\d{1,2})月(上旬|中旬|下旬|初|中|底|末)?/;
const RE_YEAR_ONLY = /^(\d{4})年?$/;
const RE_COMPACT = /^(\d{4})(\d{2})(\d{2})?$/;

/**
 * Parse one date cell. Accepts exceljs Date objects, Excel serial numbers, yyyymm(dd) numbers,
 * year.month numbers (2026.03; 2026.1 is flagged ambiguous because Excel turns 2026.10 into
 * 2026.1) and the Chinese spellings listed in the module docs. Returns null for blank cells.
 */
export function parseLedgerDate(v: CellValue, ctx: DateContext): DateResult | null {
  if (v === null) return null;
  if (v instanceof Date) return fromDate(v);
  if (typeof v === 'boolean') return { ok: false, reason: 'unparseable' };
  if (typeof v === 'number') return fromNumber(v);
  const t = trimAll(v);
  if (t === '' || isNullToken(t)) return null;
  return parseDateTextMemo(`${ctx.year ?? ''}|${t}`);
}

/** Text dates repeat a lot in a ledger ("2026年3月"): parse each (year, text) once. Shared results. */
const parseDateTextMemo = memoize((key: string): DateResult => {
  const bar = key.indexOf('|');
  return parseDateText(key.slice(bar + 1), { year: bar > 0 ? Number(key.slice(0, bar)) : null });
});

function parseDateText(v: string, ctx: DateContext): DateResult {
  const raw = toHalfWidth(v);
  if (raw.length > 60) return { ok: false, reason: 'unparseable' };
  const cue = PLANNED_CUE_RE.test(raw) ? 'planned' : ACTUAL_CUE_RE.test(raw) ? 'actual' : undefined;
  const text = raw
    .replace(/(\d)(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?z?$/i, '$1')
    .replace(/\s+/g, '')
    .replace(/[\u2014\u2013~]/g, '-');
  if (/^\d{5}$/.test(text)) return fromNumber(Number(text));
  const r = parseText(text, ctx);
  if (r && r.ok && cue) return { ...r, cue };
  return r ?? { ok: false, reason: 'unparseable' };
}

function fromNumber(n: number): DateResult {
  if (!Number.isFinite(n)) return { ok: false, reason: 'unparseable' };
  if (Number.isInteger(n)) {
    if (n >= 19_500_101 && n <= 21_001_231) return make(Math.floor(n / 10_000), Math.floor(n / 100) % 100, n % 100);
    if (n >= 195_001 && n <= 210_012) return make(Math.floor(n / 100), n % 100, null);
    if (n >= MIN_YEAR && n <= MAX_YEAR) return make(n, 12, null, 'by');
  }
  if (n >= MIN_SERIAL && n <= MAX_SERIAL) return fromSerial(n);
  const s = String(n);
  const m = /^(\d{4})\.(\d{1,2})$/.exec(s);
  if (m) {
    const r = make(Number(m[1]), Number(m[2]), null);
    return r.ok && m[2] === '1' ? { ...r, ambiguous: true } : r;
  }
  return { ok: false, reason: n > MAX_SERIAL || n < 0 ? 'out-of-range' : 'unparseable' };
}

function year4(y: string): number {
  const n = Number(y);
  return y.length === 2 ? 2000 + n : n;
}

/** The date in `text`, if the rest of the text is only noise words. */
function parseText(text0: string, ctx: DateContext): DateResult | null {
  // 今年/明年/去年 shift the ledger year; the words themselves are dropped.
  const shift = text0.includes('明年') ? 1 : text0.includes('去年') ? -1 : 0;
  const text = text0
    .replace(/今年|明年|去年|本年|当年/g, '年')
    .replace(/([一二三四五六七八九]|十[一二]?)月/g, (_, n: string) => `${CN_NUM[n] ?? n}月`);
  const ym = (re: RegExp, build: (m: RegExpExecArray) => DateResult): DateResult | null => {
    const m = re.exec(text);
    if (!m) return null;
    const rest = (text.slice(0, m.index) + text.slice(m.index + m[0].length)).replace(NOISE_RE, '');
    if (rest !== '') return { ok: false, reason: 'unparseable' };
    return build(m);
  };
  const withYear = (y: string | undefined): number | null => (y ? year4(y) : ctx.year === null ? null : ctx.year + shift);
  const monthPart = (y: number, mo: number, part: string | undefined): DateResult => {
    if (!part) return make(y, mo, null, text.includes('前') ? 'by' : undefined);
    const p = PART_APPROX[part];
    if (!p) return make(y, mo, null);
    if (mo < 1 || mo > 12) return { ok: false, reason: 'unparseable' };
    return make(y, mo, p.day === 'last' ? daysIn(y, mo) : p.day, p.approx);
  };

  const compact = RE_COMPACT.exec(text);
  if (compact) return make(Number(compact[1]), Number(compact[2]), compact[3] ? Number(compact[3]) : null);
  const yearOnly = RE_YEAR_ONLY.exec(text);
  if (yearOnly) return make(Number(yearOnly[1]), 12, null, 'by');

  return (
    ym(RE_YMD, (m) => make(year4(m[1] ?? ''), Number(m[2]), Number(m[3]))) ??
    ym(RE_QUARTER, (m) => {
      const y = withYear(m[1] ?? m[3]);
      if (y === null) return { ok: false, reason: 'missing-year' };
      const q = m[2] ? (CN_NUM[m[2]] ?? Number(m[2])) : Number(m[4]);
      return make(y, q * 3, null, 'by');
    }) ??
    ym(RE_YM, (m) => monthPart(year4(m[1] ?? ''), Number(m[2]), m[3])) ??
    ym(RE_HALF, (m) => {
      const y = withYear(m[1]);
      return y === null ? { ok: false, reason: 'missing-year' } : make(y, m[2] === '上' ? 6 : 12, null, 'by');
    }) ??
    ym(RE_YEAR_PART, (m) => {
      const y = withYear(m[1]);
      if (y === null) return { ok: false, reason: 'missing-year' };
      const part = m[2] ?? '';
      if (part === '初') return make(y, 1, null, 'early');
      if (part === '中') return make(y, 6, null, 'mid');
      if (part === '底' || part === '末') return make(y, 12, null, 'late');
      return make(y, 12, null, 'by');
    }) ??
    ym(RE_MD, (m) => {
      const y = withYear(undefined);
      return y === null ? { ok: false, reason: 'missing-year' } : make(y, Number(m[1]), Number(m[2]));
    }) ??
    ym(RE_M, (m) => {
      const y = withYear(undefined);
      return y === null ? { ok: false, reason: 'missing-year' } : monthPart(y, Number(m[1]), m[2]);
    })
  );
}

/** Compare two ledger dates at the coarser of their precisions: <0, 0 or >0. */
export function compareLedgerDates(a: LedgerDate, b: LedgerDate): number {
  const len = Math.min(a.value.length, b.value.length);
  const x = a.value.slice(0, len);
  const y = b.value.slice(0, len);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * 建设起止年限: "2025-2027", "2025.3-2027.12", "2025年3月至2027年12月". Returns the two ends,
 * or null when the text is a duration ("24个月", "2年"), which is ignored.
 */
export function parsePeriod(v: CellValue, ctx: DateContext): { start: DateResult; end: DateResult } | 'duration' | null {
  if (v === null || typeof v === 'boolean' || v instanceof Date || typeof v === 'number') {
    const one = parseLedgerDate(v, ctx);
    return one ? { start: one, end: { ok: false, reason: 'unparseable' } } : null;
  }
  if (isNullToken(v)) return null;
  const t = toHalfWidth(trimAll(v)).replace(/\s+/g, '');
  if (/^\d+(\.\d+)?(个月|月|年|天|日)$/.test(t)) return 'duration';
  const parts = t.split(/至|到|~|～|—|–|－/);
  const tryPair = (a: string, b: string): { start: DateResult; end: DateResult } | null => {
    const start = parseLedgerDate(a, ctx);
    let endText = b;
    // "2025年3月-12月": the end borrows the start's year.
    if (/^\d{1,2}月/.test(endText)) {
      const y = /^(\d{4})/.exec(a)?.[1];
      if (y) endText = `${y}年${endText}`;
    }
    if (/^\d{4}$/.test(endText) && /年/.test(a)) endText = `${endText}年`;
    const end = parseLedgerDate(endText, ctx);
    return start?.ok && end?.ok ? { start, end } : null;
  };
  if (parts.length === 2) return tryPair(parts[0] ?? '', parts[1] ?? '') ?? { start: { ok: false, reason: 'unparseable' }, end: { ok: false, reason: 'unparseable' } };
  // Hyphens: try every split point ("2025-03-2027-12", "2025-2027").
  for (let i = t.indexOf('-'); i > 0; i = t.indexOf('-', i + 1)) {
    const pair = tryPair(t.slice(0, i), t.slice(i + 1));
    if (pair) return pair;
  }
  return { start: { ok: false, reason: 'unparseable' }, end: { ok: false, reason: 'unparseable' } };
}
