import { CREDIT_CODE_RE, PROJECT_CODE_RE } from '../schemas/projects.schema.js';
import type { LedgerDate } from './ledger-dates.js';
import type { LedgerStage, ProjectLevel, ProjectNature, ProjectType } from './ledger-enums.js';
import { fieldDef, type FieldKey, type FieldKind, type LedgerFieldDef } from './ledger-fields.js';
import type { LedgerColumn } from './ledger-header.js';
import type { LedgerPerson } from './ledger-people.js';
import { toHalfWidth } from './ledger-text.js';
import { UNIT_FACTORS, type LedgerUnit, type UnitDimension } from './ledger-units.js';

/**
 * The normalised values of one project row. Money is integer 元, land area integer hundredths of
 * 亩, floor area integer m², jobs an integer, the completion rate basis points, dates LedgerDate,
 * leaders/helpers LedgerPerson[], units string[]. A key is absent when its cell is blank or
 * unreadable (the issue list says which).
 */
export interface LedgerValues {
  code?: string;
  name?: string;
  level?: ProjectLevel;
  industry?: string;
  projectType?: ProjectType;
  nature?: ProjectNature;
  /** The stage column when it is readable, else the section's stage. */
  stage?: LedgerStage;
  builder?: string;
  builderCreditCode?: string;
  investor?: string;
  investorOrigin?: string;
  contactName?: string;
  contactPhone?: string;
  location?: string;
  /** 用地面积 in hundredths of 亩 (12.5 亩 → 1250). */
  landArea?: number;
  /** 建筑面积 in m² (rounded to whole square metres). */
  floorArea?: number;
  scale?: string;
  totalInvestment?: number;
  fixedAssetInvestment?: number;
  fundingSource?: string;
  annualPlanInvestment?: number;
  ytdInvestment?: number;
  sinceStartInvestment?: number;
  /** 年度投资完成率 in basis points (85% → 8500); only cross-checked, not a record field. */
  annualCompletionRate?: number;
  plannedSignDate?: LedgerDate;
  actualSignDate?: LedgerDate;
  plannedStartDate?: LedgerDate;
  actualStartDate?: LedgerDate;
  plannedCompletionDate?: LedgerDate;
  actualCompletionDate?: LedgerDate;
  plannedOperationDate?: LedgerDate;
  actualOperationDate?: LedgerDate;
  /** 统计入库 (the project entered the statistics system after its start). */
  statsEnteredDate?: LedgerDate;
  progressText?: string;
  outputValue?: number;
  taxRevenue?: number;
  jobs?: number;
  leader?: LedgerPerson[];
  leadUnit?: string[];
  supportingUnits?: string[];
  helper?: LedgerPerson[];
  problems?: string;
  remarks?: string;
  /** Hidden __version column of our own export. */
  version?: number;
  /** Hidden __id column of our own export. */
  id?: string;
}

/**
 * The collected values as a compact object: properties written by name, in one fixed order, so
 * V8 keeps every row in fast mode with shared hidden classes (an object grown by 20-odd keyed
 * stores falls back to a dictionary, several times larger and slower to collect — it matters at
 * 50 000 rows).
 */
export function compactValues(v: LedgerValues): LedgerValues {
  const o: LedgerValues = {};
  if (v.code !== undefined) o.code = v.code;
  if (v.name !== undefined) o.name = v.name;
  if (v.level !== undefined) o.level = v.level;
  if (v.industry !== undefined) o.industry = v.industry;
  if (v.projectType !== undefined) o.projectType = v.projectType;
  if (v.nature !== undefined) o.nature = v.nature;
  if (v.stage !== undefined) o.stage = v.stage;
  if (v.builder !== undefined) o.builder = v.builder;
  if (v.builderCreditCode !== undefined) o.builderCreditCode = v.builderCreditCode;
  if (v.investor !== undefined) o.investor = v.investor;
  if (v.investorOrigin !== undefined) o.investorOrigin = v.investorOrigin;
  if (v.contactName !== undefined) o.contactName = v.contactName;
  if (v.contactPhone !== undefined) o.contactPhone = v.contactPhone;
  if (v.location !== undefined) o.location = v.location;
  if (v.landArea !== undefined) o.landArea = v.landArea;
  if (v.floorArea !== undefined) o.floorArea = v.floorArea;
  if (v.scale !== undefined) o.scale = v.scale;
  if (v.totalInvestment !== undefined) o.totalInvestment = v.totalInvestment;
  if (v.fixedAssetInvestment !== undefined) o.fixedAssetInvestment = v.fixedAssetInvestment;
  if (v.fundingSource !== undefined) o.fundingSource = v.fundingSource;
  if (v.annualPlanInvestment !== undefined) o.annualPlanInvestment = v.annualPlanInvestment;
  if (v.ytdInvestment !== undefined) o.ytdInvestment = v.ytdInvestment;
  if (v.sinceStartInvestment !== undefined) o.sinceStartInvestment = v.sinceStartInvestment;
  if (v.annualCompletionRate !== undefined) o.annualCompletionRate = v.annualCompletionRate;
  if (v.plannedSignDate !== undefined) o.plannedSignDate = v.plannedSignDate;
  if (v.actualSignDate !== undefined) o.actualSignDate = v.actualSignDate;
  if (v.plannedStartDate !== undefined) o.plannedStartDate = v.plannedStartDate;
  if (v.actualStartDate !== undefined) o.actualStartDate = v.actualStartDate;
  if (v.plannedCompletionDate !== undefined) o.plannedCompletionDate = v.plannedCompletionDate;
  if (v.actualCompletionDate !== undefined) o.actualCompletionDate = v.actualCompletionDate;
  if (v.plannedOperationDate !== undefined) o.plannedOperationDate = v.plannedOperationDate;
  if (v.actualOperationDate !== undefined) o.actualOperationDate = v.actualOperationDate;
  if (v.statsEnteredDate !== undefined) o.statsEnteredDate = v.statsEnteredDate;
  if (v.progressText !== undefined) o.progressText = v.progressText;
  if (v.outputValue !== undefined) o.outputValue = v.outputValue;
  if (v.taxRevenue !== undefined) o.taxRevenue = v.taxRevenue;
  if (v.jobs !== undefined) o.jobs = v.jobs;
  if (v.leader !== undefined) o.leader = v.leader;
  if (v.leadUnit !== undefined) o.leadUnit = v.leadUnit;
  if (v.supportingUnits !== undefined) o.supportingUnits = v.supportingUnits;
  if (v.helper !== undefined) o.helper = v.helper;
  if (v.problems !== undefined) o.problems = v.problems;
  if (v.remarks !== undefined) o.remarks = v.remarks;
  if (v.version !== undefined) o.version = v.version;
  if (v.id !== undefined) o.id = v.id;
  return o;
}

