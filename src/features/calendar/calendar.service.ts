import { SHIPPED_CALENDAR } from '../../core/schedule/calendar-cn.js';
import { calendarOf, ISO_DATE_RE, type WorkCalendar } from '../../core/schedule/working-days.js';
import { AppError } from '../../core/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Actor, Deps } from '../shared/context.js';

/**
 * The working-day calendar (工作日历): the shipped official years are written on first use of
 * a year that has no entries, then edited by the office. Loaded calendars are memoised per
 * instance for a minute (an edit on this instance clears it at once): plan generation and
 * reminders read it often, it changes a few times a year.
 */
const MEMO_MS = 60_000;

export function createCalendarService(deps: Deps, audit: AuditService) {
  let memo: { at: number; cal: WorkCalendar } | null = null;

  async function ensureShipped(): Promise<void> {
    const years = new Set((await deps.db.selectFrom('calendarDays').select('year').distinct().execute()).map((r) => Number(r.year)));
    const missing = SHIPPED_CALENDAR.filter((d) => !years.has(Number(d.date.slice(0, 4))));
    if (missing.length === 0) return;
    const now = deps.clock.now().toISOString();
    await deps.db
      .insertInto('calendarDays')
      .values(missing.map((d) => ({ date: d.date, year: Number(d.date.slice(0, 4)), kind: d.kind, name: d.name, provisional: d.provisional ? 1 : 0, updatedAt: now })))
      .onConflict((oc) => oc.column('date').doNothing())
      .execute();
  }

  return {
    /** The whole calendar, for working-day arithmetic. */
    async load(): Promise<WorkCalendar> {
      if (memo && Date.now() - memo.at < MEMO_MS) return memo.cal;
      await ensureShipped();
      const rows = await deps.db.selectFrom('calendarDays').select(['date', 'kind']).execute();
      memo = { at: Date.now(), cal: calendarOf(rows) };
      return memo.cal;
    },

    async list(year: number) {
      await ensureShipped();
      const rows = await deps.db.selectFrom('calendarDays').selectAll().where('year', '=', year).orderBy('date').execute();
      return rows.map((r) => ({ date: r.date, kind: r.kind, name: r.name, provisional: r.provisional === 1 }));
    },

    /** Marks a day as a holiday, a make-up working day, or back to normal ('normal' deletes the entry). */
    async setDay(actor: Actor, date: string, input: { kind: 'holiday' | 'workday' | 'normal'; name: string }) {
      if (!ISO_DATE_RE.test(date) || Number.isNaN(Date.parse(date))) throw new AppError('VALIDATION_FAILED', { field: 'date', reason: '日期格式应为 YYYY-MM-DD / date must be YYYY-MM-DD' });
      await ensureShipped();
      const now = deps.clock.now().toISOString();
      await deps.db.transaction().execute(async (trx) => {
        const before = await trx.selectFrom('calendarDays').selectAll().where('date', '=', date).executeTakeFirst();
        await trx.deleteFrom('calendarDays').where('date', '=', date).execute();
        const after = input.kind === 'normal' ? null : { date, year: Number(date.slice(0, 4)), kind: input.kind, name: input.name || (input.kind === 'holiday' ? '放假' : '调休上班'), provisional: 0, updatedAt: now };
        if (after) await trx.insertInto('calendarDays').values(after).execute();
        // A confirmed edit of a provisional year means the office now keeps that year by hand.
        await trx.updateTable('calendarDays').set({ provisional: 0 }).where('year', '=', Number(date.slice(0, 4))).execute();
        await audit.record(trx, actor, { action: 'calendar.set-day', objectType: 'calendar', objectId: date, before: before ?? null, after });
      });
      memo = null;
      return this.list(Number(date.slice(0, 4)));
    },
  };
}
export type CalendarService = ReturnType<typeof createCalendarService>;
