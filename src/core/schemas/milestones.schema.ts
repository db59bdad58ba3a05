import { z } from 'zod';
import { stageSchema } from '../stages.js';

/** 节点类型: approval (手续审批), construction (建设), production (投产达产). */
export const MILESTONE_KINDS = ['approval', 'construction', 'production'] as const;
export const milestoneKindSchema = z.enum(MILESTONE_KINDS);
export type MilestoneKind = z.infer<typeof milestoneKindSchema>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD / date must be YYYY-MM-DD' });
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
