import { toHalfWidth, trimAll, type CellValue } from './ledger-text.js';
import { DEFAULT_UNITS, UNIT_FACTORS, unitFromWord, type LedgerUnit, type UnitDimension } from './ledger-units.js';

/**
 * Numbers in ledgers: "1,234.5678", "１２３", "１，２３４", "约40", "40余", "1.2亿", "30亩",
 * "85%", "—", "无". Parsing is exact: the decimal text becomes a BigInt mantissa and a power of
 * ten, is multiplied by the unit's rational factor and rounded half away from zero, so
 * "1,234.5678" 万元 is exactly 12345678 元. Numbers from numeric cells go through their shortest
 * decimal spelling (String(n)), which is what Excel shows.
 */

/** A decimal number: value = (neg ? -1 : 1) × digits × 10^exponent, digits without leading zeros. */
export interface Decimal {
  neg: boolean;
  digits: string;
  exponent: number;
}

export type NumberResult =
  | { ok: true; value: number; approx: boolean; unit: LedgerUnit; negative: boolean }
  | { ok: false; reason: 'unparseable' | 'out-of-range' | 'unit' };

/** Cell texts that mean "nothing here". */
const NULL_TOKENS = new Set(['', '-', '--', '---', '—', '——', '–', '/', '\\', '无', '暂无', '待定', '未定', '空', 'n/a', 'na', 'null', 'none', '#n/a', '×', 'x']);

export function isNullToken(text: string): boolean {
  return text.length <= 4 && NULL_TOKENS.has(toHalfWidth(text).trim().toLowerCase());
}

const APPROX_PREFIX_RE = /^(约合|大约|约|近|超过|超|逾|不少于|不低于|不超过|至少|预计|预估|估算|估计|计划|≈|~)/;
const APPROX_SUFFIX_RE = /(左右|以上|以内|上下|余|多|\+)$/;
const NUMBER_RE = /^([+-]?)(\d*)(?:\.(\d+))?(?:e([+-]?\d{1,3}))?$/i;
const GROUPED_RE = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
/** The common case, handled without the general path: "1200", "-3.5", "1234.5678". */
const PLAIN_RE = /^(-?)(\d{1,15})(?:\.(\d{1,9}))?$/;
const MAX_TEXT = 40;
const MAX_EXP = 30;
const SAFE = Number.MAX_SAFE_INTEGER;

function decimalOf(neg: boolean, intPart: string, frac: string, exp: number): Decimal {
  let digits = (intPart + frac).replace(/^0+(?=\d)/, '');
  let exponent = exp - frac.length;
  // Drop trailing zeros so exponents stay small ("12000" → 12e3).
  let end = digits.length;
  while (end > 1 && digits.charCodeAt(end - 1) === 48) end--;
  exponent += digits.length - end;
  digits = digits.slice(0, end);
  if (digits === '0') return { neg: false, digits, exponent: 0 };
  return { neg, digits, exponent };
}

/** Parse "1,234.5", "-3", "1e5" into an exact decimal; null when it is not one plain number. */
export function parseDecimal(text: string): Decimal | null {
  if (text.length > MAX_TEXT) return null;
  const plain = PLAIN_RE.exec(text);
  if (plain) return decimalOf(plain[1] === '-', plain[2] ?? '0', plain[3] ?? '', 0);
  let t = text;
  if (t.includes(',')) {
    if (!GROUPED_RE.test(t)) return null;
    t = t.replace(/,/g, '');
  }
  const m = NUMBER_RE.exec(t);
  if (!m || (!m[2] && !m[3])) return null;
  return decimalOf(m[1] === '-', m[2] || '0', m[3] ?? '', m[4] ? Number(m[4]) : 0);
}

/** value × num / den, rounded half away from zero; null when beyond Number.MAX_SAFE_INTEGER. */
export function scaleRound(d: Decimal, num: bigint, den: bigint): number | null {
  if (d.digits === '0') return 0;
  if (d.exponent + d.digits.length > MAX_EXP) return null; // astronomically large
  if (d.exponent + d.digits.length < -MAX_EXP) return 0; // astronomically small
  // Fast path: everything fits in exact double integers.
  const m = d.digits.length <= 15 ? Number(d.digits) : Infinity;
  const nNum = Number(num);
  const nDen = Number(den);
  if (d.exponent >= 0 && d.exponent <= 15) {
    const n = m * nNum * 10 ** d.exponent;
    if (n <= SAFE) return finish(d.neg, n, nDen);
  } else if (d.exponent < 0 && d.exponent >= -15) {
    const n = m * nNum;
    const q = nDen * 10 ** -d.exponent;
    if (n <= SAFE && q <= SAFE) return finish(d.neg, n, q);
  }
  // Exact BigInt path.
  let n = BigInt(d.digits) * num;
  let q = den;
  if (d.exponent >= 0) n *= 10n ** BigInt(d.exponent);
  else q *= 10n ** BigInt(-d.exponent);
  let r = n / q;
  if ((n % q) * 2n >= q) r += 1n;
  if (r > BigInt(SAFE)) return null;
  return d.neg ? -Number(r) : Number(r);
}

/** n / q rounded half up, on exact double integers (n, q ≤ 2^53). */
function finish(neg: boolean, n: number, q: number): number {
  let r = Math.floor(n / q);
  let rem = n - r * q;
  if (rem < 0) {
    r--;
    rem += q;
  } else if (rem >= q) {
    r++;
    rem -= q;
  }
  if (rem * 2 >= q) r++;
  return neg ? -r : r;
}

interface Split {
  decimal: Decimal;
  unitWord: string;
  approx: boolean;
  percentSign: boolean;
}

