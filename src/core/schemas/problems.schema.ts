import { z } from 'zod';
import { ACTION_ITEM_STATUSES, ACTION_SOURCE_KINDS } from '../dispatch/action-items.js';
import { MAX_LADDER_LEVELS, RECIPIENT_KINDS } from '../dispatch/escalation.js';
import { PROBLEM_STATUSES, PROBLEM_VIEWS } from '../dispatch/problems.js';
import { attachmentIdsSchema, attachmentRefSchema } from './attachments.schema.js';
import { idSchema } from './common.schema.js';
import { isoDateSchema } from './milestones.schema.js';

/**
 * API shapes of 问题清单 (problems) and 督办事项 (action items), and the two settings they share:
 * the problem categories and the escalation ladder.
 */
export const problemStatusSchema = z.enum(PROBLEM_STATUSES);
const text = (max: number, zh: string, en: string) => z.string().trim().min(1, { error: `请填写${zh} / ${en} is required` }).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullish().transform((v) => v || null);

export const problemInputSchema = z.strictObject({
  /** A project's problem, or — without one — a whole zone's (scopeUnitId). */
  projectId: idSchema.nullish().transform((v) => v ?? null),
  scopeUnitId: idSchema.nullish().transform((v) => v ?? null),
  category: text(40, '问题类别', 'category'),
  description: text(2000, '问题描述', 'description'),
  raisedBy: optionalText(60),
  leaderId: idSchema.nullish().transform((v) => v ?? null),
  unitId: idSchema,
  ownerUserId: idSchema.nullish().transform((v) => v ?? null),
  supportingUnitIds: z.array(idSchema).max(20).default([]),
  deadline: isoDateSchema,
});
export type ProblemInput = z.infer<typeof problemInputSchema>;
export const problemPatchSchema = problemInputSchema.omit({ projectId: true, scopeUnitId: true }).partial();
export type ProblemPatch = z.infer<typeof problemPatchSchema>;

export const noteSchema = z.strictObject({ note: z.string().trim().max(2000).optional() });
export const reasonSchema = z.strictObject({ reason: text(2000, '理由', 'a reason') });
export const proofSchema = z.strictObject({ note: text(2000, '办理情况说明', 'a note'), attachmentIds: attachmentIdsSchema.default([]) });
export const superviseSchema = z.strictObject({
  title: optionalText(200),
  deadline: isoDateSchema.optional(),
  ownerUnitId: idSchema.optional(),
  ownerUserId: idSchema.nullish(),
});

export const dispatchEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  kind: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  level: z.number().int().nullable(),
  note: z.string().nullable(),
  attachments: z.array(attachmentRefSchema),
});
export type DispatchEvent = z.infer<typeof dispatchEventSchema>;

