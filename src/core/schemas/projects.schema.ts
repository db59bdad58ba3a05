import { LIGHT_COLORS } from '../lights/light-rules.js';
import { z } from 'zod';
import { stageSchema } from '../stages.js';
import { attachmentIdsSchema, attachmentRefSchema } from './attachments.schema.js';
import { isCalendarDate, pageQuerySchema } from './common.schema.js';

type Bilingual = { zh: string; en: string };
const chineseOf = <K extends string>(names: Record<K, Bilingual>) => Object.fromEntries(Object.entries<Bilingual>(names).map(([k, v]) => [k, v.zh])) as Record<K, string>;

/** 项目级别. */
export const PROJECT_LEVELS = ['national', 'provincial', 'city', 'county', 'zone'] as const;
export const LEVEL_NAMES: Record<(typeof PROJECT_LEVELS)[number], Bilingual> = {
  national: { zh: '国家重点', en: 'National key' },
  provincial: { zh: '省重点', en: 'Provincial key' },
  city: { zh: '市重点', en: 'City key' },
  county: { zh: '县重点', en: 'County key' },
  zone: { zh: '园区重点', en: 'Zone key' },
};
/** 项目类型. */
export const PROJECT_TYPES = ['industrial', 'infrastructure', 'livelihood', 'social', 'service', 'agriculture', 'other'] as const;
export const PROJECT_TYPE_NAMES: Record<(typeof PROJECT_TYPES)[number], Bilingual> = {
  industrial: { zh: '产业项目', en: 'Industrial' },
  infrastructure: { zh: '基础设施', en: 'Infrastructure' },
  livelihood: { zh: '民生项目', en: 'Livelihood' },
  social: { zh: '社会事业', en: 'Social' },
  service: { zh: '服务业', en: 'Services' },
  agriculture: { zh: '农业', en: 'Agriculture' },
  other: { zh: '其他', en: 'Other' },
};
/** 建设性质. */
export const NATURES = ['new', 'expansion', 'renovation', 'relocation', 'restoration', 'purchase'] as const;
export const NATURE_NAMES: Record<(typeof NATURES)[number], Bilingual> = {
  new: { zh: '新建', en: 'New' },
  expansion: { zh: '扩建', en: 'Expansion' },
  renovation: { zh: '改建（技改）', en: 'Renovation' },
  relocation: { zh: '迁建', en: 'Relocation' },
  restoration: { zh: '恢复', en: 'Restoration' },
  purchase: { zh: '单纯购置', en: 'Purchase only' },
};
/** The Chinese labels alone, as the office's Excel ledger writes them. */
export const LEVEL_LABELS = chineseOf(LEVEL_NAMES);
export const PROJECT_TYPE_LABELS = chineseOf(PROJECT_TYPE_NAMES);
export const NATURE_LABELS = chineseOf(NATURE_NAMES);

/** 项目代码: YYYY-RRRRRR-DD-TT-NNNNNN, 24 characters (the check digit's algorithm is not public: shape only). */
export const PROJECT_CODE_RE = /^\d{4}-\d{6}-\d{2}-\d{2}-\d{6}$/;
/** 统一社会信用代码: 18 characters. */
export const CREDIT_CODE_RE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
/** A planned date may be a month ("2026-06") or a day; actual dates too (ledgers often only know the month). */
export const LEDGER_DATE_RE = /^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/;

const money = z.int().min(0).max(9_000_000_000_000_000).nullable().describe('元 (integer)');
const ledgerDate = z
  .string()
  .regex(LEDGER_DATE_RE, { error: '日期格式应为 2026-06 或 2026-06-15 / date must be YYYY-MM or YYYY-MM-DD' })
  .refine((v) => v.length === 7 || isCalendarDate(v), { error: '日期不存在（如 2 月 30 日）/ no such day (e.g. 30 February)' })
  .nullable();
const text = (max: number) => z.string().trim().max(max).nullable();

