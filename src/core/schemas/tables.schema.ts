import { z } from 'zod';
import { idSchema } from './common.schema.js';
import { problemListQuerySchema } from './problems.schema.js';

/**
 * Query strings of the Excel tables offices hand over (报表导出): 月度进展表, 问题清单, 五个一统计表,
 * 亮灯清单. Every field is optional with a sensible default, and strict: an unknown parameter is
 * a 400 rather than a silently different table.
 */
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '月份格式应为 YYYY-MM / month must be YYYY-MM' });
const isoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: '日期格式应为 YYYY-MM-DD / date must be YYYY-MM-DD' });

export const TABLE_PAPERS = ['A3', 'A4'] as const;

export const progressTableQuerySchema = z.strictObject({
  /** The report month (default: the current month, China time). */
  month: month.optional(),
  /** The unit subtree (default: everything the actor may see). */
  unitId: idSchema.optional(),
  paper: z.enum(TABLE_PAPERS, { error: '纸张只能是 A3 或 A4 / paper must be A3 or A4' }).default('A3'),
});
export type ProgressTableQuery = z.infer<typeof progressTableQuerySchema>;

/** The problems page's filters, without its paging. */
export const problemsTableQuerySchema = problemListQuerySchema.omit({ page: true, pageSize: true });
export type ProblemsTableQuery = z.infer<typeof problemsTableQuerySchema>;

export const batchesTableQuerySchema = z
  .strictObject({
    unitId: idSchema.optional(),
    period: z.enum(['month', 'quarter', 'year'], { error: '统计期只能是 month、quarter 或 year / period must be month, quarter or year' }).default('month'),
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .refine((q) => (q.from === undefined) === (q.to === undefined), { error: '起止日期须同时填写 / give both from and to', path: ['to'] })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { error: '开始日期不能晚于结束日期 / from must not be after to', path: ['from'] });
export type BatchesTableQuery = z.infer<typeof batchesTableQuerySchema>;

export const lightsTableQuerySchema = z.strictObject({
  month: month.optional(),
  unitId: idSchema.optional(),
});
export type LightsTableQuery = z.infer<typeof lightsTableQuerySchema>;
