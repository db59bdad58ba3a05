import { chinaDate } from '../../core/business-date.js';
import { nextLevel, overdueWorkingDays, type EscalationLadder } from '../../core/dispatch/escalation.js';
import { PROBLEM_ESCALATING, PROBLEM_RULES, averageDays, checkProblemAction, weekStart, type ProblemAction, type ProblemStatus } from '../../core/dispatch/problems.js';
import { AppError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { WorkCalendar } from '../../core/schedule/working-days.js';
import { calendarDaysBetween } from '../../core/schedule/working-days.js';
import type { Problem, ProblemDetail, ProblemInput, ProblemListQuery, ProblemPatch, ProblemSummary } from '../../core/schemas/problems.schema.js';
import type { Db } from '../../db/database.js';
import { updateVersioned } from '../../db/helpers/versioned.js';
import type { AttachmentsService } from '../attachments/attachments.service.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CalendarService } from '../calendar/calendar.service.js';
import type { Actor, Deps } from '../shared/context.js';
import { actionsRepository } from './actions.repository.js';
import type { DispatchSettingsService } from './dispatch-settings.service.js';
import { actorKind, enforce, eventsRepository, scopePrefix, type NewEvent } from './dispatch-shared.js';
import type { EscalationService } from './escalation.service.js';
import { problemsRepository, type ProblemRow, type ProblemScope } from './problems.repository.js';

/** Monday 00:00 China time of the week `today` falls in, as a UTC instant (本周新增 counts from it). */
export function weekStartInstant(today: string): string {
  return new Date(`${weekStart(today)}T00:00:00+08:00`).toISOString();
}

export function toProblem(r: ProblemRow, ctx: { today: string; cal: WorkCalendar; ladder: EscalationLadder }): Problem {
  const { unitPath: _u, projectLeaderId: _l, supportingUnitIds, ...rest } = r;
  return {
    ...rest,
    supportingUnitIds: JSON.parse(supportingUnitIds) as string[],
    escalationLevelName: r.escalationLevel > 0 ? (ctx.ladder.levels[r.escalationLevel - 1]?.name ?? `第${r.escalationLevel}级`) : null,
    overdueDays: PROBLEM_ESCALATING.includes(r.status) ? overdueWorkingDays(ctx.cal, r.deadline, ctx.today) : 0,
  };
}

/**
 * 问题清单 → 责任清单 → 销号. Problems are raised on a project or a zone, worked by their 责任单位,
 * closed only with proof (a note and at least one photo) verified by the coordinator, escalated
 * automatically when overdue (EscalationService) or by hand with a reason, and may be handed over
 * as a 督办事项 (supervise).
 */
export function createProblemsService(deps: Deps, audit: AuditService, attachments: AttachmentsService, calendar: CalendarService, settings: DispatchSettingsService, escalation: EscalationService) {
  const today = () => chinaDate(deps.clock.now());
  const scopeOf = (actor: Actor): ProblemScope => ({ prefix: scopePrefix(actor), userId: actor.userId });

  async function context() {
    const [cal, ladder] = await Promise.all([calendar.load(), settings.ladder()]);
    return { today: today(), cal, ladder };
  }

  async function load(db: Db, actor: Actor, id: string): Promise<ProblemRow> {
    const row = await problemsRepository.find(db, id, scopeOf(actor));
    if (!row) throw new AppError('NOT_FOUND', { objectType: 'problem', id });
    return row;
  }

  /** Checks the names an input refers to; returns the scope unit (the project's lead unit or the zone). */
  async function insertProblem(trx: Db, actor: Actor, input: ProblemInput): Promise<string> {
    const now = deps.clock.now().toISOString();
    const id = newId();
    const scopeUnitId = (await checkRefs(trx, actor, input))!;
    const row = { id, projectId: input.projectId, scopeUnitId, category: input.category, description: input.description, raisedBy: input.raisedBy, leaderId: input.leaderId, unitId: input.unitId, ownerUserId: input.ownerUserId, supportingUnitIds: JSON.stringify(input.supportingUnitIds), deadline: input.deadline, status: 'new' as const, escalationLevel: 0, closeNote: null, closedAt: null, createdBy: actor.userId, version: 1, createdAt: now, updatedAt: now };
    await problemsRepository.insert(trx, row);
    await eventsRepository.insert(trx, 'problemEvents', id, now, { userId: actor.userId, kind: 'create', toStatus: 'new' });
    await audit.record(trx, actor, { action: 'problem.create', objectType: 'problem', objectId: id, unitId: input.unitId, after: row });
    return id;
  }

  async function checkRefs(db: Db, actor: Actor, input: Partial<ProblemInput>, current?: ProblemRow): Promise<string | undefined> {
    if (input.category !== undefined) {
      const { categories } = await settings.categories(db);
      if (!categories.includes(input.category)) throw new AppError('VALIDATION_FAILED', { field: 'category', reason: '问题类别不在类别清单中 / not one of the categories' });
    }
    const unitIds = [...new Set([input.unitId, input.scopeUnitId, ...(input.supportingUnitIds ?? [])].filter((x): x is string => !!x))];
    const userIds = [...new Set([input.leaderId, input.ownerUserId].filter((x): x is string => !!x))];
    const [units, users] = await Promise.all([
      unitIds.length ? db.selectFrom('units').select(['id', 'path', 'archived']).where('id', 'in', unitIds).execute() : [],
      userIds.length ? db.selectFrom('users').select(['id', 'unitId']).where('id', 'in', userIds).where('disabled', '=', 0).execute() : [],
    ]);
    if (units.length !== unitIds.length) throw new AppError('VALIDATION_FAILED', { field: 'unitId', reason: '单位不存在 / unknown unit' });
    if (users.length !== userIds.length) throw new AppError('VALIDATION_FAILED', { field: 'ownerUserId', reason: '人员不存在或已停用 / unknown or disabled person' });
    const owner = input.ownerUserId ? users.find((u) => u.id === input.ownerUserId) : null;
    const unitId = input.unitId ?? current?.unitId;
    if (owner && unitId && owner.unitId !== unitId) throw new AppError('VALIDATION_FAILED', { field: 'ownerUserId', reason: '责任人须为责任单位人员 / the person in charge must belong to the responsible unit' });
    if (current) return undefined;
    if (input.projectId) {
      const p = await db.selectFrom('projects').innerJoin('units', 'units.id', 'projects.unitId').select(['projects.unitId', 'units.path', 'projects.archived']).where('projects.id', '=', input.projectId).executeTakeFirst();
      const prefix = scopePrefix(actor);
      if (!p || (prefix && !p.path.startsWith(prefix))) throw new AppError('VALIDATION_FAILED', { field: 'projectId', reason: '项目不存在或不在本单位范围 / unknown project or outside your units' });
      return p.unitId;
    }
    const zone = units.find((u) => u.id === input.scopeUnitId);
    if (!zone) throw new AppError('VALIDATION_FAILED', { field: 'scopeUnitId', reason: '请选择项目，或问题所属的园区/单位 / choose a project or the zone the problem belongs to' });
    const prefix = scopePrefix(actor);
    if (prefix && !zone.path.startsWith(prefix)) throw new AppError('FORBIDDEN', { reason: '只能为本单位范围登记问题 / only within your units' });
    return zone.id;
  }

  async function detail(actor: Actor, id: string): Promise<ProblemDetail> {
    const [row, ctx] = await Promise.all([load(deps.db, actor, id), context()]);
    const files = (await attachments.refsFor(deps.db, 'problem', [id])).get(id) ?? [];
    const [events, actions] = await Promise.all([eventsRepository.list(deps.db, 'problemEvents', id, files), actionsRepository.fromProblem(deps.db, id)]);
    return { ...toProblem(row, ctx), events, actionItemIds: actions.map((a) => a.id) };
  }

  /** One versioned write with its history row and audit row, in one transaction. */
  async function change(actor: Actor, id: string, expectedVersion: number, step: (trx: Db, row: ProblemRow, now: string) => Promise<{ values: Record<string, unknown>; event: NewEvent; action: string }>) {
    const now = deps.clock.now().toISOString();
    // Read before the transaction: on SQLite a second connection inside it would wait forever.
    const ctx = await context();
    const result = await deps.db.transaction().execute(async (trx) => {
      const row = await load(trx, actor, id);
      if (row.version !== expectedVersion) throw new AppError('VERSION_CONFLICT', { current: toProblem(row, ctx) });
      const { values, event, action } = await step(trx, row, now);
      if (!(await updateVersioned(trx, 'problems', id, expectedVersion, values, now))) throw new AppError('VERSION_CONFLICT', { current: toProblem(row, ctx) });
      await eventsRepository.insert(trx, 'problemEvents', id, now, event);
      const before = { status: row.status, escalationLevel: row.escalationLevel, deadline: row.deadline };
      await audit.record(trx, actor, { action, objectType: 'problem', objectId: id, unitId: row.unitId, before, after: values, detail: event.note ?? null });
      return row;
    });
    return { row: result, problem: await detail(actor, id) };
  }

  return {
    detail,

    async list(actor: Actor, q: ProblemListQuery) {
      const ctx = await context();
      const { items, total } = await problemsRepository.list(deps.db, scopeOf(actor), q, { today: ctx.today, weekStartAt: weekStartInstant(ctx.today) });
      return { items: items.map((r) => toProblem(r, ctx)), total, page: q.page, pageSize: q.pageSize, weekStart: weekStart(ctx.today) };
    },

    async create(actor: Actor, input: ProblemInput): Promise<ProblemDetail> {
      const id = await deps.db.transaction().execute((trx) => insertProblem(trx, actor, input));
      return detail(actor, id);
    },

    /** Creates a problem inside another feature's transaction (a report's raised problems on acceptance). */
    createWithin: insertProblem,

    /** The categories in force (an unknown one raised elsewhere files under the last, 其他). */
    categories: (db: Db) => settings.categories(db),

    async update(actor: Actor, id: string, expectedVersion: number, patch: ProblemPatch): Promise<ProblemDetail> {
      return (
        await change(actor, id, expectedVersion, async (trx, row) => {
          if (row.status === 'closed') throw new AppError('CONFLICT', { reason: '已销号的问题不能修改 / a closed problem cannot be changed' });
          await checkRefs(trx, actor, patch, row);
          const values: Record<string, unknown> = { ...patch };
          if (patch.supportingUnitIds) values.supportingUnitIds = JSON.stringify(patch.supportingUnitIds);
          const changed = Object.keys(patch).join(', ');
          return { values, event: { userId: actor.userId, kind: 'update', note: patch.deadline && patch.deadline !== row.deadline ? `修改：${changed}（时限 ${row.deadline} → ${patch.deadline}）` : `修改：${changed}` }, action: 'problem.update' };
        })
      ).problem;
    },

    /** start / request-close / verify / reject-close / unresolvable, by the rules of core/dispatch/problems.ts. */
    async act(actor: Actor, id: string, expectedVersion: number, action: Exclude<ProblemAction, 'escalate'>, input: { note?: string | null | undefined; attachmentIds?: string[] | undefined }): Promise<ProblemDetail> {
      let notifyTop: { row: ProblemRow; level: number } | null = null;
      const ladder = await settings.ladder();
      const { problem } = await change(actor, id, expectedVersion, async (trx, row, now) => {
        const who = actorKind(actor, row);
        enforce(checkProblemAction(action, row.status, who, { note: input.note, photoCount: action === 'request-close' ? 1 : 0 }));
        const to = PROBLEM_RULES[action].to as ProblemStatus;
        const values: Record<string, unknown> = { status: to };
        let ids: string[] = [];
        if (action === 'request-close') {
          const files = await attachments.link(trx, actor, input.attachmentIds ?? [], { ownerType: 'problem', ownerId: id, unitId: row.unitId });
          // 销号 needs a photo: the coordinator checks the site without going there.
          enforce(checkProblemAction(action, row.status, who, { note: input.note, photoCount: files.filter((f) => f.contentType.startsWith('image/')).length }));
          ids = files.map((f) => f.id);
          values.closeNote = input.note;
        }
        if (action === 'verify') values.closedAt = now;
        if (action === 'unresolvable') {
          // 上报: straight to the top of the ladder, whose people decide.
          const top = ladder.levels.length;
          if (top > row.escalationLevel) {
            values.escalationLevel = top;
            notifyTop = { row, level: top };
          }
        }
        return { values, event: { userId: actor.userId, kind: action, fromStatus: row.status, toStatus: to, note: input.note ?? null, attachmentIds: ids, level: (values.escalationLevel as number | undefined) ?? null }, action: `problem.${action}` };
      });
      const top = notifyTop as { row: ProblemRow; level: number } | null;
      if (top) await escalation.notify([climbOf(top.row, top.level, input.note ?? null)]);
      return problem;
    },

    /** Manual escalation (人工升级): one level up, with a reason; the new level is told at once. */
    async escalate(actor: Actor, id: string, expectedVersion: number, reason: string): Promise<ProblemDetail> {
      const ladder = await settings.ladder();
      let level = 0;
      const { row, problem } = await change(actor, id, expectedVersion, async (_trx, r) => {
        enforce(checkProblemAction('escalate', r.status, actorKind(actor, r), { note: reason }), 'reason');
        const next = nextLevel(ladder, r.escalationLevel);
        if (!next) throw new AppError('CONFLICT', { reason: '已在最高一级 / already at the top level' });
        level = next;
        return { values: { escalationLevel: next }, event: { userId: actor.userId, kind: 'escalate', level: next, note: reason }, action: 'problem.escalate' };
      });
      await escalation.notify([climbOf(row, level, reason)]);
      return problem;
    },

    async summary(actor: Actor): Promise<ProblemSummary> {
      const t = today();
      const ctx = { today: t, weekStartAt: weekStartInstant(t) };
      const [counts, closed] = await Promise.all([problemsRepository.countsByUnit(deps.db, scopeOf(actor), ctx), problemsRepository.closedTimes(deps.db, scopeOf(actor))]);
      const days = new Map<string, number[]>();
      for (const c of closed) {
        if (!c.closedAt) continue;
        days.set(c.unitId, [...(days.get(c.unitId) ?? []), calendarDaysBetween(chinaDate(new Date(c.createdAt)), chinaDate(new Date(c.closedAt)))]);
      }
      const units = counts
        .map((c) => ({
          unitId: c.unitId,
          unitName: c.unitName,
          sortOrder: c.sortOrder,
          total: Number(c.total),
          newThisWeek: Number(c.newThisWeek ?? 0),
          active: Number(c.active ?? 0),
          closeRequested: Number(c.closeRequested ?? 0),
          closed: Number(c.closed ?? 0),
          unresolvable: Number(c.unresolvable ?? 0),
          overdue: Number(c.overdue ?? 0),
          avgDaysToClose: averageDays(days.get(c.unitId) ?? []),
        }))
        .sort((a, b) => b.overdue - a.overdue || b.active - a.active || a.sortOrder - b.sortOrder)
        .map(({ sortOrder: _s, ...u }) => u);
      const sum = (k: 'newThisWeek' | 'closed' | 'overdue') => units.reduce((n, u) => n + u[k], 0);
      return { weekStart: weekStart(t), totals: { newThisWeek: sum('newThisWeek'), active: units.reduce((n, u) => n + u.active + u.closeRequested + u.unresolvable, 0), closed: sum('closed'), overdue: sum('overdue') }, units };
    },

    /** 转督办: hands the problem over as a tracked action item of its 责任单位. */
    async supervise(actor: Actor, id: string, input: { title?: string | null | undefined; deadline?: string | undefined; ownerUnitId?: string | undefined; ownerUserId?: string | null | undefined }): Promise<{ actionItemId: string }> {
      const now = deps.clock.now().toISOString();
      const actionId = newId();
      const raised = await deps.db.transaction().execute(async (trx) => {
        const row = await load(trx, actor, id);
        if (row.status === 'closed') throw new AppError('CONFLICT', { reason: '已销号的问题不能转督办 / a closed problem cannot be handed over' });
        const ownerUnitId = input.ownerUnitId ?? row.unitId;
        const values = {
          id: actionId,
          sourceKind: 'problem' as const,
          sourceId: id,
          projectId: row.projectId,
          title: input.title || `【${row.category}】${row.description}`.slice(0, 200),
          detail: row.description,
          ownerUnitId,
          ownerUserId: input.ownerUserId ?? (ownerUnitId === row.unitId ? row.ownerUserId : null),
          leaderId: row.leaderId,
          deadline: input.deadline ?? row.deadline,
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
        await actionsRepository.insert(trx, values);
        await eventsRepository.insert(trx, 'actionItemEvents', actionId, now, { userId: actor.userId, kind: 'create', toStatus: 'open', note: '由问题清单转督办' });
        await eventsRepository.insert(trx, 'problemEvents', id, now, { userId: actor.userId, kind: 'supervise', note: `转督办事项，时限 ${values.deadline}` });
        await audit.record(trx, actor, { action: 'problem.supervise', objectType: 'action-item', objectId: actionId, unitId: ownerUnitId, after: values });
        return values;
      });
      await escalation.assigned([{ id: actionId, ownerUnitId: raised.ownerUnitId, ownerUserId: raised.ownerUserId, title: `问题督办：${raised.title}`.slice(0, 120), body: `由问题清单转督办，完成时限 ${raised.deadline}。`, link: `/actions?id=${actionId}` }]);
      return { actionItemId: actionId };
    },

    /** Attachments of a problem are readable by whoever may see the problem. */
    async canRead(actor: Actor, id: string): Promise<boolean> {
      return !!(await problemsRepository.find(deps.db, id, scopeOf(actor)));
    },
  };

  function climbOf(row: ProblemRow, level: number, reason: string | null) {
    return { kind: 'problem' as const, id: row.id, level, title: `${row.projectName ?? row.scopeUnitName ?? ''} · ${row.description}`.slice(0, 60), deadline: row.deadline, leaderId: row.leaderId, unitId: row.unitId, unitName: row.unitName, projectLeaderId: row.projectLeaderId, ownerUserId: row.ownerUserId, reason };
  }
}
export type ProblemsService = ReturnType<typeof createProblemsService>;
