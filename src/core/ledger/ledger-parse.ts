import type { ExtraField } from '../schemas/extra-fields.schema.js';
import { classifyRow, type ClassifyContext, type RowClass } from './ledger-classify.js';
import { LEDGER_STAGES, STAGE_ZH, type LedgerStage } from './ledger-enums.js';
import { fieldDef, type FieldKey } from './ledger-fields.js';
import { applyMapping, detectHeader, type ColumnMapping, type LedgerHeader, type UnitOverrides } from './ledger-header.js';
import { convertExtraCells, extraColumnsOf, mapExtraColumns, type ExtraColumn, type ExtraValues } from './ledger-extra.js';
import { addToScopes, aggregateMismatches, newScope, type Aggregate, type Scope, type Section } from './ledger-aggregates.js';
import { makeIssue, type LedgerIssue } from './ledger-issues.js';
import { parseQuantity } from './ledger-numbers.js';
import { convertRow } from './ledger-row.js';
import { resolveColumn, type LedgerValues, type ResolvedColumn, type ValueKey } from './ledger-values.js';
import { identityKey, type CellValue, type SheetRow } from './ledger-text.js';

/**
 * parseLedger: a county's Excel ledger (rows from src/xlsx/xlsx-reader.ts, or any iterable of
 * SheetRow) → normalised project rows and a dry-run list of issues. Pure: no I/O, no database.
 * Rows stream through: the first rows are buffered to find the header, then each row is
 * classified (section / subtotal / note / project …) and converted on its own.
 *
 * Rules that need the database (unknown units and leaders, matching existing projects,
 * conflicts with their versions) are the caller's: leaders come back as { name, title }, units
 * as names.
 */
export interface ParseLedgerOptions {
  /** The ledger year for dates without one ("3月下旬"); defaults to the year in the title. */
  year?: number;
  /** The user's column corrections from the preview (column index → field, null to ignore). */
  mapping?: ColumnMapping;
  /** The user's unit corrections (column index → unit). */
  units?: UnitOverrides;
  /** The header rows the user picked (row numbers), instead of detection. */
  headerRows?: readonly number[];
  /** Keep each project row's raw cells (for a preview). */
  keepRaw?: boolean;
  /** Stop listing issues after this many (counts stay exact). Default 20 000. */
  maxIssues?: number;
  /** Called with each project row as soon as it is parsed (e.g. to write it in a transaction). */
  onRow?: (row: ParsedRow) => void;
  /** Keep the parsed rows in the result (default true); false with onRow keeps memory flat. */
  collectRows?: boolean;
  /** Active extra fields (自定义字段): a column headed with one's label holds its values (see ledger-extra.ts). */
  extraFields?: readonly ExtraField[];
}

/** One project row of the ledger. */
export interface ParsedRow {
  /** Spreadsheet row number as Excel shows it. */
  rowNumber: number;
  values: LedgerValues;
  /** The stage named by the section the row sits under ("三、新开工项目" → construction). */
  stageFromSection?: LedgerStage;
  /** The title of that section. */
  section?: string;
  /** Fields whose value was approximate ("约40"). */
  approximate?: ValueKey[];
  errorCount: number;
  warningCount: number;
  raw?: CellValue[];
  /** Extra field values by key, when the ledger has such columns and the row fills some. */
  extra?: ExtraValues;
}

export interface LedgerParseResult {
  header: LedgerHeader | null;
  rows: ParsedRow[];
  /** Every issue, by row number. */
  issues: LedgerIssue[];
  /** Project rows per stage (the stage column, else the section); 'unknown' when neither says. */
  byStage: Record<LedgerStage | 'unknown', number>;
  /** The year used for dates without one. */
  year: number | null;
  summary: {
    projectRows: number;
    rowsWithErrors: number;
    errors: number;
    warnings: number;
    skipped: Record<'blank' | 'section' | 'aggregate' | 'note' | 'repeatHeader' | 'columnNumbers' | 'aboveHeader', number>;
  };
}

const HEADER_SCAN = 30;

