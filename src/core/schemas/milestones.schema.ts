import { z } from 'zod';
import { isoDateSchema as isoDate } from './common.schema.js';
import { stageSchema } from '../stages.js';
import { attachmentIdsSchema, attachmentRefSchema } from './attachments.schema.js';
import { listProjectsQuerySchema } from './projects.schema.js';

/** 节点类型: approval (手续审批), construction (建设), production (投产达产). */
export const MILESTONE_KINDS = ['approval', 'construction', 'production'] as const;
export const milestoneKindSchema = z.enum(MILESTONE_KINDS);
export type MilestoneKind = z.infer<typeof milestoneKindSchema>;

const code = z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, { error: '节点代码只能含小写字母、数字和连字符 / node code: lowercase letters, digits and hyphens' });

/** One node of a milestone template (节点模板中的一个节点). */
export const templateNodeSchema = z.object({
  code,
  name: z.string().trim().min(1).max(40),
  kind: milestoneKindSchema,
  /** Who usually does it, as a unit name or part of one (e.g. 自然资源和规划局); blank = the project's lead unit. */
  ownerUnitHint: z.string().trim().max(40).nullable().default(null),
  /** Planned length in working days (0 for an event such as 签约 or 开工). */
  durationDays: z.number().int().min(0).max(1000),
  /** Codes of the nodes that must finish first (前置依赖). */
  dependsOn: z.array(code).max(20).default([]),
  /** Nodes sharing a group start together (并联审批). */
  parallelGroup: z.string().trim().max(40).nullable().default(null),
  /** Statutory limit on the node itself, in working days (e.g. 环评报告书 60). */
  statutoryDays: z.number().int().min(1).max(1000).nullable().default(null),
  /** Must happen within this many calendar months after another node (施工许可证 → 开工: 3). */
  within: z.object({ after: code, months: z.number().int().min(1).max(60) }).nullable().default(null),
  statutoryNote: z.string().trim().max(200).nullable().default(null),
  /** The project stage this node marks (完成 开工 → 开工 stage). */
  stage: stageSchema.nullable().default(null),
});
export type TemplateNode = z.infer<typeof templateNodeSchema>;
export type TemplateNodeInput = z.input<typeof templateNodeSchema>;

export const templateInputSchema = z.object({
  name: z.string().trim().min(1).max(60),
  description: z.string().trim().max(500).nullable().default(null),
  /** Which node the anchor date is (签约 for industrial projects, 立项 for infrastructure). */
  anchorCode: code,
  nodes: z.array(templateNodeSchema).min(1).max(60),
});
export type TemplateInput = z.infer<typeof templateInputSchema>;

export const MILESTONE_STATUSES = ['not-started', 'in-progress', 'done', 'overdue'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];
export const MILESTONE_STATUS_LABELS: Record<MilestoneStatus, { zh: string; en: string }> = {
  'not-started': { zh: '未开始', en: 'Not started' },
  'in-progress': { zh: '进行中', en: 'In progress' },
  done: { zh: '已完成', en: 'Done' },
  overdue: { zh: '逾期', en: 'Overdue' },
};

export { isoDate as isoDateSchema };

// ---- API shapes ----

export const milestoneSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  seq: z.number(),
  code: z.string(),
  name: z.string(),
  kind: milestoneKindSchema,
  dependsOn: z.array(z.string()),
  parallelGroup: z.string().nullable(),
  durationDays: z.number(),
  statutoryDays: z.number().nullable(),
  statutoryNote: z.string().nullable(),
  stage: stageSchema.nullable(),
  plannedStart: z.string(),
  plannedEnd: z.string(),
  baselineStart: z.string().nullable(),
  baselineEnd: z.string().nullable(),
  startedOn: z.string().nullable(),
  actualDate: z.string().nullable(),
  status: z.enum(MILESTONE_STATUSES),
  /** Working days late (done late, or overdue now); 0 when on time. */
  daysLate: z.number(),
  ownerUnitId: z.string().nullable(),
  ownerUnitName: z.string().nullable(),
  ownerUserId: z.string().nullable(),
  ownerUserName: z.string().nullable(),
  note: z.string().nullable(),
  /** Evidence files (办结材料), oldest first. */
  attachments: z.array(attachmentRefSchema),
  /** How many times the approved plan was moved. */
  replans: z.number(),
  version: z.number(),
  updatedAt: z.string(),
});
export type Milestone = z.infer<typeof milestoneSchema>;

export const planWarningSchema = z.object({ code: z.string(), kind: z.enum(['statutory-days', 'within', 'dependency-order']), zh: z.string(), en: z.string() });

export const projectPlanSchema = z.object({
  projectId: z.string(),
  plan: z
    .object({ templateId: z.string().nullable(), templateName: z.string(), anchorDate: z.string(), approvedAt: z.string().nullable(), approvedBy: z.string().nullable(), version: z.number() })
    .nullable(),
  milestones: z.array(milestoneSchema),
  warnings: z.array(planWarningSchema),
  /** The server's business date (China time): statuses are computed against it, not the browser's clock. */
  today: z.string(),
});
export type ProjectPlan = z.infer<typeof projectPlanSchema>;

