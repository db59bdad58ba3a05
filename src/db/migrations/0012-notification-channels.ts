import type { Kysely } from 'kysely';

/**
 * Notifications beyond the in-app inbox: outside channels (通知渠道: WeCom, DingTalk, Feishu
 * group robots and a generic JSON webhook), the delivery outbox they are sent from with
 * retries, a log of every attempt, and each person's e-mail address and delivery preference.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('email', 'text').execute();
  // immediate = one e-mail per notification; daily = 每日摘要 (in-app and e-mail); off = inbox only.
  await db.schema.alterTable('users').addColumn('notify_mode', 'text', (c) => c.notNull().defaultTo('daily')).execute();

  await db.schema
    .createTable('notification_channels')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // wecom | dingtalk | feishu | webhook
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('secret', 'text')
    .addColumn('format', 'text', (c) => c.notNull()) // text | markdown
    .addColumn('kinds', 'text', (c) => c.notNull().defaultTo('[]')) // JSON array; empty = every kind
    .addColumn('unit_id', 'text', (c) => c.references('units.id')) // null = every unit
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('notification_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('notification_id', 'text', (c) => c.notNull().references('notifications.id').onDelete('cascade'))
    .addColumn('target', 'text', (c) => c.notNull()) // channel | email
    .addColumn('channel_id', 'text', (c) => c.references('notification_channels.id').onDelete('cascade'))
    .addColumn('user_id', 'text')
    .addColumn('unit_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull()) // pending | sent | failed
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_until', 'text')
    .addColumn('last_status_code', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('notification_deliveries_due_idx').on('notification_deliveries').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('notification_deliveries_channel_idx').on('notification_deliveries').columns(['channel_id', 'created_at']).execute();

  await db.schema
    .createTable('notification_delivery_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('delivery_id', 'text', (c) => c.references('notification_deliveries.id').onDelete('cascade')) // null = a test message
    .addColumn('channel_id', 'text', (c) => c.references('notification_channels.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('ok', 'integer', (c) => c.notNull())
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('notification_delivery_attempts_delivery_idx').on('notification_delivery_attempts').columns(['delivery_id', 'at']).execute();
  await db.schema.createIndex('notifications_user_created_idx').on('notifications').columns(['user_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('notifications_user_created_idx').execute();
  await db.schema.dropTable('notification_delivery_attempts').execute();
  await db.schema.dropTable('notification_deliveries').execute();
  await db.schema.dropTable('notification_channels').execute();
  await db.schema.alterTable('users').dropColumn('notify_mode').execute();
  await db.schema.alterTable('users').dropColumn('email').execute();
}