export const problemSchema = z.object({
  id: z.string(),
  projectId: z.string().nullable(),
  projectName: z.string().nullable(),
  scopeUnitId: z.string(),
  scopeUnitName: z.string().nullable(),
  category: z.string(),
  description: z.string(),
  raisedBy: z.string().nullable(),
  leaderId: z.string().nullable(),
  leaderName: z.string().nullable(),
  unitId: z.string(),
  unitName: z.string().nullable(),
  ownerUserId: z.string().nullable(),
  ownerUserName: z.string().nullable(),
  supportingUnitIds: z.array(z.string()),
  deadline: z.string(),
  status: problemStatusSchema,
  escalationLevel: z.number().int(),
  escalationLevelName: z.string().nullable(),
  overdueDays: z.number().int(),
  closeNote: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Problem = z.infer<typeof problemSchema>;
export const problemDetailSchema = problemSchema.extend({ events: z.array(dispatchEventSchema), actionItemIds: z.array(z.string()) });
export type ProblemDetail = z.infer<typeof problemDetailSchema>;

export const problemListQuerySchema = z.strictObject({
  view: z.enum(PROBLEM_VIEWS).optional(),
  status: problemStatusSchema.optional(),
  category: z.string().max(40).optional(),
  unitId: idSchema.optional(),
  projectId: idSchema.optional(),
  level: z.coerce.number().int().min(0).max(MAX_LADDER_LEVELS).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ProblemListQuery = z.infer<typeof problemListQuerySchema>;
export const problemListSchema = z.object({ items: z.array(problemSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), weekStart: z.string() });

export const problemSummarySchema = z.object({
  weekStart: z.string(),
  totals: z.object({ newThisWeek: z.number().int(), active: z.number().int(), closed: z.number().int(), overdue: z.number().int() }),
  units: z.array(
    z.object({
      unitId: z.string(),
      unitName: z.string(),
      total: z.number().int(),
      newThisWeek: z.number().int(),
      active: z.number().int(),
      closeRequested: z.number().int(),
      closed: z.number().int(),
      unresolvable: z.number().int(),
      overdue: z.number().int(),
      /** Mean calendar days from raising to 销号 over the unit's closed problems. */
      avgDaysToClose: z.number().nullable(),
    }),
  ),
});
export type ProblemSummary = z.infer<typeof problemSummarySchema>;

export const categoriesSchema = z.object({ categories: z.array(z.string().trim().min(1).max(40)).min(1).max(50), version: z.number().int() });
export const categoriesInputSchema = z.strictObject({
  categories: z
    .array(z.string().trim().min(1, { error: '类别名称不能为空 / a category needs a name' }).max(40))
    .min(1, { error: '至少保留一个类别 / keep at least one category' })
    .max(50)
    .refine((c) => new Set(c).size === c.length, { error: '类别名称重复 / duplicate category' }),
});

export const ladderLevelSchema = z.object({
  name: text(40, '级别名称', 'a level name'),
  recipient: z.enum(RECIPIENT_KINDS),
  userIds: z.array(idSchema).max(20).default([]),
  afterWorkingDays: z.number().int().min(0).max(100),
});
export const ladderInputSchema = z.strictObject({
  levels: z.array(ladderLevelSchema).min(1, { error: '至少一级 / at least one level' }).max(MAX_LADDER_LEVELS, { error: `最多 ${MAX_LADDER_LEVELS} 级 / at most ${MAX_LADDER_LEVELS} levels` }),
  unitHeads: z.record(idSchema, idSchema).default({}),
});
export const ladderSchema = z.object({
  levels: z.array(ladderLevelSchema.extend({ userIds: z.array(z.string()) })),
  unitHeads: z.record(z.string(), z.string()),
  thresholds: z.array(z.number().int()),
  version: z.number().int(),
});

// ---- 督办事项 ----

export const actionItemSchema = z.object({
  id: z.string(),
  sourceKind: z.enum(ACTION_SOURCE_KINDS),
  sourceId: z.string().nullable(),
  projectId: z.string().nullable(),
  projectName: z.string().nullable(),
  title: z.string(),
  detail: z.string().nullable(),
  ownerUnitId: z.string(),
  ownerUnitName: z.string().nullable(),
  ownerUserId: z.string().nullable(),
  ownerUserName: z.string().nullable(),
  leaderId: z.string().nullable(),
  leaderName: z.string().nullable(),
  deadline: z.string(),
  status: z.enum(ACTION_ITEM_STATUSES),
  escalationLevel: z.number().int(),
  escalationLevelName: z.string().nullable(),
  overdueDays: z.number().int(),
  feedback: z.string().nullable(),
  feedbackAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type ActionItem = z.infer<typeof actionItemSchema>;
export const actionItemDetailSchema = actionItemSchema.extend({ events: z.array(dispatchEventSchema) });

export const actionListQuerySchema = z.strictObject({
  status: z.enum(ACTION_ITEM_STATUSES).optional(),
  source: z.enum(ACTION_SOURCE_KINDS).optional(),
  unit: idSchema.optional(),
  projectId: idSchema.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ActionListQuery = z.infer<typeof actionListQuerySchema>;
export const actionListSchema = z.object({ items: z.array(actionItemSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

/** 领导批示 on a project: what, who answers for it, by when. */
export const instructionInputSchema = z.strictObject({
  projectId: idSchema,
  title: text(200, '批示事项', 'a title'),
  detail: optionalText(2000),
  ownerUnitId: idSchema,
  ownerUserId: idSchema.nullish().transform((v) => v ?? null),
  leaderId: idSchema.nullish().transform((v) => v ?? null),
  deadline: isoDateSchema,
});
export type InstructionInput = z.infer<typeof instructionInputSchema>;
export const feedbackSchema = proofSchema;