export const applyPlanSchema = z.object({
  templateId: z.string().min(1),
  anchorDate: isoDate,
  /** Replace an existing draft plan (an approved plan is never replaced). */
  replace: z.boolean().default(false),
});

const reason = z.string().trim().min(2, { error: '请填写调整原因（至少 2 个字）/ give a reason (at least 2 characters)' }).max(500);

export const updateMilestoneSchema = z
  .object({
    plannedStart: isoDate.optional(),
    plannedEnd: isoDate.optional(),
    /** Required when the plan is approved and a planned date moves (计划调整须说明原因). */
    reason: reason.optional(),
    ownerUnitId: z.string().nullable().optional(),
    ownerUserId: z.string().nullable().optional(),
    startedOn: isoDate.nullable().optional(),
    note: z.string().trim().max(2000).nullable().optional(),
    /** More evidence files, uploaded beforehand (POST /api/attachments). */
    attachmentIds: attachmentIdsSchema.optional(),
  })
  .refine((v) => !v.plannedStart || !v.plannedEnd || v.plannedStart <= v.plannedEnd, { error: '计划开始不能晚于计划完成 / the planned start cannot be after the planned end', path: ['plannedEnd'] });
export type UpdateMilestoneInput = z.infer<typeof updateMilestoneSchema>;

export const completeMilestoneSchema = z.object({
  actualDate: isoDate,
  note: z.string().trim().max(2000).nullable().default(null),
  /** Evidence files uploaded beforehand (POST /api/attachments), linked with the completion. */
  attachmentIds: attachmentIdsSchema.default([]),
});

export const milestoneChangeSchema = z.object({
  id: z.string(),
  milestoneId: z.string(),
  fromStart: z.string(),
  fromEnd: z.string(),
  toStart: z.string(),
  toEnd: z.string(),
  reason: z.string(),
  byName: z.string().nullable(),
  createdAt: z.string(),
});

export const templateSchema = templateInputSchema.extend({ id: z.string(), shippedKey: z.string().nullable(), archived: z.boolean(), version: z.number(), updatedAt: z.string() });
export type Template = z.infer<typeof templateSchema>;

export const calendarDaySchema = z.object({ date: z.string(), kind: z.enum(['holiday', 'workday']), name: z.string(), provisional: z.boolean() });
export const setCalendarDaySchema = z.object({ kind: z.enum(['holiday', 'workday', 'normal']), name: z.string().trim().max(40).default('') });

// ---- 批量生成计划 (apply a template to many projects) ----

/** Most plans one batch request may generate (a county's or a city's ledger; a province pages). */
export const BATCH_PLAN_MAX = 5000;
/** Projects written per transaction: a crash loses at most one page, and locks stay short. */
export const BATCH_PLAN_PAGE = 500;
/** How many skipped projects the answer names (the counts are always complete). */
export const BATCH_SKIPPED_SHOWN = 100;

/** The ledger's filters, as GET /api/projects takes them (without paging and sorting). */
export const batchFiltersSchema = listProjectsQuerySchema.omit({ page: true, pageSize: true, sort: true, order: true });

export const batchApplySchema = z
  .object({
    templateId: z.string().min(1),
    /** 'sign-date': each project's signing date (actual, else planned); 'date': one given date for all. */
    anchor: z.enum(['sign-date', 'date']),
    /** The date for 'date'; with 'sign-date', the date used for projects without a signing date (else they are skipped). */
    anchorDate: isoDate.nullable().default(null),
    /** Which projects: these ids, or else every project the filters match (within the caller's scope). */
    projectIds: z.array(z.string().min(1).max(64)).min(1).max(BATCH_PLAN_MAX).optional(),
    filters: batchFiltersSchema.default({ archived: 'false' }),
    /** Count only: what would be generated and skipped, nothing written. */
    dryRun: z.boolean().default(false),
  })
  .refine((v) => v.anchor !== 'date' || !!v.anchorDate, { error: '请选择起算日期 / choose the anchor date', path: ['anchorDate'] });
export type BatchApplyInput = z.infer<typeof batchApplySchema>;

export const BATCH_SKIP_REASONS = ['has-plan', 'no-anchor', 'dropped'] as const;
export const batchApplyResultSchema = z.object({
  dryRun: z.boolean(),
  /** Projects the selection matched (visible to the caller, not archived). */
  matched: z.number(),
  /** Plans generated (or, in a dry run, that would be). */
  generated: z.number(),
  skippedHasPlan: z.number(),
  skippedNoAnchor: z.number(),
  skippedDropped: z.number(),
  /** More than BATCH_PLAN_MAX plans would be generated: narrow the filters (nothing is written). */
  tooMany: z.boolean(),
  limit: z.number(),
  /** Transactions written (one per page of BATCH_PLAN_PAGE projects). */
  batches: z.number(),
  /** The first skipped projects, with why. */
  skipped: z.array(z.object({ id: z.string(), name: z.string(), reason: z.enum(BATCH_SKIP_REASONS) })),
});
export type BatchApplyResult = z.infer<typeof batchApplyResultSchema>;
