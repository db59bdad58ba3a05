import { Actor } from '../shared/context.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseVariants, type TestDatabase } from '../../../test/helpers/databases.js';
import { manualClock, startTestApp, type Session, type TestApp } from '../../../test/helpers/test-app.js';
import { JOBS } from '../../jobs/scheduler.js';

/**
 * 进展填报 on a small world: zone (A under construction with a 1000万 plan, B signed, D in
 * negotiation, E archived) and town (C under construction). Reports are opened for A, B, C.
 * October is filled on time, returned, fixed and accepted; November is copied from October,
 * filled late and accepted; B and C never report in November (缺报).
 */
describe.each(databaseVariants())('progress reports on $name', (variant) => {
  let db: TestDatabase;
  let t: TestApp;
  let pmo: Session;
  let zoneStaff: Session;
  let townStaff: Session;
  const ids: Record<string, string> = {};
  const clock = manualClock(new Date('2026-10-20T02:00:00Z'));
  const wan = (n: number) => n * 10_000;
  let oct = '';
  let nov = '';

  const report = (round: string, project: string) => `${round}:${ids[project]}`;
  const put = (s: Session, id: string, version: number, body: Record<string, unknown>) => t.request(s, 'PUT', `/api/reports/${id}`, { body, headers: { 'if-match': `"${version}"` } });

  /** Moves the clock (sessions time out over days of waiting, so everyone signs in again). */
  async function signIn() {
    pmo = await t.login('pmo');
    zoneStaff = await t.login('zonestaff');
    townStaff = await t.login('townstaff');
  }
  async function at(iso: string) {
    clock.set(new Date(iso));
    await signIn();
  }

  beforeAll(async () => {
    db = await variant.create();
    t = await startTestApp(db, { clock });
    const admin = await t.loginAs('system-admin');
    const unit = async (name: string, type: string) => (await t.request(admin, 'POST', '/api/units', { body: { parentId: t.rootUnitId, name, type } })).json<{ id: string }>().id;
    ids.zone = await unit('XX港经济区管委会', 'zone');
    ids.town = await unit('XX港镇', 'town');
    await t.createUser('coordinator', { username: 'pmo' });
    await t.createUser('unit-staff', { username: 'zonestaff', unitId: ids.zone });
    await t.createUser('unit-staff', { username: 'townstaff', unitId: ids.town });
    await signIn();
    const project = async (key: string, unitKey: string, stage: string, fields: Record<string, unknown> = {}) => {
      const res = await t.request(pmo, 'POST', '/api/projects', { body: { name: `项目${key}`, leadUnitId: ids[unitKey], stage, ...fields } });
      expect(res.statusCode, res.body).toBe(201);
      ids[key] = res.json().id;
      return res.json<{ id: string; version: number }>();
    };
    await project('A', 'zone', 'construction', { annualPlanInvestment: wan(1000), ytdInvestment: wan(50), sinceStartInvestment: wan(120) });
    await project('B', 'zone', 'signed');
    await project('C', 'town', 'construction');
    await project('D', 'zone', 'negotiating');
    const e = await project('E', 'zone', 'construction');
    await t.request(pmo, 'POST', `/api/projects/${e.id}/archive`, { body: { reason: '重复录入' }, headers: { 'if-match': `"${e.version}"` } });
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it('opens a round once per period, for the projects under way only', async () => {
    const first = await t.request(pmo, 'POST', '/api/report-rounds', { body: { kind: 'monthly', period: '2026-10' } });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ kind: 'monthly', period: '2026-10', periodStart: '2026-10-01', periodEnd: '2026-10-31', dueDate: '2026-10-25', reportCount: 3 });
    oct = first.json().id;
    const again = await t.request(pmo, 'POST', '/api/report-rounds', { body: { kind: 'monthly', period: '2026-10' } });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: oct, reportCount: 3 });
    expect(await t.container.services.reportRounds.openScheduled()).toBe(0); // this month's round exists
    const rounds = (await t.request(pmo, 'GET', '/api/report-rounds')).json();
    expect(rounds).toHaveLength(1);
    const bad = await t.request(pmo, 'POST', '/api/report-rounds', { body: { kind: 'monthly', period: '2026-13' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.reason).toMatch(/周期.*period/);
  });

  it('lets unit staff see and fill only their unit’s reports', async () => {
    const mine = (await t.request(zoneStaff, 'GET', `/api/reports?round=${oct}`)).json();
    expect(mine.items.map((i: { projectName: string }) => i.projectName).sort()).toEqual(['项目A', '项目B']);
    expect(mine.items.every((i: { status: string }) => i.status === 'pending')).toBe(true);
    expect((await t.request(zoneStaff, 'GET', `/api/reports/${report(oct, 'C')}`)).statusCode).toBe(404);
    expect((await put(zoneStaff, report(oct, 'C'), 1, { progressText: 'x' })).statusCode).toBe(404);
    expect((await t.request(townStaff, 'GET', `/api/reports?round=${oct}&mine=true`)).json().total).toBe(1);
    expect((await t.request(pmo, 'GET', `/api/reports?round=${oct}`)).json().total).toBe(3);
  });

  it('refuses a stale version (412) and a split that does not add up (400, zh and en)', async () => {
    const id = report(oct, 'A');
    expect((await put(zoneStaff, id, 1, { investment: wan(300), progressText: '主体施工' })).statusCode).toBe(200);
    const stale = await put(zoneStaff, id, 1, { investment: wan(100), progressText: '另一人的修改' });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.details.current).toMatchObject({ progressText: '主体施工', version: 2 });
    expect((await t.request(zoneStaff, 'PUT', `/api/reports/${id}`, { body: {} })).statusCode).toBe(428);
    const split = await put(zoneStaff, id, 2, { investment: wan(300), investmentCivil: wan(200), investmentEquipment: wan(50), progressText: '主体施工' });
    expect(split.statusCode).toBe(400);
    expect(JSON.stringify(split.json())).toMatch(/土建、设备、其他之和.*civil \+ equipment/);
  });

  it('submits, returns with a reason the unit sees, resubmits and accepts — and the ledger follows', async () => {
    const id = report(oct, 'A');
    const submitted = await put(zoneStaff, id, 2, { investment: wan(300), investmentCivil: wan(200), investmentEquipment: wan(100), investmentOther: 0, progressText: '1号厂房主体封顶', nextSteps: '设备进场', submit: true });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'submitted', late: false, submittedByName: '测试unit-staff' });
    expect((await put(zoneStaff, id, 3, { progressText: '改' })).statusCode).toBe(409); // submitted: no more edits
    expect((await t.request(zoneStaff, 'POST', `/api/reports/${id}/accept`, { headers: { 'if-match': '"3"' } })).statusCode).toBe(403);

    const returned = await t.request(pmo, 'POST', `/api/reports/${id}/return`, { body: { reason: '缺少现场照片' }, headers: { 'if-match': '"3"' } });
    expect(returned.json()).toMatchObject({ status: 'returned', returnReason: '缺少现场照片' });
    const seen = (await t.request(zoneStaff, 'GET', `/api/reports/${id}`)).json();
    expect(seen).toMatchObject({ status: 'returned', returnReason: '缺少现场照片', reviewedByName: '测试coordinator' });
    const inbox = (await t.request(zoneStaff, 'GET', '/api/notifications')).json();
    expect(inbox.items[0]).toMatchObject({ kind: 'report-returned', body: '退回原因：缺少现场照片' });

    await at('2026-10-28T02:00:00Z'); // after the due date: a resubmission is not late
    const again = await put(zoneStaff, id, 4, { investment: wan(300), investmentCivil: wan(200), investmentEquipment: wan(100), investmentOther: 0, progressText: '1号厂房主体封顶', nextSteps: '设备进场', problemsRaised: [{ category: 'utilities', description: '10千伏专线未接通' }], submit: true });
    expect(again.json()).toMatchObject({ status: 'submitted', late: false });
    const accepted = await t.request(pmo, 'POST', `/api/reports/${id}/accept`, { headers: { 'if-match': '"5"' } });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', cumulative: { ytd: wan(300), sinceStart: wan(300), annualRate: 30 } });
    const project = (await t.request(pmo, 'GET', `/api/projects/${ids.A}`)).json();
    // The imported 本年累计 (50万) and 开工以来累计 (120万) are replaced by the reports' sums.
    expect(project).toMatchObject({ ytdInvestment: wan(300), sinceStartInvestment: wan(300), progressText: '1号厂房主体封顶' });
    const listed = (await t.request(pmo, 'GET', `/api/projects?q=${encodeURIComponent(project.name)}`)).json();
    expect(listed.items[0]).toMatchObject({ ytdInvestment: wan(300), sinceStartInvestment: wan(300) });
    // The problem the report raised is now a 问题 item of the project, worked by the reporting unit.
    const problems = (await t.request(pmo, 'GET', `/api/projects/${ids.A}/problems`)).json();
    expect(JSON.stringify(problems)).toContain('10千伏专线未接通');
    expect(JSON.stringify(problems)).toContain('2026-10 进展填报');
    expect(JSON.stringify(problems)).toContain('水电气配套');
  });

  it('feeds goals: completed investment comes from accepted reports', async () => {
    expect((await t.request(pmo, 'PUT', `/api/goals/${t.rootUnitId}/2026`, { body: { investmentTarget: wan(2000) } })).statusCode).toBe(201);
    const goals = (await t.request(pmo, 'GET', '/api/goals?year=2026')).json();
    expect(goals.items[0].metrics.investment.actual).toBe(wan(300));
  });

  it('copies last month’s texts (not the money) into the new month, and marks a late submission', async () => {
    await at('2026-11-02T02:00:00Z');
    expect(await t.container.services.reportRounds.openScheduled()).toBe(3);
    nov = (await t.request(pmo, 'GET', '/api/report-rounds')).json()[0].id;
    const id = report(nov, 'A');
    const copied = await t.request(zoneStaff, 'POST', `/api/reports/${id}/copy-previous`, { headers: { 'if-match': '"1"' } });
    expect(copied.statusCode, copied.body).toBe(200);
    expect(copied.json()).toMatchObject({ status: 'draft', progressText: '1号厂房主体封顶', nextSteps: '设备进场', investment: null });
    expect((await t.request(townStaff, 'POST', `/api/reports/${report(nov, 'C')}/copy-previous`, { headers: { 'if-match': '"1"' } })).statusCode).toBe(404);

    await at('2026-11-26T02:00:00Z');
    const late = await put(zoneStaff, id, 2, { investment: wan(200), progressText: '1号厂房设备安装', submit: true });
    expect(late.json()).toMatchObject({ status: 'submitted', late: true });
    const accepted = await t.request(pmo, 'POST', `/api/reports/${id}/accept`, { headers: { 'if-match': '"3"' } });
    expect(accepted.json().cumulative).toEqual({ ytd: wan(500), sinceStart: wan(500), annualRate: 50 });
  });

  it('shows late and missing reports per unit', async () => {
    await at('2026-11-27T02:00:00Z');
    const detail = (await t.request(pmo, 'GET', `/api/report-rounds/${nov}`)).json();
    const byName = Object.fromEntries(detail.units.map((u: { unitName: string }) => [u.unitName, u]));
    expect(byName['XX港经济区管委会']).toMatchObject({ total: 2, accepted: 1, pending: 1, late: 1, missing: 1 });
    expect(byName['XX港镇']).toMatchObject({ total: 1, pending: 1, late: 0, missing: 1 });
    const scoped = (await t.request(townStaff, 'GET', `/api/report-rounds/${nov}`)).json();
    expect(scoped.units.map((u: { unitName: string }) => u.unitName)).toEqual(['XX港镇']);
    const missing = (await t.request(pmo, 'GET', `/api/reports?round=${nov}&status=pending`)).json();
    expect(missing.items.every((i: { missing: boolean }) => i.missing)).toBe(true);
  });

  it('reminds each filling unit once, however often the job runs', async () => {
    const sent = await t.container.services.reportRounds.remind();
    expect(sent).toBeGreaterThanOrEqual(2); // zone and town staff, overdue November
    expect(await t.container.services.reportRounds.remind()).toBe(0);
    const inbox = (await t.request(townStaff, 'GET', '/api/notifications')).json();
    expect(inbox.items.map((i: { kind: string }) => i.kind)).toContain('report-overdue');
  });

  it('lists a project’s reports with the cumulative figures', async () => {
    const res = await t.request(pmo, 'GET', `/api/projects/${ids.A}/reports`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.cumulative).toEqual({ ytd: wan(500), sinceStart: wan(500), annualRate: 50 });
    expect(body.items.map((i: { period: string; cumulative: { ytd: number } }) => [i.period, i.cumulative.ytd])).toEqual([
      ['2026-11', wan(500)],
      ['2026-10', wan(300)],
    ]);
    expect((await t.request(townStaff, 'GET', `/api/projects/${ids.A}/reports`)).statusCode).toBe(404);
  });

  it('keeps weekly reports to progress only', async () => {
    const weekly = await t.request(pmo, 'POST', '/api/report-rounds', { body: { kind: 'weekly' } });
    expect(weekly.json()).toMatchObject({ period: '2026-W48', dueDate: '2026-11-27' });
    const res = await put(zoneStaff, `${weekly.json().id}:${ids.A}`, 1, { investment: wan(10), progressText: '设备调试' });
    expect(res.statusCode).toBe(400);
    // Progress alone submits a weekly report (a monthly one also needs its investment).
    const ok = await put(zoneStaff, `${weekly.json().id}:${ids.A}`, 1, { progressText: '设备调试', submit: true });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().status).toBe('submitted');
  });

  it('runs as a scheduled job that is safe to repeat (a new month opens once, reminders go once)', async () => {
    await at('2026-12-01T02:00:00Z');
    const job = JOBS.find((j) => j.name === 'report-rounds')!;
    expect(await job.run(t.container)).toMatch(/^added 3 reports/);
    expect(await job.run(t.container)).toBe('added 0 reports to the scheduled rounds; sent 0 report reminders');
    expect((await t.request(pmo, 'GET', '/api/report-rounds')).json()[0]).toMatchObject({ period: '2026-12', reportCount: 3 });
  });
  it('opens weekly rounds by itself once the 填报计划 says so: on the week’s first working day, due Friday or the working day before', async () => {
    const schedule = (await t.request(pmo, 'GET', '/api/report-schedule')).json();
    expect(schedule).toEqual({ weekly: false, version: 0 });
    expect((await t.request(zoneStaff, 'PUT', '/api/report-schedule', { body: { weekly: true }, headers: { 'if-match': '"0"' } })).statusCode).toBe(403);
    const bad = await t.request(pmo, 'PUT', '/api/report-schedule', { body: { weekly: 'yes' }, headers: { 'if-match': '"0"' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.reason ?? bad.body).toMatch(/周报.*weekly/);
    const on = await t.request(pmo, 'PUT', '/api/report-schedule', { body: { weekly: true }, headers: { 'if-match': '"0"' } });
    expect(on.json()).toEqual({ weekly: true, version: 1 });
    expect((await t.request(pmo, 'PUT', '/api/report-schedule', { body: { weekly: false }, headers: { 'if-match': '"0"' } })).statusCode).toBe(412);

    // Week 50: Monday 12-07 is made a holiday, and so is Friday 12-11.
    const cli = Actor.cli();
    await t.container.services.calendar.setDay(cli, '2026-12-07', { kind: 'holiday', name: '测试' });
    await t.container.services.calendar.setDay(cli, '2026-12-11', { kind: 'holiday', name: '测试' });
    const job = JOBS.find((j) => j.name === 'report-rounds')!;
    await at('2026-12-07T02:00:00Z');
    await job.run(t.container);
    expect((await t.request(pmo, 'GET', '/api/report-rounds')).json().filter((r: { kind: string }) => r.kind === 'weekly').map((r: { period: string }) => r.period)).toEqual(['2026-W48']);
    await at('2026-12-08T02:00:00Z');
    expect(await job.run(t.container)).toMatch(/^added 3 reports/);
    expect(await job.run(t.container)).toMatch(/^added 0 reports/);
    const w50 = (await t.request(pmo, 'GET', '/api/report-rounds')).json().find((r: { period: string }) => r.period === '2026-W50');
    expect(w50).toMatchObject({ kind: 'weekly', periodStart: '2026-12-07', dueDate: '2026-12-10', reportCount: 3 });
  });
});
