import { LEDGER_FIELDS, fieldDef, type FieldKey, type LedgerFieldDef } from './ledger-fields.js';
import { cellText, columnLetter, normalizeHeader, toHalfWidth, type SheetRow } from './ledger-text.js';
import { DEFAULT_UNITS, noteUnitFor, unitFor, unitsInHeader, unitsInNote, type LedgerUnit } from './ledger-units.js';

/**
 * Header detection. Ledgers put a title and notes above the table and often a two-row header:
 * a group cell ("总投资（万元）", "时间节点") merged across sub-headers ("合计", "其中：固定资产投资";
 * "计划开工", "实际开工"). A streaming read sees a merged cell only in its first column, so a
 * group's text is carried rightwards over blank cells that have a sub-header below. Every
 * candidate (1, 2 or 3 consecutive rows among the first rows of the sheet) is scored by how
 * many columns it maps to fields, and the best wins.
 */

/** How a column of the sheet maps to a field. */
export interface LedgerColumn {
  /** 0-based column index (0 = A). */
  index: number;
  /** Column letter as Excel shows it. */
  letter: string;
  /** Header text as written; group and sub-header joined with " / ". */
  header: string;
  field: FieldKey | null;
  /** Unit of a numeric column (万元, 亩 …), or null for other columns. */
  unit: LedgerUnit | null;
  unitSource: 'header' | 'note' | 'default' | 'user' | null;
  /** Units written in the header text itself. */
  headerUnits: LedgerUnit[];
  /** 0–1: 1 for an exact synonym or a user choice. */
  confidence: number;
  source: 'detected' | 'user' | null;
  /** The extra field (自定义字段) key when the header is that field's label (field is then null). */
  extraKey?: string;
}

export interface LedgerHeader {
  /** Row numbers (1-based) of the header rows. */
  headerRows: number[];
  /** First row number after the header (and after a column-number row such as "1 2 3 …"). */
  dataStartRow: number;
  columns: LedgerColumn[];
  /** The ledger year found in the title or notes ("2026年重大项目台账"), if any. */
  year: number | null;
  /** The first text above the header (the title), if any. */
  title: string | null;
  /** Units declared above the table ("单位：万元、亩"). */
  noteUnits: LedgerUnit[];
}

/** A user's correction from the preview: column index → field (null = ignore the column). */
export type ColumnMapping = Readonly<Record<number, FieldKey | null>>;
/** A user's unit correction from the preview: column index → unit. */
export type UnitOverrides = Readonly<Record<number, LedgerUnit>>;

interface Candidate {
  field: FieldKey;
  conf: number;
}

const EXACT = new Map<string, FieldKey>();
const VERBATIM = new Map<string, FieldKey>();
for (const f of LEDGER_FIELDS as readonly LedgerFieldDef[]) {
  for (const s of f.exact) {
    if (f.verbatim) VERBATIM.set(s, f.key as FieldKey);
    else if (!EXACT.has(normalizeHeader(s))) EXACT.set(normalizeHeader(s), f.key as FieldKey);
  }
}
const FUZZY = (LEDGER_FIELDS as readonly LedgerFieldDef[]).filter((f) => !f.verbatim && ((f.contains?.length ?? 0) > 0 || (f.patterns?.length ?? 0) > 0));

/** Fields a normalised header text may mean, best first. */
export function matchHeaderText(norm: string): Candidate[] {
  if (norm === '' || norm.length > 40) return [];
  const out: Candidate[] = [];
  const exact = EXACT.get(norm);
  if (exact) out.push({ field: exact, conf: 1 });
  for (const f of FUZZY) {
    if (f.key === exact) continue;
    if (f.not?.test(norm)) continue;
    let best = 0;
    for (const re of f.patterns ?? []) if (re.test(norm)) best = 0.9;
    for (const needle of f.contains ?? []) {
      if (norm.includes(needle)) best = Math.max(best, 0.5 + (0.4 * needle.length) / norm.length);
    }
    if (best > 0) out.push({ field: f.key as FieldKey, conf: best });
  }
  return out.sort((a, b) => b.conf - a.conf);
}

