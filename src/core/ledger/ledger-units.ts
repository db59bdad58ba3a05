import { toHalfWidth } from './ledger-text.js';

/**
 * Units a ledger writes in its headers ("总投资（万元）"), in a note above the table
 * ("单位：万元、亩") or inside a cell ("1.2亿元", "30亩"). Each numeric field kind has a base it is
 * returned in, so stored values are exact integers:
 *   money  → 元            (1 万元 = 10⁴, 1 亿元 = 10⁸)
 *   land   → centi-mu      (hundredths of 亩: 1 亩 = 100, 1 公顷 = 15 亩, 1 m² = 0.0015 亩 exactly)
 *   floor  → m²            (integer square metres; 1 万平方米 = 10⁴, 1 亩 = 10000/15 m²)
 *   count  → persons       (1 万人 = 10⁴)
 *   percent→ basis points  (1% = 100, 100% = 10000)
 */
export type LedgerUnit =
  | '元'
  | '千元'
  | '万元'
  | '亿元'
  | '亩'
  | '万亩'
  | '公顷'
  | '平方米'
  | '万平方米'
  | '平方公里'
  | '人'
  | '万人'
  | '%';

export type UnitDimension = 'money' | 'land' | 'floor' | 'count' | 'percent';

/** A rational factor from one unit to the dimension's base: base = value × num / den. */
export interface UnitFactor {
  num: bigint;
  den: bigint;
}

const F = (num: number, den = 1): UnitFactor => ({ num: BigInt(num), den: BigInt(den) });

/** Factors into each dimension's base; a unit missing from a dimension does not belong to it. */
export const UNIT_FACTORS: Record<UnitDimension, Partial<Record<LedgerUnit, UnitFactor>>> = {
  money: { 元: F(1), 千元: F(1000), 万元: F(10_000), 亿元: F(100_000_000) },
  land: { 亩: F(100), 万亩: F(1_000_000), 公顷: F(1500), 平方米: F(3, 20), 万平方米: F(1500), 平方公里: F(150_000) },
  floor: { 平方米: F(1), 万平方米: F(10_000), 亩: F(2000, 3), 公顷: F(10_000), 平方公里: F(1_000_000) },
  count: { 人: F(1), 万人: F(10_000) },
  percent: { '%': F(100) },
};

export const DEFAULT_UNITS: Record<UnitDimension, LedgerUnit> = {
  money: '万元',
  land: '亩',
  floor: '平方米',
  count: '人',
  percent: '%',
};

/** Spellings → unit. Longest first, so "万元" wins over "元" and "平方公里" over "平方". */
const UNIT_WORDS: ReadonlyArray<readonly [string, LedgerUnit]> = [
  ['平方公里', '平方公里'],
  ['万平方米', '万平方米'],
  ['万平米', '万平方米'],
  ['万m2', '万平方米'],
  ['万㎡', '万平方米'],
  ['万m²', '万平方米'],
  ['km2', '平方公里'],
  ['km²', '平方公里'],
  ['平方米', '平方米'],
  ['平米', '平方米'],
  ['m2', '平方米'],
  ['m²', '平方米'],
  ['㎡', '平方米'],
  ['亿元', '亿元'],
  ['万元', '万元'],
  ['千元', '千元'],
  ['万亩', '万亩'],
  ['公顷', '公顷'],
  ['万人', '万人'],
  ['亿', '亿元'],
  ['万', '万元'],
  ['元', '元'],
  ['亩', '亩'],
  ['ha', '公顷'],
  ['人', '人'],
  ['名', '人'],
  ['%', '%'],
];

/** The unit a spelling stands for ("万" → 万元, "㎡" → 平方米), or null. */
export function unitFromWord(word: string): LedgerUnit | null {
  const w = toHalfWidth(word).trim().toLowerCase();
  for (const [spelling, unit] of UNIT_WORDS) if (w === spelling) return unit;
  return null;
}

const BRACKET_RE = /[(（[【]([^()（）[\]【】]{1,12})[)）\]】]/g;
const TRAILING_UNIT_RE = /(万元|亿元|千元|万亩|公顷|平方米|平方公里|万平方米|平米|㎡|m2|m²|%)$/i;

/**
 * Units written in a header text: words in brackets ("（万元）", "(亿元)", "【亩】",
 * "（单位：万元）") and a unit glued to the end ("总投资万元", "完成率%"). Returns the units found
 * and the text with those parts removed (for synonym matching).
 */
export function unitsInHeader(text: string): { units: LedgerUnit[]; rest: string } {
  const units: LedgerUnit[] = [];
  let rest = toHalfWidth(text).replace(BRACKET_RE, (whole, inner: string) => {
    const words = inner.replace(/^(金额)?单位[:：]?/, '').split(/[、,，/\s]+/).filter(Boolean);
    const found = words.map(unitFromWord);
    if (words.length > 0 && found.every((u): u is LedgerUnit => u !== null)) {
      units.push(...found);
      return '';
    }
    return whole;
  });
  const m = TRAILING_UNIT_RE.exec(rest);
  if (m) {
    const u = unitFromWord(m[1] ?? '');
    if (u) {
      units.push(u);
      rest = rest.slice(0, m.index);
    }
  }
  return { units, rest };
}

/**
 * Units declared by a note above the table: "单位：万元、亩", "金额单位：亿元", "（单位：万元）".
 * "填报单位：经济区项目办" is not a unit note: only unit words right after "单位：" count.
 */
export function unitsInNote(text: string): LedgerUnit[] {
  const t = toHalfWidth(text);
  const out: LedgerUnit[] = [];
  const re = /单位\s*[:：]\s*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(t)) !== null) {
    const after = t.slice(m.index + m[0].length);
    const run = /^[^\s,，;；)）]*(?:[、,，/][^\s,，;；)）]*)*/.exec(after)?.[0] ?? '';
    for (const word of run.split(/[、,，/]+/)) {
      const u = unitFromWord(word);
      if (u) out.push(u);
      else break;
    }
  }
  return out;
}

/**
 * Units a note above the table ("单位：万元、亩") may set for a dimension: only its own family,
 * so "亩" sets land area but not floor area, and "平方米" sets floor area but not land.
 */
const NOTE_FAMILY: Record<UnitDimension, readonly LedgerUnit[]> = {
  money: ['元', '千元', '万元', '亿元'],
  land: ['亩', '万亩', '公顷'],
  floor: ['平方米', '万平方米'],
  count: ['人', '万人'],
  percent: ['%'],
};

export function noteUnitFor(dimension: UnitDimension, units: readonly LedgerUnit[]): LedgerUnit | null {
  for (const u of units) if (NOTE_FAMILY[dimension].includes(u)) return u;
  return null;
}

/** The unit among `units` that belongs to `dimension` (the first one), or null. */
export function unitFor(dimension: UnitDimension, units: readonly LedgerUnit[]): LedgerUnit | null {
  for (const u of units) if (UNIT_FACTORS[dimension][u]) return u;
  return null;
}
