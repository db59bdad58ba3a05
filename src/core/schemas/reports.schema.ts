import { z } from 'zod';
import { REPORT_STATUSES } from '../reports/report-rules.js';
import { stageSchema } from '../stages.js';
import { attachmentIdsSchema, attachmentRefSchema } from './attachments.schema.js';

/**
 * 进展填报 (progress reports): rounds opened per period (月报 by default, 周报 possible) with one
 * report per project in scope; the lead unit fills it, 项目办 accepts or returns it.
 */
export const roundKindSchema = z.enum(['monthly', 'weekly']);
export const reportStatusSchema = z.enum(REPORT_STATUSES);

export const REPORT_STATUS_LABELS: Record<(typeof REPORT_STATUSES)[number], { zh: string; en: string }> = {
  pending: { zh: '未填报', en: 'Not filled' },
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '已提交', en: 'Submitted' },
  returned: { zh: '已退回', en: 'Returned' },
  accepted: { zh: '已通过', en: 'Accepted' },
};

/** Problem categories a report may raise (the problems feature turns each into a 问题 item). */
export const PROBLEM_CATEGORIES = ['land', 'planning', 'utilities', 'funding', 'approval', 'demolition', 'other'] as const;
export const PROBLEM_CATEGORY_LABELS: Record<(typeof PROBLEM_CATEGORIES)[number], { zh: string; en: string }> = {
  // The zh names are the shipped 问题清单 categories, so an accepted report's problem files under the same one.
  land: { zh: '土地指标', en: 'Land quota' },
  planning: { zh: '土地规划调整', en: 'Land-use planning' },
  utilities: { zh: '水电气配套', en: 'Utilities' },
  funding: { zh: '资金', en: 'Funding' },
  approval: { zh: '审批手续', en: 'Approvals' },
  demolition: { zh: '征地拆迁', en: 'Demolition' },
  other: { zh: '其他', en: 'Other' },
};

const money = z.int({ error: '金额须为整数元 / amount must be whole 元' }).min(0, { error: '金额不能为负 / amount cannot be negative' }).max(9_000_000_000_000).nullable().describe('元 (integer)');

export const raisedProblemSchema = z.strictObject({
  category: z.enum(PROBLEM_CATEGORIES),
  description: z.string().trim().min(1, { error: '请描述问题 / describe the problem' }).max(1000),
});
export type RaisedProblem = z.infer<typeof raisedProblemSchema>;

export const openRoundSchema = z.strictObject({
  kind: roundKindSchema.default('monthly'),
  /** "2026-11" (monthly) or "2026-W48" (weekly); the current period when left out. */
  period: z.string().max(10).optional(),
  /** Overrides the default due date (YYYY-MM-DD). */
  dueDate: z.iso.date({ error: '截止日期格式应为 YYYY-MM-DD / due date must be YYYY-MM-DD' }).optional(),
});
export type OpenRoundInput = z.infer<typeof openRoundSchema>;

/** 填报计划: whether a weekly round (周报) opens by itself each week; the monthly one always does. */
export const reportScheduleInputSchema = z.strictObject({
  weekly: z.boolean({ error: '请选择是否自动开启周报 / weekly must be true or false' }),
});
export type ReportScheduleInput = z.infer<typeof reportScheduleInputSchema>;
export const reportScheduleSchema = z.object({ weekly: z.boolean(), version: z.number().int() });
export type ReportSchedule = z.infer<typeof reportScheduleSchema>;

export const roundSchema = z.object({
  id: z.string(),
  kind: roundKindSchema,
  period: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  dueDate: z.string(),
  createdAt: z.string(),
  reportCount: z.number().int(),
});
export type Round = z.infer<typeof roundSchema>;

/** One unit's standing in a round: 已提交 (on time), 逾期 (late), 缺报 (missing). */
export const unitSummarySchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  total: z.number().int(),
  pending: z.number().int(),
  draft: z.number().int(),
  submitted: z.number().int(),
  returned: z.number().int(),
  accepted: z.number().int(),
  late: z.number().int(),
  missing: z.number().int(),
});
export type UnitSummary = z.infer<typeof unitSummarySchema>;
export const roundDetailSchema = roundSchema.extend({ units: z.array(unitSummarySchema) });
export type RoundDetail = z.infer<typeof roundDetailSchema>;

