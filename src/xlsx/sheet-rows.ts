import type { CellValue, SheetRow } from '../core/ledger/ledger-text.js';
import { decodeXString } from './xlsx-parts.js';
import { CLOSE, malformedXml, MORE, OPEN, XmlTokens } from './xml-tokens.js';

/**
 * Worksheet XML → SheetRows. Fed the sheet's text chunk by chunk; each call returns the rows
 * completed so far, so a 50,000-row sheet is never in memory at once. Cell values follow the
 * reader's contract (see xlsx-reader.ts): shared and inline strings (rich text joined, phonetic
 * guides left out, Excel's _xHHHH_ escapes decoded), numbers, numbers under a date format as
 * Dates, booleans, ISO dates (t="d"); formulas give their cached result; error values are null.
 */
export interface SheetContext {
  sharedStrings: readonly string[];
  /** Per cell style index: does its number format show a date? */
  dateStyles: readonly boolean[];
  date1904: boolean;
  /** Cells kept per row, from column A. */
  maxColumns: number;
}

/** Serial day number → the Date Excel shows, read in UTC (exceljs' conversion, kept as is). */
export function excelSerialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

/** "AB12" → 27: the 0-based column of a cell reference in s[start, end); -1 when it has no letters. */
export function columnIndexOf(s: string, start = 0, end = s.length): number {
  let col = 0;
  let i = start;
  for (; i < end; i++) {
    const c = s.charCodeAt(i) | 0x20; // lower case
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
    if (col > 16_384) return -1; // XFD is Excel's last column
  }
  return i === start ? -1 : col - 1;
}

/** A non-negative integer written in s[start, end) (a style index); 0 when there is none. */
function digits(s: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9 || n > 1e9) return n;
    n = n * 10 + d;
  }
  return n;
}

const CELL_ATTRS = ['r', 's', 't'] as const;

// Cell types (the t attribute): s shared string, str formula string, inlineStr, b, e, d, n.
const T_NUMBER = 0;
const T_SHARED = 1;
const T_STRING = 2;
const T_INLINE = 3;
const T_BOOL = 4;
const T_ERROR = 5;
const T_DATE = 6;

/** The t attribute in s[start, end) → its T_ code, read in place; unknown types read as numbers. */
function cellType(s: string, start: number, end: number): number {
  const len = end - start;
  switch (s.charCodeAt(start)) {
    case 115 /* s */:
      return len === 1 ? T_SHARED : len === 3 ? T_STRING : T_NUMBER;
    case 105 /* i */:
      return T_INLINE;
    case 98 /* b */:
      return T_BOOL;
    case 101 /* e */:
      return T_ERROR;
    case 100 /* d */:
      return T_DATE;
    default:
      return T_NUMBER;
  }
}

export class SheetRowsScanner {
  private readonly x = new XmlTokens();
  private inSheetData = false;
  /** True once </sheetData> is seen: nothing after it (merges, page setup) concerns rows. */
  done = false;
  private row: { rowNumber: number; cells: CellValue[] } | null = null;
  private lastRowNumber = 0;
  private nextCol = 0;
  // The cell being read.
  private inCell = false;
  private col = 0;
  private type = T_NUMBER;
  private style = 0;
  private value: string | null = null;
  private inline: string | null = null;
  /** What the text tokens feed: 0 nothing, 1 the <v> value, 2 an inline string's <t>. */
  private capture = 0;
  private phonetic = 0;
  private readonly cellAttrs = new Int32Array(6);

  constructor(private readonly ctx: SheetContext) {}

  push(chunk: Buffer): SheetRow[] {
    this.x.push(chunk);
    return this.drain();
  }

  finish(): SheetRow[] {
    this.x.finish();
    const out = this.drain();
    // A sheet cut off between two tags would otherwise just look shorter.
    if (this.inSheetData) throw malformedXml('the rows end unfinished');
    return out;
  }

