import { sql } from 'kysely';
import { chinaDate } from '../../core/business-date.js';
import { DIGEST_KIND } from '../../core/notifications/channels.js';
import type { Deps } from '../shared/context.js';
import type { NewNotification } from './notifications.service.js';

/** The digest goes out from this hour, China time (08:00), on the first job run after it. */
export const DIGEST_HOUR_CHINA = 8;
/** Titles listed in one digest; the rest are counted. */
const DIGEST_LINES = 20;

/**
 * 每日摘要: for each active person who chose the daily digest, their unread notifications since
 * their last digest become one inbox entry (and, through the outbox, one e-mail if they have an
 * address). The dedupe key is the person and the China date, so a re-run sends nothing twice.
 */
export async function runDigest(deps: Deps, send: (items: NewNotification[]) => Promise<number>): Promise<number> {
  const now = deps.clock.now();
  const chinaHour = (now.getUTCHours() + 8) % 24;
  if (chinaHour < DIGEST_HOUR_CHINA) return 0;
  const today = chinaDate(now);
  const rows = await deps.db
    .selectFrom('notifications as n')
    .innerJoin('users as u', 'u.id', 'n.userId')
    .select(['n.userId', 'n.title', 'n.createdAt'])
    .where('u.notifyMode', '=', 'daily')
    .where('u.disabled', '=', 0)
    .where('n.readAt', 'is', null)
    .where('n.kind', '<>', DIGEST_KIND)
    .where('n.createdAt', '<=', now.toISOString())
    .where(({ eb, selectFrom }) =>
      eb(
        'n.createdAt',
        '>',
        selectFrom('notifications as d')
          .select(sql<string>`coalesce(max(d.created_at), '')`.as('last'))
          .whereRef('d.userId', '=', 'n.userId')
          .where('d.kind', '=', DIGEST_KIND),
      ),
    )
    .orderBy('n.userId')
    .orderBy('n.createdAt', 'desc')
    .orderBy('n.id', 'desc')
    .execute();
  const byUser = new Map<string, string[]>();
  for (const r of rows) {
    const titles = byUser.get(r.userId) ?? [];
    titles.push(r.title);
    byUser.set(r.userId, titles);
  }
  const items: NewNotification[] = [...byUser].map(([userId, titles]) => ({
    userId,
    unitId: null,
    kind: DIGEST_KIND,
    title: `每日摘要：${titles.length} 条未读通知`,
    body: [...titles.slice(0, DIGEST_LINES).map((t) => `· ${t}`), ...(titles.length > DIGEST_LINES ? [`…另有 ${titles.length - DIGEST_LINES} 条`] : [])].join('\n'),
    link: '/notifications',
    dedupeKey: `digest:${userId}:${today}`,
  }));
  return send(items);
}
