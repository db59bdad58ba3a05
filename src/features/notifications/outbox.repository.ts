import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { NotificationDeliveriesTable, NotificationDeliveryAttemptsTable } from '../../db/tables-notify.js';

export type DeliveryRow = Selectable<NotificationDeliveriesTable>;

/** SQL of the delivery outbox (发送记录): queue, claim, finish, and the context a message needs. */
export const outboxRepository = {
  enabledChannels(db: Db) {
    return db
      .selectFrom('notificationChannels')
      .leftJoin('units', 'units.id', 'notificationChannels.unitId')
      .select(['notificationChannels.id', 'notificationChannels.kind', 'notificationChannels.kinds', 'units.path as unitPath'])
      .where('notificationChannels.enabled', '=', 1)
      .execute();
  },

  unitPaths(db: Db, ids: string[]) {
    return ids.length ? db.selectFrom('units').select(['id', 'path']).where('id', 'in', ids).execute() : Promise.resolve([]);
  },

  mailRecipients(db: Db, ids: string[]) {
    return ids.length
      ? db.selectFrom('users').select(['id', 'email', 'notifyMode']).where('id', 'in', ids).where('email', 'is not', null).where('disabled', '=', 0).execute()
      : Promise.resolve([]);
  },

  async insertMany(db: Db, rows: Insertable<NotificationDeliveriesTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 200) {
      await db.insertInto('notificationDeliveries').values(rows.slice(i, i + 200)).onConflict((oc) => oc.column('dedupeKey').doNothing()).execute();
    }
  },

  /**
   * Claims up to `limit` due rows for `token` in ONE statement. The conditions are repeated on
   * the outer UPDATE so that, on PostgreSQL, a runner that waited for another's row lock
   * re-checks them on the committed row and skips it: two runners never hold the same row.
   */
  claim(db: Db, token: string, now: string, until: string, limit: number): Promise<DeliveryRow[]> {
    return db
      .updateTable('notificationDeliveries')
      .set({ claimedBy: token, claimedUntil: until })
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('notificationDeliveries as d')
          .select('d.id')
          .where('d.status', '=', 'pending')
          .where('d.nextAttemptAt', '<=', now)
          .where((e) => e.or([e('d.claimedBy', 'is', null), e('d.claimedUntil', '<', now)]))
          .orderBy('d.nextAttemptAt')
          .limit(limit),
      )
      .where('status', '=', 'pending')
      .where('nextAttemptAt', '<=', now)
      .where((e) => e.or([e('claimedBy', 'is', null), e('claimedUntil', '<', now)]))
      .returningAll()
      .execute();
  },

  /** The notifications, channels and people the claimed rows need, in three statements. */
  async context(db: Db, rows: DeliveryRow[]) {
    const notificationIds = [...new Set(rows.map((r) => r.notificationId))];
    const channelIds = [...new Set(rows.map((r) => r.channelId).filter((x): x is string => !!x))];
    const [notifications, channels, mails] = await Promise.all([
      db
        .selectFrom('notifications')
        .leftJoin('units', 'units.id', 'notifications.unitId')
        .innerJoin('users', 'users.id', 'notifications.userId')
        .select(['notifications.id', 'notifications.kind', 'notifications.title', 'notifications.body', 'notifications.link', 'notifications.createdAt', 'notifications.unitId', 'units.name as unitName', 'notifications.userId', 'users.displayName as userName'])
        .where('notifications.id', 'in', notificationIds)
        .execute(),
      channelIds.length ? db.selectFrom('notificationChannels').selectAll().where('id', 'in', channelIds).execute() : Promise.resolve([]),
      db.selectFrom('users').select(['id', 'email']).where('id', 'in', [...new Set(rows.map((r) => r.userId).filter((x): x is string => !!x)), '']).execute(),
    ]);
    return { notifications: new Map(notifications.map((n) => [n.id, n])), channels: new Map(channels.map((c) => [c.id, c])), emails: new Map(mails.map((m) => [m.id, m.email])) };
  },

  /** Records an attempt and moves the row on, only while this runner still holds the claim. */
  async finish(db: Db, row: DeliveryRow, token: string, attempt: Insertable<NotificationDeliveryAttemptsTable>, next: Partial<Pick<DeliveryRow, 'status' | 'attempts' | 'nextAttemptAt' | 'lastStatusCode' | 'lastError' | 'sentAt'>>, now: string) {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('notificationDeliveryAttempts').values(attempt).execute();
      await trx
        .updateTable('notificationDeliveries')
        .set({ ...next, claimedBy: null, claimedUntil: null, updatedAt: now })
        .where('id', '=', row.id)
        .where('claimedBy', '=', token)
        .execute();
    });
  },
};
