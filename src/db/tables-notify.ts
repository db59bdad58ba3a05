import type { ChannelFormat, ChannelKind, DeliveryStatus, DeliveryTarget } from '../core/notifications/channel-kinds.js';

/** Row types of migration 0012 (notification channels and the delivery outbox); part of `Database`. */

/** 通知渠道: a group robot or generic webhook the system administrator configured. */
export interface NotificationChannelsTable {
  id: string;
  name: string;
  kind: ChannelKind;
  /** The robot's webhook address; its token is a credential, never returned by the API. */
  url: string;
  /** 加签 / signing secret; write-only. */
  secret: string | null;
  format: ChannelFormat;
  /** JSON array of notification kinds; empty = every kind. */
  kinds: string;
  /** Only notifications of this unit's subtree; null = every unit. */
  unitId: string | null;
  enabled: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** 发送记录: one notification to one channel (or one person's e-mail), sent with retries. */
export interface NotificationDeliveriesTable {
  id: string;
  /** One delivery per channel and message: a retried send() never queues twice. */
  dedupeKey: string;
  notificationId: string;
  target: DeliveryTarget;
  channelId: string | null;
  userId: string | null;
  unitId: string | null;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string;
  /** The runner that claimed the row, until `claimedUntil`: two instances never send it twice. */
  claimedBy: string | null;
  claimedUntil: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
}

export interface NotificationDeliveryAttemptsTable {
  id: string;
  /** Null for a test message sent from the channel page. */
  deliveryId: string | null;
  channelId: string | null;
  at: string;
  durationMs: number;
  statusCode: number | null;
  ok: number;
  error: string | null;
}

export interface NotifyTables {
  notificationChannels: NotificationChannelsTable;
  notificationDeliveries: NotificationDeliveriesTable;
  notificationDeliveryAttempts: NotificationDeliveryAttemptsTable;
}
