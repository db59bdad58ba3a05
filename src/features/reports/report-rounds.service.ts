import { chinaDate } from '../../core/business-date.js';
import { AppError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { monthlyPeriod, periodOf, scheduledWeeklyRound, weeklyPeriod } from '../../core/reports/report-rules.js';
import type { OpenRoundInput, ReportSchedule, ReportScheduleInput, Round, RoundDetail } from '../../core/schemas/reports.schema.js';
import { addWorkingDays, isWorkingDay } from '../../core/schedule/working-days.js';
import { readSetting, writeSetting } from '../settings/versioned-setting.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CalendarService } from '../calendar/calendar.service.js';
import type { NewNotification, NotificationsService } from '../notifications/notifications.service.js';
import { Actor, type Deps } from '../shared/context.js';
import { REPORTING_STAGES, scopePrefix } from './report-scope.js';
import { reportsRepository } from './reports.repository.js';

/** How many working days before the due date the filling unit is reminded. */
export const REPORT_REMIND_BEFORE_WORKING_DAYS = 3;

/** The settings row of the 填报计划 (absent = the default: monthly only). */
const SCHEDULE_KEY = 'reports.schedule';

/** The scheduler's actor in the audit trail. */
const SYSTEM = new Actor(null, 'system', null, null, null, null);

type RoundRow = NonNullable<Awaited<ReturnType<typeof reportsRepository.getRound>>>;
const toRound = (r: RoundRow, reportCount: number): Round => ({
  id: r.id,
  kind: r.kind as Round['kind'],
  period: r.period,
  periodStart: r.periodStart,
  periodEnd: r.periodEnd,
  dueDate: r.dueDate,
  createdAt: r.createdAt,
  reportCount,
});

/**
 * 填报轮次: a round per kind and period, opened by 项目办 or by the monthly job, with one report
 * per project under way. Opening is idempotent and set-based (see reportsRepository.openReports).
 */
export function createReportRoundsService(deps: Deps, audit: AuditService, notifications: NotificationsService, calendar: CalendarService) {
  const today = () => chinaDate(deps.clock.now());

  async function rootUnitId(): Promise<string> {
    const root = await deps.db.selectFrom('units').select('id').where('parentId', 'is', null).orderBy('createdAt').executeTakeFirst();
    if (!root) throw new AppError('CONFLICT', { reason: '尚未初始化单位 / no root unit yet' });
    return root.id;
  }

  /** Opens (or re-opens) a round: created is false when it existed; added counts new reports. */
  async function open(actor: Actor, input: OpenRoundInput): Promise<{ round: Round; created: boolean; added: number }> {
    const kind = input.kind ?? 'monthly';
    const now = deps.clock.now().toISOString();
    const p = input.period ? periodOf(kind, input.period) : kind === 'monthly' ? monthlyPeriod(today()) : weeklyPeriod(today());
    if (!p) throw new AppError('VALIDATION_FAILED', { field: 'period', reason: '周期格式应为 2026-11（月报）或 2026-W48（周报）/ period must look like 2026-11 (monthly) or 2026-W48 (weekly)' });
    const dueDate = input.dueDate ?? p.dueDate;
    if (dueDate < p.start) throw new AppError('VALIDATION_FAILED', { field: 'dueDate', reason: '截止日期不能早于周期开始 / the due date cannot be before the period starts' });
    const unitId = actor.unitId ?? (await rootUnitId());
    return deps.db.transaction().execute(async (trx) => {
      const created = await reportsRepository.insertRound(trx, { id: newId(), unitId, kind, period: p.period, periodStart: p.start, periodEnd: p.end, dueDate, createdBy: actor.userId, createdAt: now });
      const row = (await reportsRepository.findRound(trx, kind, p.period))!;
      const added = await reportsRepository.openReports(trx, row, REPORTING_STAGES, now);
      if (created || added > 0) {
        await audit.record(trx, actor, { action: 'report-round.open', objectType: 'report-round', objectId: row.id, unitId: row.unitId, after: row, detail: `${created ? 'opened' : 're-opened'}: ${added} reports added` });
      }
      const count = await trx.selectFrom('progressReports').select((eb) => eb.fn.countAll<number>().as('n')).where('roundId', '=', row.id).executeTakeFirstOrThrow();
      return { round: toRound(row, Number(count.n)), created, added };
    });
  }

  /** The 填报计划 in force, with its version (0 = never saved: monthly rounds only). */
  async function schedule(): Promise<ReportSchedule> {
    const { value, version } = await readSetting<ReportScheduleInput>(deps.db, SCHEDULE_KEY, { weekly: false });
    return { ...value, version };
  }

  return {
    open,
    schedule,

    /** Turns the automatic weekly round on or off (项目办), versioned and audited like every setting. */
    async putSchedule(actor: Actor, expectedVersion: number, input: ReportScheduleInput): Promise<ReportSchedule> {
      const { value, version } = await writeSetting<ReportScheduleInput>(deps, audit, actor, SCHEDULE_KEY, { weekly: false }, expectedVersion, { weekly: input.weekly });
      return { ...value, version };
    },

    async list(actor: Actor): Promise<Round[]> {
      const rows = await reportsRepository.listRounds(deps.db, scopePrefix(actor), 60);
      return rows.map((r) => toRound(r, Number(r.reportCount ?? 0)));
    },

    /** The round with each unit's standing (已提交 / 逾期 / 缺报), within the actor's scope. */
    async get(actor: Actor, id: string): Promise<RoundDetail> {
      const row = await reportsRepository.getRound(deps.db, id);
      if (!row) throw new AppError('NOT_FOUND', { objectType: 'report-round', id });
      const units = await reportsRepository.summaryByUnit(deps.db, id, scopePrefix(actor), today());
      const n = (v: unknown) => Number(v ?? 0);
      const summaries = units.map((u) => ({
        unitId: u.unitId,
        unitName: u.unitName,
        total: n(u.total),
        pending: n(u.pending),
        draft: n(u.draft),
        submitted: n(u.submitted),
        returned: n(u.returned),
        accepted: n(u.accepted),
        late: n(u.late),
        missing: n(u.missing),
      }));
      return { ...toRound(row, summaries.reduce((a, u) => a + u.total, 0)), units: summaries };
    },

    /**
     * Scheduled: this month's round exists from the 1st, and — when the 填报计划 says so — this
     * week's from its first working day, due on Friday (the last working day before it when
     * Friday is a holiday). Idempotent: a no-op once they exist.
     */
    async openScheduled(): Promise<number> {
      // Before the first-run setup there is no unit tree and nothing to report on: wait quietly.
      if (!(await deps.db.selectFrom('units').select('id').where('parentId', 'is', null).executeTakeFirst())) return 0;
      let added = (await open(SYSTEM, { kind: 'monthly' })).added;
      if ((await schedule()).weekly) {
        const cal = await calendar.load();
        const week = scheduledWeeklyRound(today(), (d) => isWorkingDay(cal, d));
        if (week) added += (await open(SYSTEM, { kind: 'weekly', period: week.period, dueDate: week.dueDate })).added;
      }
      return added;
    },

    /**
     * Scheduled reminders to the filling units' staff: a few working days before the due date,
     * and once after it for what is still not submitted. One notification per person, round and
     * kind (dedupe key), however often the job runs.
     */
    async remind(): Promise<number> {
      const cal = await calendar.load();
      const day = today();
      const dueBy = addWorkingDays(cal, day, REPORT_REMIND_BEFORE_WORKING_DAYS);
      const open = await reportsRepository.openByUnit(deps.db, dueBy);
      if (open.length === 0) return 0;
      const unitIds = [...new Set(open.map((o) => o.unitId))];
      const staff = await deps.db.selectFrom('users').select(['id', 'unitId']).where('unitId', 'in', unitIds).where('disabled', '=', 0).where('role', 'in', ['unit-staff', 'coordinator']).execute();
      const items: NewNotification[] = [];
      for (const o of open) {
        const overdue = o.dueDate < day;
        const kind = overdue ? 'report-overdue' : 'report-due';
        for (const s of staff.filter((x) => x.unitId === o.unitId)) {
          items.push({
            userId: s.id,
            unitId: o.unitId,
            kind,
            title: overdue ? `进展填报逾期：${o.period}` : `进展填报即将截止：${o.period}`,
            body: overdue ? `截止日期 ${o.dueDate} 已过，本单位还有 ${Number(o.n)} 个项目未提交，请尽快填报。` : `本单位有 ${Number(o.n)} 个项目需在 ${o.dueDate} 前提交进展。`,
            link: '/reports',
            dedupeKey: `${kind}:${o.roundId}:${s.id}`,
          });
        }
      }
      return notifications.send(items);
    },
  };
}
export type ReportRoundsService = ReturnType<typeof createReportRoundsService>;
