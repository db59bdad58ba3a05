import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseVariants, type TestDatabase } from '../../../test/helpers/databases.js';
import { startTestApp, type Session, type TestApp } from '../../../test/helpers/test-app.js';
import { SHIPPED_CALENDAR, type CalendarDay } from '../../core/schedule/calendar-cn.js';
import { createCalendarService } from './calendar.service.js';

type Day = { date: string; kind: string; name: string; provisional: boolean };

/**
 * A later release replaces a provisional year with new shipped data, keeping what the office
 * set by hand. The "official" 2027 below is a made-up test fixture, not the State Council's dates.
 */
describe.each(databaseVariants())('shipping a new calendar revision on $name', (variant) => {
  let db: TestDatabase;
  let t: TestApp;
  let pmo: Session;
  const fixture: CalendarDay[] = [
    ...SHIPPED_CALENDAR.filter((d) => d.date.startsWith('2026')),
    ...['2027-10-01', '2027-10-02', '2027-10-03', '2027-10-04'].map((date) => ({ date, kind: 'holiday' as const, name: '国庆节', provisional: false })),
    { date: '2027-09-26', kind: 'workday', name: '国庆节调休上班', provisional: false },
  ];

  beforeAll(async () => {
    db = await variant.create();
    t = await startTestApp(db);
    pmo = await t.loginAs('coordinator');
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  const year = async (y: number) => (await t.request(pmo, 'GET', `/api/calendar?year=${y}`)).json<Day[]>();

  it('ships 2027 as provisional, and a hand edit survives the next release', async () => {
    const before = await year(2027);
    expect(before.find((d) => d.date === '2027-10-02')).toMatchObject({ kind: 'holiday', provisional: true });
    expect(before.find((d) => d.date === '2027-02-05')).toMatchObject({ name: '春节', provisional: true });
    // The office sets 2 October back to an ordinary day and adds a local holiday.
    expect((await t.request(pmo, 'PUT', '/api/calendar/2027-10-02', { body: { kind: 'normal' } })).statusCode).toBe(200);
    expect((await t.request(pmo, 'PUT', '/api/calendar/2027-03-15', { body: { kind: 'holiday', name: '县庆' } })).statusCode).toBe(200);
    const edited = await year(2027);
    expect(edited.map((d) => d.date)).not.toContain('2027-10-02');
    const d2026 = await year(2026);

    // A later release ships 2027 at revision 2.
    const release2 = createCalendarService(t.container.deps, t.container.services.audit, { days: fixture, revisions: { 2026: 1, 2027: 2 } });
    const after = await release2.list(2027);
    expect(after.map((d) => d.date)).toEqual(['2027-03-15', '2027-09-26', '2027-10-01', '2027-10-03', '2027-10-04']);
    expect(after.find((d) => d.date === '2027-03-15')).toMatchObject({ kind: 'holiday', name: '县庆' });
    expect(after.find((d) => d.date === '2027-09-26')).toMatchObject({ kind: 'workday', provisional: false });
    expect(after.every((d) => !d.provisional)).toBe(true);
    // The working-day arithmetic follows: 2 October stays a working day (it is a Saturday in
    // 2027, so check through the calendar's sets instead).
    const cal = await release2.load();
    expect(cal.holidays.has('2027-10-02')).toBe(false);
    expect(cal.holidays.has('2027-10-04')).toBe(true);
    expect(cal.workdays.has('2027-09-26')).toBe(true);
    // 2026 was at its revision already: untouched.
    expect(await release2.list(2026)).toEqual(d2026);
    // Audited once; a second start changes nothing.
    await createCalendarService(t.container.deps, t.container.services.audit, { days: fixture, revisions: { 2026: 1, 2027: 2 } }).list(2027);
    const ship = await t.container.deps.db.selectFrom('auditLog').select(['action', 'objectId']).where('action', '=', 'calendar.ship').execute();
    expect(ship).toEqual([{ action: 'calendar.ship', objectId: '2027' }]);
  });

  it('an older release (revision 1) does not undo the newer data', async () => {
    const old = createCalendarService(t.container.deps, t.container.services.audit);
    expect((await old.list(2027)).map((d) => d.date)).toContain('2027-09-26');
  });
});
