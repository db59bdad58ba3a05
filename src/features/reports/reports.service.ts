import type { Kysely } from 'kysely';
import { chinaDate } from '../../core/business-date.js';
import { AppError } from '../../core/errors.js';
import { EDITABLE_STATUSES, cumulativeAt, isLateSubmission, isMissing, periodOf, type AcceptedMonth, type ReportStatus, type RoundKind } from '../../core/reports/report-rules.js';
import { MAX_ATTACHMENTS_PER_RECORD } from '../../core/schemas/attachments.schema.js';
import type { ProjectReports, RaisedProblem, Report, ReportInput, ReportListItem, ReportsQuery } from '../../core/schemas/reports.schema.js';
import type { Stage } from '../../core/stages.js';
import type { Database } from '../../db/database.js';
import { fromJsonText, toJsonText } from '../../db/helpers/json.js';
import { updateVersioned } from '../../db/helpers/versioned.js';
import type { AttachmentsService } from '../attachments/attachments.service.js';
import type { AuditService } from '../audit/audit.service.js';
import type { NotificationsService } from '../notifications/notifications.service.js';
import type { ProjectsService } from '../projects/projects.service.js';
import type { Actor, Deps } from '../shared/context.js';
import { inScope, scopePrefix } from './report-scope.js';
import { reportsRepository, type ReportRow, type ReportUpdate } from './reports.repository.js';

/**
 * The seam to the problems feature (问题清单): called in the acceptance transaction with the
 * problems the report raised, so each becomes a problem item exactly once (a returned and
 * resubmitted report raises nothing until it is accepted). Not connected on this branch.
 */
export type ProblemsRaisedHandler = (trx: Kysely<Database>, actor: Actor, report: Report, problems: RaisedProblem[]) => Promise<void>;

/** The month whose cumulative figures a report stands at: its own, or the month its week ends in. */
function monthOf(kind: string, period: string): string {
  return kind === 'monthly' ? period : (periodOf(kind as RoundKind, period)?.end.slice(0, 7) ?? period.slice(0, 4));
}

/**
 * 进展填报: the lead unit fills its projects' reports (draft, submit), 项目办 accepts or returns
 * them with a reason. Accepting a monthly report of this year makes the ledger's 本年累计完成投资
 * the sum of the year's accepted reports — the figure goals and the ledger read.
 */
