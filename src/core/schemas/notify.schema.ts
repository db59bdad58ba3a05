import { z } from 'zod';
import { CHANNEL_FORMATS, CHANNEL_KINDS, NOTIFY_MODES } from '../notifications/channel-kinds.js';
import { pageOf, pageQuerySchema } from './common.schema.js';

/** 邮箱: one address, checked loosely (a@b.c), stored lower-case. */
export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .regex(/^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/, { error: '邮箱格式不正确 / invalid e-mail address' })
  .transform((v) => v.toLowerCase());

export const notifyModeSchema = z.enum(NOTIFY_MODES, { error: '请选择接收方式 / choose how to receive notifications' });

const webhookUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'http:' || u.protocol === 'https:') && !!u.hostname && !u.username && !u.password;
    } catch {
      return false;
    }
  }, { error: 'Webhook 地址须为 http:// 或 https:// 开头的完整网址 / the webhook address must be a full http:// or https:// URL' });

/** 通知渠道 as the API shows it: the address masked, secrets only as "set". */
export const channelSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(CHANNEL_KINDS),
  urlMasked: z.string(),
  secretSet: z.boolean(),
  format: z.enum(CHANNEL_FORMATS),
  kinds: z.array(z.string()),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  enabled: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Channel = z.infer<typeof channelSchema>;

const channelFields = {
  name: z.string().trim().min(1, { error: '请填写渠道名称 / name is required' }).max(50),
  kind: z.enum(CHANNEL_KINDS, { error: '请选择渠道类型 / choose a channel kind' }),
  format: z.enum(CHANNEL_FORMATS).default('text'),
  kinds: z.array(z.string().trim().min(1).max(64)).max(50).default([]),
  unitId: z.string().min(1).nullish(),
  enabled: z.boolean().default(true),
};

/** Webhook address and 加签 secret are write-only: sent when set or changed, never read back. */
export const createChannelSchema = z.strictObject({
  ...channelFields,
  url: webhookUrl,
  secret: z.string().trim().max(500).nullish(),
});
export type CreateChannelInput = z.infer<typeof createChannelSchema>;

/** Omitted url/secret keep the stored ones; secret null clears it. */
export const updateChannelSchema = z.strictObject({
  name: channelFields.name.optional(),
  format: z.enum(CHANNEL_FORMATS).optional(),
  kinds: channelFields.kinds.optional(),
  unitId: z.string().min(1).nullish(),
  enabled: z.boolean().optional(),
  url: webhookUrl.optional(),
  secret: z.string().trim().max(500).nullish(),
});
export type UpdateChannelInput = z.infer<typeof updateChannelSchema>;

export const testResultSchema = z.object({ ok: z.boolean(), statusCode: z.number().nullable(), error: z.string().nullable(), durationMs: z.number() });

export const deliverySchema = z.object({
  id: z.string(),
  notificationId: z.string(),
  title: z.string(),
  notificationKind: z.string(),
  target: z.enum(['channel', 'email']),
  channelId: z.string().nullable(),
  channelName: z.string().nullable(),
  /** For e-mail: the recipient's display name. */
  userName: z.string().nullable(),
  status: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number().int(),
  nextAttemptAt: z.string(),
  lastStatusCode: z.number().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type Delivery = z.infer<typeof deliverySchema>;
export const deliveriesPageSchema = pageOf(deliverySchema);

export const deliveriesQuerySchema = pageQuerySchema.extend({
  channelId: z.string().optional(),
  status: z.enum(['pending', 'sent', 'failed']).optional(),
  target: z.enum(['channel', 'email']).optional(),
});
export type DeliveriesQuery = z.infer<typeof deliveriesQuerySchema>;

export const attemptSchema = z.object({ id: z.string(), at: z.string(), durationMs: z.number(), statusCode: z.number().nullable(), ok: z.boolean(), error: z.string().nullable() });

/** 我的通知设置: e-mail and how to receive. */
export const notifyPrefsSchema = z.object({ email: z.string().nullable(), notifyMode: notifyModeSchema, emailAvailable: z.boolean() });
export const updateNotifyPrefsSchema = z.strictObject({ email: emailSchema.nullable().or(z.literal('').transform(() => null)), notifyMode: notifyModeSchema });
