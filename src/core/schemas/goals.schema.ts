import { z } from 'zod';
import { YUAN_PER_WAN } from '../money.js';
import { isValidCurve } from '../schedule/time-progress.js';
import { stageSchema, type Stage } from '../stages.js';

/**
 * 目标 (annual goals) of a unit: how many projects to sign, start, complete and put into
 * production this year, how much investment to complete, and the minimum 在谈 / 储备 pools that
 * keep the five-batch cycle turning. One schema for the API, the form and the service.
 */
export const GOAL_METRICS = ['sign', 'start', 'complete', 'operate', 'investment', 'negotiatingPool', 'reservePool'] as const;
export const goalMetricSchema = z.enum(GOAL_METRICS);
export type GoalMetric = z.infer<typeof goalMetricSchema>;

/** Flows: projects that entered a stage during the year, paced by 序时. */
export const FLOW_METRICS = ['sign', 'start', 'complete', 'operate'] as const satisfies readonly GoalMetric[];
export type FlowMetric = (typeof FLOW_METRICS)[number];
/** Metrics with an annual total that accrues over the year (and so may be split by quarter). */
export const PACED_METRICS = [...FLOW_METRICS, 'investment'] as const satisfies readonly GoalMetric[];
export type PacedMetric = (typeof PACED_METRICS)[number];
/** Pools: a minimum stock to hold at any time (no 序时). */
export const POOL_METRICS = ['negotiatingPool', 'reservePool'] as const satisfies readonly GoalMetric[];
export type PoolMetric = (typeof POOL_METRICS)[number];

export const isFlowMetric = (m: GoalMetric): m is FlowMetric => (FLOW_METRICS as readonly string[]).includes(m);
export const isPoolMetric = (m: GoalMetric): m is PoolMetric => (POOL_METRICS as readonly string[]).includes(m);

/** The stage whose entry a flow metric counts, and the stage a pool metric holds. */
export const METRIC_STAGE: Record<FlowMetric | PoolMetric, Stage> = {
  sign: 'signed',
  start: 'construction',
  complete: 'completed',
  operate: 'operating',
  negotiatingPool: 'negotiating',
  reservePool: 'reserve',
};

export const METRIC_LABELS: Record<GoalMetric, { zh: string; en: string }> = {
  sign: { zh: '签约', en: 'Signed' },
  start: { zh: '开工', en: 'Started' },
  complete: { zh: '竣工', en: 'Completed' },
  operate: { zh: '投产', en: 'In production' },
  investment: { zh: '完成投资', en: 'Investment' },
  negotiatingPool: { zh: '在谈项目池', en: 'Negotiating pool' },
  reservePool: { zh: '储备项目池', en: 'Reserve pool' },
};

/** The record field holding each metric's target. */
export const TARGET_FIELD = {
  sign: 'signTarget',
  start: 'startTarget',
  complete: 'completeTarget',
  operate: 'operateTarget',
  investment: 'investmentTarget',
  negotiatingPool: 'negotiatingPool',
  reservePool: 'reservePool',
} as const satisfies Record<GoalMetric, string>;
export type TargetField = (typeof TARGET_FIELD)[GoalMetric];

const count = z.int().min(0).max(100_000).nullable().default(null);
/** 元 (integer); the form types 万元. */
const money = z.int().min(0).max(9_000_000_000_000_000).nullable().default(null).describe('元 (integer)');
const quarterSplit = z.array(z.int().min(0).max(9_000_000_000_000_000)).length(4, { error: '季度分解须为 4 个季度 / a quarterly split has 4 quarters' });

/** 季度分解: for each paced metric, optionally its four quarters (money in 元). */
export const goalQuartersSchema = z.strictObject({
  sign: quarterSplit.optional(),
  start: quarterSplit.optional(),
  complete: quarterSplit.optional(),
  operate: quarterSplit.optional(),
  investment: quarterSplit.optional(),
});
export type GoalQuarters = z.infer<typeof goalQuartersSchema>;

const shown = (metric: PacedMetric, v: number) => (metric === 'investment' ? `${v / YUAN_PER_WAN} 万元` : String(v));

