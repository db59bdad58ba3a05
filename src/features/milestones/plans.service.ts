import { chinaDate } from '../../core/business-date.js';
import { AppError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { Insertable, Kysely } from 'kysely';
import { movePlan, PlanMoveError } from '../../core/schedule/baseline.js';
import { stageOfferFor } from '../../core/schedule/stage-sync.js';
import { checkPlan, generatePlan, milestoneStatus, PlanError, type PlannedNode } from '../../core/schedule/plan.js';
import { addCalendarDays, ISO_DATE_RE, workingDaysBetween, type WorkCalendar } from '../../core/schedule/working-days.js';
import type { AttachmentRef } from '../../core/schemas/attachments.schema.js';
import type { Milestone, MilestoneKind, ProjectPlan, Template, UpdateMilestoneInput } from '../../core/schemas/milestones.schema.js';
import { stageIndex, type Stage } from '../../core/stages.js';
import type { Database } from '../../db/database.js';
import { updateVersioned } from '../../db/helpers/versioned.js';
import type { MilestonesTable } from '../../db/tables-milestones.js';
import type { AttachmentsService } from '../attachments/attachments.service.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CalendarService } from '../calendar/calendar.service.js';
import { projectsRepository } from '../projects/projects.repository.js';
import { scopeOf, type ProjectsService } from '../projects/projects.service.js';
import type { Actor, Deps } from '../shared/context.js';
import { milestonesRepository, type MilestoneRow } from './milestones.repository.js';
import type { TemplatesService } from './templates.service.js';

/**
 * Project plans (节点计划): a template applied from an anchor date, adjusted by the coordinator,
 * approved once (the first approval freezes the baseline), then moved only with a reason. Owners
 * complete their milestones; completing one that marks a stage (开工, 竣工, 投产) offers the stage
 * move to the caller — the project's stage itself changes only through the stage transition
 * (which in turn offers the matching milestone: src/core/schedule/stage-sync.ts).
 */
export function toMilestone(r: MilestoneRow, today: string, cal: WorkCalendar, attachments: AttachmentRef[] = []): Milestone {
  const status = milestoneStatus(r, today);
  const daysLate = r.actualDate ? workingDaysBetween(cal, r.plannedEnd, r.actualDate) : status === 'overdue' ? workingDaysBetween(cal, r.plannedEnd, today) : 0;
  return {
    id: r.id,
    projectId: r.projectId,
    seq: r.seq,
    code: r.code,
    name: r.name,
    kind: r.kind as MilestoneKind,
    dependsOn: JSON.parse(r.dependsOn) as string[],
    parallelGroup: r.parallelGroup,
    durationDays: r.durationDays,
    statutoryDays: r.statutoryDays,
    statutoryNote: r.statutoryNote,
    stage: r.stage as Stage | null,
    plannedStart: r.plannedStart,
    plannedEnd: r.plannedEnd,
    baselineStart: r.baselineStart,
    baselineEnd: r.baselineEnd,
    startedOn: r.startedOn,
    actualDate: r.actualDate,
    status,
    daysLate,
    ownerUnitId: r.ownerUnitId,
    ownerUnitName: r.ownerUnitName,
    ownerUserId: r.ownerUserId,
    ownerUserName: r.ownerUserName,
    note: r.note,
    attachments,
    replans: Number(r.replans ?? 0),
    version: r.version,
    updatedAt: r.updatedAt,
  };
}

/** The unit a node's owner hint names: a unique unit whose name contains the hint, else none. */
export function resolveOwnerUnit(hint: string | null, units: readonly { id: string; name: string; shortName: string | null }[]): string | null {
  if (!hint) return null;
  const hits = units.filter((u) => u.name.includes(hint) || (u.shortName ?? '').includes(hint));
  if (hits.length === 0) return null;
  return [...hits].sort((a, b) => a.name.length - b.name.length)[0]!.id;
}

/** 我的节点: "due this week" looks this many calendar days ahead … */
export const OWED_DUE_WITHIN_DAYS = 7;
/** … and "recently done" this many back. */
export const OWED_DONE_WITHIN_DAYS = 14;

/** What generating a plan needs to know about the project. */
export interface PlanProject {
  id: string;
  unitId: string;
  stage: string;
  actualSignDate: string | null;
  actualStartDate: string | null;
  actualCompletionDate: string | null;
  actualOperationDate: string | null;
}

/** Units a template's owner hints may name (read once per apply or batch). */
export function activeUnits(db: Kysely<Database>) {
  return db.selectFrom('units').select(['id', 'name', 'shortName']).where('archived', '=', 0).execute();
}

/** Each node's owner unit from its hint (null = the project's lead unit), once per template. */
export function ownerUnitsOf(template: Template, units: readonly { id: string; name: string; shortName: string | null }[]): (string | null)[] {
  return template.nodes.map((n) => resolveOwnerUnit(n.ownerUnitHint, units));
}

/**
 * The milestone rows a template gives a project (one apply, or one project of a batch). Nodes
 * marking a stage the project has already reached are done: on its recorded date for that
 * stage when it is a full date, else on their planned date.
 */
export function milestoneRows(project: PlanProject, template: Template, planned: readonly PlannedNode[], owners: readonly (string | null)[], now: string): Insertable<MilestonesTable>[] {
  const stageDates: Partial<Record<Stage, string | null>> = { signed: project.actualSignDate, construction: project.actualStartDate, completed: project.actualCompletionDate, operating: project.actualOperationDate };
  const reached = (stage: Stage | null) => !!stage && project.stage !== 'dropped' && stageIndex(project.stage as Stage) >= stageIndex(stage);
  const doneOn = (stage: Stage, end: string) => (ISO_DATE_RE.test(stageDates[stage] ?? '') ? stageDates[stage]! : end);
  return template.nodes.map((n, i) => ({
    id: newId(),
    projectId: project.id,
    unitId: project.unitId,
    seq: i + 1,
    code: n.code,
    name: n.name,
    kind: n.kind,
    dependsOn: JSON.stringify(n.dependsOn),
    parallelGroup: n.parallelGroup,
    durationDays: n.durationDays,
    statutoryDays: n.statutoryDays,
    withinRule: n.within ? JSON.stringify(n.within) : null,
    statutoryNote: n.statutoryNote,
    stage: n.stage,
    plannedStart: planned[i]!.start,
    plannedEnd: planned[i]!.end,
    baselineStart: null,
    baselineEnd: null,
    startedOn: null,
    actualDate: n.stage && reached(n.stage) ? doneOn(n.stage, planned[i]!.end) : null,
    ownerUnitId: owners[i] ?? project.unitId,
    ownerUserId: null,
    note: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  }));
}

export function createPlansService(deps: Deps, audit: AuditService, projects: ProjectsService, templates: TemplatesService, calendar: CalendarService, attachments: AttachmentsService) {
  const today = () => chinaDate(deps.clock.now());

  /** Milestones with their evidence files: one statement for the files of the whole list. */
  async function withFiles(rows: MilestoneRow[], t: string, cal: WorkCalendar): Promise<Milestone[]> {
    const files = await attachments.refsFor(deps.db, 'milestone', rows.map((r) => r.id));
    return rows.map((r) => toMilestone(r, t, cal, files.get(r.id) ?? []));
  }

  /** One milestone as saved, with its files. */
  async function reread(id: string): Promise<Milestone> {
    return (await withFiles([(await milestonesRepository.find(deps.db, id))!], today(), await calendar.load()))[0]!;
  }

  async function planOf(projectId: string): Promise<ProjectPlan> {
    const [plan, rows, cal] = await Promise.all([milestonesRepository.plan(deps.db, projectId), milestonesRepository.ofProject(deps.db, projectId), calendar.load()]);
    const t = today();
    const milestones = await withFiles(rows, t, cal);
    const warnings = checkPlan(
      rows.map((r) => ({ code: r.code, name: r.name, dependsOn: JSON.parse(r.dependsOn) as string[], statutoryDays: r.statutoryDays, within: r.withinRule ? (JSON.parse(r.withinRule) as { after: string; months: number }) : null, plannedStart: r.plannedStart, plannedEnd: r.plannedEnd })),
      cal,
    );
    return {
      projectId,
      plan: plan ? { templateId: plan.templateId, templateName: plan.templateName, anchorDate: plan.anchorDate, approvedAt: plan.approvedAt, approvedBy: plan.approvedBy, version: plan.version } : null,
      milestones,
      warnings,
      today: t,
    };
  }

  async function milestoneFor(actor: Actor, id: string) {
    const row = await milestonesRepository.find(deps.db, id);
    if (!row) throw new AppError('NOT_FOUND', { objectType: 'milestone', id });
    await projects.findVisible(actor, row.projectId);
    return row;
  }

  return {
    async get(actor: Actor, projectId: string): Promise<ProjectPlan> {
      await projects.findVisible(actor, projectId);
      return planOf(projectId);
    },

    /** Generates the project's milestones from a template (replacing a draft plan when asked). */
    async apply(actor: Actor, projectId: string, input: { templateId: string; anchorDate: string; replace: boolean }): Promise<ProjectPlan> {
      const project = await projects.findVisible(actor, projectId);
      const template = await templates.get(input.templateId);
      if (template.archived) throw new AppError('VALIDATION_FAILED', { field: 'templateId', reason: '模板已停用 / the template is archived' });
      const cal = await calendar.load();
      let planned;
      try {
        planned = generatePlan(template.nodes, template.anchorCode, input.anchorDate, cal);
      } catch (e) {
        if (e instanceof PlanError) throw new AppError('VALIDATION_FAILED', { field: 'templateId', reason: `${e.zh} / ${e.en}` });
        throw e;
      }
      const owners = ownerUnitsOf(template, await activeUnits(deps.db));
      const now = deps.clock.now().toISOString();
      await deps.db.transaction().execute(async (trx) => {
        const existing = await milestonesRepository.plan(trx, projectId);
        if (existing?.approvedAt) throw new AppError('CONFLICT', { reason: '计划已审定，不能整体替换；请逐个调整节点 / the plan is approved: adjust its milestones instead' });
        if (existing && !input.replace) throw new AppError('CONFLICT', { reason: '项目已有计划草稿；如需替换请确认 / the project already has a draft plan; confirm to replace it' });
        if (existing) {
          await trx.deleteFrom('milestones').where('projectId', '=', projectId).execute();
          await trx.deleteFrom('projectPlans').where('projectId', '=', projectId).execute();
        }
        await trx.insertInto('projectPlans').values({ projectId, unitId: project.unitId, templateId: template.id, templateName: template.name, anchorDate: input.anchorDate, approvedAt: null, approvedBy: null, version: 1, createdAt: now, updatedAt: now }).execute();
        await milestonesRepository.insertMany(trx, milestoneRows(project, template, planned, owners, now));
        await milestonesRepository.syncOwnerUnits(trx, projectId, project.unitId);
        await audit.record(trx, actor, { action: 'plan.apply', objectType: 'project', objectId: projectId, unitId: project.unitId, after: { template: template.name, anchorDate: input.anchorDate, nodes: planned.length }, detail: existing ? 'replaced draft' : null });
      });
      return planOf(projectId);
    },

    /** Approves the plan; the first approval copies every planned date into the baseline. */
    async approve(actor: Actor, projectId: string, expectedVersion: number): Promise<ProjectPlan> {
      const project = await projects.findVisible(actor, projectId);
      const now = deps.clock.now().toISOString();
      await deps.db.transaction().execute(async (trx) => {
        const plan = await milestonesRepository.plan(trx, projectId);
        if (!plan) throw new AppError('NOT_FOUND', { objectType: 'plan', id: projectId });
        const r = await trx.updateTable('projectPlans').set({ approvedAt: now, approvedBy: actor.userId, version: expectedVersion + 1, updatedAt: now }).where('projectId', '=', projectId).where('version', '=', expectedVersion).executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) throw new AppError('VERSION_CONFLICT', { current: plan });
        await trx.updateTable('milestones').set((eb) => ({ baselineStart: eb.ref('plannedStart'), baselineEnd: eb.ref('plannedEnd') })).where('projectId', '=', projectId).where('baselineEnd', 'is', null).execute();
        await audit.record(trx, actor, { action: 'plan.approve', objectType: 'project', objectId: projectId, unitId: project.unitId, detail: plan.approvedAt ? 're-approved (baseline kept)' : 'baseline set' });
      });
      return planOf(projectId);
    },

    /** Coordinator's adjustment: dates (with a reason once approved), owner, note, started. */
    async update(actor: Actor, id: string, expectedVersion: number, input: UpdateMilestoneInput): Promise<Milestone> {
      const before = await milestoneFor(actor, id);
      const plan = await milestonesRepository.plan(deps.db, before.projectId);
      let move: ReturnType<typeof movePlan>;
      try {
        move = movePlan(before, input, !!plan?.approvedAt, input.reason);
      } catch (e) {
        if (e instanceof PlanMoveError) throw new AppError('VALIDATION_FAILED', { field: e.field, reason: `${e.zh} / ${e.en}` });
        throw e;
      }
      const { plannedStart, plannedEnd } = move.dates;
      const moved = move.moved;
      if (input.ownerUnitId) {
        const unit = await deps.db.selectFrom('units').select(['id', 'archived']).where('id', '=', input.ownerUnitId).executeTakeFirst();
        if (!unit || unit.archived) throw new AppError('VALIDATION_FAILED', { field: 'ownerUnitId', reason: '责任单位不存在或已停用 / unit not found' });
      }
      if (input.ownerUserId) {
        const user = await deps.db.selectFrom('users').select(['id', 'disabled']).where('id', '=', input.ownerUserId).executeTakeFirst();
        if (!user || user.disabled) throw new AppError('VALIDATION_FAILED', { field: 'ownerUserId', reason: '责任人不存在或已停用 / person not found' });
      }
      const now = deps.clock.now().toISOString();
      const cal = await calendar.load(); // outside the transaction: one pooled connection must do
      const values = {
        plannedStart,
        plannedEnd,
        ...(input.ownerUnitId !== undefined ? { ownerUnitId: input.ownerUnitId } : {}),
        ...(input.ownerUserId !== undefined ? { ownerUserId: input.ownerUserId } : {}),
        ...(input.startedOn !== undefined ? { startedOn: input.startedOn } : {}),
        ...(input.note !== undefined ? { note: input.note } : {}),
      };
      const fileIds = input.attachmentIds ?? [];
      await deps.db.transaction().execute(async (trx) => {
        if (!(await updateVersioned(trx, 'milestones', id, expectedVersion, values, now))) throw new AppError('VERSION_CONFLICT', { current: toMilestone(before, today(), cal) });
        if (move.change) await trx.insertInto('milestoneChanges').values({ id: newId(), milestoneId: id, projectId: before.projectId, unitId: before.unitId, ...move.change, byUserId: actor.userId, createdAt: now }).execute();
        if (input.ownerUnitId !== undefined) await milestonesRepository.syncOwnerUnits(trx, before.projectId, before.unitId);
        const files = await attachments.link(trx, actor, fileIds, { ownerType: 'milestone', ownerId: id, unitId: before.unitId });
        const after = files.length ? { ...values, attachments: files.map((f) => ({ id: f.id, fileName: f.fileName })) } : values;
        await audit.record(trx, actor, { action: moved ? 'milestone.replan' : 'milestone.update', objectType: 'milestone', objectId: id, unitId: before.unitId, before, after, detail: input.reason ?? null });
      });
      return reread(id);
    },

    /**
     * Marks a milestone done. Unit staff may complete the milestones their unit (or they) own;
     * returns the stage the project could move to when the milestone marks one ahead of it.
     */
    async complete(actor: Actor, id: string, expectedVersion: number, input: { actualDate: string; note: string | null; attachmentIds?: string[] }): Promise<{ milestone: Milestone; suggestedStage: Stage | null }> {
      const before = await milestoneFor(actor, id);
      if (actor.role === 'unit-staff') {
        const ownerPath = before.ownerUnitId ? (await deps.db.selectFrom('units').select('path').where('id', '=', before.ownerUnitId).executeTakeFirst())?.path : null;
        const mine = before.ownerUserId === actor.userId || (!!ownerPath && ownerPath.startsWith(actor.unitPath ?? '\u0000'));
        if (!mine) throw new AppError('FORBIDDEN', { reason: '只能办结本单位或本人负责的节点 / only the owner unit or person can complete this milestone' });
      }
      if (input.actualDate > today()) throw new AppError('VALIDATION_FAILED', { field: 'actualDate', reason: '完成日期不能晚于今天 / the date cannot be in the future' });
      const now = deps.clock.now().toISOString();
      const cal = await calendar.load();
      // Only the completion is recorded: a start date made up here (the day it was done) would
      // survive a reopen and show a never-started milestone as 进行中.
      const values = { actualDate: input.actualDate, ...(input.note ? { note: input.note } : {}) };
      await deps.db.transaction().execute(async (trx) => {
        if (!(await updateVersioned(trx, 'milestones', id, expectedVersion, values, now))) throw new AppError('VERSION_CONFLICT', { current: toMilestone(before, today(), cal) });
        // The evidence files are linked in the completion's own transaction: both or neither.
        const files = await attachments.link(trx, actor, input.attachmentIds ?? [], { ownerType: 'milestone', ownerId: id, unitId: before.unitId });
        await audit.record(trx, actor, { action: 'milestone.complete', objectType: 'milestone', objectId: id, unitId: before.unitId, before, after: { ...values, attachments: files.map((f) => ({ id: f.id, fileName: f.fileName })) } });
      });
      const project = await projects.findVisible(actor, before.projectId);
      const suggestedStage = stageOfferFor(before.stage as Stage | null, project.stage as Stage);
      return { milestone: await reread(id), suggestedStage };
    },

    /** Undoes a completion recorded by mistake (with a reason, audited). */
    async reopen(actor: Actor, id: string, expectedVersion: number, reason: string): Promise<Milestone> {
      const before = await milestoneFor(actor, id);
      const cal = await calendar.load();
      const now = deps.clock.now().toISOString();
      await deps.db.transaction().execute(async (trx) => {
        if (!(await updateVersioned(trx, 'milestones', id, expectedVersion, { actualDate: null }, now))) throw new AppError('VERSION_CONFLICT', { current: toMilestone(before, today(), cal) });
        await audit.record(trx, actor, { action: 'milestone.reopen', objectType: 'milestone', objectId: id, unitId: before.unitId, before, after: { actualDate: null }, detail: reason });
      });
      return reread(id);
    },

    async changes(actor: Actor, projectId: string) {
      await projects.findVisible(actor, projectId);
      return (await milestonesRepository.changes(deps.db, projectId)).map((c) => ({ id: c.id, milestoneId: c.milestoneId, fromStart: c.fromStart, fromEnd: c.fromEnd, toStart: c.toStart, toEnd: c.toEnd, reason: c.reason, byName: c.byName ?? null, createdAt: c.createdAt }));
    },

    /** "What I owe": overdue, due within 7 days, done in the last 14 days (latest first) — for me or my unit subtree. */
    async owed(actor: Actor, who: 'me' | 'unit') {
      const t = today();
      const cal = await calendar.load();
      const owner = who === 'me' ? { userId: actor.userId ?? '' } : { unitPath: actor.unitPath ?? '\u0000' };
      const rows = await milestonesRepository.owed(deps.db, owner, addCalendarDays(t, OWED_DUE_WITHIN_DAYS), addCalendarDays(t, -OWED_DONE_WITHIN_DAYS));
      const items = (await withFiles(rows, t, cal)).map((m, i) => ({ ...m, projectName: rows[i]!.projectName }));
      return {
        today: t,
        overdue: items.filter((m) => m.status === 'overdue'),
        dueThisWeek: items.filter((m) => !m.actualDate && m.status !== 'overdue'),
        // The latest completion first (the query orders by the planned date).
        recentlyDone: items.filter((m) => !!m.actualDate).sort((a, b) => b.actualDate!.localeCompare(a.actualDate!) || b.updatedAt.localeCompare(a.updatedAt)),
      };
    },

    /** Whether the actor may see the milestone's project (and so download its evidence files). */
    async canReadMilestone(actor: Actor, milestoneId: string): Promise<boolean> {
      const row = await deps.db.selectFrom('milestones').select('projectId').where('id', '=', milestoneId).executeTakeFirst();
      if (!row) return false;
      const scope = scopeOf(actor);
      return !scope || projectsRepository.isVisible(deps.db, row.projectId, scope);
    },
  };
}
export type PlansService = ReturnType<typeof createPlansService>;
