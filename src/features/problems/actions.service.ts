import { chinaDate } from '../../core/business-date.js';
import { ACTION_RULES, checkActionItemAction, type ActionItemAction } from '../../core/dispatch/problems.js';
import { nextLevel, overdueWorkingDays, type EscalationLadder } from '../../core/dispatch/escalation.js';
import type { ActionItemStatus } from '../../core/dispatch/action-items.js';
import { AppError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { WorkCalendar } from '../../core/schedule/working-days.js';
import type { ActionItem, ActionListQuery, InstructionInput } from '../../core/schemas/problems.schema.js';
import type { Db } from '../../db/database.js';
import { updateVersioned } from '../../db/helpers/versioned.js';
import type { AttachmentsService } from '../attachments/attachments.service.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CalendarService } from '../calendar/calendar.service.js';
import type { Actor, Deps } from '../shared/context.js';
import { actionsRepository, type ActionRow } from './actions.repository.js';
import type { DispatchSettingsService } from './dispatch-settings.service.js';
import { actorKind, enforce, eventsRepository, scopePrefix, type NewEvent } from './dispatch-shared.js';
import type { EscalationService } from './escalation.service.js';
import type { ProblemScope } from './problems.repository.js';

/** Where a raised item comes from (other than a meeting or a problem, which insert their own). */
export interface RaiseSource {
  kind: 'instruction' | 'light';
  /** The first event's note, e.g. 领导批示 / 红灯督办. */
  note: string;
  auditAction: string;
  guard?: (trx: Db) => Promise<string | null>;
}

function toActionItem(r: ActionRow, ctx: { today: string; cal: WorkCalendar; ladder: EscalationLadder }): ActionItem {
  const { unitPath: _u, projectLeaderId: _l, ...rest } = r;
  return {
    ...rest,
    escalationLevelName: r.escalationLevel > 0 ? (ctx.ladder.levels[r.escalationLevel - 1]?.name ?? `第${r.escalationLevel}级`) : null,
    overdueDays: r.status === 'open' ? overdueWorkingDays(ctx.cal, r.deadline, ctx.today) : 0,
  };
}

/**
 * 督办事项 lifecycle, whatever raised the item (a meeting inserts rows directly; problems hand
 * over; leaders write 批示): the owner reports back with a note and photos, the coordinator
 * verifies (closed) or returns it with a reason (open again), or cancels it with a reason.
 * Overdue items climb the same escalation ladder as problems.
 */
export function createActionsService(deps: Deps, audit: AuditService, attachments: AttachmentsService, calendar: CalendarService, settings: DispatchSettingsService, escalation: EscalationService) {
  const scopeOf = (actor: Actor): ProblemScope => ({ prefix: scopePrefix(actor), userId: actor.userId });
  async function context() {
    const [cal, ladder] = await Promise.all([calendar.load(), settings.ladder()]);
    return { today: chinaDate(deps.clock.now()), cal, ladder };
  }
  async function load(db: Db, actor: Actor, id: string): Promise<ActionRow> {
    const row = await actionsRepository.find(db, id, scopeOf(actor));
    if (!row) throw new AppError('NOT_FOUND', { objectType: 'action-item', id });
    return row;
  }

  async function detail(actor: Actor, id: string) {
    const [row, ctx] = await Promise.all([load(deps.db, actor, id), context()]);
    const files = (await attachments.refsFor(deps.db, 'action-item', [id])).get(id) ?? [];
    return { ...toActionItem(row, ctx), events: await eventsRepository.list(deps.db, 'actionItemEvents', id, files) };
  }

  async function change(actor: Actor, id: string, expectedVersion: number, step: (trx: Db, row: ActionRow, now: string) => Promise<{ values: Record<string, unknown>; event: NewEvent; action: string }>) {
    const now = deps.clock.now().toISOString();
    // Read before the transaction: on SQLite a second connection inside it would wait forever.
    const ctx = await context();
    const row = await deps.db.transaction().execute(async (trx) => {
      const r = await load(trx, actor, id);
      if (r.version !== expectedVersion) throw new AppError('VERSION_CONFLICT', { current: toActionItem(r, ctx) });
      const { values, event, action } = await step(trx, r, now);
      if (!(await updateVersioned(trx, 'actionItems', id, expectedVersion, values, now))) throw new AppError('VERSION_CONFLICT', { current: toActionItem(r, ctx) });
      await eventsRepository.insert(trx, 'actionItemEvents', id, now, event);
      await audit.record(trx, actor, { action, objectType: 'action-item', objectId: id, unitId: r.ownerUnitId, before: { status: r.status, escalationLevel: r.escalationLevel }, after: values, detail: event.note ?? null });
      return r;
    });
    return { row, item: await detail(actor, id) };
  }

  async function raise(actor: Actor, input: InstructionInput, source: RaiseSource) {
    const now = deps.clock.now().toISOString();
    const id = newId();
    await deps.db.transaction().execute(async (trx) => {
      const project = await trx.selectFrom('projects').innerJoin('units', 'units.id', 'projects.unitId').select(['projects.id', 'units.path']).where('projects.id', '=', input.projectId).executeTakeFirst();
      const prefix = scopePrefix(actor);
      if (!project || (prefix && !project.path.startsWith(prefix))) throw new AppError('VALIDATION_FAILED', { field: 'projectId', reason: '项目不存在或不在本单位范围 / unknown project or outside your units' });
      const sourceId = source.guard ? await source.guard(trx) : null;
      const unit = await trx.selectFrom('units').select('id').where('id', '=', input.ownerUnitId).executeTakeFirst();
      if (!unit) throw new AppError('VALIDATION_FAILED', { field: 'ownerUnitId', reason: '单位不存在 / unknown unit' });
      const leaderId = actor.role === 'leader' ? actor.userId : input.leaderId;
      const userIds = [input.ownerUserId, leaderId].filter((x): x is string => !!x);
      if (userIds.length) {
        const found = await trx.selectFrom('users').select(['id', 'unitId']).where('id', 'in', userIds).where('disabled', '=', 0).execute();
        if (found.length !== new Set(userIds).size) throw new AppError('VALIDATION_FAILED', { field: 'ownerUserId', reason: '人员不存在或已停用 / unknown or disabled person' });
        if (input.ownerUserId && found.find((u) => u.id === input.ownerUserId)?.unitId !== input.ownerUnitId) throw new AppError('VALIDATION_FAILED', { field: 'ownerUserId', reason: '责任人须为责任单位人员 / the person must belong to the owner unit' });
      }
      const values = { id, sourceKind: source.kind, sourceId, projectId: input.projectId, title: input.title, detail: input.detail, ownerUnitId: input.ownerUnitId, ownerUserId: input.ownerUserId, leaderId, deadline: input.deadline, status: 'open' as const, escalationLevel: 0, feedback: null, feedbackAt: null, closedAt: null, createdBy: actor.userId, version: 1, createdAt: now, updatedAt: now };
      await actionsRepository.insert(trx, values);
      await eventsRepository.insert(trx, 'actionItemEvents', id, now, { userId: actor.userId, kind: 'create', toStatus: 'open', note: source.note });
      await audit.record(trx, actor, { action: source.auditAction, objectType: 'action-item', objectId: id, unitId: input.ownerUnitId, after: values });
    });
    const prefix = source.kind === 'light' ? '红灯督办' : '领导批示';
    await escalation.assigned([{ id, ownerUnitId: input.ownerUnitId, ownerUserId: input.ownerUserId ?? null, title: input.title.startsWith(prefix) ? input.title : `${prefix}：${input.title}`, body: `完成时限 ${input.deadline}。`, link: `/actions?id=${id}` }]);
    return detail(actor, id);
  }

  return {
    detail,

    async list(actor: Actor, q: ActionListQuery) {
      const ctx = await context();
      const { items, total } = await actionsRepository.list(deps.db, scopeOf(actor), q, ctx.today);
      return { items: items.map((r) => toActionItem(r, ctx)), total, page: q.page, pageSize: q.pageSize };
    },

    /** 领导批示: a leader (or the coordinator on a leader's behalf) instructs a unit on a project. */
    instruct: (actor: Actor, input: InstructionInput) => raise(actor, input, { kind: 'instruction', note: '领导批示', auditAction: 'action.instruct' }),

    /**
     * Raises an item from another source on a project (a red light's 督办). `guard` runs inside the
     * transaction before the insert, so its checks (e.g. "no open item yet") cannot race, and
     * returns the source row's id.
     */
    raise,

    /** feedback / verify / return / cancel, by the rules of core/dispatch/problems.ts. */
    async act(actor: Actor, id: string, expectedVersion: number, action: Exclude<ActionItemAction, 'escalate'>, input: { note?: string | null | undefined; attachmentIds?: string[] | undefined }) {
      return (
        await change(actor, id, expectedVersion, async (trx, row, now) => {
          enforce(checkActionItemAction(action, row.status, actorKind(actor, { unitPath: row.unitPath, ownerUserId: row.ownerUserId }), { note: input.note }), action === 'feedback' ? 'note' : 'reason');
          const to = ACTION_RULES[action].to as ActionItemStatus;
          const values: Record<string, unknown> = { status: to };
          let ids: string[] = [];
          if (action === 'feedback') {
            ids = (await attachments.link(trx, actor, input.attachmentIds ?? [], { ownerType: 'action-item', ownerId: id, unitId: row.ownerUnitId })).map((f) => f.id);
            values.feedback = input.note;
            values.feedbackAt = now;
          }
          if (action === 'verify') values.closedAt = now;
          return { values, event: { userId: actor.userId, kind: action, fromStatus: row.status, toStatus: to, note: input.note ?? null, attachmentIds: ids }, action: `action.${action}` };
        })
      ).item;
    },

    async escalate(actor: Actor, id: string, expectedVersion: number, reason: string) {
      const ladder = await settings.ladder();
      let level = 0;
      const { row, item } = await change(actor, id, expectedVersion, async (_trx, r) => {
        enforce(checkActionItemAction('escalate', r.status, actorKind(actor, r), { note: reason }), 'reason');
        const next = nextLevel(ladder, r.escalationLevel);
        if (!next) throw new AppError('CONFLICT', { reason: '已在最高一级 / already at the top level' });
        level = next;
        return { values: { escalationLevel: next }, event: { userId: actor.userId, kind: 'escalate', level: next, note: reason }, action: 'action.escalate' };
      });
      await escalation.notify([{ kind: 'action', id, level, title: row.title.slice(0, 60), deadline: row.deadline, leaderId: row.leaderId, unitId: row.ownerUnitId, unitName: row.ownerUnitName, projectLeaderId: row.projectLeaderId, ownerUserId: row.ownerUserId, reason }]);
      return item;
    },

    async canRead(actor: Actor, id: string): Promise<boolean> {
      return !!(await actionsRepository.find(deps.db, id, scopeOf(actor)));
    },
  };
}
export type ActionsService = ReturnType<typeof createActionsService>;
