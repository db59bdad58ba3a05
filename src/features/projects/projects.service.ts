import { chinaDate } from '../../core/business-date.js';
import type { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import { AppError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { computePipeline, periodOf, type PipelineFigures } from '../../core/pipeline.js';
import { changedExtraValues, mergeExtraValues } from '../../core/schemas/extra-fields.schema.js';
import type { CreateProjectInput, ListProjectsQuery, Project, StageEvent, TransitionInput, TransitionResult, UpdateProjectInput } from '../../core/schemas/projects.schema.js';
import { milestoneOfferFor } from '../../core/schedule/stage-sync.js';
import { STAGES, STAGE_DATE_FIELD, checkTransition, type Stage } from '../../core/stages.js';
import type { Database } from '../../db/database.js';
import { translateDbError } from '../../db/helpers/errors.js';
import { fromJsonText } from '../../db/helpers/json.js';
import { updateVersioned } from '../../db/helpers/versioned.js';
import type { AttachmentsService } from '../attachments/attachments.service.js';
import type { AuditService } from '../audit/audit.service.js';
import { scopePrefix, type Actor, type Deps } from '../shared/context.js';
import { milestonesRepository } from '../milestones/milestones.repository.js';
import { unitsRepository } from '../units/units.repository.js';
import { usersRepository } from '../users/users.repository.js';
import { listPage } from './ledger-page.repository.js';
import { projectsRepository, type ProjectFilters, type ProjectRow, type ProjectScope } from './projects.repository.js';
import type { ExtraFieldsService } from './extra-fields.service.js';
import { EXPORT_STAGES, exportLedger } from './ledger-export.js';
import { buildSearchText } from './search-text.js';
import { stageEventsRepository } from './stage-events.repository.js';

type Extra = Record<string, string | number | null>;

/** The data scope of a scoped actor; none for someone at the root unit, whose subtree is everything. */
export function scopeOf(actor: Actor): ProjectScope | null {
  const path = scopePrefix(actor);
  return path === null ? null : { unitPath: path, userId: actor.userId ?? '' };
}

/** The columns a create or update writes, from API fields. */
function toColumns(input: UpdateProjectInput): Partial<ProjectRow> {
  const { supportingUnitIds: _s, teamUserIds: _t, leadUnitId, landArea, suspended, extra, ...plain } = input;
  const cols: Partial<ProjectRow> = { ...plain };
  if (leadUnitId !== undefined) cols.unitId = leadUnitId;
  if (landArea !== undefined) cols.landAreaCentimu = landArea === null ? null : Math.round(landArea * 100);
  if (suspended !== undefined) cols.suspended = suspended ? 1 : 0;
  if (extra !== undefined) cols.extra = JSON.stringify(extra);
  return cols;
}

export function createProjectsService(deps: Deps, audit: AuditService, extraFields: ExtraFieldsService, attachments: AttachmentsService) {
  // Business dates are China's calendar days, not UTC ones (00:00–08:00 Beijing time is still yesterday in UTC).
  const today = () => chinaDate(deps.clock.now());

  async function getRow(db: Kysely<Database>, actor: Actor, id: string) {
    const row = await projectsRepository.find(db, id);
    const scope = scopeOf(actor);
    if (!row || (scope && !(await projectsRepository.isVisible(db, id, scope)))) throw new AppError('NOT_FOUND', { objectType: 'project', id });
    return row;
  }

  async function toProject(db: Kysely<Database>, row: NonNullable<Awaited<ReturnType<typeof projectsRepository.find>>>): Promise<Project> {
    const [supportingUnits, team, people] = await Promise.all([
      projectsRepository.supportingUnits(db, row.id),
      projectsRepository.team(db, row.id),
      projectsRepository.people(db, [row.leaderUserId, row.helperUserId].filter((x): x is string => !!x)),
    ]);
    const person = (id: string | null) => (id ? (people.find((p) => p.id === id) ?? null) : null);
    const { unitId, landAreaCentimu, searchText: _s, leadUnitPath: _p, archived, suspended, extra, ...rest } = row;
    return {
      ...rest,
      stage: row.stage as Stage,
      level: row.level as Project['level'],
      projectType: row.projectType as Project['projectType'],
      nature: row.nature as Project['nature'],
      leadUnitId: unitId,
      landArea: landAreaCentimu === null ? null : landAreaCentimu / 100,
      suspended: suspended === 1,
      archived: archived === 1,
      extra: fromJsonText<Extra>(extra) ?? {},
      supportingUnitIds: supportingUnits.map((u) => u.id),
      supportingUnits,
      teamUserIds: team.map((u) => u.id),
      team,
      leader: person(row.leaderUserId),
      helper: person(row.helperUserId),
    };
  }

  /** Checks references: units exist and (for scoped writers) lie in scope; people exist and are active. */
  async function validateRefs(db: Kysely<Database>, actor: Actor, input: UpdateProjectInput) {
    if (input.leadUnitId !== undefined) {
      const unit = await unitsRepository.find(db, input.leadUnitId);
      if (!unit || unit.archived) throw new AppError('VALIDATION_FAILED', { field: 'leadUnitId', reason: '责任单位不存在或已停用 / lead unit not found' });
      if (actor.scoped && !unit.path.startsWith(actor.unitPath ?? '\u0000')) {
        throw new AppError('VALIDATION_FAILED', { field: 'leadUnitId', reason: '只能为本单位及下级单位建立项目 / the lead unit must be in your unit subtree' });
      }
    }
    const supporting = [...new Set(input.supportingUnitIds ?? [])];
    if (supporting.length) {
      const found = await unitsRepository.existingIds(db, supporting);
      const missing = supporting.filter((id) => !found.has(id));
      if (missing.length) throw new AppError('VALIDATION_FAILED', { field: 'supportingUnitIds', reason: `配合单位不存在 / unit not found: ${missing.join(', ')}` });
    }
    const people = [
      ['leaderUserId', input.leaderUserId],
      ['helperUserId', input.helperUserId],
      ...(input.teamUserIds ?? []).map((id) => ['teamUserIds', id] as const),
    ] as const;
    for (const [field, id] of people) {
      if (!id) continue;
      const user = await usersRepository.find(db, id);
      if (!user || user.disabled) throw new AppError('VALIDATION_FAILED', { field, reason: `人员不存在或已停用 / person not found: ${id}` });
      if (field === 'leaderUserId' && user.role !== 'leader') throw new AppError('VALIDATION_FAILED', { field, reason: '包挂领导须为“领导”角色的用户 / the leader must have the leader role' });
    }
  }

  async function resolveUnitPath(unitId: string | undefined): Promise<string | undefined> {
    if (!unitId) return undefined;
    const unit = await unitsRepository.find(deps.db, unitId);
    return unit?.path ?? '\u0000';
  }

  return {
    /**
     * One ledger page as JSON text, `{ items, total, page, pageSize }` (pageOf(projectListItemSchema)):
     * the items are written by the database (listPage in ledger-page.repository.ts), so the route sends the text as is.
     */
    async list(actor: Actor, query: ListProjectsQuery): Promise<string> {
      const { unitId, ...rest } = query;
      const { items, total } = await listPage(deps.db, { ...rest, unitPath: await resolveUnitPath(unitId) }, scopeOf(actor));
      return `{"items":${items},"total":${total},"page":${query.page},"pageSize":${query.pageSize}}`;
    },

    /** Count and 总投资 per stage for the list's filters (kanban headers), computed on the server. */
    async summary(actor: Actor, query: Omit<ListProjectsQuery, 'page' | 'pageSize' | 'sort' | 'order'>) {
      const { unitId, ...rest } = query;
      const filters: ProjectFilters = { ...rest, stage: undefined, unitPath: await resolveUnitPath(unitId) };
      const rows = await projectsRepository.summary(deps.db, filters, scopeOf(actor));
      return rows.map((r) => ({ stage: r.stage as Stage, count: Number(r.count), totalInvestment: Number(r.totalInvestment ?? 0) }));
    },

    /** The project row when the actor may see it, else NOT_FOUND (for features hung on a project). */
    findVisible(actor: Actor, id: string) {
      return getRow(deps.db, actor, id);
    },

    async get(actor: Actor, id: string): Promise<Project> {
      return toProject(deps.db, await getRow(deps.db, actor, id));
    },

    async create(actor: Actor, input: CreateProjectInput): Promise<Project> {
      const now = deps.clock.now().toISOString();
      return deps.db.transaction().execute(async (trx) => {
        await validateRefs(trx, actor, input);
        await extraFields.validate(trx, input.extra ?? {});
        const id = newId();
        const stage = input.stage ?? 'reserve';
        const { stage: _st, ...fields } = input;
        const row = {
          name: input.name,
          unitId: input.leadUnitId,
          suspended: 0,
          archived: 0,
          extra: '{}',
          ...toColumns(fields),
          id,
          searchText: buildSearchText(input),
          stage,
          stageChangedAt: now,
          version: 1,
          createdAt: now,
          updatedAt: now,
        };
        try {
          await projectsRepository.insert(trx, row);
        } catch (e) {
          throw translateDbError(e, { field: 'code' });
        }
        await projectsRepository.setSupportingUnits(trx, id, input.supportingUnitIds ?? []);
        await projectsRepository.setTeam(trx, id, input.teamUserIds ?? []);
        await projectsRepository.insertStageEvent(trx, { id: newId(), projectId: id, unitId: input.leadUnitId, fromStage: null, toStage: stage, date: today(), note: '建档 / created', reason: null, byUserId: actor.userId, createdAt: now });
        const project = await toProject(trx, (await projectsRepository.find(trx, id))!);
        await audit.record(trx, actor, { action: 'project.create', objectType: 'project', objectId: id, unitId: input.leadUnitId, after: project });
        return project;
      });
    },

    async update(actor: Actor, id: string, expectedVersion: number, patch: UpdateProjectInput): Promise<Project> {
      const now = deps.clock.now().toISOString();
      return deps.db.transaction().execute(async (trx) => {
        const beforeRow = await getRow(trx, actor, id);
        const before = await toProject(trx, beforeRow);
        if (before.version !== expectedVersion) throw new AppError('VERSION_CONFLICT', { current: before });
        await validateRefs(trx, actor, patch);
        // `extra` is merged, not replaced: keys not sent keep their values, and only values that
        // change are validated (an archived field's existing value passes through untouched).
        await extraFields.validate(trx, patch.extra ? changedExtraValues(before.extra, patch.extra) : {});
        const extra = patch.extra ? mergeExtraValues(before.extra, patch.extra) : undefined;
        const merged = { ...before, ...patch };
        const cols = { ...toColumns({ ...patch, extra }), searchText: buildSearchText(merged) };
        try {
          if (!(await updateVersioned(trx, 'projects', id, expectedVersion, cols, now))) {
            throw new AppError('VERSION_CONFLICT', { current: await toProject(trx, await getRow(trx, actor, id)) });
          }
        } catch (e) {
          throw translateDbError(e, { field: 'code' });
        }
        if (patch.supportingUnitIds) await projectsRepository.setSupportingUnits(trx, id, patch.supportingUnitIds);
        if (patch.teamUserIds) await projectsRepository.setTeam(trx, id, patch.teamUserIds);
        const after = await toProject(trx, (await projectsRepository.find(trx, id))!);
        await audit.record(trx, actor, { action: 'project.update', objectType: 'project', objectId: id, unitId: after.leadUnitId, before, after });
        return after;
      });
    },

    /**
     * Moves a project to another stage, with its date, evidence (a note and/or files uploaded
     * beforehand, linked to the stage event in the same transaction) and, when needed, a reason.
     * Neither note nor file is required: many changes are recorded after the fact. A forward
     * move also names the plan's open milestone marking the new stage (开工 …) for the caller to
     * offer: completing it stays the milestone API's job (its own version check and audit).
     */
    async transition(actor: Actor, id: string, expectedVersion: number, input: TransitionInput): Promise<TransitionResult> {
      const now = deps.clock.now().toISOString();
      const date = input.date ?? today();
      if (date > today()) throw new AppError('VALIDATION_FAILED', { field: 'date', reason: '日期不能晚于今天 / the date cannot be in the future' });
      return deps.db.transaction().execute(async (trx) => {
        const row = await getRow(trx, actor, id);
        if (row.version !== expectedVersion) throw new AppError('VERSION_CONFLICT', { current: await toProject(trx, row) });
        if (row.archived) throw new AppError('VALIDATION_FAILED', { field: 'to', reason: '项目已归档 / the project is archived' });
        const from = row.stage as Stage;
        const check = checkTransition(from, input.to, row, input.reason);
        if (!check.ok) throw new AppError('VALIDATION_FAILED', { field: 'to', reason: `${check.reason!.zh} / ${check.reason!.en}`, from, to: input.to });
        const values: Partial<ProjectRow> = { stage: input.to, stageChangedAt: now };
        const dateField = STAGE_DATE_FIELD[input.to];
        if (dateField && !check.backwards) values[dateField] = date;
        values.dropReason = input.to === 'dropped' ? (input.reason ?? null) : null;
        await updateVersioned(trx, 'projects', id, expectedVersion, values, now);
        const eventId = newId();
        await projectsRepository.insertStageEvent(trx, {
          id: eventId,
          projectId: id,
          unitId: row.unitId,
          fromStage: from,
          toStage: input.to,
          date,
          note: input.note ?? null,
          reason: input.reason ?? null,
          byUserId: actor.userId,
          createdAt: now,
        });
        const files = await attachments.link(trx, actor, input.attachmentIds ?? [], { ownerType: 'project-stage-event', ownerId: eventId, unitId: row.unitId });
        const after = await toProject(trx, (await projectsRepository.find(trx, id))!);
        await audit.record(trx, actor, {
          action: 'project.transition',
          objectType: 'project',
          objectId: id,
          unitId: row.unitId,
          before: { stage: from },
          after: { stage: input.to, date, note: input.note ?? null, reason: input.reason ?? null, skipped: check.skipped, attachments: files.map((f) => ({ id: f.id, fileName: f.fileName })) },
        });
        const milestoneOffer = milestoneOfferFor(await milestonesRepository.stageMarkers(trx, id), input.to, date, check.backwards);
        return { ...after, milestoneOffer };
      });
    },

    /** Archive (归档) with a reason, or restore; projects are never hard-deleted. */
    async setArchived(actor: Actor, id: string, expectedVersion: number, archived: boolean, reason: string | null): Promise<Project> {
      const now = deps.clock.now().toISOString();
      return deps.db.transaction().execute(async (trx) => {
        const row = await getRow(trx, actor, id);
        if (row.version !== expectedVersion) throw new AppError('VERSION_CONFLICT', { current: await toProject(trx, row) });
        await updateVersioned(trx, 'projects', id, expectedVersion, { archived: archived ? 1 : 0, archivedReason: archived ? reason : null }, now);
        const after = await toProject(trx, (await projectsRepository.find(trx, id))!);
        await audit.record(trx, actor, { action: archived ? 'project.archive' : 'project.restore', objectType: 'project', objectId: id, unitId: row.unitId, before: { archived: row.archived === 1 }, after: { archived, reason } });
        return after;
      });
    },

    async stageHistory(actor: Actor, id: string): Promise<StageEvent[]> {
      await getRow(deps.db, actor, id);
      const rows = await projectsRepository.stageEvents(deps.db, id);
      // Every event's files in one statement, whatever the number of events.
      const files = await attachments.refsFor(deps.db, 'project-stage-event', rows.map((r) => r.id));
      return rows.map((r) => ({
        id: r.id,
        fromStage: r.fromStage as Stage | null,
        toStage: r.toStage as Stage,
        date: r.date,
        note: r.note,
        reason: r.reason,
        byUserId: r.byUserId,
        byName: r.byName ?? null,
        createdAt: r.createdAt,
        attachments: files.get(r.id) ?? [],
      }));
    },

    /** Whether the actor may see the project of a stage event (and so download its evidence files). */
    async canReadStageEvent(actor: Actor, eventId: string): Promise<boolean> {
      const projectId = await stageEventsRepository.projectOf(deps.db, eventId);
      if (!projectId) return false;
      const scope = scopeOf(actor);
      return !scope || projectsRepository.isVisible(deps.db, projectId, scope);
    },

    /** Streams the ledger as .xlsx in the office layout (or a blank import template). */
    async exportLedger(actor: Actor, query: Omit<ListProjectsQuery, 'page' | 'pageSize' | 'sort' | 'order'>, out: Writable, template = false) {
      const { unitId, stage, ...rest } = query;
      const unitPath = await resolveUnitPath(unitId);
      const unitName = unitId ? (await unitsRepository.find(deps.db, unitId))?.name : (await unitsRepository.findRoot(deps.db))?.name;
      const stages = stage ? EXPORT_STAGES.filter((s) => [stage].flat().includes(s)) : EXPORT_STAGES;
      const year = today().slice(0, 4);
      const result = await exportLedger(deps, out, {
        filters: { ...rest, unitPath },
        scope: scopeOf(actor),
        stages,
        title: template ? '重大项目台账（导入模板）' : `${unitName ?? ''}${year}年重大项目推进台账`,
        template,
      });
      await audit.recordNow(actor, { action: template ? 'project.template' : 'project.export', objectType: 'project', detail: `${result.rows} rows` });
      return result;
    },

    /**
     * The cockpit's flows of the 五个一, counted in SQL: forward flows in the period, and the
     * year's flows of live projects (what the year's goals count) from the same pass.
     */
    async flows(actor: Actor, opts: { unitId?: string | undefined; period: 'month' | 'quarter' | 'year' }) {
      const unitPath = (await resolveUnitPath(opts.unitId)) ?? null;
      const period = periodOf(opts.period, today());
      const rows = await projectsRepository.forwardFlows(deps.db, scopeOf(actor), unitPath, periodOf('year', today()), period);
      const flows = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
      const yearLiveFlows = { ...flows };
      for (const r of rows) {
        if (!(r.toStage in flows)) continue;
        flows[r.toStage as Stage] = r.inPeriod;
        yearLiveFlows[r.toStage as Stage] = r.liveInSpan;
      }
      return { period, flows, yearLiveFlows };
    },

    async pipeline(actor: Actor, opts: { unitId?: string | undefined; period: 'month' | 'quarter' | 'year'; from?: string | undefined; to?: string | undefined }): Promise<PipelineFigures & { unitId: string | null }> {
      const unitPath = (await resolveUnitPath(opts.unitId)) ?? null;
      const scope = scopeOf(actor);
      const [events, stock] = await Promise.all([projectsRepository.scopedStageEvents(deps.db, scope, unitPath), projectsRepository.stock(deps.db, scope, unitPath)]);
      const period = opts.from && opts.to ? { from: opts.from, to: opts.to } : periodOf(opts.period, today());
      return { unitId: opts.unitId ?? null, ...computePipeline(events, stock.map((s) => ({ stage: s.stage, count: Number(s.count), totalInvestment: s.totalInvestment })), period) };
    },
  };
}
export type ProjectsService = ReturnType<typeof createProjectsService>;
