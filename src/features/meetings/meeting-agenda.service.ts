import type { Kysely } from 'kysely';
import { AppError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { AgendaInput, Meeting, OutcomeInput, PatchAgendaInput, PatchOutcomeInput, PutAttendeesInput } from '../../core/schemas/meetings.schema.js';
import { outcomeInputSchema } from '../../core/schemas/meetings.schema.js';
import type { Database } from '../../db/database.js';
import { updateVersioned } from '../../db/helpers/versioned.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Actor, Deps } from '../shared/context.js';
import { meetingsRepository } from './meetings.repository.js';
import { activeUnit, activeUser, loadMeeting, writableMeeting } from './meetings.service.js';

async function liveProject(db: Kysely<Database>, id: string) {
  const p = await db.selectFrom('projects').select(['id', 'name', 'archived']).where('id', '=', id).executeTakeFirst();
  if (!p || p.archived) throw new AppError('VALIDATION_FAILED', { field: 'projectId', reason: '项目不存在或已归档 / no such project' });
  return p;
}

/** References an outcome names must exist and be active. */
async function checkOutcomeRefs(db: Kysely<Database>, o: { ownerUnitId?: string | null | undefined; ownerUserId?: string | null | undefined; leaderUserId?: string | null | undefined }) {
  if (o.ownerUnitId) await activeUnit(db, o.ownerUnitId, 'ownerUnitId');
  if (o.ownerUserId) await activeUser(db, o.ownerUserId, 'ownerUserId');
  if (o.leaderUserId) await activeUser(db, o.leaderUserId, 'leaderUserId');
}

const defined = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/**
 * Running a meeting: the attendance list, agenda items and their outcomes. Items and outcomes
 * carry their own version, so two people typing into different items never collide; every
 * change is refused once the meeting is closed (MEETING_CLOSED, 409). Each call answers with
 * the whole meeting, so the page shows what the server holds after every keystroke it sends.
 */
export function createMeetingAgendaService(deps: Deps, audit: AuditService) {
  const now = () => deps.clock.now().toISOString();
  const reload = async (db: Kysely<Database>, id: string) => loadMeeting(db, (await meetingsRepository.find(db, id))!);

  /** Replaces the attendance list (it is edited as one checklist), needing the meeting's version. */
  async function putAttendees(actor: Actor, id: string, expectedVersion: number, input: PutAttendeesInput): Promise<Meeting> {
    return deps.db.transaction().execute(async (trx) => {
      const row = await writableMeeting(trx, actor, id);
      const before = await meetingsRepository.attendees(trx, id);
      if (expectedVersion !== row.version || !(await updateVersioned(trx, 'meetings', id, expectedVersion, {}, now()))) {
        throw new AppError('VERSION_CONFLICT', { current: await loadMeeting(trx, row) });
      }
      const rows = [];
      for (const [i, a] of input.attendees.entries()) {
        let name = a.name ?? '';
        let unitId = a.unitId ?? null;
        if (a.userId) {
          const u = await activeUser(trx, a.userId, `attendees.${i}.userId`);
          name = name || u.displayName;
          unitId = unitId ?? u.unitId;
        }
        if (unitId) await activeUnit(trx, unitId, `attendees.${i}.unitId`);
        rows.push({ id: newId(), meetingId: id, userId: a.userId ?? null, name, unitId, attendance: a.attendance, note: a.note || null, sortOrder: i });
      }
      await meetingsRepository.replaceAttendees(trx, id, rows);
      const after = await reload(trx, id);
      await audit.record(trx, actor, { action: 'meeting.attendees', objectType: 'meeting', objectId: id, unitId: row.unitId, before, after: after.attendees });
      return after;
    });
  }

  async function addAgenda(actor: Actor, id: string, input: AgendaInput): Promise<Meeting> {
    return deps.db.transaction().execute(async (trx) => {
      const row = await writableMeeting(trx, actor, id);
      const project = input.projectId ? await liveProject(trx, input.projectId) : null;
      const itemId = newId();
      const t = now();
      const item = {
        id: itemId,
        meetingId: id,
        seq: await meetingsRepository.nextSeq(trx, 'meetingAgendaItems', id),
        projectId: project?.id ?? null,
        problemId: input.problemId ?? null,
        title: input.title || project!.name,
        presenter: input.presenter || null,
        version: 1,
        createdAt: t,
        updatedAt: t,
      };
      await trx.insertInto('meetingAgendaItems').values(item).execute();
      await audit.record(trx, actor, { action: 'meeting.agenda.create', objectType: 'meeting-agenda-item', objectId: itemId, unitId: row.unitId, after: item });
      return reload(trx, id);
    });
  }

  async function patchAgenda(actor: Actor, id: string, itemId: string, expectedVersion: number, input: PatchAgendaInput): Promise<Meeting> {
    return deps.db.transaction().execute(async (trx) => {
      const row = await writableMeeting(trx, actor, id);
      const before = await meetingsRepository.agendaItem(trx, id, itemId);
      if (!before) throw new AppError('NOT_FOUND', { objectType: 'meeting-agenda-item', id: itemId });
      if (input.projectId) await liveProject(trx, input.projectId);
      const values = defined({ ...input, presenter: input.presenter === '' ? null : input.presenter });
      if (expectedVersion !== before.version || !(await updateVersioned(trx, 'meetingAgendaItems', itemId, expectedVersion, values, now()))) {
        throw new AppError('VERSION_CONFLICT', { current: before });
      }
      const after = await meetingsRepository.agendaItem(trx, id, itemId);
      await audit.record(trx, actor, { action: 'meeting.agenda.update', objectType: 'meeting-agenda-item', objectId: itemId, unitId: row.unitId, before, after });
      return reload(trx, id);
    });
  }

  async function deleteAgenda(actor: Actor, id: string, itemId: string, expectedVersion: number): Promise<Meeting> {
    return deps.db.transaction().execute(async (trx) => {
      const row = await writableMeeting(trx, actor, id);
      const before = await meetingsRepository.agendaItem(trx, id, itemId);
      if (!before) throw new AppError('NOT_FOUND', { objectType: 'meeting-agenda-item', id: itemId });
      if (expectedVersion !== before.version) throw new AppError('VERSION_CONFLICT', { current: before });
      await trx.deleteFrom('meetingOutcomes').where('agendaItemId', '=', itemId).execute();
      const r = await trx.deleteFrom('meetingAgendaItems').where('id', '=', itemId).where('version', '=', expectedVersion).executeTakeFirst();
      if (Number(r.numDeletedRows) !== 1) throw new AppError('VERSION_CONFLICT', { current: before });
      await audit.record(trx, actor, { action: 'meeting.agenda.delete', objectType: 'meeting-agenda-item', objectId: itemId, unitId: row.unitId, before });
      return reload(trx, id);
    });
  }

  async function addOutcome(actor: Actor, id: string, itemId: string, input: OutcomeInput): Promise<Meeting> {
    return deps.db.transaction().execute(async (trx) => {
      const row = await writableMeeting(trx, actor, id);
      if (!(await meetingsRepository.agendaItem(trx, id, itemId))) throw new AppError('NOT_FOUND', { objectType: 'meeting-agenda-item', id: itemId });
      await checkOutcomeRefs(trx, input);
      const action = input.kind === 'action';
      const t = now();
      const outcome = {
        id: newId(),
        meetingId: id,
        agendaItemId: itemId,
        seq: await meetingsRepository.nextSeq(trx, 'meetingOutcomes', id),
        kind: input.kind,
        content: input.content,
        // Owner, leader and deadline belong to actions only; a decision's text says who, if anyone.
        ownerUnitId: action ? (input.ownerUnitId ?? null) : null,
        ownerUserId: action ? (input.ownerUserId ?? null) : null,
        leaderUserId: action ? (input.leaderUserId ?? null) : null,
        deadline: action ? (input.deadline ?? null) : null,
        actionItemId: null,
        version: 1,
        createdAt: t,
        updatedAt: t,
      };
      await trx.insertInto('meetingOutcomes').values(outcome).execute();
      await audit.record(trx, actor, { action: 'meeting.outcome.create', objectType: 'meeting-outcome', objectId: outcome.id, unitId: row.unitId, after: outcome });
      return reload(trx, id);
    });
  }

  async function patchOutcome(actor: Actor, id: string, outcomeId: string, expectedVersion: number, input: PatchOutcomeInput): Promise<Meeting> {
    return deps.db.transaction().execute(async (trx) => {
      const row = await writableMeeting(trx, actor, id);
      const before = await meetingsRepository.outcome(trx, id, outcomeId);
      if (!before) throw new AppError('NOT_FOUND', { objectType: 'meeting-outcome', id: outcomeId });
      // The merged outcome must still be a valid one (an action keeps its owner and deadline).
      const merged = { ...before, ...defined(input) };
      const check = outcomeInputSchema.safeParse({ kind: merged.kind, content: merged.content, ownerUnitId: merged.ownerUnitId, ownerUserId: merged.ownerUserId, leaderUserId: merged.leaderUserId, deadline: merged.deadline });
      if (!check.success) throw new AppError('VALIDATION_FAILED', { issues: check.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
      await checkOutcomeRefs(trx, input);
      const action = merged.kind === 'action';
      const values = {
        kind: merged.kind,
        content: merged.content,
        ownerUnitId: action ? merged.ownerUnitId : null,
        ownerUserId: action ? merged.ownerUserId : null,
        leaderUserId: action ? merged.leaderUserId : null,
        deadline: action ? merged.deadline : null,
      };
      if (expectedVersion !== before.version || !(await updateVersioned(trx, 'meetingOutcomes', outcomeId, expectedVersion, values, now()))) {
        throw new AppError('VERSION_CONFLICT', { current: before });
      }
      await audit.record(trx, actor, { action: 'meeting.outcome.update', objectType: 'meeting-outcome', objectId: outcomeId, unitId: row.unitId, before, after: values });
      return reload(trx, id);
    });
  }

  async function deleteOutcome(actor: Actor, id: string, outcomeId: string, expectedVersion: number): Promise<Meeting> {
    return deps.db.transaction().execute(async (trx) => {
      const row = await writableMeeting(trx, actor, id);
      const before = await meetingsRepository.outcome(trx, id, outcomeId);
      if (!before) throw new AppError('NOT_FOUND', { objectType: 'meeting-outcome', id: outcomeId });
      const r = await trx.deleteFrom('meetingOutcomes').where('id', '=', outcomeId).where('version', '=', expectedVersion).executeTakeFirst();
      if (Number(r.numDeletedRows) !== 1) throw new AppError('VERSION_CONFLICT', { current: before });
      await audit.record(trx, actor, { action: 'meeting.outcome.delete', objectType: 'meeting-outcome', objectId: outcomeId, unitId: row.unitId, before });
      return reload(trx, id);
    });
  }

  return { putAttendees, addAgenda, patchAgenda, deleteAgenda, addOutcome, patchOutcome, deleteOutcome };
}
export type MeetingAgendaService = ReturnType<typeof createMeetingAgendaService>;