/** Incremental parser: push rows in order, then finish(). parseLedger wraps it. */
export class LedgerParser {
  private readonly opts: ParseLedgerOptions;
  private buffer: SheetRow[] = [];
  private header: LedgerHeader | null = null;
  private headerDone = false;
  private columns: ResolvedColumn[] = [];
  private moneyColumns: ResolvedColumn[] = [];
  private extraColumns: ExtraColumn[] = [];
  private classify: ClassifyContext = { nameIndex: null, codeIndex: null, headerTexts: [], inTrailer: false, firstAfterHeader: true };
  private year: number | null;
  private readonly rows: ParsedRow[] = [];
  private readonly issues: LedgerIssue[] = [];
  private issueCount = { errors: 0, warnings: 0, dropped: false };
  private readonly byStage = Object.fromEntries([...LEDGER_STAGES, 'unknown'].map((s) => [s, 0])) as Record<LedgerStage | 'unknown', number>;
  private readonly skipped: LedgerParseResult['summary']['skipped'] = { blank: 0, section: 0, aggregate: 0, note: 0, repeatHeader: 0, columnNumbers: 0, aboveHeader: 0 };
  private rowsWithErrors = 0;
  private projectRows = 0;
  private sawAnyRow = false;
  private firstRowNumber = 1;
  // Sections and sums for subtotal checks.
  private l1: Section | null = null;
  private l2: Section | null = null;
  private grand: Scope = newScope();
  private sinceBoundary: Scope = newScope();
  private pendingGrand: Aggregate[] = [];
  // Duplicates.
  private readonly byCode = new Map<string, number>();
  private readonly byNameBuilder = new Map<string, { row: number; code: string | undefined }>();

  constructor(opts: ParseLedgerOptions = {}) {
    this.opts = opts;
    this.year = opts.year ?? null;
  }

  push(row: SheetRow): void {
    if (!this.sawAnyRow) this.firstRowNumber = row.rowNumber;
    this.sawAnyRow = true;
    if (this.headerDone) {
      this.process(row);
      return;
    }
    this.buffer.push(row);
    const forcedLast = this.opts.headerRows?.length ? Math.max(...this.opts.headerRows) : 0;
    if (this.buffer.length >= HEADER_SCAN && row.rowNumber > forcedLast) this.resolveHeader();
  }

  /** The header once found (after the first rows, before the first onRow call), else null. */
  headerSoFar(): LedgerHeader | null {
    return this.header;
  }

  finish(): LedgerParseResult {
    if (!this.headerDone) this.resolveHeader();
    this.closeSection(2);
    this.closeSection(1);
    for (const agg of this.pendingGrand) this.checkAggregate(agg, [this.grand]);
    this.issues.sort((a, b) => a.row - b.row);
    return {
      header: this.header,
      rows: this.rows,
      issues: this.issues,
      byStage: this.byStage,
      year: this.year,
      summary: {
        projectRows: this.projectRows,
        rowsWithErrors: this.rowsWithErrors,
        errors: this.issueCount.errors,
        warnings: this.issueCount.warnings,
        skipped: this.skipped,
      },
    };
  }

  private addIssue(issue: LedgerIssue): void {
    if (issue.severity === 'error') this.issueCount.errors++;
    else this.issueCount.warnings++;
    const max = this.opts.maxIssues ?? 20_000;
    if (this.issues.length < max) this.issues.push(issue);
    else if (!this.issueCount.dropped) {
      this.issueCount.dropped = true;
      this.issues.push(makeIssue('too-many-issues', { row: issue.row, column: null, field: null }, { max }));
    }
  }

  private resolveHeader(): void {
    this.headerDone = true;
    const buffered = this.buffer;
    this.buffer = [];
    if (!this.sawAnyRow || buffered.every((r) => r.cells.every((c) => c === null || c === ''))) {
      this.addIssue(makeIssue('empty-sheet', { row: this.firstRowNumber, column: null, field: null }));
      return;
    }
    const detected = detectHeader(buffered, this.opts.headerRows);
    if (!detected) {
      this.addIssue(makeIssue('no-header', { row: this.firstRowNumber, column: null, field: null }));
      return;
    }
    let header = this.opts.mapping || this.opts.units ? applyMapping(detected, this.opts.mapping, this.opts.units) : detected;
    const extraFields = this.opts.extraFields ?? [];
    if (extraFields.length > 0) {
      header = mapExtraColumns(header, extraFields, new Set(Object.keys(this.opts.mapping ?? {}).map(Number)));
      this.extraColumns = extraColumnsOf(header, extraFields);
    }
    this.header = header;
    this.year ??= header.year;
    const headerRow = header.headerRows[header.headerRows.length - 1] ?? this.firstRowNumber;
    const seen = new Map<FieldKey, string>();
    for (const col of header.columns) {
      if (col.field === null) {
        if (col.header !== '' && !col.extraKey) this.addIssue(makeIssue('unmapped-column', { row: headerRow, column: col.letter, field: null }, { column: col.letter, header: col.header }));
        continue;
      }
      const def = fieldDef(col.field);
      const other = seen.get(col.field);
      if (other) this.addIssue(makeIssue('duplicate-column', { row: headerRow, column: col.letter, field: col.field }, { column: other, other: col.letter, label: def.label, labelEn: def.labelEn }));
      else seen.set(col.field, col.letter);
      const resolved = resolveColumn(col);
      if (resolved) this.columns.push(resolved);
    }
    if (!seen.has('name')) this.addIssue(makeIssue('missing-name-column', { row: headerRow, column: null, field: 'name' }));
    this.moneyColumns = this.columns.filter((c) => c.kind === 'money');
    this.classify = {
      nameIndex: header.columns.find((c) => c.field === 'name')?.index ?? null,
      codeIndex: header.columns.find((c) => c.field === 'code')?.index ?? null,
      headerTexts: header.columns.map((c) => c.header.split(' / ').pop() ?? ''),
      inTrailer: false,
      firstAfterHeader: true,
    };
    for (const row of buffered) this.process(row);
  }

