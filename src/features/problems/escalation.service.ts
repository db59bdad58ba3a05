import { chinaDate } from '../../core/business-date.js';
import { climbTo, recipientsAt, type EscalationLadder } from '../../core/dispatch/escalation.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CalendarService } from '../calendar/calendar.service.js';
import type { NewNotification, NotificationsService } from '../notifications/notifications.service.js';
import type { Deps } from '../shared/context.js';
import { updateVersioned } from '../../db/helpers/versioned.js';
import { actionsRepository } from './actions.repository.js';
import type { DispatchSettingsService } from './dispatch-settings.service.js';
import { SYSTEM, eventsRepository } from './dispatch-shared.js';
import { notifyAssigned, resolveOwnerRecipients, type Assignment } from './owner-recipients.js';
import { problemsRepository } from './problems.repository.js';

/** What a level's notice is about: a problem or an action item, and the people it resolves to. */
export interface Climb {
  kind: 'problem' | 'action';
  id: string;
  level: number;
  title: string;
  deadline: string;
  leaderId: string | null;
  unitId: string;
  unitName: string | null;
  projectLeaderId: string | null;
  /** The responsible person (责任人): told on every climb too, so the owner knows who now watches. */
  ownerUserId: string | null;
  reason: string | null;
  /** The level it climbs from (default: the one below): the levels in between are told too. */
  from?: number;
}

/**
 * Escalation (督办升级) for problems and action items alike. The job climbs every overdue item
 * to the level `climbTo` gives, notifies the new level's people, and writes the trail. It is
 * idempotent: notices carry the dedupe key `<kind>:<id>:level:<n>:<user>` (sent first — a crash
 * before the level is saved sends nothing twice on the next run) and the level is saved with
 * `WHERE version = ?`, so a second run, or a second instance, finds nothing left to climb.
 */
export function createEscalationService(deps: Deps, audit: AuditService, notifications: NotificationsService, settings: DispatchSettingsService, calendar: CalendarService) {
  async function notify(ladder: EscalationLadder, climbs: Climb[]): Promise<number> {
    if (climbs.length === 0) return 0;
    const unitIds = [...new Set(climbs.map((c) => c.unitId))];
    const owners = await resolveOwnerRecipients(deps.db, climbs.map((c) => ({ ownerUnitId: c.unitId, ownerUserId: c.ownerUserId })));
    const staff = await deps.db.selectFrom('users').select(['id', 'unitId']).where('unitId', 'in', unitIds).where('disabled', '=', 0).where('role', 'in', ['unit-staff', 'coordinator']).execute();
    const items: NewNotification[] = [];
    for (const [i, c] of climbs.entries()) {
      const levelName = ladder.levels[c.level - 1]?.name ?? `第${c.level}级`;
      const staffIds = staff.filter((s) => s.unitId === c.unitId).map((s) => s.id);
      const told = new Set<string>();
      // The level reached first, then every level the item passed over on the way (a job that ran
      // late, or a long holiday): each level's people hear of it once, so none is skipped unseen.
      for (let level = c.level; level > (c.from ?? c.level - 1); level--) {
        const people = recipientsAt(ladder, level, { leaderId: c.leaderId, unitId: c.unitId, projectLeaderId: c.projectLeaderId, unitStaffIds: staffIds });
        // The owner (the named person, else whoever the resolver finds) is told on every climb, once.
        if (level === c.level) people.push(...(owners[i] ?? []));
        const passed = level < c.level ? `；已越过第${level}级「${ladder.levels[level - 1]?.name ?? ''}」，特此告知` : '';
        for (const userId of new Set(people)) {
          if (told.has(userId)) continue;
          told.add(userId);
          items.push({
            userId,
            unitId: c.unitId,
            kind: c.kind === 'problem' ? 'problem-escalated' : 'action-escalated',
            title: `${c.kind === 'problem' ? '问题' : '督办事项'}升级至${levelName}：${c.title}`,
            body: `责任单位：${c.unitName ?? ''}；办结时限 ${c.deadline}${c.reason ? `；理由：${c.reason}` : '，已逾期'}${passed}。`,
            link: c.kind === 'problem' ? `/problems?id=${c.id}` : `/actions?id=${c.id}`,
            dedupeKey: `${c.kind}:${c.id}:level:${level}:${userId}`,
          });
        }
      }
    }
    return notifications.send(items);
  }

  const short = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

  return {
    notify: async (climbs: Climb[]) => notify(await settings.ladder(), climbs),

    /** 督办交办: tells a newly raised item's owners (批示, 转督办, 红灯督办; meetings call notifyAssigned themselves). */
    assigned: (raised: Assignment[]) => notifyAssigned(deps.db, notifications, raised),

    /** The scheduled run: climbs overdue problems and action items, notifies, writes the trail. */
    async run(): Promise<{ problems: number; actions: number; notified: number }> {
      const [ladder, cal] = await Promise.all([settings.ladder(), calendar.load()]);
      const now = deps.clock.now().toISOString();
      const today = chinaDate(deps.clock.now());
      const [problems, actions] = await Promise.all([problemsRepository.overdue(deps.db, today), actionsRepository.overdue(deps.db, today)]);
      const climbs: (Climb & { version: number })[] = [];
      for (const p of problems) {
        const to = climbTo(cal, ladder, p, today);
        if (to) climbs.push({ kind: 'problem', id: p.id, level: to, from: p.escalationLevel, title: short(`${p.projectName ?? p.scopeUnitName ?? ''} · ${p.description}`), deadline: p.deadline, leaderId: p.leaderId, unitId: p.unitId, unitName: p.unitName, projectLeaderId: p.projectLeaderId, ownerUserId: p.ownerUserId, reason: null, version: p.version });
      }
      for (const a of actions) {
        const to = climbTo(cal, ladder, a, today);
        if (to) climbs.push({ kind: 'action', id: a.id, level: to, from: a.escalationLevel, title: short(a.title), deadline: a.deadline, leaderId: a.leaderId, unitId: a.ownerUnitId, unitName: a.ownerUnitName, projectLeaderId: a.projectLeaderId, ownerUserId: a.ownerUserId, reason: null, version: a.version });
      }
      const notified = await notify(ladder, climbs);
      let nProblems = 0;
      let nActions = 0;
      for (const c of climbs) {
        const saved = await deps.db.transaction().execute(async (trx) => {
          const table = c.kind === 'problem' ? 'problems' : 'actionItems';
          // Someone edited it meanwhile: the next run looks again.
          if (!(await updateVersioned(trx, table, c.id, c.version, { escalationLevel: c.level }, now))) return false;
          await eventsRepository.insert(trx, c.kind === 'problem' ? 'problemEvents' : 'actionItemEvents', c.id, now, { userId: null, kind: 'auto-escalate', level: c.level, note: `逾期自动升级至${ladder.levels[c.level - 1]?.name ?? c.level}` });
          await audit.record(trx, SYSTEM, { action: c.kind === 'problem' ? 'problem.escalate' : 'action.escalate', objectType: c.kind === 'problem' ? 'problem' : 'action-item', objectId: c.id, unitId: c.unitId, after: { escalationLevel: c.level }, detail: 'overdue' });
          return true;
        });
        if (saved && c.kind === 'problem') nProblems++;
        if (saved && c.kind === 'action') nActions++;
      }
      return { problems: nProblems, actions: nActions, notified };
    },
  };
}
export type EscalationService = ReturnType<typeof createEscalationService>;