/** Split "约1,234.5万元左右" into its number, unit word and approximation marks. */
function splitNumberText(raw: string): Split | null {
  const plain = PLAIN_RE.exec(GROUPED_RE.test(raw) ? raw.replace(/,/g, '') : raw);
  if (plain) return { decimal: decimalOf(plain[1] === '-', plain[2] ?? '0', plain[3] ?? '', 0), unitWord: '', approx: false, percentSign: false };
  let t = toHalfWidth(raw).replace(/\s+/g, '').replace(/[。]/g, '.');
  t = t.replace(/^[(（]|[)）]$/g, '');
  let approx = false;
  const pre = APPROX_PREFIX_RE.exec(t);
  if (pre) {
    approx = true;
    t = t.slice(pre[0].length);
  }
  const suf = APPROX_SUFFIX_RE.exec(t);
  if (suf && suf.index > 0) {
    approx = true;
    t = t.slice(0, suf.index);
  }
  const m = /^([+-]?[\d,]*\.?\d+(?:e[+-]?\d+)?)(余|多)?(.*)$/i.exec(t);
  if (!m) return null;
  if (m[2]) approx = true;
  let unitWord = (m[3] ?? '').replace(/^[(（]|[)）]$/g, '');
  const suf2 = APPROX_SUFFIX_RE.exec(unitWord);
  if (suf2 && suf2.index > 0) {
    approx = true;
    unitWord = unitWord.slice(0, suf2.index);
  }
  // "30-40", "3.5/4": more numbers after the first are not a unit.
  if (/\d/.test(unitWord)) return null;
  const decimal = parseDecimal(m[1] ?? '');
  if (!decimal) return null;
  return { decimal, unitWord, approx, percentSign: unitWord === '%' };
}

const NOT_A_NUMBER = 'not-a-number' as const;

/** A cell → its number parts; null for a blank; 'not-a-number' when unreadable. */
function splitCell(v: CellValue): Split | null | typeof NOT_A_NUMBER {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return NOT_A_NUMBER;
    const decimal = parseDecimal(String(v));
    return decimal ? { decimal, unitWord: '', approx: false, percentSign: false } : NOT_A_NUMBER;
  }
  if (typeof v === 'string') {
    const t = trimAll(v);
    if (t === '' || isNullToken(t)) return null;
    return splitNumberText(t) ?? NOT_A_NUMBER;
  }
  return v === null ? null : NOT_A_NUMBER;
}

const INFORMAL_UNITS: Record<UnitDimension, Record<string, LedgerUnit>> = {
  money: {},
  land: {},
  floor: {},
  count: { 个: '人', 位: '人', 名: '人', 人次: '人' },
  percent: {},
};

/**
 * A quantity of one dimension, in that dimension's base (see ledger-units.ts). `columnUnit` is
 * the column's unit (from its header, a note above the table, or the default); a unit written in
 * the cell wins over it. Percent: see parsePercent.
 */
export function parseQuantity(v: CellValue, dimension: Exclude<UnitDimension, 'percent'>, columnUnit: LedgerUnit | null): NumberResult | null {
  const split = splitCell(v);
  if (split === null) return null;
  if (split === NOT_A_NUMBER) return { ok: false, reason: 'unparseable' };
  let unit: LedgerUnit | null = columnUnit ?? DEFAULT_UNITS[dimension];
  if (split.unitWord) {
    unit = unitFromWord(split.unitWord) ?? INFORMAL_UNITS[dimension][split.unitWord] ?? null;
    // "万" in a count column means 万人, "万" in an area column 万亩/万平方米.
    if (unit === '万元' && dimension !== 'money' && split.unitWord === '万') unit = dimension === 'count' ? '万人' : dimension === 'land' ? '万亩' : '万平方米';
    if (!unit || !UNIT_FACTORS[dimension][unit]) return { ok: false, reason: 'unit' };
  }
  const factor = UNIT_FACTORS[dimension][unit];
  if (!factor) return { ok: false, reason: 'unit' };
  const value = scaleRound(split.decimal, factor.num, factor.den);
  if (value === null) return { ok: false, reason: 'out-of-range' };
  return { ok: true, value, approx: split.approx, unit, negative: split.decimal.neg };
}

/**
 * A percentage in basis points (85% → 8500, 85.5% → 8550). With a "%" in the cell or in the
 * column header the number is in percent points. Otherwise a number of magnitude ≤ 2 is a
 * fraction, as Excel stores a percent-formatted cell (0.85 → 85%), and a larger one is in points
 * ("85" → 85%).
 */
export function parsePercent(v: CellValue, headerSaysPercent: boolean): NumberResult | null {
  const split = splitCell(v);
  if (split === null) return null;
  if (split === NOT_A_NUMBER) return { ok: false, reason: 'unparseable' };
  if (split.unitWord && !split.percentSign) return { ok: false, reason: 'unit' };
  let points = split.percentSign || headerSaysPercent;
  if (!points) {
    const asFraction = scaleRound(split.decimal, 1000n, 1n);
    points = asFraction === null || Math.abs(asFraction) > 2000;
  }
  const value = points ? scaleRound(split.decimal, 100n, 1n) : scaleRound(split.decimal, 10_000n, 1n);
  if (value === null) return { ok: false, reason: 'out-of-range' };
  return { ok: true, value, approx: split.approx, unit: '%', negative: split.decimal.neg };
}

/** A plain non-negative integer (the hidden __version column); null for blanks, NaN for junk. */
export function parseInteger(v: CellValue): number | null {
  if (v === null) return null;
  if (typeof v === 'number') return Number.isSafeInteger(v) && v >= 0 ? v : Number.NaN;
  if (typeof v !== 'string') return Number.NaN;
  const t = toHalfWidth(v).trim();
  if (t === '') return null;
  return /^\d{1,15}$/.test(t) ? Number(t) : Number.NaN;
}
