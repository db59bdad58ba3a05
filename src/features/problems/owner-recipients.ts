import type { Db } from '../../db/database.js';
import type { NewNotification, NotificationsService } from '../notifications/notifications.service.js';

/** The owner side of a 督办事项 or a problem: a responsible unit and, optionally, a named person. */
export interface OwnerRef {
  ownerUnitId: string;
  ownerUserId: string | null;
}

/** Roles that work items; viewers and the three administrators never own one. */
const WORKING_ROLES = ['unit-staff', 'coordinator', 'leader'] as const;

/**
 * Who answers for an item, so that an assignment or an escalation always reaches someone — the
 * one resolver every owner notice uses (meeting actions, 批示, 转督办, 红灯督办, escalations):
 *  1. the named person (责任人), when active;
 *  2. else the owner unit's active unit staff (责任单位人员);
 *  3. else the owner unit's other working accounts (its coordinators, leaders) — a 管委会 often
 *     has only a 项目办 account;
 *  4. else the coordinators (项目办) of the nearest ancestor unit that has any, up to the county:
 *     the office that assigned the work re-assigns it. The item then shows 未指定责任人.
 * Returns one list per input, in input order; empty only when the whole chain has no account.
 */
export async function resolveOwnerRecipients(db: Db, items: OwnerRef[]): Promise<string[][]> {
  if (items.length === 0) return [];
  const named = [...new Set(items.map((i) => i.ownerUserId).filter((x): x is string => !!x))];
  const active = new Set(named.length ? (await db.selectFrom('users').select('id').where('id', 'in', named).where('disabled', '=', 0).execute()).map((u) => u.id) : []);
  const unitIds = [...new Set(items.filter((i) => !i.ownerUserId || !active.has(i.ownerUserId)).map((i) => i.ownerUnitId))];
  const units = unitIds.length ? await db.selectFrom('units').select(['id', 'path']).where('id', 'in', unitIds).execute() : [];
  // A unit's path is "/root/…/self/": its ancestors, nearest last.
  const chains = new Map(units.map((u) => [u.id, u.path.split('/').filter(Boolean).reverse()]));
  const everyUnit = [...new Set([...chains.values()].flat())];
  const people = everyUnit.length
    ? await db.selectFrom('users').select(['id', 'unitId', 'role']).where('unitId', 'in', everyUnit).where('disabled', '=', 0).where('role', 'in', [...WORKING_ROLES]).orderBy('id').execute()
    : [];
  const inUnit = (unitId: string, roles: readonly string[]) => people.filter((p) => p.unitId === unitId && roles.includes(p.role)).map((p) => p.id);

  return items.map((i) => {
    if (i.ownerUserId && active.has(i.ownerUserId)) return [i.ownerUserId];
    const [self, ...ancestors] = chains.get(i.ownerUnitId) ?? [i.ownerUnitId];
    const staff = inUnit(self!, ['unit-staff']);
    if (staff.length) return staff;
    const own = inUnit(self!, WORKING_ROLES);
    if (own.length) return own;
    for (const a of ancestors) {
      const coordinators = inUnit(a, ['coordinator']);
      if (coordinators.length) return coordinators;
    }
    return [];
  });
}

/** A newly raised 督办事项 and the words of its notice. */
export interface Assignment extends OwnerRef {
  id: string;
  title: string;
  body: string;
  link: string;
}

/**
 * 督办交办 notices, one per owner, deduplicated by item and person so a retried close or request
 * never notifies twice. Sent after the commit that raised the items.
 */
export async function notifyAssigned(db: Db, notifications: NotificationsService, raised: Assignment[]): Promise<number> {
  const recipients = await resolveOwnerRecipients(db, raised);
  const items: NewNotification[] = raised.flatMap((r, i) =>
    (recipients[i] ?? []).map((userId) => ({ userId, unitId: r.ownerUnitId, kind: 'action-assigned', title: r.title, body: r.body, link: r.link, dedupeKey: `action-assigned:${r.id}:${userId}` })),
  );
  return notifications.send(items);
}
