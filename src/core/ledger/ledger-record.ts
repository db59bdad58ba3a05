import type { LedgerValues } from './ledger-values.js';

/**
 * The project record's columns a ledger row fills by itself (names — units, leaders, helpers —
 * are resolved by the import service against the database). Dates are stored as their value
 * ("2026-03" or "2026-03-15"); 用地面积 as hundredths of a 亩.
 */
export const PLAIN_FIELDS = [
  'code', 'name', 'level', 'industry', 'projectType', 'nature', 'builder', 'builderCreditCode', 'investor', 'investorOrigin', 'contactName', 'contactPhone',
  'location', 'floorArea', 'scale', 'totalInvestment', 'fixedAssetInvestment', 'fundingSource', 'annualPlanInvestment', 'ytdInvestment', 'sinceStartInvestment', 'progressText',
  'outputValue', 'taxRevenue', 'jobs',
] as const;
export const DATE_FIELDS = [
  'plannedSignDate', 'actualSignDate', 'plannedStartDate', 'actualStartDate', 'plannedCompletionDate', 'actualCompletionDate', 'plannedOperationDate', 'actualOperationDate', 'statsEnteredDate',
] as const;
/** Every record column recordColumnsOf() may fill. */
export const RECORD_COLUMNS = [...PLAIN_FIELDS, ...DATE_FIELDS, 'landAreaCentimu'] as const;

export type RecordValues = { [K in (typeof PLAIN_FIELDS)[number]]?: LedgerValues[K] } & { [K in (typeof DATE_FIELDS)[number]]?: string } & { landAreaCentimu?: number };

export function recordColumnsOf(values: LedgerValues): RecordValues {
  const cols: RecordValues = {};
  for (const f of PLAIN_FIELDS) if (values[f] !== undefined) (cols as Record<string, unknown>)[f] = values[f];
  for (const f of DATE_FIELDS) if (values[f] !== undefined) cols[f] = values[f]!.value;
  if (values.landArea !== undefined) cols.landAreaCentimu = values.landArea;
  return cols;
}
