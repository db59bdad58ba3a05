import { z } from 'zod';
import { ACTION_SOURCE_KINDS } from '../dispatch/action-items.js';
import { LIGHT_COLORS } from '../lights/light-rules.js';
import { stageSchema } from '../stages.js';
import { goalProgressSchema } from './goals.schema.js';
import { lightItemSchema } from './lights.schema.js';

export const dashboardQuerySchema = z.strictObject({
  /** The unit subtree to look at; default the whole area the caller may see. */
  unit: z.string().min(1).optional(),
  period: z.enum(['month', 'quarter', 'year']).default('year'),
});
export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;

const investmentSchema = z.object({
  plan: z.number(),
  completed: z.number(),
  projects: z.number(),
  rate: z.number().nullable(),
  expected: z.number(),
  gapPoints: z.number().nullable(),
});

const pacedSchema = z.object({
  id: z.string(),
  name: z.string(),
  leadUnitName: z.string(),
  annualPlanInvestment: z.number(),
  ytdInvestment: z.number(),
  rate: z.number(),
  light: z.enum(LIGHT_COLORS).nullable(),
});

/** The cockpit's figures (驾驶舱): each section clicks through to the projects behind it. */
export const dashboardSchema = z.object({
  asOf: z.string(),
  unit: z.object({ id: z.string(), name: z.string() }),
  period: z.object({ kind: z.enum(['month', 'quarter', 'year']), from: z.string(), to: z.string() }),
  pipeline: z.object({
    stock: z.record(stageSchema, z.object({ count: z.number(), totalInvestment: z.number() })),
    flows: z.record(stageSchema, z.number()),
  }),
  /** The unit's own goals for the year (null when none is set). */
  goal: goalProgressSchema.nullable(),
  investment: z.object({
    total: investmentSchema,
    byUnit: z.array(z.object({ unitId: z.string(), name: z.string(), rank: z.number().nullable(), red: z.number(), progress: investmentSchema })),
    byIndustry: z.array(z.object({ industry: z.string().nullable(), progress: investmentSchema })),
  }),
  lights: z.object({ counts: z.object({ green: z.number(), yellow: z.number(), red: z.number(), none: z.number() }), red: z.array(lightItemSchema) }),
  fast: z.array(pacedSchema),
  slow: z.array(pacedSchema),
  overdueActions: z.object({
    count: z.number(),
    items: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        deadline: z.string(),
        sourceKind: z.enum(ACTION_SOURCE_KINDS),
        escalationLevel: z.number(),
        ownerUnitName: z.string(),
        projectId: z.string().nullable(),
        projectName: z.string().nullable(),
      }),
    ),
  }),
  /** Unsolved problems (新增 / 推进中 / 申请销号 / 无法解决) by category and by escalation level (0 = not escalated). */
  problems: z.object({
    open: z.number(),
    overdue: z.number(),
    byCategory: z.array(z.object({ category: z.string(), count: z.number() })),
    byLevel: z.array(z.object({ level: z.number(), name: z.string().nullable(), count: z.number() })),
  }),
  /** 现场推进会 still to come, soonest first. */
  siteTours: z.array(z.object({ id: z.string(), title: z.string(), date: z.string(), startTime: z.string().nullable(), place: z.string().nullable(), unitName: z.string(), projects: z.number() })),
});
export type Dashboard = z.infer<typeof dashboardSchema>;
