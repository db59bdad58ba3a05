import { SHIPPED_CALENDAR, SHIPPED_CALENDAR_REVISIONS, type CalendarDay } from '../../core/schedule/calendar-cn.js';
import { shippingPlan } from '../../core/schedule/calendar-shipping.js';
import { calendarOf, ISO_DATE_RE, type WorkCalendar } from '../../core/schedule/working-days.js';
import { AppError } from '../../core/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import { Actor, type Deps } from '../shared/context.js';

/** The calendar a release ships: its days and each year's revision (tests pass a later release). */
export interface ShippedCalendar {
  days: readonly CalendarDay[];
  revisions: Readonly<Record<number, number>>;
}

/**
 * The working-day calendar (工作日历): each shipped year is written on first use, rewritten when
 * a later release ships it at a higher revision (keeping the days set by hand), and edited by
 * the office. Loaded calendars are memoised per
 * instance for a minute (an edit on this instance clears it at once): plan generation and
 * reminders read it often, it changes a few times a year.
 */
const MEMO_MS = 60_000;
/** Who rewrites a year from a new release's data (the audit row's actor). */
const SYSTEM = new Actor(null, 'system', null, null, null, null);

export function createCalendarService(deps: Deps, audit: AuditService, shipped: ShippedCalendar = { days: SHIPPED_CALENDAR, revisions: SHIPPED_CALENDAR_REVISIONS }) {
  let memo: { at: number; cal: WorkCalendar } | null = null;
  const storedRevisions = async (db: typeof deps.db) => new Map((await db.selectFrom('calendarYears').select(['year', 'shippedRevision']).execute()).map((r) => [Number(r.year), Number(r.shippedRevision)]));

  async function ensureShipped(): Promise<void> {
    if (shippingPlan(shipped.days, shipped.revisions, await storedRevisions(deps.db), new Set()).length === 0) return;
    const now = deps.clock.now().toISOString();
    await deps.db.transaction().execute(async (trx) => {
      // Read again inside the transaction: another instance may have shipped meanwhile.
      const edited = new Set((await trx.selectFrom('calendarDays').select('date').where('edited', '=', 1).execute()).map((r) => r.date));
      for (const y of shippingPlan(shipped.days, shipped.revisions, await storedRevisions(trx), edited)) {
        if (y.replace) await trx.deleteFrom('calendarDays').where('year', '=', y.year).where('edited', '=', 0).execute();
        if (y.days.length) {
          await trx
            .insertInto('calendarDays')
            .values(y.days.map((d) => ({ date: d.date, year: y.year, kind: d.kind, name: d.name, provisional: d.provisional ? 1 : 0, edited: 0, updatedAt: now })))
            .onConflict((oc) => oc.column('date').doNothing())
            .execute();
        }
        await trx.insertInto('calendarYears').values({ year: y.year, shippedRevision: y.revision, updatedAt: now }).onConflict((oc) => oc.column('year').doUpdateSet({ shippedRevision: y.revision, updatedAt: now })).execute();
        if (y.replace) await audit.record(trx, SYSTEM, { action: 'calendar.ship', objectType: 'calendar', objectId: String(y.year), after: { revision: y.revision, days: y.days.length }, detail: 'shipped data replaced; days set by hand kept' });
      }
    });
  }

  return {
    /** The whole calendar, for working-day arithmetic. */
    async load(): Promise<WorkCalendar> {
      if (memo && Date.now() - memo.at < MEMO_MS) return memo.cal;
      await ensureShipped();
      const rows = await deps.db.selectFrom('calendarDays').select(['date', 'kind']).where('kind', '!=', 'normal').execute();
      memo = { at: Date.now(), cal: calendarOf(rows as { date: string; kind: 'holiday' | 'workday' }[]) };
      return memo.cal;
    },

    async list(year: number) {
      await ensureShipped();
      const rows = await deps.db.selectFrom('calendarDays').selectAll().where('year', '=', year).where('kind', '!=', 'normal').orderBy('date').execute();
      return rows.map((r) => ({ date: r.date, kind: r.kind as 'holiday' | 'workday', name: r.name, provisional: r.provisional === 1 }));
    },

    /**
     * Marks a day as a holiday, a make-up working day, or back to normal ('normal' keeps a marker
     * row, so a later shipped revision does not bring the day back). Every row written here is
     * marked edited: shipped data never overwrites it.
     */
    async setDay(actor: Actor, date: string, input: { kind: 'holiday' | 'workday' | 'normal'; name: string }) {
      if (!ISO_DATE_RE.test(date) || Number.isNaN(Date.parse(date))) throw new AppError('VALIDATION_FAILED', { field: 'date', reason: '日期格式应为 YYYY-MM-DD / date must be YYYY-MM-DD' });
      await ensureShipped();
      const now = deps.clock.now().toISOString();
      await deps.db.transaction().execute(async (trx) => {
        const found = await trx.selectFrom('calendarDays').select(['date', 'kind', 'name', 'provisional']).where('date', '=', date).executeTakeFirst();
        const before = found && found.kind !== 'normal' ? found : null;
        await trx.deleteFrom('calendarDays').where('date', '=', date).execute();
        const after = input.kind === 'normal' ? null : { date, year: Number(date.slice(0, 4)), kind: input.kind, name: input.name || (input.kind === 'holiday' ? '放假' : '调休上班'), provisional: 0, updatedAt: now };
        await trx.insertInto('calendarDays').values(after ? { ...after, edited: 1 } : { date, year: Number(date.slice(0, 4)), kind: 'normal', name: '', provisional: 0, edited: 1, updatedAt: now }).execute();
        // A confirmed edit of a provisional year means the office now keeps that year by hand.
        await trx.updateTable('calendarDays').set({ provisional: 0 }).where('year', '=', Number(date.slice(0, 4))).execute();
        await audit.record(trx, actor, { action: 'calendar.set-day', objectType: 'calendar', objectId: date, before, after });
      });
      memo = null;
      return this.list(Number(date.slice(0, 4)));
    },
  };
}
export type CalendarService = ReturnType<typeof createCalendarService>;
