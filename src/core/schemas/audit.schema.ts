import { z } from 'zod';
import { pageQuerySchema } from './common.schema.js';

export const AUDIT_RESULTS = ['ok', 'failed', 'denied', 'error'] as const;

/** 审计日志: one append-only row per state change, sign-in event or denied access. */
export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  userId: z.string().nullable(),
  username: z.string().nullable(),
  role: z.string().nullable(),
  ip: z.string().nullable(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  unitId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  result: z.enum(AUDIT_RESULTS),
  detail: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditFilterSchema = z.object({
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  username: z.string().trim().max(64).optional(),
  action: z.string().trim().max(100).optional(),
  objectType: z.string().trim().max(50).optional(),
  objectId: z.string().trim().max(64).optional(),
  result: z.enum(AUDIT_RESULTS).optional(),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;
export const auditListQuerySchema = pageQuerySchema.extend(auditFilterSchema.shape);
