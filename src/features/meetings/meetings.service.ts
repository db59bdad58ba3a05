import type { Kysely } from 'kysely';
import { chinaDate } from '../../core/business-date.js';
import { AppError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { CarryOver, CreateMeetingInput, Meeting, MeetingSeries, MeetingSummary, MeetingsQuery, PatchMeetingInput } from '../../core/schemas/meetings.schema.js';
import type { Database } from '../../db/database.js';
import { updateVersioned } from '../../db/helpers/versioned.js';
import type { AuditService } from '../audit/audit.service.js';
import type { NotificationsService } from '../notifications/notifications.service.js';
import { notifyAssigned } from '../problems/owner-recipients.js';
import { scopePrefix, type Actor, type Deps } from '../shared/context.js';
import { unitsRepository } from '../units/units.repository.js';
import { meetingsRepository, type MeetingScope } from './meetings.repository.js';

export type MeetingRow = NonNullable<Awaited<ReturnType<typeof meetingsRepository.find>>>;

/** The data scope of a scoped actor; none for someone at the root unit, whose subtree is everything. */
export function meetingScope(actor: Actor): MeetingScope | null {
  const path = scopePrefix(actor);
  return path === null ? null : { unitPath: path, userId: actor.userId ?? '' };
}

/** A meeting the actor may see, or NOT_FOUND (a meeting out of scope does not exist for them). */
export async function visibleMeeting(db: Kysely<Database>, actor: Actor, id: string): Promise<MeetingRow> {
  const row = await meetingsRepository.find(db, id);
  const scope = meetingScope(actor);
  if (!row || (scope && !(await meetingsRepository.isVisible(db, id, scope)))) throw new AppError('NOT_FOUND', { objectType: 'meeting', id });
  return row;
}

/**
 * A meeting the actor may change: visible, organised within a scoped writer's subtree, and not
 * closed. Closing locks a meeting for good; its actions live on in action_items.
 */
export async function writableMeeting(db: Kysely<Database>, actor: Actor, id: string): Promise<MeetingRow> {
  const row = await visibleMeeting(db, actor, id);
  if (actor.scoped && !row.unitPath.startsWith(actor.unitPath ?? '\u0000')) {
    throw new AppError('FORBIDDEN', { reason: '只能修改本单位及下级单位组织的会议 / you can change only meetings organised by your unit or below' });
  }
  if (row.status === 'closed') throw new AppError('MEETING_CLOSED', { id, closedAt: row.closedAt });
  return row;
}

/** An active account, or 400 naming the field. */
export async function activeUser(db: Kysely<Database>, id: string, field: string) {
  const u = await db.selectFrom('users').select(['id', 'displayName', 'unitId', 'disabled']).where('id', '=', id).executeTakeFirst();
  if (!u || u.disabled) throw new AppError('VALIDATION_FAILED', { field, reason: '人员不存在或已停用 / no such active person' });
  return u;
}

/** An active unit, or 400 naming the field. */
export async function activeUnit(db: Kysely<Database>, id: string, field: string) {
  const u = await unitsRepository.find(db, id);
  if (!u || u.archived) throw new AppError('VALIDATION_FAILED', { field, reason: '单位不存在或已停用 / no such active unit' });
  return u;
}

function summary(r: MeetingRow & { agendaCount: unknown; actionCount: unknown }): MeetingSummary {
  return {
    id: r.id,
    unitId: r.unitId,
    unitName: r.unitName,
    seriesId: r.seriesId,
    seriesName: r.seriesName,
    kind: r.kind,
    title: r.title,
    date: r.date,
    startTime: r.startTime,
    place: r.place,
    chairUserId: r.chairUserId,
    chairName: r.chairName,
    status: r.status,
    closedAt: r.closedAt,
    version: r.version,
    agendaCount: Number(r.agendaCount ?? 0),
    actionCount: Number(r.actionCount ?? 0),
  };
}

/** The whole meeting in four statements: head, attendees, agenda, outcomes (with action status). */
export async function loadMeeting(db: Kysely<Database>, row: MeetingRow): Promise<Meeting> {
  const [attendees, agenda, outcomes] = await Promise.all([meetingsRepository.attendees(db, row.id), meetingsRepository.agenda(db, row.id), meetingsRepository.outcomes(db, row.id)]);
  const { unitPath: _p, ...head } = row;
  return {
    ...head,
    attendees,
    agenda: agenda.map((a) => ({ ...a, outcomes: outcomes.filter((o) => o.agendaItemId === a.id) })),
  };
}

/**
 * 调度会议: meetings and their series, closing (which locks the meeting and raises each action
 * outcome into action_items in the same transaction), and the carry-over list a series' next
 * meeting opens with. Attendees, agenda and outcomes are in meeting-agenda.service.ts.
 */
export function createMeetingsService(deps: Deps, audit: AuditService, notifications: NotificationsService) {
  async function get(actor: Actor, id: string): Promise<Meeting> {
    return loadMeeting(deps.db, await visibleMeeting(deps.db, actor, id));
  }

  async function list(actor: Actor, q: MeetingsQuery) {
    const { rows, total } = await meetingsRepository.list(deps.db, q, meetingScope(actor));
    return { items: rows.map(summary), total, page: q.page, pageSize: q.pageSize };
  }

  async function series(actor: Actor): Promise<MeetingSeries[]> {
    const scope = meetingScope(actor);
    const rows = await meetingsRepository.series(deps.db, scope?.unitPath ?? null);
    return rows.map((r) => ({ ...r, meetingCount: Number(r.meetingCount ?? 0), lastDate: (r.lastDate as string | null) ?? null }));
  }

  async function create(actor: Actor, input: CreateMeetingInput): Promise<Meeting> {
    const now = deps.clock.now().toISOString();
    return deps.db.transaction().execute(async (trx) => {
      let unitId = input.unitId ?? actor.unitId;
      if (input.seriesId) {
        const s = await meetingsRepository.findSeries(trx, input.seriesId);
        if (!s) throw new AppError('VALIDATION_FAILED', { field: 'seriesId', reason: '会议系列不存在 / no such series' });
        unitId = input.unitId ?? s.unitId;
      }
      if (!unitId) throw new AppError('VALIDATION_FAILED', { field: 'unitId', reason: '请选择组织单位 / choose the organising unit' });
      const unit = await activeUnit(trx, unitId, 'unitId');
      if (actor.scoped && !unit.path.startsWith(actor.unitPath ?? '\u0000')) {
        throw new AppError('FORBIDDEN', { reason: '只能为本单位及下级单位组织会议 / you can organise meetings only for your unit or below' });
      }
      if (input.chairUserId) await activeUser(trx, input.chairUserId, 'chairUserId');
      let seriesId = input.seriesId ?? null;
      if (input.newSeriesName) {
        seriesId = newId();
        await trx.insertInto('meetingSeries').values({ id: seriesId, unitId, name: input.newSeriesName, kind: input.kind, createdBy: actor.userId, createdAt: now }).execute();
      }
      const id = newId();
      await meetingsRepository.insert(trx, {
        id,
        unitId,
        seriesId,
        kind: input.kind,
        title: input.title,
        date: input.date,
        startTime: input.startTime ?? null,
        place: input.place || null,
        chairUserId: input.chairUserId ?? null,
        notes: input.notes || null,
        status: 'open',
        closedAt: null,
        closedBy: null,
        createdBy: actor.userId,
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
      const meeting = await loadMeeting(trx, (await meetingsRepository.find(trx, id))!);
      await audit.record(trx, actor, { action: 'meeting.create', objectType: 'meeting', objectId: id, unitId, after: meeting });
      return meeting;
    });
  }

  async function patch(actor: Actor, id: string, expectedVersion: number, input: PatchMeetingInput): Promise<Meeting> {
    const now = deps.clock.now().toISOString();
    return deps.db.transaction().execute(async (trx) => {
      const row = await writableMeeting(trx, actor, id);
      const before = await loadMeeting(trx, row);
      if (input.chairUserId) await activeUser(trx, input.chairUserId, 'chairUserId');
      const values = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined).map(([k, v]) => [k, v === '' ? null : v]));
      if (expectedVersion !== row.version || !(await updateVersioned(trx, 'meetings', id, expectedVersion, values, now))) throw new AppError('VERSION_CONFLICT', { current: before });
      const after = await loadMeeting(trx, (await meetingsRepository.find(trx, id))!);
      await audit.record(trx, actor, { action: 'meeting.update', objectType: 'meeting', objectId: id, unitId: row.unitId, before, after });
      return after;
    });
  }

  /**
   * Closes and locks the meeting. In the same transaction every action outcome becomes one
   * action_items row (source 'meeting', the outcome's id as source), so a meeting is never closed
   * with actions missing and no action exists for a meeting still being edited. The owners are
   * notified after the commit, with dedupe keys, so a retried close never notifies twice.
   */
  async function close(actor: Actor, id: string, expectedVersion: number): Promise<Meeting> {
    const now = deps.clock.now().toISOString();
    const { meeting, raised } = await deps.db.transaction().execute(async (trx) => {
      const row = await writableMeeting(trx, actor, id);
      if (expectedVersion !== row.version) throw new AppError('VERSION_CONFLICT', { current: await loadMeeting(trx, row) });
      if (!(await updateVersioned(trx, 'meetings', id, expectedVersion, { status: 'closed', closedAt: now, closedBy: actor.userId }, now))) {
        throw new AppError('VERSION_CONFLICT', { current: await loadMeeting(trx, row) });
      }
      const actions = await trx
        .selectFrom('meetingOutcomes as o')
        .innerJoin('meetingAgendaItems as a', 'a.id', 'o.agendaItemId')
        .select(['o.id', 'o.content', 'o.ownerUnitId', 'o.ownerUserId', 'o.leaderUserId', 'o.deadline', 'a.projectId', 'a.title as agendaTitle'])
        .where('o.meetingId', '=', id)
        .where('o.kind', '=', 'action')
        .where('o.actionItemId', 'is', null)
        .orderBy('o.seq')
        .execute();
      const raised: { id: string; title: string; deadline: string; ownerUnitId: string; ownerUserId: string | null }[] = [];
      for (const o of actions) {
        const actionId = newId();
        const item = {
          id: actionId,
          sourceKind: 'meeting' as const,
          sourceId: o.id,
          projectId: o.projectId,
          title: o.content,
          detail: `${row.title}（${row.date}）· 议题：${o.agendaTitle}`,
          ownerUnitId: o.ownerUnitId!,
          ownerUserId: o.ownerUserId,
          leaderId: o.leaderUserId ?? row.chairUserId,
          deadline: o.deadline!,
          status: 'open' as const,
          escalationLevel: 0,
          feedback: null,
          feedbackAt: null,
          closedAt: null,
          createdBy: actor.userId,
          version: 1,
          createdAt: now,
          updatedAt: now,
        };
        await trx.insertInto('actionItems').values(item).execute();
        await trx.updateTable('meetingOutcomes').set({ actionItemId: actionId }).where('id', '=', o.id).execute();
        await audit.record(trx, actor, { action: 'action-item.create', objectType: 'action-item', objectId: actionId, unitId: item.ownerUnitId, after: item });
        raised.push({ id: actionId, title: o.content, deadline: item.deadline, ownerUnitId: item.ownerUnitId, ownerUserId: item.ownerUserId });
      }
      const meeting = await loadMeeting(trx, (await meetingsRepository.find(trx, id))!);
      await audit.record(trx, actor, { action: 'meeting.close', objectType: 'meeting', objectId: id, unitId: row.unitId, detail: `${raised.length} actions raised`, after: { status: 'closed', actionItemIds: raised.map((r) => r.id) } });
      return { meeting, raised };
    });
    await notifyOwners(meeting, raised);
    return meeting;
  }

  /** 督办事项 to its owners, by the one resolver (named person → unit staff → unit → nearest 项目办). */
  async function notifyOwners(meeting: Meeting, raised: { id: string; title: string; deadline: string; ownerUnitId: string; ownerUserId: string | null }[]) {
    await notifyAssigned(
      deps.db,
      notifications,
      raised.map((r) => ({ ...r, title: `会议督办：${r.title}`, body: `${meeting.title}（${meeting.date}）交办，完成时限 ${r.deadline}。`, link: `/meetings/${meeting.id}?action=${r.id}` })),
    );
  }

  /**
   * What the meeting opens with: the previous closed meeting of its series and the status of
   * its actions now, plus older actions of the series still not closed.
   */
  async function carryOver(actor: Actor, id: string): Promise<CarryOver> {
    const row = await visibleMeeting(deps.db, actor, id);
    if (!row.seriesId) return { previousMeeting: null, items: [] };
    const prev = await meetingsRepository.previousInSeries(deps.db, row.seriesId, row.date, row.id);
    if (!prev) return { previousMeeting: null, items: [] };
    const today = chinaDate(deps.clock.now());
    const rows = await meetingsRepository.carryOver(deps.db, row.seriesId, prev);
    return {
      previousMeeting: prev,
      items: rows.map(({ seq: _s, ...r }) => ({ ...r, fromPrevious: r.meetingId === prev.id, overdue: r.status === 'open' && r.deadline < today })),
    };
  }

  return { get, list, series, create, patch, close, carryOver };
}
export type MeetingsService = ReturnType<typeof createMeetingsService>;
