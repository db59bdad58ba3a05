import { z } from 'zod';
import { LIGHT_COLORS, LIGHT_DIMENSIONS, lightRuleSchema, lightRulesSchema } from '../lights/light-rules.js';
import { stageSchema } from '../stages.js';
import { idSchema } from './common.schema.js';
import { isoDateSchema } from './milestones.schema.js';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '月份格式应为 YYYY-MM / month must be YYYY-MM' });

export const lightsQuerySchema = z.strictObject({
  color: z.enum(LIGHT_COLORS).optional(),
  unitId: z.string().min(1).optional(),
  month: month.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type LightsQuery = z.infer<typeof lightsQuerySchema>;

/** One raised rule with its figures, worded in both languages. */
export const lightReasonSchema = z.object({
  code: z.string(),
  name: z.string(),
  dimension: z.enum(LIGHT_DIMENSIONS),
  severity: z.enum(['yellow', 'red']),
  figures: z.record(z.string(), z.union([z.string(), z.number()])),
  text: z.object({ zh: z.string(), en: z.string() }),
});

/** The red light's open 督办 item, if one was raised (one at a time per project). */
export const lightSupervisionSchema = z.object({ id: z.string(), status: z.string(), deadline: z.string() }).nullable();

export const lightItemSchema = z.object({
  projectId: z.string(),
  name: z.string(),
  code: z.string().nullable(),
  stage: stageSchema,
  leadUnitName: z.string().nullable(),
  leaderName: z.string().nullable(),
  month: z.string(),
  color: z.enum(LIGHT_COLORS),
  reasons: z.array(lightReasonSchema),
  computedAt: z.string(),
  supervision: lightSupervisionSchema,
});

export const lightsListSchema = z.object({
  month: z.string(),
  total: z.number(),
  counts: z.object({ green: z.number(), yellow: z.number(), red: z.number() }),
  items: z.array(lightItemSchema),
});

export const lightHistorySchema = z.object({
  projectId: z.string(),
  months: z.array(z.object({ month: z.string(), color: z.enum(LIGHT_COLORS), reasons: z.array(lightReasonSchema), computedAt: z.string() })),
  supervision: lightSupervisionSchema,
});

/**
 * 红灯督办: raise a 督办 item on a red project. Only the deadline is required; the title, the
 * detail (the light's reasons) and the owner unit (the project's lead unit) default from the light.
 */
export const lightSuperviseInputSchema = z.strictObject({
  title: z.string().trim().max(200).nullish().transform((v) => v || null),
  detail: z.string().trim().max(2000).nullish().transform((v) => v || null),
  ownerUnitId: idSchema.nullish().transform((v) => v ?? null),
  ownerUserId: idSchema.nullish().transform((v) => v ?? null),
  leaderId: idSchema.nullish().transform((v) => v ?? null),
  deadline: isoDateSchema,
});
export type LightSuperviseInput = z.infer<typeof lightSuperviseInputSchema>;

export const lightRulesBodySchema = z.strictObject({ rules: lightRulesSchema });
export const lightRulesResponseSchema = z.object({ rules: z.array(lightRuleSchema), version: z.number() });
export const recomputeResultSchema = z.object({ projects: z.number(), changed: z.number(), colors: z.object({ green: z.number(), yellow: z.number(), red: z.number() }) });
