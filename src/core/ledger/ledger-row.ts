import { parseLedgerDate, parsePeriod, type DateResult, type LedgerDate } from './ledger-dates.js';
import { levelFromText, natureFromText, projectTypeFromText, stageFromText, STAGE_ZH, type LedgerStage } from './ledger-enums.js';
import type { DateKey, FieldKey, LedgerFieldDef } from './ledger-fields.js';
import { makeIssue, yuanAsWan, type IssueCode, type LedgerIssue } from './ledger-issues.js';
import { parseInteger, parsePercent, parseQuantity, type NumberResult } from './ledger-numbers.js';
import { findPhones, isPhoneText, parsePeople, parseUnitList, splitContact } from './ledger-people.js';
import { cellText, isBlankCell, shortText, toHalfWidth, type CellValue, type SheetRow } from './ledger-text.js';
import { validateRow } from './ledger-validate.js';
import { compactValues, CREDIT_CODE_RE, creditCodeChecksumOk, normalizeProjectCode, PROJECT_CODE_RE, type LedgerValues, type ResolvedColumn, type ValueKey } from './ledger-values.js';

/** One project row → normalised values (see LedgerValues) plus its issues. */
export interface RowContext {
  columns: readonly ResolvedColumn[];
  year: number | null;
  sectionStage: LedgerStage | null;
  sectionTitle: string | null;
}

export interface ConvertedRow {
  values: LedgerValues;
  issues: LedgerIssue[];
  approximate: ValueKey[];
}

const STAGE_ORDER: Record<LedgerStage, number> = { reserve: 0, negotiating: 1, signed: 2, construction: 3, completed: 4, operating: 5, dropped: -1 };
const NUMBER_HINT = {
  unit: { hint: '（单位无法识别）', hintEn: ' (unknown unit)' },
  unparseable: { hint: '', hintEn: '' },
};

interface PendingDate {
  col: ResolvedColumn;
  result: DateResult;
  raw: CellValue;
}
interface PendingPeriod {
  col: ResolvedColumn;
  start: DateResult;
  end: DateResult;
  raw: CellValue;
}

/** Per-row state while its cells are converted. */
class RowBuilder {
  readonly v: Record<string, unknown> = {};
  readonly issues: LedgerIssue[] = [];
  readonly approximate: ValueKey[] = [];
  readonly autoDates: PendingDate[] = [];
  readonly periods: PendingPeriod[] = [];
  contactPhones: string[] = [];
  nameFromPhoneCell: string | null = null;
  stageCell: { text: string; col: ResolvedColumn } | null = null;

  constructor(
    readonly rowNumber: number,
    readonly year: number | null,
  ) {}

  issue(code: IssueCode, col: ResolvedColumn | null, field: FieldKey | null, raw: CellValue | undefined, params: Record<string, string | number> = {}): void {
    const where = { row: this.rowNumber, column: col?.letter ?? null, field };
    this.issues.push(makeIssue(code, raw === undefined ? where : { ...where, value: shortText(raw) }, params));
  }

  date(r: DateResult, col: ResolvedColumn, raw: CellValue): LedgerDate | null {
    if (r.ok) {
      if (r.ambiguous) this.issue('ambiguous-date', col, col.field, raw, { parsed: r.date.value });
      return { ...r.date }; // results are memoised and shared: copy
    }
    this.issue(r.reason === 'missing-year' ? 'date-missing-year' : r.reason === 'out-of-range' ? 'date-out-of-range' : 'unparseable-date', col, col.field, raw);
    return null;
  }

  number(r: NumberResult | null, col: ResolvedColumn, raw: CellValue): number | null {
    if (!r) return null;
    if (!r.ok) {
      if (r.reason === 'out-of-range') this.issue('number-out-of-range', col, col.field, raw);
      else this.issue('unparseable-number', col, col.field, raw, NUMBER_HINT[r.reason]);
      return null;
    }
    if (r.approx) {
      this.approximate.push(col.field as ValueKey);
      this.issue('approximate-value', col, col.field, raw, { parsed: describeNumber(col, r.value) });
    }
    if (r.negative) this.issue('negative-value', col, col.field, raw, { label: col.label, labelEn: col.labelEn });
    return r.value;
  }

