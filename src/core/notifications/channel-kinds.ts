/**
 * The vocabulary of 通知渠道, without any Node module: the web app imports it (the payload
 * builders and signatures in channels.ts need node:crypto and stay on the server).
 */
export const CHANNEL_KINDS = ['wecom', 'dingtalk', 'feishu', 'webhook'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];
export const CHANNEL_FORMATS = ['text', 'markdown'] as const;
export type ChannelFormat = (typeof CHANNEL_FORMATS)[number];
export type DeliveryStatus = 'pending' | 'sent' | 'failed';
export type DeliveryTarget = 'channel' | 'email';
export const NOTIFY_MODES = ['immediate', 'daily', 'off'] as const;
export type NotifyMode = (typeof NOTIFY_MODES)[number];

/** The kind of the daily digest entry (每日摘要); it never goes to group channels. */
export const DIGEST_KIND = 'digest';

export const CHANNEL_KIND_LABELS: Record<ChannelKind, { zh: string; en: string }> = {
  wecom: { zh: '企业微信群机器人', en: 'WeCom group robot' },
  dingtalk: { zh: '钉钉群机器人', en: 'DingTalk group robot' },
  feishu: { zh: '飞书群机器人', en: 'Feishu / Lark group robot' },
  webhook: { zh: '通用 JSON Webhook', en: 'Generic JSON webhook' },
};