/** The editable fields of a project (项目台账 columns, domain.md §1). Money in 元, land in 亩. */
export const projectFieldsSchema = z.strictObject({
  code: z.string().trim().regex(PROJECT_CODE_RE, { error: '项目代码应为 24 位：YYYY-RRRRRR-DD-TT-NNNNNN / project code must look like 2026-330000-04-01-123456' }).nullable(),
  name: z.string().trim().min(1, { error: '请填写项目名称 / name is required' }).max(200),
  level: z.enum(PROJECT_LEVELS).nullable(),
  industry: text(50),
  projectType: z.enum(PROJECT_TYPES).nullable(),
  nature: z.enum(NATURES).nullable(),
  builder: text(200),
  builderCreditCode: z.string().trim().toUpperCase().regex(CREDIT_CODE_RE, { error: '统一社会信用代码应为 18 位 / credit code must be 18 characters' }).nullable(),
  investor: text(200),
  investorOrigin: text(100),
  contactName: text(50),
  contactPhone: text(50),
  location: text(200),
  /** 用地面积, 亩 (two decimals kept). */
  landArea: z.number().min(0).max(1_000_000).nullable(),
  /** 建筑面积, m². */
  floorArea: z.int().min(0).max(100_000_000).nullable(),
  scale: text(2000),
  totalInvestment: money,
  fixedAssetInvestment: money,
  fundingSource: text(200),
  annualPlanInvestment: money,
  ytdInvestment: money,
  /** 开工以来累计完成投资. */
  sinceStartInvestment: money,
  plannedSignDate: ledgerDate,
  actualSignDate: ledgerDate,
  plannedStartDate: ledgerDate,
  actualStartDate: ledgerDate,
  plannedCompletionDate: ledgerDate,
  actualCompletionDate: ledgerDate,
  plannedOperationDate: ledgerDate,
  actualOperationDate: ledgerDate,
  /** 统计入库 date (the statistics light rule reads it). */
  statsEnteredDate: ledgerDate,
  progressText: text(4000),
  outputValue: money,
  taxRevenue: money,
  jobs: z.int().min(0).max(10_000_000).nullable(),
  suspended: z.boolean(),
  /** 责任单位 (lead unit): the project's owning unit and data-scope key. */
  leadUnitId: z.string().min(1),
  /** 配合单位. */
  supportingUnitIds: z.array(z.string().min(1)).max(50),
  /** 包挂领导. */
  leaderUserId: z.string().min(1).nullable(),
  /** 项目管家 / 帮办专员. */
  helperUserId: z.string().min(1).nullable(),
  /** 专班 members. */
  teamUserIds: z.array(z.string().min(1)).max(50),
  /** Deployment-defined extra fields, by key. */
  extra: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
});
export type ProjectFields = z.infer<typeof projectFieldsSchema>;

/** Creating: name and lead unit are required, everything else optional; a stage may be given. */
export const createProjectSchema = projectFieldsSchema.partial().extend({
  name: projectFieldsSchema.shape.name,
  leadUnitId: projectFieldsSchema.shape.leadUnitId,
  stage: stageSchema.optional(),
});
export type CreateProjectInput = z.infer<typeof createProjectSchema>;
export const updateProjectSchema = projectFieldsSchema.partial();
export type UpdateProjectInput = z.infer<typeof updateProjectSchema>;

export const personRefSchema = z.object({ id: z.string(), name: z.string(), title: z.string().nullable() }).nullable();

