import { chinaDate } from '../../core/business-date.js';
import { splitProjectSums } from '../../core/dashboard/project-sums.js';
import { bulletinFigures, type BulletinFigures, type BulletinProject } from '../../core/bulletin/figures.js';
import { AppError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { LightColor } from '../../core/lights/light-rules.js';
import { describeReason } from '../../core/lights/describe.js';
import type { LightReason } from '../../core/lights/evaluate.js';
import type { Bulletin, BulletinCreate, BulletinPatch, BulletinSummary } from '../../core/schemas/bulletins.schema.js';
import { ANNEX_CAP, bulletinDocument, bulletinFileName, bulletinTitle, defaultOpening } from '../../documents/bulletin.js';
import { renderOfficialDocument } from '../../documents/official-document.js';
import { isUniqueViolation } from '../../db/helpers/errors.js';
import { fromJsonText } from '../../db/helpers/json.js';
import { updateVersioned } from '../../db/helpers/versioned.js';
import type { AuditService } from '../audit/audit.service.js';
import { dashboardRepository } from '../dashboard/dashboard.repository.js';
import { goalsRepository } from '../goals/goals.repository.js';
import type { NewNotification, NotificationsService } from '../notifications/notifications.service.js';
import { Actor, scopePrefix, type Deps } from '../shared/context.js';
import { unitInView } from '../units/unit-in-view.js';
import { bulletinsRepository, monthSpan, type BulletinRow } from './bulletins.repository.js';
import { unitsRepository } from '../units/units.repository.js';

const SYSTEM = new Actor(null, 'system', null, null, null, null);
/** Names listed per light colour in the body (the annex has the rest). */
const LIGHT_LIST = 50;
const PACED = 10;
const AREA_WORD: Record<string, string> = { county: '全县', zone: '全区', city: '全市', district: '全区' };

type Unit = { id: string; name: string; path: string; type: string };

const worded = (json: string | null) => (fromJsonText<LightReason[]>(json) ?? []).map((r) => describeReason(r, 'zh')).join('；') || null;
/** The root unit's path has one segment. */
const isRoot = (path: string) => /^\/[^/]+\/$/.test(path);

/**
 * 调度通报: gathers a unit subtree's figures for a month in a handful of grouped statements,
 * keeps them as a draft (snapshot + editable texts), lets 项目办 edit and send it, and renders
 * the Word file. The scheduled job drafts the root unit's bulletin once the month's report round
 * is past its due date and tells the coordinators.
 */
export function createBulletinsService(deps: Deps, audit: AuditService, notifications: NotificationsService) {
  const today = () => chinaDate(deps.clock.now());

  /** The figures of a unit subtree for a month (YYYY-MM), read now. */
  async function gather(unit: Unit, month: string): Promise<BulletinFigures> {
    const db = deps.db;
    const span = monthSpan(month);
    const view = { scope: null, unitPath: unit.path };
    const [sumRows, lightRows, flows, problems, annex, children, goal, red, yellow, fast, slow] = await Promise.all([
      dashboardRepository.projectSums(db, view),
      bulletinsRepository.lightCounts(db, unit.path, month),
      bulletinsRepository.flows(db, unit.path, span),
      bulletinsRepository.problems(db, unit.path, span, today()),
      bulletinsRepository.annex(db, unit.path, span, ANNEX_CAP),
      unitsRepository.activeChildren(db, unit.id),
      goalsRepository.find(db, unit.id, Number(month.slice(0, 4))),
      bulletinsRepository.lightList(db, unit.path, month, 'red', LIGHT_LIST),
      bulletinsRepository.lightList(db, unit.path, month, 'yellow', LIGHT_LIST),
      dashboardRepository.paced(db, view, true, PACED),
      dashboardRepository.paced(db, view, false, PACED),
    ]);
    // The month's lights (history), not the current colour the cockpit's sums carry.
    const lit = (unitId: string, color: LightColor) => lightRows.find((r) => r.unitId === unitId && r.color === color)?.n ?? 0;
    const leadUnits = splitProjectSums(sumRows).byLeadUnit.map((r) => ({ ...r, red: lit(r.id, 'red'), yellow: lit(r.id, 'yellow') }));
    const counts = { red: 0, yellow: 0, green: 0 };
    for (const r of lightRows) counts[r.color] += r.n;
    const fromLight = (l: (typeof red)[number]): BulletinProject => ({ id: l.id, name: l.name, unitName: l.unitName, stage: l.stage, plan: Number(l.annualPlanInvestment ?? 0), completed: Number(l.ytdInvestment ?? 0), light: red.includes(l) ? 'red' : 'yellow', reason: worded(l.reasons) });
    const fromPaced = (p: (typeof fast)[number]): BulletinProject => ({ id: p.id, name: p.name, unitName: p.leadUnitName, stage: 'construction', plan: Number(p.annualPlanInvestment ?? 0), completed: Number(p.ytdInvestment ?? 0), light: p.light });
    // A unit without sub-units (an office, a town) ranks the units leading its projects, as the cockpit does.
    const ranked = children.length > 0;
    return bulletinFigures({
      month,
      asOf: today(),
      unit,
      rankGroups: ranked ? children : leadUnits,
      rankParentPath: ranked ? unit.path : '',
      leadUnits,
      flows,
      targets: goal
        ? {
            sign: goal.signTarget,
            start: goal.startTarget,
            complete: goal.completeTarget,
            operate: goal.operateTarget,
            investment: goal.investmentTarget === null ? null : Number(goal.investmentTarget),
          }
        : null,
      planCurve: goal ? fromJsonText<number[]>(goal.planCurve) : null,
      lights: { counts, red: red.map(fromLight), yellow: yellow.map(fromLight) },
      fast: fast.map(fromPaced),
      slow: slow.map(fromPaced),
      problems,
      annex: {
        total: annex.total,
        rows: annex.rows.map((r) => ({
          id: r.id,
          name: r.name,
          unitName: r.unitName,
          stage: r.stage,
          plan: Number(r.annualPlanInvestment ?? 0),
          completed: Number(r.ytdInvestment ?? 0),
          light: (r.color as LightColor | null) ?? null,
          reason: r.color === 'red' || r.color === 'yellow' ? worded(r.reasons) : null,
          actualStartDate: r.actualStartDate,
          actualCompletionDate: r.actualCompletionDate,
        })),
      },
    });
  }

  function area(unit: { name: string; type?: string; path: string }) {
    return isRoot(unit.path) ? (AREA_WORD[unit.type ?? ''] ?? unit.name) : unit.name;
  }

  async function load(actor: Actor, id: string): Promise<BulletinRow> {
    const row = await bulletinsRepository.find(deps.db, id);
    if (!row || !canSee(actor, row)) throw new AppError('NOT_FOUND', { objectType: 'bulletin', id });
    return row;
  }

  /** Drafts are 项目办's and the leaders' of the subtree; a sent bulletin is read by its subtree and by the units it was addressed to. */
  function canSee(actor: Actor, row: { unitPath: string; status: string }) {
    const path = scopePrefix(actor);
    if (path === null) return row.status === 'sent' || (actor.role !== 'unit-staff' && actor.role !== 'viewer');
    if (row.unitPath.startsWith(path)) return row.status === 'sent' || actor.role === 'coordinator' || actor.role === 'leader';
    return row.status === 'sent' && path.startsWith(row.unitPath);
  }

  function canWrite(actor: Actor, row: { unitPath: string }) {
    const prefix = scopePrefix(actor);
    return prefix === null || row.unitPath.startsWith(prefix);
  }

  async function toBulletin(row: BulletinRow): Promise<Bulletin> {
    const figures = fromJsonText<BulletinFigures>(row.figures)!;
    const names = await deps.db.selectFrom('users').select(['id', 'displayName']).where('id', 'in', [row.createdBy ?? '', row.sentBy ?? '']).execute();
    const name = (id: string | null) => names.find((u) => u.id === id)?.displayName ?? null;
    return {
      id: row.id,
      unitId: row.unitId,
      unitName: row.unitName,
      period: row.period,
      status: row.status,
      createdAt: row.createdAt,
      sentAt: row.sentAt,
      version: row.version,
      title: bulletinTitle(figures, area({ name: row.unitName, type: row.unitType, path: row.unitPath })),
      figures: figures as unknown as Record<string, unknown>,
      opening: row.opening,
      nextSteps: fromJsonText<string[]>(row.nextSteps) ?? [],
      createdByName: name(row.createdBy),
      reviewedAt: row.reviewedAt,
      sentByName: name(row.sentBy),
    };
  }

  async function draft(actor: Actor, input: BulletinCreate): Promise<Bulletin> {
    const unit = await unitInView(deps.db, actor, input.unitId);
    if (input.period > today().slice(0, 7)) throw new AppError('VALIDATION_FAILED', { field: 'period', reason: '不能为未来月份起草通报 / cannot draft a bulletin for a future month' });
    if (await bulletinsRepository.findByPeriod(deps.db, unit.id, input.period)) throw new AppError('CONFLICT', { reason: '该单位本月的通报已存在 / this unit already has a bulletin for the month' });
    const figures = await gather(unit, input.period);
    const now = deps.clock.now().toISOString();
    const id = newId();
    await deps.db.transaction().execute(async (trx) => {
      try {
        await bulletinsRepository.insert(trx, {
          id,
          unitId: unit.id,
          period: input.period,
          status: 'draft',
          figures: JSON.stringify(figures),
          opening: defaultOpening(figures, area(unit)),
          nextSteps: JSON.stringify(figures.nextSteps),
          createdBy: actor.userId,
          reviewedBy: null,
          reviewedAt: null,
          sentBy: null,
          sentAt: null,
          version: 1,
          createdAt: now,
          updatedAt: now,
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw new AppError('CONFLICT', { reason: '该单位本月的通报已存在 / this unit already has a bulletin for the month' });
        throw e;
      }
      await audit.record(trx, actor, { action: 'bulletin.draft', objectType: 'bulletin', objectId: id, unitId: unit.id, detail: input.period });
    });
    return toBulletin(await load(SYSTEM, id));
  }

  async function change(actor: Actor, id: string, expectedVersion: number, values: Parameters<typeof updateVersioned<'bulletins'>>[4], action: string) {
    const row = await load(actor, id);
    if (!canWrite(actor, row)) throw new AppError('NOT_FOUND', { objectType: 'bulletin', id });
    if (row.status === 'sent') throw new AppError('CONFLICT', { reason: '通报已印发，不能再修改 / the bulletin has been sent and can no longer change' });
    const before = await toBulletin(row);
    const now = deps.clock.now().toISOString();
    await deps.db.transaction().execute(async (trx) => {
      if (!(await updateVersioned(trx, 'bulletins', id, expectedVersion, values, now))) throw new AppError('VERSION_CONFLICT', { current: before });
      await audit.record(trx, actor, { action, objectType: 'bulletin', objectId: id, unitId: row.unitId, before: { opening: before.opening, nextSteps: before.nextSteps, status: before.status } });
    });
    return { row, bulletin: await toBulletin(await load(SYSTEM, id)) };
  }

  return {
    gather: async (actor: Actor, unitId: string | undefined, month: string) => gather(await unitInView(deps.db, actor, unitId), month),

    /** The bulletin of live data, with the template texts, without keeping a draft (the CLI). */
    async renderLive(actor: Actor, unitId: string | undefined, month: string): Promise<{ fileName: string; content: Buffer; figures: BulletinFigures }> {
      const unit = await unitInView(deps.db, actor, unitId);
      const figures = await gather(unit, month);
      const where = area(unit);
      const content = await renderOfficialDocument(bulletinDocument({ figures, area: where, office: `${unit.name}重大项目推进办公室`, seq: figures.months, date: today() }));
      await audit.recordNow(actor, { action: 'bulletin.render', objectType: 'unit', objectId: unit.id, unitId: unit.id, detail: month });
      return { fileName: bulletinFileName(figures, where), content, figures };
    },
    draft,

    async list(actor: Actor, limit: number): Promise<{ items: BulletinSummary[] }> {
      const prefix = scopePrefix(actor);
      const drafts = actor.role !== 'unit-staff' && actor.role !== 'viewer';
      const rows = await bulletinsRepository.list(deps.db, { prefix, readerPath: actor.unitPath, drafts, limit });
      return { items: rows.map((r) => ({ ...r, status: r.status, sentAt: r.sentAt ?? null })) };
    },

    async get(actor: Actor, id: string) {
      return toBulletin(await load(actor, id));
    },

    async update(actor: Actor, id: string, expectedVersion: number, patch: BulletinPatch) {
      const values: { opening?: string; nextSteps?: string } = {};
      if (patch.opening !== undefined) values.opening = patch.opening;
      if (patch.nextSteps !== undefined) values.nextSteps = JSON.stringify(patch.nextSteps);
      return (await change(actor, id, expectedVersion, values, 'bulletin.update')).bulletin;
    },

    /** 审核并印发: the coordinator approves; leaders and unit staff of the subtree are told in the app. */
    async send(actor: Actor, id: string, expectedVersion: number) {
      const now = deps.clock.now().toISOString();
      const { row, bulletin } = await change(actor, id, expectedVersion, { status: 'sent', reviewedBy: actor.userId, reviewedAt: now, sentBy: actor.userId, sentAt: now }, 'bulletin.send');
      const readers = await deps.db
        .selectFrom('users')
        .innerJoin('units', 'units.id', 'users.unitId')
        .select(['users.id', 'users.unitId'])
        .where('users.disabled', '=', 0)
        .where('users.role', 'in', ['leader', 'unit-staff', 'coordinator'])
        .where('units.path', 'like', `${row.unitPath}%`)
        .execute();
      await notifications.send(
        readers
          .filter((u) => u.id !== actor.userId)
          .map((u): NewNotification => ({ userId: u.id, unitId: u.unitId, kind: 'bulletin-sent', title: `调度通报已印发：${bulletin.title}`, body: `${row.unitName}${row.period}调度通报已审核印发，请查阅并抓好落实。`, link: `/bulletins/${id}`, dedupeKey: `bulletin:${id}:sent:${u.id}` })),
      );
      return bulletin;
    },

    async docx(actor: Actor, id: string): Promise<{ fileName: string; content: Buffer }> {
      const row = await load(actor, id);
      const b = await toBulletin(row);
      const figures = b.figures as unknown as BulletinFigures;
      const where = area({ name: row.unitName, type: row.unitType, path: row.unitPath });
      const content = await renderOfficialDocument(
        bulletinDocument({ figures, area: where, office: `${row.unitName}重大项目推进办公室`, seq: figures.months, date: (b.sentAt ? chinaDate(new Date(b.sentAt)) : today()), opening: b.opening, nextSteps: b.nextSteps }),
      );
      const fileName = bulletinFileName(figures, where);
      await audit.recordNow(actor, { action: 'bulletin.download', objectType: 'bulletin', objectId: id, unitId: row.unitId, detail: fileName });
      return { fileName, content };
    },

    /**
     * Scheduled: the root unit's bulletin for the latest monthly report round past its due date,
     * once (unique unit + period); its coordinators are told a draft awaits review.
     */
    async draftScheduled(): Promise<string | null> {
      const db = deps.db;
      const root = await db.selectFrom('units').select(['id']).where('parentId', 'is', null).orderBy('createdAt').executeTakeFirst();
      if (!root) return null;
      const round = await db.selectFrom('reportRounds').select(['period']).where('kind', '=', 'monthly').where('dueDate', '<', today()).orderBy('period', 'desc').executeTakeFirst();
      if (!round || (await bulletinsRepository.findByPeriod(db, root.id, round.period))) return null;
      let b: Bulletin;
      try {
        b = await draft(SYSTEM, { unitId: root.id, period: round.period });
      } catch (e) {
        if (e instanceof AppError && e.code === 'CONFLICT') return null; // another instance drafted it a moment ago
        throw e;
      }
      const coordinators = await db.selectFrom('users').select(['id', 'unitId']).where('unitId', '=', root.id).where('role', '=', 'coordinator').where('disabled', '=', 0).execute();
      await notifications.send(coordinators.map((u) => ({ userId: u.id, unitId: root.id, kind: 'bulletin-draft', title: `调度通报待审核：${b.title}`, body: `${round.period}进展填报已截止，系统已起草本月调度通报，请审核修改后印发。`, link: `/bulletins/${b.id}`, dedupeKey: `bulletin:${b.id}:draft:${u.id}` })));
      return b.period;
    },
  };
}
export type BulletinsService = ReturnType<typeof createBulletinsService>;
