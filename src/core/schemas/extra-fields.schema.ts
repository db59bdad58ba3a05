import { z } from 'zod';

/** Deployment-defined extra fields on projects (自定义字段): text, number, date or single choice. */
export const EXTRA_FIELD_KINDS = ['text', 'number', 'date', 'choice'] as const;

export const extraFieldSchema = z.object({
  id: z.string(),
  key: z.string(),
  label: z.string(),
  kind: z.enum(EXTRA_FIELD_KINDS),
  options: z.array(z.string()).nullable(),
  sortOrder: z.number().int(),
  archived: z.boolean(),
  version: z.number().int(),
});
export type ExtraField = z.infer<typeof extraFieldSchema>;

export const createExtraFieldSchema = z.strictObject({
  key: z.string().regex(/^[a-z][a-zA-Z0-9]{1,39}$/, { error: '字段标识须为字母开头的字母数字（如 fundingType）/ key must be alphanumeric, starting with a letter' }),
  label: z.string().trim().min(1).max(30),
  kind: z.enum(EXTRA_FIELD_KINDS),
  options: z.array(z.string().trim().min(1).max(50)).min(1).max(100).optional(),
  sortOrder: z.int().min(0).max(10000).optional(),
});
export const updateExtraFieldSchema = z.strictObject({
  label: z.string().trim().min(1).max(30).optional(),
  options: z.array(z.string().trim().min(1).max(50)).min(1).max(100).optional(),
  sortOrder: z.int().min(0).max(10000).optional(),
  archived: z.boolean().optional(),
});

/** Checks one project's extra values against the definitions; returns problems by key. */
export function checkExtraValues(values: Record<string, string | number | null>, defs: ExtraField[]): { key: string; zh: string; en: string }[] {
  const problems: { key: string; zh: string; en: string }[] = [];
  for (const [key, value] of Object.entries(values)) {
    const def = defs.find((d) => d.key === key);
    if (!def) {
      problems.push({ key, zh: `未定义的自定义字段“${key}”`, en: `Unknown extra field "${key}"` });
      continue;
    }
    // Clearing is always allowed; an archived field takes no new values.
    if (value === null) continue;
    if (def.archived) {
      problems.push({ key, zh: `自定义字段“${def.label}”已停用`, en: `Extra field "${def.label}" is archived` });
      continue;
    }
    const bad = (zh: string, en: string) => problems.push({ key, zh: `${def.label}：${zh}`, en: `${def.label}: ${en}` });
    if (def.kind === 'number' && typeof value !== 'number') bad('应为数字', 'must be a number');
    if (def.kind === 'text' && (typeof value !== 'string' || value.length > 500)) bad('应为不超过 500 字的文字', 'must be text of at most 500 characters');
    if (def.kind === 'date' && (typeof value !== 'string' || !/^\d{4}-\d{2}(-\d{2})?$/.test(value))) bad('应为日期，如 2026-06-15', 'must be a date like 2026-06-15');
    if (def.kind === 'choice' && !(def.options ?? []).includes(String(value))) bad(`应为以下之一：${(def.options ?? []).join('、')}`, `must be one of: ${(def.options ?? []).join(', ')}`);
  }
  return problems;
}

export type ExtraValues = Record<string, string | number | null>;

/**
 * A project's extra values after a change that names only some keys: named keys take their new
 * value (null clears one), the others stay as they were — including values of fields archived
 * since, which a client cannot even see in its form.
 */
export function mergeExtraValues(before: ExtraValues, patch: ExtraValues): ExtraValues {
  const merged: ExtraValues = { ...before };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

/** The entries of a change that really change something (only these are validated: an archived field's unchanged value passes). */
export function changedExtraValues(before: ExtraValues, patch: ExtraValues): ExtraValues {
  return Object.fromEntries(Object.entries(patch).filter(([key, value]) => (before[key] ?? null) !== value));
}