export type ValueKey = keyof LedgerValues;
// Every value key is a field key (compile-time check).
const _valueKeysAreFields: ValueKey extends FieldKey ? true : never = true;
void _valueKeysAreFields;

/**
 * A mapped column flattened for conversion: one object shape for every column, so the per-cell
 * loop reads monomorphic properties instead of the varied field definitions.
 */
export interface ResolvedColumn {
  index: number;
  letter: string;
  field: FieldKey;
  kind: FieldKind;
  dimension: UnitDimension | null;
  enumOf: LedgerFieldDef['enumOf'] | null;
  auto: LedgerFieldDef['auto'] | null;
  maxLength: number;
  singleLine: boolean;
  label: string;
  labelEn: string;
  unit: LedgerUnit | null;
  /** The header (or the user) says the column is in %. */
  percentInHeader: boolean;
  /** Base units per one unit of the column (1 万元 → 10 000 元), for subtotal tolerances. */
  unitFactor: number;
}

const SINGLE_LINE = new Set<FieldKey>(['name', 'builder', 'investor', 'investorOrigin', 'location', 'industry', 'fundingSource', 'contactName', 'id', 'code', 'builderCreditCode']);

/** A header column → its conversion descriptor; null for unmapped and 序号 columns. */
export function resolveColumn(col: LedgerColumn): ResolvedColumn | null {
  if (!col.field) return null;
  const def = fieldDef(col.field);
  if (def.kind === 'seq') return null;
  const dimension = def.dimension ?? null;
  const factor = dimension && col.unit ? UNIT_FACTORS[dimension][col.unit] : undefined;
  return {
    index: col.index,
    letter: col.letter,
    field: col.field,
    kind: def.kind,
    dimension,
    enumOf: def.enumOf ?? null,
    auto: def.auto ?? null,
    maxLength: def.maxLength ?? Number.POSITIVE_INFINITY,
    singleLine: SINGLE_LINE.has(col.field),
    label: def.label,
    labelEn: def.labelEn,
    unit: col.unit,
    percentInHeader: col.unit === '%' && (col.unitSource === 'header' || col.unitSource === 'user'),
    unitFactor: factor ? Number(factor.num) / Number(factor.den) : 1,
  };
}

/**
 * 项目代码 (YYYY-RRRRRR-DD-TT-NNNNNN, 20 digits and 4 hyphens) and 统一社会信用代码 (18
 * characters) are checked with the project record's own patterns, so a dry run accepts exactly
 * what the record accepts. The 项目代码 check algorithm is not public: shape only.
 */
export { CREDIT_CODE_RE, PROJECT_CODE_RE };
const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** GB 32100-2015 check character of a 统一社会信用代码 (shape already valid). */
export function creditCodeChecksumOk(code: string): boolean {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CHARS.indexOf(code[i] ?? '') * (CREDIT_WEIGHTS[i] ?? 0);
  const expected = (31 - (sum % 31)) % 31;
  return CREDIT_CHARS[expected] === code[17];
}

/** "２０２６－３３０２０６－４４－０３－００１２３４" → "2026-330206-44-03-001234"; 20 bare digits get hyphens. */
export function normalizeProjectCode(text: string): string {
  if (PROJECT_CODE_RE.test(text)) return text;
  const t = toHalfWidth(text).toUpperCase().replace(/\s+/g, '').replace(/[—–_－‐]/g, '-');
  if (/^\d{20}$/.test(t)) return `${t.slice(0, 4)}-${t.slice(4, 10)}-${t.slice(10, 12)}-${t.slice(12, 14)}-${t.slice(14)}`;
  return t;
}
