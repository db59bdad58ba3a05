import { z } from 'zod';

/**
 * Unit types (单位类型): 县 county, 经济区/开发区 zone, 部门 department, 乡镇 town,
 * 国有企业 state company (供电公司, 水务集团 …), 企业 enterprise, 其他 other.
 */
export const UNIT_TYPES = ['county', 'zone', 'department', 'town', 'state-company', 'enterprise', 'other'] as const;
export const unitTypeSchema = z.enum(UNIT_TYPES);
export type UnitType = z.infer<typeof unitTypeSchema>;

export const UNIT_TYPE_LABELS: Record<UnitType, { zh: string; en: string }> = {
  county: { zh: '县（区）', en: 'County' },
  zone: { zh: '经济区/园区', en: 'Zone' },
  department: { zh: '部门', en: 'Department' },
  town: { zh: '乡镇（街道）', en: 'Town' },
  'state-company': { zh: '国有企业', en: 'State company' },
  enterprise: { zh: '企业', en: 'Enterprise' },
  other: { zh: '其他', en: 'Other' },
};

/** 单位: a node of the unit tree. `path` lists ancestor ids ("/root/zone/"), the data-scope key. */
export const unitSchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  shortName: z.string().nullable(),
  type: unitTypeSchema,
  path: z.string(),
  sortOrder: z.number().int(),
  archived: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Unit = z.infer<typeof unitSchema>;

const name = z.string().trim().min(1, { error: '名称不能为空 / name is required' }).max(100);

export const createUnitSchema = z.strictObject({
  parentId: z.string().min(1, { error: '请选择上级单位 / parent unit is required' }),
  name,
  shortName: z.string().trim().max(30).nullish(),
  type: unitTypeSchema,
  sortOrder: z.int().min(0).max(100000).optional(),
});
export type CreateUnitInput = z.infer<typeof createUnitSchema>;

export const updateUnitSchema = z.strictObject({
  name: name.optional(),
  shortName: z.string().trim().max(30).nullish(),
  type: unitTypeSchema.optional(),
  parentId: z.string().min(1).optional(),
  sortOrder: z.int().min(0).max(100000).optional(),
  archived: z.boolean().optional(),
});
export type UpdateUnitInput = z.infer<typeof updateUnitSchema>;
