import { z } from 'zod';
import { roleSchema } from '../roles.js';
import { pageQuerySchema, phoneSchema } from './common.schema.js';
import { emailSchema } from './notify.schema.js';

export const usernameSchema = z
  .string()
  .trim()
  .min(3, { error: '用户名至少 3 个字符 / username must be at least 3 characters' })
  .max(32)
  .regex(/^[a-zA-Z0-9_.-]+$/, { error: '用户名只能包含字母、数字、下划线、点和短横线 / letters, digits, _ . - only' });

/** The password as typed; the policy check happens in the service so the rules can change. */
export const passwordInputSchema = z.string().min(1, { error: '请输入密码 / password is required' }).max(256);

/** 用户: a person with one role, belonging to one unit. */
export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  title: z.string().nullable(),
  unitId: z.string(),
  unitName: z.string(),
  role: roleSchema,
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  mustChangePassword: z.boolean(),
  passwordChangedAt: z.string(),
  lastLoginAt: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

const displayName = z.string().trim().min(1, { error: '请填写姓名 / name is required' }).max(50);

export const createUserSchema = z.strictObject({
  username: usernameSchema,
  password: passwordInputSchema,
  displayName,
  phone: phoneSchema.nullish(),
  email: emailSchema.nullish(),
  title: z.string().trim().max(50).nullish(),
  unitId: z.string().min(1).optional(),
  role: roleSchema,
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const updateUserSchema = z.strictObject({
  displayName: displayName.optional(),
  phone: phoneSchema.nullish(),
  email: emailSchema.nullish(),
  title: z.string().trim().max(50).nullish(),
  unitId: z.string().min(1).optional(),
  disabled: z.boolean().optional(),
});
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export const setRoleSchema = z.strictObject({ role: roleSchema });
export const resetPasswordSchema = z.strictObject({ password: passwordInputSchema });

export const listUsersQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(50).optional(),
  unitId: z.string().optional(),
  role: roleSchema.optional(),
});
export type ListUsersQuery = z.infer<typeof listUsersQuerySchema>;

/** Roles whose people may be named on a record (the three administrators never are). */
export const BUSINESS_ROLES = ['leader', 'coordinator', 'unit-staff', 'viewer'] as const;

/** 人员: someone a project writer may name (包挂领导, 项目管家, 专班) — a name and a title, no account details. */
export const personSchema = z.object({
  id: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  unitName: z.string(),
  role: z.enum(BUSINESS_ROLES),
});
export type Person = z.infer<typeof personSchema>;

export const peopleQuerySchema = z.strictObject({ role: z.enum(BUSINESS_ROLES).optional() });
