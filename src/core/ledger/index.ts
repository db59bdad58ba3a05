/**
 * The Excel ledger (台账) import rules: header detection, row classification, value parsing and
 * the dry-run issue list. Pure; the streaming reader is src/xlsx/xlsx-reader.ts.
 */
export { parseLedger, parseLedgerRows, LedgerParser, stageLabel } from './ledger-parse.js';
export type { ParseLedgerOptions, ParsedRow, LedgerParseResult } from './ledger-parse.js';
export { detectHeader, applyMapping, matchHeaderText } from './ledger-header.js';
export type { LedgerHeader, LedgerColumn, ColumnMapping, UnitOverrides } from './ledger-header.js';
export { LEDGER_FIELDS, FIELD_KEYS, fieldDef, isFieldKey } from './ledger-fields.js';
export type { FieldKey, FieldKind, LedgerFieldDef, DateKey } from './ledger-fields.js';
export { ISSUE_CODES } from './ledger-issues.js';
export type { LedgerIssue, IssueCode } from './ledger-issues.js';
export { LEDGER_STAGES } from './ledger-enums.js';
export type { LedgerStage, ProjectLevel, ProjectType, ProjectNature } from './ledger-enums.js';
export type { LedgerValues, ValueKey } from './ledger-values.js';
export { PROJECT_CODE_RE, CREDIT_CODE_RE } from './ledger-values.js';
export type { LedgerDate } from './ledger-dates.js';
export { parseLedgerDate } from './ledger-dates.js';
export type { LedgerPerson } from './ledger-people.js';
export { parseQuantity, parsePercent } from './ledger-numbers.js';
export type { LedgerUnit } from './ledger-units.js';
export type { CellValue, SheetRow } from './ledger-text.js';
export type { ExtraValues } from './ledger-extra.js';