  cell(col: ResolvedColumn, raw: CellValue): void {
    const key = col.field;
    const v = this.v;
    switch (col.kind) {
      case 'seq':
        return;
      case 'text': {
        let t = cellText(raw);
        if (col.singleLine && t.includes('\n')) t = t.replace(/\s*\n\s*/g, '');
        if (t === '') return;
        if (t.length > col.maxLength) this.issue('text-too-long', col, key, raw, { label: col.label, labelEn: col.labelEn, max: col.maxLength });
        v[key] = t;
        return;
      }
      case 'code': {
        const t = normalizeProjectCode(cellText(raw));
        if (t === '') return;
        if (!PROJECT_CODE_RE.test(t)) this.issue('bad-code-shape', col, key, raw);
        v[key] = t;
        return;
      }
      case 'creditCode': {
        const t = toHalfWidth(cellText(raw)).toUpperCase().replace(/\s+/g, '');
        if (t === '') return;
        if (!CREDIT_CODE_RE.test(t)) {
          this.issue('bad-credit-code', col, key, raw);
          return;
        }
        if (!creditCodeChecksumOk(t)) this.issue('credit-code-checksum', col, key, t);
        v[key] = t;
        return;
      }
      case 'enum': {
        const t = cellText(raw);
        const mapped = col.enumOf === 'level' ? levelFromText(t) : col.enumOf === 'nature' ? natureFromText(t) : projectTypeFromText(t);
        if (mapped === undefined) this.issue('unknown-value', col, key, raw, { label: col.label, labelEn: col.labelEn });
        else v[key] = mapped;
        return;
      }
      case 'stage': {
        const t = cellText(raw);
        this.stageCell = { text: t, col };
        const s = stageFromText(t);
        if (s) v[key] = s;
        else this.issue('unknown-stage', col, key, raw);
        return;
      }
      case 'money':
      case 'area':
      case 'count': {
        const dim = col.dimension === 'land' || col.dimension === 'floor' || col.dimension === 'count' ? col.dimension : 'money';
        const n = this.number(parseQuantity(raw, dim, col.unit), col, raw);
        if (n !== null) v[key] = n;
        return;
      }
      case 'percent': {
        const n = this.number(parsePercent(raw, col.percentInHeader), col, raw);
        if (n !== null) v[key] = n;
        return;
      }
      case 'integer': {
        const n = parseInteger(raw);
        if (n !== null && Number.isNaN(n)) this.issue('unparseable-number', col, key, raw, NUMBER_HINT.unparseable);
        else if (n !== null) v[key] = n;
        return;
      }
      case 'date': {
        const r = parseLedgerDate(raw, { year: this.year });
        const d = r && this.date(r, col, raw);
        if (d) v[key] = d;
        return;
      }
      case 'dateAuto': {
        const r = parseLedgerDate(raw, { year: this.year });
        if (r) this.autoDates.push({ col, result: r, raw });
        return;
      }
      case 'period': {
        const p = parsePeriod(raw, { year: this.year });
        if (p && p !== 'duration') this.periods.push({ col, start: p.start, end: p.end, raw });
        return;
      }
      case 'units': {
        const list = parseUnitList(cellText(raw));
        if (list.length > 0) v[key] = list;
        return;
      }
      case 'person': {
        const list = parsePeople(cellText(raw));
        if (list.length > 0) v[key] = list;
        return;
      }
      case 'contact': {
        const { name, phones } = splitContact(cellText(raw));
        if (name) v[key] = name.length > 50 ? name.slice(0, 50) : name;
        this.contactPhones = phones;
        return;
      }
      case 'phone': {
        const t = cellText(raw);
        if (isPhoneText(t)) v[key] = findPhones(t).join('、');
        else if (findPhones(t).length > 0) {
          const { name, phones } = splitContact(t);
          v[key] = phones.join('、');
          if (name) this.nameFromPhoneCell = name;
        } else {
          this.issue('bad-phone', col, key, raw);
          v[key] = t.slice(0, 50);
        }
        return;
      }
    }
  }
}