  private process(row: SheetRow): void {
    if (!this.header) return;
    if (row.rowNumber < this.header.dataStartRow) {
      this.skipped.aboveHeader++;
      return;
    }
    const cls: RowClass = classifyRow(row, this.classify);
    if (cls.kind !== 'blank') this.classify.firstAfterHeader = false;
    switch (cls.kind) {
      case 'blank':
        this.skipped.blank++;
        return;
      case 'note':
        this.classify.inTrailer = true;
        this.skipped.note++;
        return;
      case 'repeat-header':
        this.skipped.repeatHeader++;
        return;
      case 'column-numbers':
        this.skipped.columnNumbers++;
        return;
      case 'aggregate':
        this.skipped.aggregate++;
        if (cls.scope !== 'breakdown') this.onAggregate(row, cls.scope, cls.label);
        return;
      case 'section':
        this.skipped.section++;
        this.onSection(row, cls);
        return;
      case 'data':
        this.onData(row);
    }
  }

  private sectionStage(): { stage: LedgerStage | null; title: string | null } {
    const inner = this.l2 ?? this.l1;
    return { stage: inner?.stage ?? null, title: inner?.title ?? null };
  }

  private onData(row: SheetRow): void {
    const section = this.sectionStage();
    const converted = convertRow(row, { columns: this.columns, year: this.year, sectionStage: section.stage, sectionTitle: section.title });
    const values = converted.values;
    const issues = converted.issues;
    const extra = this.extraColumns.length > 0 ? convertExtraCells(row, this.extraColumns, this.year) : null;
    if (extra) issues.push(...extra.issues);
    // Duplicates within the file: the same 项目代码, or the same name and 建设单位.
    const code = values.code;
    const nameKey = values.name ? `${identityKey(values.name)}\u0000${identityKey(values.builder ?? '')}` : null;
    let dup: { row: number; key: string; keyEn: string } | null = null;
    if (code) {
      const first = this.byCode.get(code);
      if (first !== undefined) dup = { row: first, key: `项目代码 ${code}`, keyEn: `project code ${code}` };
      else this.byCode.set(code, row.rowNumber);
    }
    if (!dup && nameKey) {
      const first = this.byNameBuilder.get(nameKey);
      if (first && (!first.code || !code || first.code === code)) {
        dup = { row: first.row, key: `项目名称和建设单位相同`, keyEn: 'same name and builder' };
      } else if (!first) this.byNameBuilder.set(nameKey, { row: row.rowNumber, code });
    }
    if (dup) {
      const field: FieldKey = dup.key.startsWith('项目代码') ? 'code' : 'name';
      const column = this.columns.find((c) => c.field === field)?.letter ?? null;
      issues.push(makeIssue('duplicate-row', { row: row.rowNumber, column, field }, { first: dup.row, key: dup.key, keyEn: dup.keyEn }));
    }

    let errors = 0;
    let warnings = 0;
    for (const i of issues) {
      if (i.severity === 'error') errors++;
      else warnings++;
      this.addIssue(i);
    }
    if (errors > 0) this.rowsWithErrors++;
    const parsed: ParsedRow = { rowNumber: row.rowNumber, values, errorCount: errors, warningCount: warnings };
    if (section.stage) parsed.stageFromSection = section.stage;
    if (section.title) parsed.section = section.title;
    if (converted.approximate.length > 0) parsed.approximate = converted.approximate;
    if (extra?.values) parsed.extra = extra.values;
    if (this.opts.keepRaw) parsed.raw = [...row.cells];
    this.projectRows++;
    if (this.opts.collectRows !== false) this.rows.push(parsed);
    this.opts.onRow?.(parsed);
    this.byStage[values.stage ?? 'unknown']++;
    this.accumulate(values);
  }