export function createReportsService(
  deps: Deps,
  audit: AuditService,
  attachments: AttachmentsService,
  notifications: NotificationsService,
  projects: ProjectsService,
  hooks: { problemsRaised?: ProblemsRaisedHandler } = {},
) {
  const today = () => chinaDate(deps.clock.now());

  function listItem(r: ReportRow, day: string): ReportListItem {
    const problems = fromJsonText<RaisedProblem[]>(r.problemsRaised) ?? [];
    return {
      id: r.id,
      roundId: r.roundId,
      kind: r.kind as RoundKind,
      period: r.period,
      dueDate: r.dueDate,
      projectId: r.projectId,
      projectName: r.projectName,
      projectStage: r.projectStage as Stage,
      annualPlanInvestment: r.annualPlanInvestment === null ? null : Number(r.annualPlanInvestment),
      unitId: r.unitId,
      unitName: r.unitName,
      status: r.status as ReportStatus,
      late: r.late === 1,
      missing: isMissing(r.status as ReportStatus, r.dueDate, day),
      investment: r.investment === null ? null : Number(r.investment),
      investmentCivil: r.investmentCivil === null ? null : Number(r.investmentCivil),
      investmentEquipment: r.investmentEquipment === null ? null : Number(r.investmentEquipment),
      investmentOther: r.investmentOther === null ? null : Number(r.investmentOther),
      progressText: r.progressText,
      returnReason: r.returnReason,
      submittedAt: r.submittedAt,
      submittedByName: r.submittedByName ?? null,
      reviewedAt: r.reviewedAt,
      reviewedByName: r.reviewedByName ?? null,
      version: r.version,
      updatedAt: r.updatedAt,
      photoCount: Number(r.photoCount ?? 0),
      problemCount: problems.length,
    };
  }

  async function toReport(db: Kysely<Database>, r: ReportRow): Promise<Report> {
    const [photos, months] = await Promise.all([attachments.refsFor(db, 'progress-report', [r.id]), reportsRepository.acceptedMonths(db, [r.projectId])]);
    const { photoCount: _p, problemCount: _c, ...item } = listItem(r, today());
    const accepted: AcceptedMonth[] = months.map((m) => ({ period: m.period, investment: m.investment === null ? null : Number(m.investment) }));
    return {
      ...item,
      nextSteps: r.nextSteps,
      problemsRaised: fromJsonText<RaisedProblem[]>(r.problemsRaised) ?? [],
      photos: photos.get(r.id) ?? [],
      cumulative: cumulativeAt(accepted, monthOf(r.kind, r.period), item.annualPlanInvestment),
    };
  }

  /** The report if the actor may see it; NOT_FOUND otherwise (no hint that it exists). */
  async function visible(db: Kysely<Database>, actor: Actor, id: string) {
    const row = await reportsRepository.find(db, id);
    if (!row || !inScope(actor, row.unitPath)) throw new AppError('NOT_FOUND', { objectType: 'report', id });
    return row;
  }

  /** Loads for a write: visible, the version the caller read, and a status the action applies to. */
  async function forWrite(trx: Kysely<Database>, actor: Actor, id: string, expectedVersion: number, allowed: readonly ReportStatus[], what: string) {
    const row = await visible(trx, actor, id);
    if (row.version !== expectedVersion) throw new AppError('VERSION_CONFLICT', { current: await toReport(trx, row) });
    if (!allowed.includes(row.status as ReportStatus)) {
      throw new AppError('CONFLICT', { status: row.status, reason: `${what} / not possible while the report is ${row.status}` });
    }
    return row;
  }

  async function write(trx: Kysely<Database>, row: ReportRow, values: ReportUpdate, now: string) {
    if (!(await updateVersioned(trx as Parameters<typeof updateVersioned>[0], 'progressReports', row.id, row.version, values, now))) {
      throw new AppError('VERSION_CONFLICT', { current: await toReport(trx, row) });
    }
    return toReport(trx, (await reportsRepository.find(trx, row.id))!);
  }

  return {
    async list(actor: Actor, q: ReportsQuery) {
      const unitId = q.mine === 'true' ? (actor.unitId ?? '\u0000') : q.unit;
      const { items, total } = await reportsRepository.list(deps.db, { roundId: q.round, unitId, status: q.status }, scopePrefix(actor), q);
      const day = today();
      return { items: items.map((r) => listItem(r, day)), total, page: q.page, pageSize: q.pageSize };
    },

    async get(actor: Actor, id: string): Promise<Report> {
      return toReport(deps.db, await visible(deps.db, actor, id));
    },

    /** Saves a draft, or submits (first submission after the due date marks it late for good). */
    async save(actor: Actor, id: string, expectedVersion: number, input: ReportInput): Promise<Report> {
      const now = deps.clock.now().toISOString();
      return deps.db.transaction().execute(async (trx) => {
        const row = await forWrite(trx, actor, id, expectedVersion, EDITABLE_STATUSES, '已提交或已通过的报告不能修改');
        const money = [input.investment, input.investmentCivil, input.investmentEquipment, input.investmentOther];
        if (row.kind === 'weekly' && money.some((m) => m !== null)) {
          throw new AppError('VALIDATION_FAILED', { field: 'investment', reason: '周报只填形象进度，完成投资在月报中填报 / weekly reports carry progress only; investment goes in the monthly report' });
        }
        if (row.kind === 'monthly' && input.submit && input.investment === null) {
          throw new AppError('VALIDATION_FAILED', { field: 'investment', reason: '提交前请填写本月完成投资（没有则填 0）/ enter the month’s investment (0 if none) before submitting' });
        }
        const photos = await attachments.refsFor(trx, 'progress-report', [id]);
        if ((photos.get(id)?.length ?? 0) + input.attachmentIds.length > MAX_ATTACHMENTS_PER_RECORD) {
          throw new AppError('VALIDATION_FAILED', { field: 'attachmentIds', reason: `每份报告最多 ${MAX_ATTACHMENTS_PER_RECORD} 张照片 / at most ${MAX_ATTACHMENTS_PER_RECORD} photos per report` });
        }
        const day = today();
        const values: ReportUpdate = {
          investment: input.investment,
          investmentCivil: input.investmentCivil,
          investmentEquipment: input.investmentEquipment,
          investmentOther: input.investmentOther,
          progressText: input.progressText || null,
          nextSteps: input.nextSteps || null,
          problemsRaised: input.problemsRaised.length ? toJsonText(input.problemsRaised) : null,
          status: input.submit ? 'submitted' : row.status === 'returned' ? 'returned' : 'draft',
          ...(input.submit
            ? { submittedAt: now, submittedBy: actor.userId, late: row.late === 1 || (row.submittedAt === null && isLateSubmission(day, row.dueDate)) ? 1 : 0 }
            : {}),
        };
        const before = await toReport(trx, row);
        await attachments.link(trx, actor, input.attachmentIds, { ownerType: 'progress-report', ownerId: id, unitId: row.unitId });
        const report = await write(trx, row, values, now);
        await audit.record(trx, actor, { action: input.submit ? 'report.submit' : 'report.save', objectType: 'report', objectId: id, unitId: row.unitId, before, after: report });
        return report;
      });
    },

    /** 退回: back to the unit with the reason, which the unit sees on its form. */
    async returnReport(actor: Actor, id: string, expectedVersion: number, reason: string): Promise<Report> {
      const now = deps.clock.now().toISOString();
      const report = await deps.db.transaction().execute(async (trx) => {
        const row = await forWrite(trx, actor, id, expectedVersion, ['submitted'], '只有已提交的报告可以退回');
        const r = await write(trx, row, { status: 'returned', returnReason: reason, reviewedAt: now, reviewedBy: actor.userId }, now);
        await audit.record(trx, actor, { action: 'report.return', objectType: 'report', objectId: id, unitId: row.unitId, detail: reason, after: r });
        return { r, submittedBy: row.submittedBy };
      });
      if (report.submittedBy) {
        const r = report.r;
        await notifications.send([
          { userId: report.submittedBy, unitId: r.unitId, kind: 'report-returned', title: `进展填报被退回：${r.projectName}（${r.period}）`, body: `退回原因：${reason}`, link: `/reports?report=${r.id}`, dedupeKey: `report-returned:${r.id}:${r.version}` },
        ]);
      }
      return report.r;
    },

    /** 通过: the figures count from now on; the ledger's 本年累计 and 形象进度 follow. */
    async accept(actor: Actor, id: string, expectedVersion: number): Promise<Report> {
      const now = deps.clock.now().toISOString();
      return deps.db.transaction().execute(async (trx) => {
        const row = await forWrite(trx, actor, id, expectedVersion, ['submitted'], '只有已提交的报告可以通过');
        await write(trx, row, { status: 'accepted', returnReason: null, reviewedAt: now, reviewedBy: actor.userId }, now);
        const year = today().slice(0, 4);
        if (row.kind === 'monthly') {
          const thisYear = row.period.startsWith(year);
          const latest = thisYear ? await trx.selectFrom('progressReports').select((eb) => eb.fn.max('period').as('p')).where('projectId', '=', row.projectId).where('status', '=', 'accepted').executeTakeFirst() : undefined;
          await reportsRepository.syncProject(trx, row.projectId, thisYear ? year : null, latest?.p === row.period ? row.progressText : null, now);
        }
        const report = await toReport(trx, (await reportsRepository.find(trx, id))!);
        await audit.record(trx, actor, { action: 'report.accept', objectType: 'report', objectId: id, unitId: row.unitId, after: report, detail: `本年累计 ${report.cumulative.ytd} 元` });
        if (hooks.problemsRaised && report.problemsRaised.length) await hooks.problemsRaised(trx, actor, report, report.problemsRaised);
        return report;
      });
    },

    /**
     * 复制上期: the texts (形象进度, 下步计划) of the project's last filled report of the same kind,
     * to edit. Money is not copied: this month's investment must be entered on purpose.
     */
    async copyPrevious(actor: Actor, id: string, expectedVersion: number): Promise<Report> {
      const now = deps.clock.now().toISOString();
      return deps.db.transaction().execute(async (trx) => {
        const row = await forWrite(trx, actor, id, expectedVersion, EDITABLE_STATUSES, '已提交或已通过的报告不能修改');
        const prev = await reportsRepository.previousFilled(trx, row.projectId, row.kind, row.period);
        if (!prev) throw new AppError('NOT_FOUND', { objectType: 'report', reason: '该项目没有上期报告可复制 / this project has no earlier report to copy' });
        const r = await write(trx, row, { progressText: prev.progressText, nextSteps: prev.nextSteps, status: row.status === 'pending' ? 'draft' : row.status }, now);
        await audit.record(trx, actor, { action: 'report.copy-previous', objectType: 'report', objectId: id, unitId: row.unitId, detail: `from ${prev.id}`, after: r });
        return r;
      });
    },

    /** A project's 进展 tab: its reports, newest first, each with the figures as of its period. */
    async forProject(actor: Actor, projectId: string): Promise<ProjectReports> {
      const project = await projects.get(actor, projectId);
      const [rows, months] = await Promise.all([reportsRepository.forProject(deps.db, projectId), reportsRepository.acceptedMonths(deps.db, [projectId])]);
      const accepted: AcceptedMonth[] = months.map((m) => ({ period: m.period, investment: m.investment === null ? null : Number(m.investment) }));
      const day = today();
      const plan = project.annualPlanInvestment;
      return {
        projectId,
        annualPlanInvestment: plan,
        cumulative: cumulativeAt(accepted, day.slice(0, 7), plan),
        items: rows.map((r) => ({ ...listItem(r, day), cumulative: cumulativeAt(accepted, monthOf(r.kind, r.period), plan) })),
      };
    },

    /** Whoever may see a report may see its photos (attachments' canRead). */
    async canRead(actor: Actor, id: string): Promise<boolean> {
      const row = await reportsRepository.find(deps.db, id);
      return !!row && inScope(actor, row.unitPath);
    },
  };
}
export type ReportsService = ReturnType<typeof createReportsService>;