/** The editable part of a goal: PUT replaces it whole (a field left out becomes empty). */
export const goalInputSchema = z
  .strictObject({
    signTarget: count,
    startTarget: count,
    completeTarget: count,
    operateTarget: count,
    investmentTarget: money,
    negotiatingPool: count,
    reservePool: count,
    quarters: goalQuartersSchema.nullable().default(null),
    /** 投资序时的月度计划曲线: 12 cumulative shares in basis points (万分比), ending at 10000. */
    planCurve: z.array(z.int()).nullable().default(null),
    note: z.string().trim().max(2000).nullable().default(null),
  })
  .superRefine((g, ctx) => {
    for (const metric of PACED_METRICS) {
      const split = g.quarters?.[metric];
      if (!split) continue;
      const target = g[TARGET_FIELD[metric]];
      if (target === null) {
        ctx.addIssue({ code: 'custom', path: ['quarters', metric], message: '请先填写全年目标，再做季度分解 / set the annual target before splitting it by quarter' });
        continue;
      }
      const sum = split.reduce((a, b) => a + b, 0);
      if (sum !== target) {
        ctx.addIssue({
          code: 'custom',
          path: ['quarters', metric],
          message: `四个季度之和（${shown(metric, sum)}）应等于全年目标（${shown(metric, target)}） / the quarters add up to ${shown(metric, sum)}, not the annual target ${shown(metric, target)}`,
        });
      }
    }
    if (g.planCurve) {
      if (!isValidCurve(g.planCurve)) {
        ctx.addIssue({ code: 'custom', path: ['planCurve'], message: '计划曲线须为 1–12 月的累计比例，逐月不减，12 月为 100% / the plan curve needs 12 cumulative monthly shares, never decreasing, ending at 100 %' });
      } else if (g.investmentTarget === null) {
        ctx.addIssue({ code: 'custom', path: ['planCurve'], message: '请先填写年度投资目标，再设计划曲线 / set the investment target before its plan curve' });
      }
      if (g.quarters?.investment) {
        ctx.addIssue({ code: 'custom', path: ['planCurve'], message: '投资序时只能按季度分解或按月度曲线其中一种 / pace investment by quarters or by a monthly curve, not both' });
      }
    }
  });
export type GoalInput = z.infer<typeof goalInputSchema>;
export type GoalInputRaw = z.input<typeof goalInputSchema>;

export const goalParamsSchema = z.strictObject({
  unitId: z.string().min(1).max(64),
  year: z.coerce.number().int().min(2000).max(2100),
});

/** 目标 as stored. */
export const goalSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  year: z.number().int(),
  signTarget: z.number().nullable(),
  startTarget: z.number().nullable(),
  completeTarget: z.number().nullable(),
  operateTarget: z.number().nullable(),
  investmentTarget: z.number().nullable(),
  negotiatingPool: z.number().nullable(),
  reservePool: z.number().nullable(),
  quarters: goalQuartersSchema.nullable(),
  planCurve: z.array(z.number()).nullable(),
  note: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
  updatedByName: z.string().nullable(),
});
export type Goal = z.infer<typeof goalSchema>;

/** 超序时 (at or ahead of the expected value), 滞后 (behind), or no target set. */
export const PROGRESS_STATUSES = ['ahead', 'behind', 'none'] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

/** One metric against its target: actual, expected by now (序时) and the gap in 百分点. */
export const metricProgressSchema = z.object({
  target: z.number().nullable(),
  /** null when no figure exists (investment of a year other than the current one). */
  actual: z.number().nullable(),
  expected: z.number().nullable(),
  gapPoints: z.number().nullable(),
  status: z.enum(PROGRESS_STATUSES),
});
export type MetricProgress = z.infer<typeof metricProgressSchema>;

export const goalProgressSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  unitShortName: z.string().nullable(),
  unitType: z.string(),
  /** 0 for the root unit (the whole county or zone), 1 for its units … */
  depth: z.number().int(),
  goal: goalSchema,
  metrics: z.object(Object.fromEntries(GOAL_METRICS.map((m) => [m, metricProgressSchema])) as Record<GoalMetric, typeof metricProgressSchema>),
});
export type GoalProgress = z.infer<typeof goalProgressSchema>;

export const goalsListSchema = z.object({
  year: z.number().int(),
  /** The China business date the figures are computed for. */
  asOf: z.string(),
  elapsedMonths: z.number().int(),
  /** The even-pace 序时 share (0..1). */
  timeProgress: z.number(),
  items: z.array(goalProgressSchema),
});
export type GoalsList = z.infer<typeof goalsListSchema>;

export const goalsQuerySchema = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100),
  unitId: z.string().min(1).max(64).optional(),
});

export const RISK_LEVELS = ['high', 'medium', 'low'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** A project counting toward a target (entered the stage this year; or holds investment / pool stock). */
export const countingProjectSchema = z.object({
  id: z.string(),
  name: z.string(),
  stage: stageSchema,
  leadUnitName: z.string(),
  /** The day it entered the stage this year (flows); null for pools and investment. */
  date: z.string().nullable(),
  /** 本年累计完成投资, 元 (investment only). */
  ytdInvestment: z.number().nullable(),
});

/** A project still expected this year, with its risk of missing it. */
export const candidateProjectSchema = z.object({
  id: z.string(),
  name: z.string(),
  stage: stageSchema,
  leadUnitName: z.string(),
  /** The planned date of the stage (YYYY-MM or YYYY-MM-DD); null for investment. */
  plannedDate: z.string().nullable(),
  annualPlanInvestment: z.number().nullable(),
  ytdInvestment: z.number().nullable(),
  risk: z.enum(RISK_LEVELS),
  reasonCode: z.string(),
  /** "中文 / English". */
  reason: z.string(),
});
export type CountingProject = z.infer<typeof countingProjectSchema>;
export type CandidateProject = z.infer<typeof candidateProjectSchema>;

export const goalProjectsSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  year: z.number().int(),
  metric: goalMetricSchema,
  asOf: z.string(),
  counting: z.array(countingProjectSchema),
  candidates: z.array(candidateProjectSchema),
});
export type GoalProjects = z.infer<typeof goalProjectsSchema>;
