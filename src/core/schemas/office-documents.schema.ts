import { z } from 'zod';

/** A real calendar date, YYYY-MM-DD (2026-02-30 is refused). */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD / date must be YYYY-MM-DD' })
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, { error: '日期不存在 / no such date' });

/** GET /api/documents/briefing: the unit subtree reported on (default: the caller's area) and the as-of date (default: today). */
export const briefingQuerySchema = z.strictObject({
  unit: z.string().min(1).max(64).optional(),
  date: isoDate.optional(),
});
export type BriefingQuery = z.infer<typeof briefingQuerySchema>;