  private drain(): SheetRow[] {
    const out: SheetRow[] = [];
    const x = this.x;
    for (let t = x.next(); t !== MORE && !this.done; t = x.next()) {
      if (t === OPEN) this.open(x);
      else if (t === CLOSE) this.close(x, out);
      else if (this.capture === 1) this.value = this.value === null ? x.text() : this.value + x.text();
      else if (this.capture === 2) this.inline = (this.inline ?? '') + x.text();
    }
    return out;
  }

  private open(x: XmlTokens): void {
    if (this.inCell) {
      if (x.is('v')) {
        this.capture = 1;
        this.value ??= '';
      } else if (x.is('is')) this.inline ??= '';
      else if (x.is('rPh')) this.phonetic++;
      else if (x.is('t') && this.inline !== null && this.phonetic === 0) this.capture = 2;
      return;
    }
    if (this.row && x.is('c')) {
      // r, s and t read in place: a 50,000-row sheet has over a million cells.
      const a = this.cellAttrs;
      x.attrSpans(CELL_ATTRS, a);
      const src = x.source;
      const col = a[0]! < 0 ? -1 : columnIndexOf(src, a[0]!, a[1]!);
      this.col = col >= 0 ? col : this.nextCol;
      this.nextCol = this.col + 1;
      this.type = a[4]! < 0 ? T_NUMBER : cellType(src, a[4]!, a[5]!);
      this.style = a[2]! < 0 ? 0 : digits(src, a[2]!, a[3]!);
      this.value = x.simpleValue();
      this.inline = null;
      this.phonetic = 0;
      this.inCell = true;
    } else if (this.inSheetData && x.is('row')) {
      const r = x.attr('r');
      const n = r === undefined ? NaN : parseInt(r, 10);
      this.lastRowNumber = Number.isFinite(n) && n > 0 ? n : this.lastRowNumber + 1;
      this.row = { rowNumber: this.lastRowNumber, cells: [] };
      this.nextCol = 0;
    } else if (x.is('sheetData')) this.inSheetData = true;
  }

  private close(x: XmlTokens, out: SheetRow[]): void {
    if (this.inCell) {
      if (x.is('c')) {
        this.inCell = false;
        this.capture = 0;
        const row = this.row;
        if (row && this.col < this.ctx.maxColumns) {
          const v = this.cellValue();
          if (v !== null) {
            while (row.cells.length < this.col) row.cells.push(null);
            row.cells[this.col] = v;
          }
        }
      } else if (x.is('v') || x.is('t')) this.capture = 0;
      else if (x.is('rPh')) this.phonetic = Math.max(0, this.phonetic - 1);
      return;
    }
    if (this.row && x.is('row')) {
      out.push(this.row);
      this.row = null;
    } else if (x.is('sheetData')) {
      this.inSheetData = false;
      this.done = true;
    }
  }

  private cellValue(): CellValue {
    const v = this.value;
    switch (this.type) {
      case T_SHARED: {
        if (v === null) return null;
        return this.ctx.sharedStrings[parseInt(v, 10)] ?? null;
      }
      case T_INLINE:
        if (this.inline !== null) return decodeXString(this.inline);
        return v === null ? null : decodeXString(v);
      case T_STRING:
        return v === null ? null : decodeXString(v);
      case T_BOOL:
        return v === null || v.trim() === '' ? null : parseInt(v, 10) !== 0;
      case T_ERROR:
        return null;
      case T_DATE: {
        if (v === null) return null;
        const t = v.trim();
        // ISO 8601 without a zone is the calendar day and time Excel shows: read it as UTC.
        const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(t) || !t.includes('T') ? t : `${t}Z`);
        return Number.isNaN(d.getTime()) ? null : d;
      }
      default: {
        if (v === null) return null;
        const n = parseFloat(v);
        if (!Number.isFinite(n)) return null;
        return this.ctx.dateStyles[this.style] ? excelSerialToDate(n, this.ctx.date1904) : n;
      }
    }
  }
}
