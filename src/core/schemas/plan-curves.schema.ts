import { z } from 'zod';
import { isValidCurve } from '../schedule/time-progress.js';

const curveMessage = '计划曲线须为 1–12 月的累计比例（万分比整数），逐月不减，12 月为 100% / the plan curve needs 12 cumulative monthly shares (basis points), never decreasing, ending at 100 %';

/**
 * A project's own 序时 plan curve for a year (项目月度计划曲线): the cumulative share of its annual
 * plan investment due by the end of each month, in basis points. null clears it (the project is
 * then paced by its lead unit's curve, a parent unit's, or months ÷ 12).
 */
export const planCurveInputSchema = z.strictObject({
  year: z.int().min(2000).max(2100),
  curve: z
    .array(z.int())
    .nullable()
    .refine((c) => c === null || isValidCurve(c), { error: curveMessage }),
});
export type PlanCurveInput = z.infer<typeof planCurveInputSchema>;

export const planCurveQuerySchema = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

export const projectPlanCurveSchema = z.object({
  projectId: z.string(),
  year: z.number(),
  /** The project's own curve, or null. */
  curve: z.array(z.number()).nullable(),
  /** 0 while the project has no curve of its own for the year (create without If-Match). */
  version: z.number(),
  /** What paces the project now: its own curve, a unit's goal curve, or the even pace. */
  effective: z.object({ source: z.enum(['project', 'unit', 'default']), unitId: z.string().nullable(), unitName: z.string().nullable(), curve: z.array(z.number()).nullable() }),
});
export type ProjectPlanCurve = z.infer<typeof projectPlanCurveSchema>;
