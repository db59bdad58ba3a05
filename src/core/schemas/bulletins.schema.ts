import { z } from 'zod';

/** 调度通报 API schemas (server, web and CLI share them). */
export const bulletinPeriodSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '月份格式应为 YYYY-MM / the month must be YYYY-MM' });

export const bulletinCreateSchema = z.strictObject({
  /** Defaults to the caller's unit (the root unit for the county office). */
  unitId: z.string().min(1).max(64).optional(),
  period: bulletinPeriodSchema,
});
export type BulletinCreate = z.infer<typeof bulletinCreateSchema>;

const paragraph = z.string().trim().min(1, { error: '段落不能为空 / a paragraph cannot be empty' }).max(2000, { error: '每段不超过 2000 字 / at most 2000 characters a paragraph' });

export const bulletinPatchSchema = z
  .strictObject({
    opening: paragraph.optional(),
    nextSteps: z.array(paragraph).min(1, { error: '下一步工作至少一段 / at least one next-step paragraph' }).max(10, { error: '下一步工作最多 10 段 / at most 10 next-step paragraphs' }).optional(),
  })
  .refine((p) => p.opening !== undefined || p.nextSteps !== undefined, { error: '没有要修改的内容 / nothing to change' });
export type BulletinPatch = z.infer<typeof bulletinPatchSchema>;

export const bulletinListQuerySchema = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(60) });

export const bulletinSummarySchema = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  period: z.string(),
  status: z.enum(['draft', 'sent']),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  version: z.number().int(),
});
export type BulletinSummary = z.infer<typeof bulletinSummarySchema>;

export const bulletinSchema = bulletinSummarySchema.extend({
  title: z.string(),
  /** BulletinFigures (src/core/bulletin/figures.ts), frozen when drafted. */
  figures: z.record(z.string(), z.unknown()),
  opening: z.string(),
  nextSteps: z.array(z.string()),
  createdByName: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  sentByName: z.string().nullable(),
});
export type Bulletin = z.infer<typeof bulletinSchema>;

export const bulletinListSchema = z.object({ items: z.array(bulletinSummarySchema) });
