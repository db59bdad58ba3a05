import type { MessageKey } from '../../i18n/i18n.js';

/**
 * Labels of the project record's fields (and of the named references the API adds), for the
 * overview, the change history and the form. Keys are the API's field names.
 */
export const FIELD_LABELS: Record<string, MessageKey> = {
  code: 'projects.f.code',
  name: 'projects.f.name',
  level: 'projects.f.level',
  industry: 'projects.f.industry',
  projectType: 'projects.f.projectType',
  nature: 'projects.f.nature',
  stage: 'projects.f.stage',
  suspended: 'projects.f.suspended',
  builder: 'projects.f.builder',
  builderCreditCode: 'projects.f.builderCreditCode',
  investor: 'projects.f.investor',
  investorOrigin: 'projects.f.investorOrigin',
  contactName: 'projects.f.contactName',
  contactPhone: 'projects.f.contactPhone',
  location: 'projects.f.location',
  landArea: 'projects.f.landArea',
  floorArea: 'projects.f.floorArea',
  scale: 'projects.f.scale',
  totalInvestment: 'projects.f.totalInvestment',
  fixedAssetInvestment: 'projects.f.fixedAssetInvestment',
  fundingSource: 'projects.f.fundingSource',
  annualPlanInvestment: 'projects.f.annualPlanInvestment',
  ytdInvestment: 'projects.f.ytdInvestment',
  sinceStartInvestment: 'projects.f.sinceStartInvestment',
  plannedSignDate: 'projects.f.plannedSignDate',
  actualSignDate: 'projects.f.actualSignDate',
  plannedStartDate: 'projects.f.plannedStartDate',
  actualStartDate: 'projects.f.actualStartDate',
  plannedCompletionDate: 'projects.f.plannedCompletionDate',
  actualCompletionDate: 'projects.f.actualCompletionDate',
  plannedOperationDate: 'projects.f.plannedOperationDate',
  actualOperationDate: 'projects.f.actualOperationDate',
  statsEnteredDate: 'projects.f.statsEnteredDate',
  progressText: 'projects.f.progressText',
  outputValue: 'projects.f.outputValue',
  taxRevenue: 'projects.f.taxRevenue',
  jobs: 'projects.f.jobs',
  leadUnitId: 'projects.f.leadUnit',
  leadUnitName: 'projects.f.leadUnit',
  unitId: 'projects.f.leadUnit',
  supportingUnitIds: 'projects.f.supportingUnits',
  supportingUnits: 'projects.f.supportingUnits',
  leaderUserId: 'projects.f.leader',
  leader: 'projects.f.leader',
  leaderName: 'projects.f.leader',
  helperUserId: 'projects.f.helper',
  helper: 'projects.f.helper',
  teamUserIds: 'projects.f.team',
  team: 'projects.f.team',
  extra: 'projects.f.extra',
  archived: 'projects.f.archived',
  archivedReason: 'projects.f.archivedReason',
  dropReason: 'projects.f.dropReason',
  updatedAt: 'projects.f.updatedAt',
};

/** Money fields (integer 元): shown in 万元. */
export const MONEY_FIELDS = ['totalInvestment', 'fixedAssetInvestment', 'annualPlanInvestment', 'ytdInvestment', 'sinceStartInvestment', 'outputValue', 'taxRevenue'] as const;
export type MoneyField = (typeof MONEY_FIELDS)[number];

export const DATE_FIELDS = [
  'plannedSignDate',
  'actualSignDate',
  'plannedStartDate',
  'actualStartDate',
  'plannedCompletionDate',
  'actualCompletionDate',
  'plannedOperationDate',
  'actualOperationDate',
  'statsEnteredDate',
] as const;
export type DateField = (typeof DATE_FIELDS)[number];

export const isMoneyField = (key: string): key is MoneyField => (MONEY_FIELDS as readonly string[]).includes(key);
