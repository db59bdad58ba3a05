import { chinaDate } from '../../core/business-date.js';
import { newId } from '../../core/ids.js';
import { addWorkingDays } from '../../core/schedule/working-days.js';
import type { Db } from '../../db/database.js';
import type { CalendarService } from '../calendar/calendar.service.js';
import { milestonesRepository } from '../milestones/milestones.repository.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Actor, Deps } from '../shared/context.js';
import { runDigest } from './digest.js';
import { createOutbox } from './outbox.js';

/** How many working days before a due date the owner is reminded (提前提醒). */
export const REMIND_BEFORE_WORKING_DAYS = 3;

export interface NewNotification {
  userId: string;
  unitId: string | null;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  /** The same key is delivered once, however often a job runs. */
  dedupeKey: string;
}

/**
 * The in-app inbox (站内通知). Jobs write with a dedupe key, so two instances or a retried run
 * never notify twice. Each new notification also queues its outside deliveries (group robots,
 * webhooks, e-mail) in the same transaction: see outbox.ts.
 */
export function createNotificationsService(deps: Deps, audit: AuditService, calendar: CalendarService) {
  const outbox = createOutbox(deps);

  /** Inserts the new ones (a known dedupe key is skipped) and queues their outside deliveries. */
  async function send(db: Db, items: NewNotification[]): Promise<number> {
    if (items.length === 0) return 0;
    const now = deps.clock.now().toISOString();
    return db.transaction().execute(async (trx) => {
      let n = 0;
      for (let i = 0; i < items.length; i += 200) {
        const rows = await trx
          .insertInto('notifications')
          .values(items.slice(i, i + 200).map((x) => ({ id: newId(), ...x, createdAt: now, readAt: null })))
          .onConflict((oc) => oc.column('dedupeKey').doNothing())
          .returning(['id', 'userId', 'unitId', 'kind', 'title', 'body', 'link', 'createdAt'])
          .execute();
        await outbox.enqueue(trx, rows);
        n += rows.length;
      }
      return n;
    });
  }

  return {
    send: (items: NewNotification[]) => send(deps.db, items),
    outbox,
    /** 每日摘要 (digest.ts): idempotent per person per China date. */
    digest: () => runDigest(deps, (items) => send(deps.db, items)),

    /** The caller's inbox, newest first; `before` ("createdAt|id" of the last item) pages further back. */
    async list(userId: string, opts: { unreadOnly: boolean; limit: number; kind?: string | undefined; before?: string | undefined }) {
      let q = deps.db.selectFrom('notifications').selectAll().where('userId', '=', userId).orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(opts.limit);
      if (opts.unreadOnly) q = q.where('readAt', 'is', null);
      if (opts.kind) q = q.where('kind', '=', opts.kind);
      if (opts.before) {
        // Keyset cursor "createdAt|id": a batch shares one createdAt, so the id breaks the tie.
        const [at = '', id = ''] = opts.before.split('|');
        q = q.where((eb) => eb.or([eb('createdAt', '<', at), eb.and([eb('createdAt', '=', at), eb('id', '<', id)])]));
      }
      const [items, unread] = await Promise.all([
        q.execute(),
        deps.db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('userId', '=', userId).where('readAt', 'is', null).executeTakeFirstOrThrow(),
      ]);
      return { unread: Number(unread.n), items: items.map(({ userId: _u, dedupeKey: _d, ...x }) => x) };
    },

    async markRead(actor: Actor, id: string | 'all'): Promise<void> {
      await deps.db.transaction().execute(async (trx) => {
        let q = trx.updateTable('notifications').set({ readAt: deps.clock.now().toISOString() }).where('userId', '=', actor.userId ?? '').where('readAt', 'is', null);
        if (id !== 'all') q = q.where('id', '=', id);
        const r = await q.executeTakeFirst();
        await audit.record(trx, actor, { action: 'notification.read', objectType: 'notification', objectId: id, detail: `${Number(r.numUpdatedRows)} marked read` });
      });
    },

    /**
     * Milestone reminders: a few working days before the due date, and once it is overdue, to the
     * owner person — or, without one, to the active unit staff and coordinators of the owner unit.
     */
    async remindMilestones(): Promise<number> {
      const cal = await calendar.load();
      const today = chinaDate(deps.clock.now());
      const dueBy = addWorkingDays(cal, today, REMIND_BEFORE_WORKING_DAYS);
      const due = await milestonesRepository.dueForReminder(deps.db, dueBy);
      const unitIds = [...new Set(due.filter((m) => !m.ownerUserId && m.ownerUnitId).map((m) => m.ownerUnitId!))];
      const staff = unitIds.length
        ? await deps.db.selectFrom('users').select(['id', 'unitId']).where('unitId', 'in', unitIds).where('disabled', '=', 0).where('role', 'in', ['unit-staff', 'coordinator']).execute()
        : [];
      const items: NewNotification[] = [];
      for (const m of due) {
        const overdue = m.plannedEnd < today;
        const recipients = m.ownerUserId ? [m.ownerUserId] : staff.filter((s) => s.unitId === m.ownerUnitId).map((s) => s.id);
        for (const userId of recipients) {
          items.push({
            userId,
            unitId: m.unitId,
            kind: overdue ? 'milestone-overdue' : 'milestone-due',
            title: overdue ? `节点逾期：${m.projectName} · ${m.name}` : `节点即将到期：${m.projectName} · ${m.name}`,
            body: overdue ? `计划完成日期 ${m.plannedEnd} 已过，请尽快办结或说明原因。` : `计划完成日期 ${m.plannedEnd}，请按期办结。`,
            link: `/projects/${m.projectId}?tab=plan`,
            dedupeKey: `${overdue ? 'milestone-overdue' : 'milestone-due'}:${m.id}:${m.plannedEnd}:${userId}`,
          });
        }
      }
      return send(deps.db, items);
    },
  };
}
export type NotificationsService = ReturnType<typeof createNotificationsService>;