  // ---- sections and subtotals -------------------------------------------------------------

  private accumulate(values: LedgerValues): void {
    addToScopes([this.grand, this.sinceBoundary, ...(this.l1 ? [this.l1] : []), ...(this.l2 ? [this.l2] : [])], values, this.moneyColumns);
  }

  private statedSums(row: SheetRow): Map<FieldKey, number> {
    const out = new Map<FieldKey, number>();
    for (const col of this.moneyColumns) {
      const r = parseQuantity(row.cells[col.index] ?? null, 'money', col.unit);
      if (r && r.ok) out.set(col.field, r.value);
    }
    return out;
  }

  private onSection(row: SheetRow, cls: Extract<RowClass, { kind: 'section' }>): void {
    if (cls.level === 1) {
      this.closeSection(2);
      this.closeSection(1);
    } else {
      this.closeSection(2);
    }
    const parentStage = cls.level === 2 ? (this.l1?.stage ?? null) : null;
    const stage = cls.stage === undefined ? parentStage : cls.stage;
    const section: Section = { ...newScope(), title: cls.title, level: cls.level, stage, expected: cls.expected, row: row.rowNumber, pending: [] };
    const stated = this.statedSums(row);
    if (stated.size > 0) section.pending.push({ row: row.rowNumber, label: cls.title, kind: 'section', stated });
    if (cls.level === 1) this.l1 = section;
    else this.l2 = section;
    this.sinceBoundary = newScope();
  }

  private closeSection(level: 1 | 2): void {
    const s = level === 1 ? this.l1 : this.l2;
    if (!s) return;
    for (const agg of s.pending) this.checkAggregate(agg, [s]);
    if (s.expected !== null && s.expected !== s.count) {
      this.addIssue(makeIssue('section-count-mismatch', { row: s.row, column: null, field: null }, { section: s.title, expected: s.expected, actual: s.count }));
    }
    if (level === 1) this.l1 = null;
    else this.l2 = null;
  }

  private onAggregate(row: SheetRow, scope: 'subtotal' | 'total', label: string): void {
    const agg: Aggregate = { row: row.rowNumber, label, kind: scope, stated: this.statedSums(row) };
    if (agg.stated.size === 0) return;
    const inner = this.l2 ?? this.l1;
    if (scope === 'subtotal') {
      if (this.sinceBoundary.count > 0) this.checkAggregate(agg, [this.sinceBoundary, ...(this.l2 ? [this.l2] : []), ...(this.l1 ? [this.l1] : [])]);
      else if (inner) inner.pending.push(agg);
      else this.pendingGrand.push(agg);
    } else if (this.grand.count === 0) {
      this.pendingGrand.push(agg);
    } else {
      this.checkAggregate(agg, [this.grand, ...(this.l1 ? [this.l1] : []), this.sinceBoundary]);
    }
    this.sinceBoundary = newScope();
  }

  /** Warn when a stated sum matches none of the plausible scopes (within rounding of its unit). */
  private checkAggregate(agg: Aggregate, scopes: readonly Scope[]): void {
    for (const m of aggregateMismatches(agg, scopes, this.moneyColumns)) this.addIssue(m);
  }
}

/** Parse a whole ledger (rows in sheet order). */
export async function parseLedger(rows: AsyncIterable<SheetRow> | Iterable<SheetRow>, opts: ParseLedgerOptions = {}): Promise<LedgerParseResult> {
  const parser = new LedgerParser(opts);
  for await (const row of rows) parser.push(row);
  return parser.finish();
}

/** The same, synchronously, for rows already in memory. */
export function parseLedgerRows(rows: Iterable<SheetRow>, opts: ParseLedgerOptions = {}): LedgerParseResult {
  const parser = new LedgerParser(opts);
  for (const row of rows) parser.push(row);
  return parser.finish();
}

/** Chinese label of a stage (for messages and previews). */
export function stageLabel(stage: LedgerStage | 'unknown'): string {
  return stage === 'unknown' ? '未知' : STAGE_ZH[stage];
}
