import { checkExtraValues, type ExtraField } from '../schemas/extra-fields.schema.js';
import { parseLedgerDate } from './ledger-dates.js';
import type { LedgerHeader } from './ledger-header.js';
import { makeIssue, type LedgerIssue } from './ledger-issues.js';
import { isNullToken, parseDecimal } from './ledger-numbers.js';
import { cellText, isBlankCell, shortText, toHalfWidth, type SheetRow } from './ledger-text.js';

/**
 * Deployment-defined extra fields (自定义字段) in a ledger: a column whose header is exactly an
 * active field's label (as our export writes it) holds that field. Values are read the ledger
 * way (full-width digits, "1,234", Chinese dates) and then checked with the API's own rules
 * (checkExtraValues), so an import accepts exactly what the project form accepts.
 */
export type ExtraValues = Record<string, string | number>;

/** A column holding an extra field, flattened for the per-row loop. */
export interface ExtraColumn {
  index: number;
  letter: string;
  field: ExtraField;
}

function labelKey(s: string): string {
  return toHalfWidth(s).replace(/\s+/g, '');
}

/**
 * Marks the columns whose header equals an extra field's label (spaces aside): they take the
 * field (`extraKey`) instead of whatever a built-in synonym guessed — the deployment named that
 * column on purpose. A column the user mapped (or ignored) in the preview keeps the user's choice; when two
 * columns carry one label, the first holds the field.
 */
export function mapExtraColumns(header: LedgerHeader, fields: readonly ExtraField[], userColumns: ReadonlySet<number> = new Set()): LedgerHeader {
  const byLabel = new Map(fields.filter((f) => !f.archived).map((f) => [labelKey(f.label), f]));
  if (byLabel.size === 0) return header;
  const taken = new Set<string>();
  const columns = header.columns.map((col) => {
    if (userColumns.has(col.index) || col.header === '') return col;
    const parts = col.header.split(' / ');
    const f = byLabel.get(labelKey(col.header)) ?? byLabel.get(labelKey(parts[parts.length - 1] ?? ''));
    if (!f || taken.has(f.key)) return col;
    taken.add(f.key);
    return { ...col, field: null, unit: null, unitSource: null, confidence: 1, source: 'detected' as const, extraKey: f.key };
  });
  return { ...header, columns };
}

export function extraColumnsOf(header: LedgerHeader, fields: readonly ExtraField[]): ExtraColumn[] {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const out: ExtraColumn[] = [];
  for (const col of header.columns) {
    const field = col.extraKey ? byKey.get(col.extraKey) : undefined;
    if (field) out.push({ index: col.index, letter: col.letter, field });
  }
  return out;
}

/** One row's extra values and their issues (errors block the row, as for built-in fields). */
export function convertExtraCells(row: SheetRow, columns: readonly ExtraColumn[], year: number | null): { values: ExtraValues | null; issues: LedgerIssue[] } {
  const values: ExtraValues = {};
  const issues: LedgerIssue[] = [];
  let filled = false;
  for (const col of columns) {
    const raw = row.cells[col.index] ?? null;
    if (isBlankCell(raw)) continue;
    const where = { row: row.rowNumber, column: col.letter, field: null, value: shortText(raw) };
    const f = col.field;
    let value: string | number | null = null;
    if (f.kind === 'number') {
      if (typeof raw === 'number') value = raw;
      else {
        const t = toHalfWidth(cellText(raw)).replace(/\s+/g, '');
        if (isNullToken(t)) continue;
        const d = parseDecimal(t);
        const n = d ? Number(`${d.neg ? '-' : ''}${d.digits}e${d.exponent}`) : NaN;
        if (Number.isFinite(n)) value = n;
        else issues.push(makeIssue('unparseable-number', where, { hint: '', hintEn: '' }));
      }
    } else if (f.kind === 'date') {
      const r = parseLedgerDate(raw, { year });
      if (!r) continue;
      if (r.ok) {
        value = r.date.value;
        if (r.ambiguous) issues.push(makeIssue('ambiguous-date', where, { parsed: r.date.value }));
      } else issues.push(makeIssue(r.reason === 'missing-year' ? 'date-missing-year' : r.reason === 'out-of-range' ? 'date-out-of-range' : 'unparseable-date', where));
    } else {
      value = cellText(raw);
    }
    if (value === null) continue;
    const problems = checkExtraValues({ [f.key]: value }, [f]);
    if (problems.length > 0) {
      for (const p of problems) issues.push(makeIssue('bad-extra-value', where, { problem: p.zh, problemEn: p.en }));
      continue;
    }
    values[f.key] = value;
    filled = true;
  }
  return { values: filled ? values : null, issues };
}