const MAX_SCAN_ROWS = 30;
const MAX_HEADER_CELL = 40;

/** Is this row usable as a lower header row (short texts only, no numbers or dates)? */
function headerLike(row: SheetRow): boolean {
  let n = 0;
  for (const v of row.cells) {
    if (v === null || v === '') continue;
    if (typeof v !== 'string') return false;
    const t = v.trim();
    if (t === '') continue;
    if (t.length > MAX_HEADER_CELL) return false;
    n++;
  }
  return n > 0;
}

function isUnitNoteCell(t: string): boolean {
  return /^[(（]?\s*(金额)?单位\s*[:：]/.test(toHalfWidth(t)) && unitsInNote(t).length > 0;
}

interface Built {
  texts: string[][]; // per column, the header parts top → bottom
}

/** Column texts of a header made of `rows` (top first), with group texts carried rightwards. */
function buildColumns(rows: readonly SheetRow[], width: number): Built {
  const levels = rows.map((r) => {
    const t: string[] = [];
    for (let c = 0; c < width; c++) {
      const s = cellText(r.cells[c]);
      t.push(s.length > MAX_HEADER_CELL * 3 || isUnitNoteCell(s) ? '' : s);
    }
    return t;
  });
  const k = levels.length;
  const carried = levels.map((l) => [...l]);
  for (let l = 0; l < k - 1; l++) {
    let cur: string | null = null;
    for (let c = 0; c < width; c++) {
      const below = (col: number): boolean => {
        for (let m = l + 1; m < k; m++) if ((levels[m]?.[col] ?? '') !== '') return true;
        return false;
      };
      const own = levels[l]?.[c] ?? '';
      if (own !== '') cur = below(c) ? own : null;
      else if (cur !== null && below(c)) (carried[l] as string[])[c] = cur;
      else cur = null;
    }
  }
  const texts: string[][] = [];
  for (let c = 0; c < width; c++) {
    const parts: string[] = [];
    for (let l = 0; l < k; l++) {
      const t = carried[l]?.[c] ?? '';
      if (t !== '' && parts[parts.length - 1] !== t) parts.push(t);
    }
    texts.push(parts);
  }
  return { texts };
}

/** Candidate fields of one column from its header parts, weighted by how the parts combine. */
function columnCandidates(parts: readonly string[], cache: Map<string, Candidate[]>): Candidate[] {
  const match = (raw: string): Candidate[] => {
    let hit = cache.get(raw);
    if (!hit) {
      const verbatim = VERBATIM.get(raw.trim());
      hit = verbatim ? [{ field: verbatim, conf: 1 }] : matchHeaderText(normalizeHeader(unitsInHeader(raw).rest));
      cache.set(raw, hit);
    }
    return hit;
  };
  const weighted: Array<[string, number]> = [];
  const [a, b, c] = parts;
  if (parts.length === 1 && a !== undefined) weighted.push([a, 1]);
  else if (parts.length === 2 && a !== undefined && b !== undefined) {
    weighted.push([a + b, 1], [b + a, 1], [b, 0.92], [a, 0.8]);
  } else if (a !== undefined && b !== undefined && c !== undefined) {
    weighted.push([a + b + c, 1], [b + c, 1], [c + b, 1], [c, 0.92], [b, 0.8], [a + b, 0.8], [a, 0.7]);
  }
  const best = new Map<FieldKey, number>();
  for (const [text, w] of weighted) {
    for (const cand of match(text)) {
      const conf = cand.conf * w;
      if (conf > (best.get(cand.field) ?? 0)) best.set(cand.field, conf);
    }
  }
  return [...best].map(([field, conf]) => ({ field, conf }));
}

const MIN_CONF = 0.5;

/** Greedy one-to-one assignment: the most confident (column, field) pairs first. */
function assign(cands: ReadonlyArray<readonly Candidate[]>): { fields: Array<Candidate | null>; score: number } {
  const all: Array<{ col: number; field: FieldKey; conf: number }> = [];
  cands.forEach((list, col) => {
    for (const c of list) if (c.conf >= MIN_CONF) all.push({ col, field: c.field, conf: c.conf });
  });
  all.sort((x, y) => y.conf - x.conf || x.col - y.col);
  const fields: Array<Candidate | null> = cands.map(() => null);
  const used = new Set<FieldKey>();
  let score = 0;
  for (const p of all) {
    if (fields[p.col] || used.has(p.field)) continue;
    fields[p.col] = { field: p.field, conf: p.conf };
    used.add(p.field);
    score += p.conf;
  }
  if (used.has('name')) score += 1;
  return { fields, score };
}

function rowWidth(rows: readonly SheetRow[]): number {
  let w = 0;
  for (const r of rows) {
    for (let c = Math.min(r.cells.length, 256) - 1; c >= 0; c--) {
      const v = r.cells[c];
      if (v !== null && v !== undefined && v !== '') {
        w = Math.max(w, c + 1);
        break;
      }
    }
  }
  return w;
}

/** A "1 2 3 …" (or "甲 乙 1 2 …") row numbering the columns under a statistics header. */
export function isColumnNumberRow(row: SheetRow): boolean {
  let expected: number | null = null;
  let count = 0;
  for (const v of row.cells) {
    if (v === null || v === '') continue;
    const t = typeof v === 'number' ? String(v) : typeof v === 'string' ? toHalfWidth(v).trim() : null;
    if (t === null) return false;
    if (t === '') continue;
    if (/^[甲乙丙丁戊]$/.test(t) && expected === null) {
      count++;
      continue;
    }
    if (!/^\d{1,3}$/.test(t)) return false;
    const n = Number(t);
    if (expected !== null && n !== expected) return false;
    expected = n + 1;
    count++;
  }
  return count >= 3;
}

const YEAR_RE = /((?:19|20)\d{2})\s*年/;

/**
 * Find the header among the first rows of a sheet. `forcedHeaderRows` (row numbers) skips the
 * search, for a user who picked the header rows in the preview. Returns null when no row maps at
 * least two columns.
 */
export function detectHeader(rows: readonly SheetRow[], forcedHeaderRows?: readonly number[]): LedgerHeader | null {
  const scan = rows.slice(0, MAX_SCAN_ROWS);
  const width = rowWidth(scan);
  if (width === 0) return null;
  const cache = new Map<string, Candidate[]>();
  let best: { start: number; depth: number; score: number; built: Built; fields: Array<Candidate | null> } | null = null;

  const tryConfig = (start: number, depth: number, force = false): void => {
    const chosen = scan.slice(start, start + depth);
    if (chosen.length !== depth || chosen.some((r) => r.cells.every((c) => c === null || c === ''))) return;
    if (!force) for (let i = 1; i < depth; i++) if (!headerLike(chosen[i] as SheetRow)) return;
    const built = buildColumns(chosen, width);
    const { fields, score } = assign(built.texts.map((parts) => columnCandidates(parts, cache)));
    if (!best || score > best.score + 1e-9) best = { start, depth, score, built, fields };
  };

  if (forcedHeaderRows && forcedHeaderRows.length > 0) {
    const start = scan.findIndex((r) => r.rowNumber === forcedHeaderRows[0]);
    if (start < 0) return null;
    tryConfig(start, Math.min(3, forcedHeaderRows.length), true);
  } else {
    for (let start = 0; start < scan.length; start++) for (let depth = 1; depth <= 3; depth++) tryConfig(start, depth);
  }
  const found = best as { start: number; depth: number; score: number; built: Built; fields: Array<Candidate | null> } | null;
  if (!found) return null;
  const mapped = found.fields.filter((f) => f !== null).length;
  const nameOnly = found.fields.some((f) => f?.field === 'name' && f.conf >= 1);
  if (!forcedHeaderRows && ((mapped < 2 && !nameOnly) || found.score < 1.5)) return null;

  const headerRowsArr = scan.slice(found.start, found.start + found.depth);
  const above = scan.slice(0, found.start);
  let year: number | null = null;
  let title: string | null = null;
  const noteUnits: LedgerUnit[] = [];
  for (const r of [...above, ...headerRowsArr]) {
    for (const v of r.cells) {
      const t = cellText(v);
      if (!t) continue;
      if (above.includes(r)) {
        title ??= t;
        const y = YEAR_RE.exec(t);
        if (y && year === null) year = Number(y[1]);
      }
      noteUnits.push(...unitsInNote(t));
    }
  }
  if (year === null) {
    for (const parts of found.built.texts) {
      const y = YEAR_RE.exec(parts.join(''));
      if (y) {
        year = Number(y[1]);
        break;
      }
    }
  }

  const last = headerRowsArr[headerRowsArr.length - 1] as SheetRow;
  const next = rows[found.start + found.depth];
  const dataStartRow = next && isColumnNumberRow(next) ? next.rowNumber + 1 : last.rowNumber + 1;

  const columns: LedgerColumn[] = found.built.texts.map((parts, index) => {
    const header = parts.join(' / ');
    const headerUnits: LedgerUnit[] = [];
    for (let i = parts.length - 1; i >= 0; i--) headerUnits.push(...unitsInHeader(parts[i] ?? '').units);
    const f = found.fields[index] ?? null;
    const col: LedgerColumn = {
      index,
      letter: columnLetter(index),
      header,
      field: f ? f.field : null,
      unit: null,
      unitSource: null,
      headerUnits,
      confidence: f ? Math.round(f.conf * 100) / 100 : 0,
      source: f ? 'detected' : null,
    };
    return withUnit(col, noteUnits);
  });

  return { headerRows: headerRowsArr.map((r) => r.rowNumber), dataStartRow, columns, year, title, noteUnits };
}

/** Set a column's unit from its header, then the note above the table, then the field default. */
function withUnit(col: LedgerColumn, noteUnits: readonly LedgerUnit[], userUnit?: LedgerUnit): LedgerColumn {
  const dim = col.field ? fieldDef(col.field).dimension : undefined;
  if (!dim) return { ...col, unit: null, unitSource: null };
  if (userUnit) return { ...col, unit: userUnit, unitSource: 'user' };
  const own = unitFor(dim, col.headerUnits);
  if (own) return { ...col, unit: own, unitSource: 'header' };
  const note = dim === 'percent' ? null : noteUnitFor(dim, noteUnits);
  if (note) return { ...col, unit: note, unitSource: 'note' };
  return { ...col, unit: DEFAULT_UNITS[dim], unitSource: 'default' };
}

/**
 * Apply the user's corrections from the preview. A column the user maps takes that field (any
 * other column detected for it is unmapped); null ignores a column. Units may be overridden too.
 */
export function applyMapping(header: LedgerHeader, mapping: ColumnMapping = {}, units: UnitOverrides = {}): LedgerHeader {
  const chosen = new Set<FieldKey>();
  for (const [k, v] of Object.entries(mapping)) if (v && Number(k) >= 0) chosen.add(v);
  const maxIndex = Math.max(header.columns.length - 1, ...Object.keys(mapping).map(Number).filter(Number.isFinite), ...Object.keys(units).map(Number).filter(Number.isFinite));
  const columns: LedgerColumn[] = [];
  for (let index = 0; index <= maxIndex; index++) {
    const base: LedgerColumn = header.columns[index] ?? {
      index,
      letter: columnLetter(index),
      header: '',
      field: null,
      unit: null,
      unitSource: null,
      headerUnits: [],
      confidence: 0,
      source: null,
    };
    let col = base;
    if (Object.prototype.hasOwnProperty.call(mapping, index)) {
      const f = mapping[index] ?? null;
      col = { ...base, field: f, confidence: f ? 1 : 0, source: f ? 'user' : null };
    } else if (base.field && chosen.has(base.field)) {
      col = { ...base, field: null, confidence: 0, source: null };
    }
    columns.push(withUnit(col, header.noteUnits, units[index]));
  }
  return { ...header, columns };
}
