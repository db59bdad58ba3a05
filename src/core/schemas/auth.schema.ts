import { z } from 'zod';
import { roleSchema } from '../roles.js';
import { passwordInputSchema, usernameSchema } from './users.schema.js';

export const loginSchema = z.strictObject({
  username: z.string().trim().min(1, { error: '请输入用户名 / username is required' }).max(64),
  password: passwordInputSchema,
});

export const setupSchema = z.strictObject({
  username: usernameSchema,
  password: passwordInputSchema,
  displayName: z.string().trim().min(1).max(50),
  rootUnitName: z.string().trim().min(1).max(100).optional(),
});

export const changePasswordSchema = z.strictObject({
  currentPassword: passwordInputSchema,
  newPassword: passwordInputSchema,
});

/** The signed-in user as returned by GET /api/me. */
export const meSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  title: z.string().nullable(),
  phone: z.string().nullable(),
  unitId: z.string(),
  unitName: z.string(),
  mustChangePassword: z.boolean(),
  /** Echo this in the X-CSRF-Token header of every state-changing request. */
  csrfToken: z.string(),
});
export type Me = z.infer<typeof meSchema>;

export const sessionInfoSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

export const setupStatusSchema = z.object({ needsSetup: z.boolean() });
