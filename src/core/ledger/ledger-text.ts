/**
 * Small text helpers shared by the ledger parser: cell → text, full-width → half-width,
 * header normalisation and Excel column letters. Pure and cheap: they run on every cell.
 */

/**
 * One spreadsheet cell as the reader hands it over (see src/xlsx/xlsx-reader.ts): rich text
 * joined, formulas replaced by their cached result, errors as null. Dates are exceljs dates:
 * the calendar day is read in UTC.
 */
export type CellValue = string | number | Date | boolean | null;

/** One spreadsheet row. `rowNumber` is 1-based, as Excel shows it; `cells[0]` is column A. */
export interface SheetRow {
  rowNumber: number;
  cells: readonly CellValue[];
}

const WIDE_RE = /[\uFF01-\uFF5E\u3000\u00A0\u2002-\u200B\uFEFF]/;

/** Full-width ASCII (ＡＢＣ１２３，（）) → half-width; ideographic and no-break spaces → ' '. */
export function toHalfWidth(s: string): string {
  if (!WIDE_RE.test(s)) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000 || c === 0xa0 || (c >= 0x2002 && c <= 0x200a)) out += ' ';
    else if (c === 0x200b || c === 0xfeff) continue;
    else out += s[i];
  }
  return out;
}

const TRIM_RE = /^[\s\u200B\uFEFF]+|[\s\u200B\uFEFF]+$/g;

/** Could this UTF-16 code be whitespace (ASCII, no-break, ideographic, zero-width …)? */
function maybeSpace(c: number): boolean {
  return c <= 0x20 || c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200b) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Trim, including ideographic spaces and zero-width characters. */
export function trimAll(s: string): string {
  if (s.length === 0 || (!maybeSpace(s.charCodeAt(0)) && !maybeSpace(s.charCodeAt(s.length - 1)))) return s;
  return s.replace(TRIM_RE, '');
}

/**
 * A cache for pure text → result functions. Ledgers repeat the same leaders, units, dates and
 * stage words thousands of times, so this is where most of the per-row work disappears.
 * Results are shared: callers must not mutate them.
 */
export function memoize<R>(fn: (s: string) => R, max = 4096): (s: string) => R {
  const cache = new Map<string, R>();
  return (s: string): R => {
    const hit = cache.get(s);
    if (hit !== undefined) return hit;
    const r = fn(s);
    if (cache.size >= max) cache.clear();
    cache.set(s, r);
    return r;
  };
}

/** The text of a cell for text fields: trimmed; numbers as written; dates as YYYY-MM-DD. */
export function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') {
    const t = trimAll(v);
    return t.includes('\r') ? t.replace(/\r\n?/g, '\n') : t;
  }
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? '是' : '否';
  return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
}

export function isBlankCell(v: CellValue | undefined): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === 'string') return trimAll(v) === '';
  if (typeof v === 'number') return Number.isNaN(v);
  return false;
}

/** 0 → "A", 25 → "Z", 26 → "AA". */
export function columnLetter(index: number): string {
  let n = Math.max(0, Math.floor(index)) + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A short, single-line rendering of a cell for messages (at most 60 characters). */
export function shortText(v: CellValue | undefined): string {
  const t = cellText(v).replace(/\s+/g, ' ');
  return t.length > 60 ? `${t.slice(0, 57)}…` : t;
}

const DASH_BETWEEN_DIGITS_RE = /(\d)\s*[~～—–－至到]+\s*(?=\d)/g;
const HEADER_PUNCT_RE = /[\s()[\]{}<>（）【】〔〕《》「」『』:：、,，.。;；'"‘’“”!！?？*※#＃/\\|_·•]+/g;

/**
 * Header text → the form synonyms are written in: half-width, lower case, no whitespace, no
 * punctuation or brackets, "其中：" dropped, ranges "1至10月" → "1-10月". Unit words are removed
 * separately (see ledger-units.ts) before this runs.
 */
export function normalizeHeader(s: string): string {
  let t = toHalfWidth(s).toLowerCase();
  t = t.replace(DASH_BETWEEN_DIGITS_RE, '$1-');
  t = t.replace(HEADER_PUNCT_RE, '');
  t = t.replace(/^其中/, '');
  return t;
}

/** Names compared for duplicates: half-width, no whitespace or brackets, lower case. */
export function identityKey(s: string): string {
  return toHalfWidth(s).toLowerCase().replace(/[\s()（）【】[\]"“”'‘’·.,，、]+/g, '');
}
