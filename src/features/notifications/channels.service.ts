import type { Selectable } from 'kysely';
import { AppError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { absoluteLink, maskUrl, type NotifyMode } from '../../core/notifications/channels.js';
import type { Channel, CreateChannelInput, DeliveriesQuery, Delivery, UpdateChannelInput } from '../../core/schemas/notify.schema.js';
import type { Db } from '../../db/database.js';
import type { NotificationChannelsTable } from '../../db/tables-notify.js';
import { updateVersioned } from '../../db/helpers/versioned.js';
import { toCount } from '../../db/helpers/count.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Actor, Deps } from '../shared/context.js';
import type { Outbox } from './outbox.js';

type ChannelRow = Selectable<NotificationChannelsTable> & { unitName: string | null };

function toChannel(r: ChannelRow): Channel {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    urlMasked: maskUrl(r.url),
    secretSet: !!r.secret,
    format: r.format,
    kinds: JSON.parse(r.kinds) as string[],
    unitId: r.unitId,
    unitName: r.unitName,
    enabled: r.enabled === 1,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** What the audit trail keeps of a channel: the address masked, the secret only as set / not set. */
const auditView = (r: ChannelRow) => {
  const { urlMasked, ...rest } = toChannel(r);
  return { ...rest, url: urlMasked };
};

/**
 * 通知渠道 and 发送记录: the system administrator configures where notifications go outside
 * the platform, sends a test message, reads the delivery log and retries a failed delivery.
 * Each person sets their own e-mail address and delivery preference.
 */
export function createChannelsService(deps: Deps, audit: AuditService, outbox: Outbox) {
  const withUnit = (db: Db) => db.selectFrom('notificationChannels').leftJoin('units', 'units.id', 'notificationChannels.unitId').selectAll('notificationChannels').select('units.name as unitName');

  async function getRow(db: Db, id: string): Promise<ChannelRow> {
    const row = await withUnit(db).where('notificationChannels.id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', { objectType: 'notification-channel', id });
    return row;
  }

  async function checkUnit(db: Db, unitId: string | null | undefined) {
    if (!unitId) return;
    const unit = await db.selectFrom('units').select(['id', 'archived']).where('id', '=', unitId).executeTakeFirst();
    if (!unit || unit.archived) throw new AppError('VALIDATION_FAILED', { field: 'unitId', reason: '单位不存在或已停用 / unit not found' });
  }

  return {
    async list(): Promise<Channel[]> {
      return (await withUnit(deps.db).orderBy('notificationChannels.createdAt').execute()).map(toChannel);
    },

    async get(id: string): Promise<Channel> {
      return toChannel(await getRow(deps.db, id));
    },

    async create(actor: Actor, input: CreateChannelInput): Promise<Channel> {
      const now = deps.clock.now().toISOString();
      return deps.db.transaction().execute(async (trx) => {
        await checkUnit(trx, input.unitId);
        const id = newId();
        await trx
          .insertInto('notificationChannels')
          .values({ id, name: input.name, kind: input.kind, url: input.url, secret: input.secret || null, format: input.format, kinds: JSON.stringify(input.kinds), unitId: input.unitId ?? null, enabled: input.enabled ? 1 : 0, version: 1, createdAt: now, updatedAt: now })
          .execute();
        const row = await getRow(trx, id);
        await audit.record(trx, actor, { action: 'notification-channel.create', objectType: 'notification-channel', objectId: id, after: auditView(row) });
        return toChannel(row);
      });
    },

    async update(actor: Actor, id: string, expectedVersion: number, patch: UpdateChannelInput): Promise<Channel> {
      const now = deps.clock.now().toISOString();
      return deps.db.transaction().execute(async (trx) => {
        const before = await getRow(trx, id);
        if (before.version !== expectedVersion) throw new AppError('VERSION_CONFLICT', { current: toChannel(before) });
        if (patch.unitId !== undefined) await checkUnit(trx, patch.unitId);
        const values: Partial<Selectable<NotificationChannelsTable>> = {};
        if (patch.name !== undefined) values.name = patch.name;
        if (patch.format !== undefined) values.format = patch.format;
        if (patch.kinds !== undefined) values.kinds = JSON.stringify(patch.kinds);
        if (patch.unitId !== undefined) values.unitId = patch.unitId ?? null;
        if (patch.enabled !== undefined) values.enabled = patch.enabled ? 1 : 0;
        if (patch.url !== undefined) values.url = patch.url;
        if (patch.secret !== undefined) values.secret = patch.secret || null;
        if (!(await updateVersioned(trx, 'notificationChannels', id, expectedVersion, values, now))) throw new AppError('VERSION_CONFLICT', { current: toChannel(await getRow(trx, id)) });
        const after = await getRow(trx, id);
        await audit.record(trx, actor, { action: 'notification-channel.update', objectType: 'notification-channel', objectId: id, before: auditView(before), after: auditView(after) });
        return toChannel(after);
      });
    },

    async remove(actor: Actor, id: string): Promise<void> {
      await deps.db.transaction().execute(async (trx) => {
        const before = await getRow(trx, id);
        await trx.deleteFrom('notificationChannels').where('id', '=', id).execute();
        await audit.record(trx, actor, { action: 'notification-channel.delete', objectType: 'notification-channel', objectId: id, before: auditView(before) });
      });
    },

    /** Sends a sample message now (not queued, no retry) and logs the attempt. */
    async test(actor: Actor, id: string) {
      const row = await getRow(deps.db, id);
      const now = deps.clock.now();
      const result = await outbox.post(row, {
        id: `test-${newId()}`,
        kind: 'test',
        title: '测试消息：项目落地平台通知渠道已接通',
        body: `这是一条测试消息，来自通知渠道「${row.name}」。收到即表示配置正确。\nThis is a test message from luodi.`,
        link: absoluteLink(deps.config.LUODI_PUBLIC_URL, '/notifications'),
        unit: null,
        user: actor.userId ? { id: actor.userId, name: actor.username ?? '' } : null,
        createdAt: now.toISOString(),
      });
      await deps.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('notificationDeliveryAttempts')
          .values({ id: newId(), deliveryId: null, channelId: id, at: now.toISOString(), durationMs: result.durationMs, statusCode: result.statusCode, ok: result.ok ? 1 : 0, error: result.error })
          .execute();
        await audit.record(trx, actor, { action: 'notification-channel.test', objectType: 'notification-channel', objectId: id, detail: result.ok ? `送达 / delivered: HTTP ${result.statusCode}` : `未送达 / not delivered: ${result.error}` });
      });
      return result;
    },

    async deliveries(q: DeliveriesQuery) {
      let base = deps.db.selectFrom('notificationDeliveries as d');
      if (q.channelId) base = base.where('d.channelId', '=', q.channelId);
      if (q.status) base = base.where('d.status', '=', q.status);
      if (q.target) base = base.where('d.target', '=', q.target);
      const [rows, total] = await Promise.all([
        base
          .innerJoin('notifications as n', 'n.id', 'd.notificationId')
          .leftJoin('notificationChannels as c', 'c.id', 'd.channelId')
          .leftJoin('users as u', 'u.id', 'd.userId')
          .select(['d.id', 'd.notificationId', 'n.title', 'n.kind as notificationKind', 'd.target', 'd.channelId', 'c.name as channelName', 'u.displayName as userName', 'd.status', 'd.attempts', 'd.nextAttemptAt', 'd.lastStatusCode', 'd.lastError', 'd.createdAt', 'd.sentAt'])
          .orderBy('d.createdAt', 'desc')
          .orderBy('d.id', 'desc')
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize)
          .execute(),
        base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
      ]);
      const items: Delivery[] = rows.map((r) => ({ ...r, userName: r.target === 'email' ? r.userName : null }));
      return { items, total: toCount(total.n as string | number), page: q.page, pageSize: q.pageSize };
    },

    async attempts(deliveryId: string) {
      const rows = await deps.db.selectFrom('notificationDeliveryAttempts').selectAll().where('deliveryId', '=', deliveryId).orderBy('at').execute();
      return rows.map((r) => ({ id: r.id, at: r.at, durationMs: r.durationMs, statusCode: r.statusCode, ok: r.ok === 1, error: r.error }));
    },

    /** A failed delivery goes back into the queue with a fresh set of attempts. */
    async retry(actor: Actor, id: string): Promise<void> {
      const now = deps.clock.now().toISOString();
      await deps.db.transaction().execute(async (trx) => {
        const r = await trx
          .updateTable('notificationDeliveries')
          .set({ status: 'pending', attempts: 0, nextAttemptAt: now, claimedBy: null, claimedUntil: null, updatedAt: now })
          .where('id', '=', id)
          .where('status', '=', 'failed')
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) {
          const exists = await trx.selectFrom('notificationDeliveries').select('status').where('id', '=', id).executeTakeFirst();
          if (!exists) throw new AppError('NOT_FOUND', { objectType: 'notification-delivery', id });
          throw new AppError('CONFLICT', { reason: '只有发送失败的记录可以重发 / only a failed delivery can be retried', status: exists.status });
        }
        await audit.record(trx, actor, { action: 'notification-delivery.retry', objectType: 'notification-delivery', objectId: id, before: { status: 'failed' }, after: { status: 'pending' } });
      });
    },

    async prefs(actor: Actor) {
      const u = await deps.db.selectFrom('users').select(['email', 'notifyMode']).where('id', '=', actor.userId ?? '').executeTakeFirstOrThrow();
      return { email: u.email, notifyMode: u.notifyMode as NotifyMode, emailAvailable: !!deps.config.LUODI_SMTP_URL };
    },

    /** The person's own e-mail and preference; bumps the user's version so an admin's open form sees the change. */
    async setPrefs(actor: Actor, input: { email: string | null; notifyMode: NotifyMode }) {
      const now = deps.clock.now().toISOString();
      await deps.db.transaction().execute(async (trx) => {
        const before = await trx.selectFrom('users').select(['email', 'notifyMode', 'unitId']).where('id', '=', actor.userId ?? '').executeTakeFirstOrThrow();
        await trx
          .updateTable('users')
          .set((eb) => ({ email: input.email, notifyMode: input.notifyMode, updatedAt: now, version: eb('version', '+', 1) }))
          .where('id', '=', actor.userId ?? '')
          .execute();
        await audit.record(trx, actor, { action: 'user.notify-prefs', objectType: 'user', objectId: actor.userId, unitId: before.unitId, before: { email: before.email, notifyMode: before.notifyMode }, after: input });
      });
      return this.prefs(actor);
    },
  };
}
export type ChannelsService = ReturnType<typeof createChannelsService>;