/** 项目: one row of the ledger, as the API returns it. */
export const projectSchema = projectFieldsSchema.extend({
  id: z.string(),
  stage: stageSchema,
  stageChangedAt: z.string(),
  dropReason: z.string().nullable(),
  leadUnitName: z.string(),
  supportingUnits: z.array(z.object({ id: z.string(), name: z.string() })),
  leader: personRefSchema,
  helper: personRefSchema,
  team: z.array(z.object({ id: z.string(), name: z.string(), title: z.string().nullable() })),
  archived: z.boolean(),
  archivedReason: z.string().nullable(),
  /** This month's light (亮灯), null before the first computation or for a dropped project. */
  light: z.enum(LIGHT_COLORS).nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Project = z.infer<typeof projectSchema>;

/** The compact row the ledger table and kanban show. */
export const projectListItemSchema = projectSchema.pick({
  id: true,
  code: true,
  name: true,
  level: true,
  industry: true,
  projectType: true,
  stage: true,
  suspended: true,
  builder: true,
  location: true,
  totalInvestment: true,
  annualPlanInvestment: true,
  ytdInvestment: true,
  sinceStartInvestment: true,
  plannedStartDate: true,
  actualStartDate: true,
  plannedOperationDate: true,
  progressText: true,
  leadUnitId: true,
  leadUnitName: true,
  leaderUserId: true,
  extra: true,
  archived: true,
  light: true,
  version: true,
  updatedAt: true,
}).extend({ leaderName: z.string().nullable() });
export type ProjectListItem = z.infer<typeof projectListItemSchema>;

export const PROJECT_SORTS = ['name', 'totalInvestment', 'updatedAt', 'plannedStartDate', 'stage', 'code'] as const;

export const listProjectsQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(50).optional(),
  stage: z.union([stageSchema, z.array(stageSchema)]).optional(),
  industry: z.string().max(50).optional(),
  level: z.enum(PROJECT_LEVELS).optional(),
  projectType: z.enum(PROJECT_TYPES).optional(),
  unitId: z.string().optional(),
  leaderUserId: z.string().optional(),
  /** Projects whose planned or actual start falls in this year. */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  suspended: z.enum(['true', 'false']).optional(),
  light: z.enum(LIGHT_COLORS).optional(),
  archived: z.enum(['true', 'false', 'all']).default('false'),
  /** Filter on one extra field: its key and the value (compared as text). */
  extraKey: z.string().regex(/^[a-zA-Z0-9]{1,40}$/).optional(),
  extraValue: z.string().max(100).optional(),
  sort: z.enum(PROJECT_SORTS).default('updatedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type ListProjectsQuery = z.infer<typeof listProjectsQuerySchema>;

export const transitionSchema = z.strictObject({
  to: stageSchema,
  /** The business date of the change (签约日期, 开工日期 …); defaults to today. */
  date: z.iso.date().optional(),
  note: z.string().trim().max(2000).optional(),
  /** Required when moving back, dropping or reviving. */
  reason: z.string().trim().max(2000).optional(),
  /** Evidence files (凭证) uploaded beforehand by the same user (POST /api/attachments), linked to the stage event. */
  attachmentIds: attachmentIdsSchema.optional(),
});
export type TransitionInput = z.infer<typeof transitionSchema>;

/**
 * A transition's answer: the project as moved, and the open milestone of its plan that marks
 * the new stage (null when none), which the web offers to complete with the same date.
 */
export const transitionResultSchema = projectSchema.extend({
  milestoneOffer: z.object({ milestoneId: z.string(), name: z.string(), version: z.number(), date: z.string() }).nullable(),
});
export type TransitionResult = z.infer<typeof transitionResultSchema>;

export const stageEventSchema = z.object({
  id: z.string(),
  fromStage: stageSchema.nullable(),
  toStage: stageSchema,
  date: z.string(),
  note: z.string().nullable(),
  reason: z.string().nullable(),
  byUserId: z.string().nullable(),
  byName: z.string().nullable(),
  createdAt: z.string(),
  /** Evidence files of this change. */
  attachments: z.array(attachmentRefSchema),
});
export type StageEvent = z.infer<typeof stageEventSchema>;

export const archiveSchema = z.strictObject({ reason: z.string().trim().min(1, { error: '请填写归档原因 / a reason is required' }).max(500) });