export function convertRow(row: SheetRow, ctx: RowContext): ConvertedRow {
  const b = new RowBuilder(row.rowNumber, ctx.year);
  const cells = row.cells;
  for (const col of ctx.columns) {
    const raw = cells[col.index] ?? null;
    if (isBlankCell(raw)) continue;
    // Several columns for one field (a user mapping): the first non-empty value wins.
    if (b.v[col.field] !== undefined) continue;
    b.cell(col, raw);
  }

  const values = b.v as LedgerValues;
  if (values.contactPhone === undefined && b.contactPhones.length > 0) values.contactPhone = b.contactPhones.join('、');
  if (values.contactName === undefined && b.nameFromPhoneCell) values.contactName = b.nameFromPhoneCell;
  if (!values.name) b.issue('missing-name', null, 'name', undefined);

  // Stage: the stage column when readable, else the section's.
  const st = b.stageCell;
  if (values.stage && ctx.sectionStage && values.stage !== ctx.sectionStage && st) {
    b.issue('stage-section-mismatch', st.col, 'stage', st.text, {
      stage: STAGE_ZH[values.stage],
      stageEn: values.stage,
      section: ctx.sectionTitle ?? '',
      sectionStage: STAGE_ZH[ctx.sectionStage],
      sectionStageEn: ctx.sectionStage,
    });
  }
  if (!values.stage && ctx.sectionStage) values.stage = ctx.sectionStage;

  if (b.autoDates.length > 0 || b.periods.length > 0) resolveAutoDates(values, b);
  validateRow(row.rowNumber, values, ctx, b.issues);
  return { values: compactValues(values), issues: b.issues, approximate: b.approximate };
}

function reached(stage: LedgerStage | undefined, from: LedgerStage): boolean {
  return stage !== undefined && STAGE_ORDER[stage] >= STAGE_ORDER[from];
}

const START_AUTO: NonNullable<LedgerFieldDef['auto']> = { planned: 'plannedStartDate', actual: 'actualStartDate', actualFrom: 'construction' };
const END_AUTO: NonNullable<LedgerFieldDef['auto']> = { planned: 'plannedCompletionDate', actual: 'actualCompletionDate', actualFrom: 'completed' };

/**
 * A bare "开工时间" column (no 计划/实际) is the actual date when the row's stage has reached that
 * milestone (开工 or later for a start date) or the cell says so ("已于…"); otherwise it is the
 * planned date ("计划…", or a project not there yet). An explicit 计划/实际 column always wins: the
 * bare date only fills a slot still empty. 建设起止年限 fills the start and completion dates the
 * same way.
 */
function resolveAutoDates(values: LedgerValues, b: RowBuilder): void {
  const place = (auto: NonNullable<LedgerFieldDef['auto']>, date: LedgerDate, cue: 'planned' | 'actual' | undefined): void => {
    const actual = cue === 'actual' || (cue !== 'planned' && reached(values.stage, auto.actualFrom));
    const first: DateKey = actual ? auto.actual : auto.planned;
    const second: DateKey = actual ? auto.planned : auto.actual;
    if (values[first] === undefined) values[first] = date;
    else if (values[second] === undefined && !actual) values[second] = date;
  };
  for (const a of b.autoDates) {
    const d = b.date(a.result, a.col, a.raw);
    if (d && a.col.auto) place(a.col.auto, d, a.result.ok ? a.result.cue : undefined);
  }
  for (const p of b.periods) {
    if (!p.start.ok || !p.end.ok) {
      b.date({ ok: false, reason: 'unparseable' }, p.col, p.raw);
      continue;
    }
    if (values.plannedStartDate === undefined && values.actualStartDate === undefined) place(START_AUTO, { ...p.start.date }, undefined);
    if (values.plannedCompletionDate === undefined && values.actualCompletionDate === undefined) place(END_AUTO, { ...p.end.date }, undefined);
  }
}

function describeNumber(col: ResolvedColumn, base: number): string {
  const dim = col.dimension;
  if (dim === 'money') return `${yuanAsWan(base)}万元`;
  if (dim === 'land') return `${base / 100}亩`;
  if (dim === 'floor') return `${base}平方米`;
  if (dim === 'percent') return `${base / 100}%`;
  return String(base);
}
