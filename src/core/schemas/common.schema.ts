import { z } from 'zod';

export const idSchema = z.string().min(1).max(64);
export const idParamsSchema = z.strictObject({ id: idSchema });

/** A calendar day, YYYY-MM-DD: 2026-06-31 and 2026-02-29 are refused, not rolled over. */
export const isoDateSchema = z.iso.date({ error: '日期无效，格式应为 YYYY-MM-DD / not a valid date (YYYY-MM-DD)' });

/** True when a YYYY-MM-DD string names a real day of the calendar. */
export function isCalendarDate(v: string): boolean {
  return isoDateSchema.safeParse(v).success;
}

/** Server-side pagination: page is 1-based. */
export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

export const okSchema = z.object({ ok: z.literal(true) });

/** Mainland mobile or landline, loosely: digits, spaces, dashes, optional +86. */
export const phoneSchema = z
  .string()
  .trim()
  .max(32)
  .regex(/^[+0-9][0-9 -]{4,30}$/, { error: '电话号码格式不正确 / invalid phone number' });