export const reportInputSchema = z
  .strictObject({
    investment: money.default(null),
    investmentCivil: money.default(null),
    investmentEquipment: money.default(null),
    investmentOther: money.default(null),
    progressText: z.string().trim().max(2000).default(''),
    nextSteps: z.string().trim().max(2000).default(''),
    problemsRaised: z.array(raisedProblemSchema).max(20).default([]),
    /** Photos uploaded beforehand (POST /api/attachments?image=true), added to the report's photos. */
    attachmentIds: attachmentIdsSchema.default([]),
    /** Save as draft, or submit for review. */
    submit: z.boolean().default(false),
  })
  .refine((r) => ![r.investmentCivil, r.investmentEquipment, r.investmentOther].some((p) => p !== null) || r.investment === [r.investmentCivil, r.investmentEquipment, r.investmentOther].reduce<number>((a, b) => a + (b ?? 0), 0), {
    path: ['investment'],
    error: '土建、设备、其他之和须等于本月完成投资 / civil + equipment + other must equal the month’s investment',
  })
  .refine((r) => !r.submit || r.progressText.length > 0, { path: ['progressText'], error: '提交前请填写形象进度 / describe the progress before submitting' });
// "Investment required on submit" depends on the round's kind (a 周报 has none), so the service checks it.
export type ReportInput = z.infer<typeof reportInputSchema>;

export const returnReportSchema = z.strictObject({
  reason: z.string().trim().min(2, { error: '请写明退回原因 / give the reason for returning it' }).max(1000),
});

export const cumulativeSchema = z.object({ ytd: z.number(), sinceStart: z.number(), annualRate: z.number().nullable() });

export const reportSchema = z.object({
  id: z.string(),
  roundId: z.string(),
  kind: roundKindSchema,
  period: z.string(),
  dueDate: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  projectStage: stageSchema,
  annualPlanInvestment: z.number().nullable(),
  unitId: z.string(),
  unitName: z.string(),
  status: reportStatusSchema,
  late: z.boolean(),
  missing: z.boolean(),
  investment: z.number().nullable(),
  investmentCivil: z.number().nullable(),
  investmentEquipment: z.number().nullable(),
  investmentOther: z.number().nullable(),
  progressText: z.string().nullable(),
  nextSteps: z.string().nullable(),
  problemsRaised: z.array(raisedProblemSchema),
  returnReason: z.string().nullable(),
  submittedAt: z.string().nullable(),
  submittedByName: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewedByName: z.string().nullable(),
  photos: z.array(attachmentRefSchema),
  /** Cumulative figures as of this report's period, from accepted monthly reports (this one counted once accepted). */
  cumulative: cumulativeSchema,
  version: z.number().int(),
  updatedAt: z.string(),
});
export type Report = z.infer<typeof reportSchema>;

export const reportListItemSchema = reportSchema.omit({ photos: true, cumulative: true, problemsRaised: true, nextSteps: true }).extend({ photoCount: z.number().int(), problemCount: z.number().int() });
export type ReportListItem = z.infer<typeof reportListItemSchema>;

export const reportsQuerySchema = z.strictObject({
  round: z.string().max(64).optional(),
  unit: z.string().max(64).optional(),
  status: reportStatusSchema.optional(),
  /** Only reports the caller's unit must fill (进展填报 page). */
  mine: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ReportsQuery = z.infer<typeof reportsQuerySchema>;
export const reportListSchema = z.object({ items: z.array(reportListItemSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

/** A project's 进展 tab: every report, newest first, with the figures now. */
export const projectReportsSchema = z.object({
  projectId: z.string(),
  annualPlanInvestment: z.number().nullable(),
  cumulative: cumulativeSchema,
  items: z.array(reportListItemSchema.extend({ progressText: z.string().nullable(), cumulative: cumulativeSchema })),
});
export type ProjectReports = z.infer<typeof projectReportsSchema>;
