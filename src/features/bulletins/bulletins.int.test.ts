import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildCli } from '../../cli/main.js';
import { readPackageParts, wordText } from '../../documents/docx-parts.js';
import { databaseVariants, type TestDatabase } from '../../../test/helpers/databases.js';
import { manualClock, startTestApp, type Session, type TestApp } from '../../../test/helpers/test-app.js';

/**
 * October 2026, read on the 27th (1–10月: 序时 = 10/12 = 83.3 %). Lights are this month's, on
 * 9 ended months (序时 75 %):
 *   A zone  construction, plan 1000万, done 900万  (90 %)            green
 *   B zone  construction, plan 1000万, done 300万  (30 %, 45 behind) red
 *   C town  construction, plan 2000万, done 1000万 (50 %, 25 behind) yellow
 *   D zone  signed, no plan
 * Total 4000万 / 2200万 = 55.0 %, 55.0 − 83.3 = −28.3. Zone 1200 ÷ 2000 = 60 % ranks first, town 50 %.
 * All four were entered this month: 开工 3 and 签约 1 in the month and the year. Target 开工 6 →
 * expected 6 × 10/12 = 5.0, 3 behind. One problem raised this month, open, not overdue.
 */
describe.each(databaseVariants())('bulletins on $name', (variant) => {
  let db: TestDatabase;
  let t: TestApp;
  let pmo: Session;
  let townPmo: Session;
  let townStaff: Session;
  let leader: Session;
  const ids: Record<string, string> = {};
  const clock = manualClock(new Date('2026-10-20T02:00:00Z'));
  const wan = (x: number) => x * 10_000;

  beforeAll(async () => {
    db = await variant.create();
    t = await startTestApp(db, { clock });
    await t.container.services.reportRounds.openScheduled(); // October's round, due the 25th
    clock.set(new Date('2026-10-27T02:00:00Z'));
    const admin = await t.loginAs('system-admin');
    const unit = async (name: string, type: string) => (await t.request(admin, 'POST', '/api/units', { body: { parentId: t.rootUnitId, name, type } })).json<{ id: string }>().id;
    ids.zone = await unit('经济区', 'zone');
    ids.town = await unit('XX镇', 'town');
    pmo = await t.loginAs('coordinator');
    leader = await t.loginAs('leader');
    townPmo = await t.loginAs('coordinator', { unitId: ids.town });
    townStaff = await t.loginAs('unit-staff', { unitId: ids.town });
    const project = async (name: string, unitKey: string, stage: string, fields: Record<string, unknown>) => {
      const res = await t.request(pmo, 'POST', '/api/projects', { body: { name, leadUnitId: ids[unitKey], stage, ...fields } });
      expect(res.statusCode, res.body).toBe(201);
      ids[name] = res.json<{ id: string }>().id;
    };
    const building = (plan: number, done: number) => ({ annualPlanInvestment: wan(plan), ytdInvestment: wan(done), actualStartDate: '2026-02-01', statsEnteredDate: '2026-02-20' });
    await project('A', 'zone', 'construction', building(1000, 900));
    await project('B', 'zone', 'construction', building(1000, 300));
    await project('C', 'town', 'construction', building(2000, 1000));
    await project('D', 'zone', 'signed', {});
    const goal = { signTarget: null, startTarget: 6, completeTarget: null, operateTarget: null, investmentTarget: null, negotiatingPool: null, reservePool: null };
    expect((await t.request(pmo, 'PUT', `/api/goals/${t.rootUnitId}/2026`, { body: goal })).statusCode).toBe(201);
    expect((await t.request(pmo, 'POST', '/api/problems', { body: { projectId: ids.B, category: '土地指标', description: '用地指标缺口', unitId: ids.zone, deadline: '2026-11-30' } })).statusCode).toBe(201);
    await t.container.services.lights.recomputeAll();
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it('drafts the root bulletin once the report round is past due, once, and tells the coordinators', async () => {
    expect(await t.container.services.bulletins.draftScheduled()).toBe('2026-10');
    expect(await t.container.services.bulletins.draftScheduled()).toBeNull();
    const list = (await t.request(pmo, 'GET', '/api/bulletins')).json().items;
    expect(list.map((b: { period: string; status: string; unitName: string }) => [b.period, b.status])).toEqual([['2026-10', 'draft']]);
    ids.b = list[0].id;
    const inbox = (await t.request(pmo, 'GET', '/api/notifications')).json();
    expect(JSON.stringify(inbox)).toContain('调度通报待审核');
  });

  it('freezes the hand-computed figures', async () => {
    const res = await t.request(pmo, 'GET', `/api/bulletins/${ids.b}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"1"');
    const b = res.json();
    expect(b.title).toBe('关于2026年10月份全县重大项目推进情况的通报');
    const f = b.figures;
    expect(f.investment).toEqual({ plan: wan(4000), completed: wan(2200), projects: 4, rate: 55, expected: 83.3, gapPoints: -28.3 });
    expect(f.flows.start).toMatchObject({ month: 3, ytd: 3, progress: { target: 6, expected: 5, status: 'behind' } });
    expect(f.flows.sign).toMatchObject({ month: 1, ytd: 1 });
    expect(f.ranking.map((u: { name: string; rank: number; red: number; yellow: number }) => [u.name, u.rank, u.red, u.yellow])).toEqual([
      ['经济区', 1, 1, 0],
      ['XX镇', 2, 0, 1],
    ]);
    expect(f.lights.counts).toEqual({ red: 1, yellow: 1, green: 2 });
    expect(f.lights.red.map((p: { name: string }) => p.name)).toEqual(['B']);
    expect(f.fast.map((p: { name: string }) => p.name)).toEqual(['A', 'C', 'B']);
    expect(f.problems).toMatchObject({ newThisMonth: 1, closedThisMonth: 0, open: 1, overdue: 0 });
    expect(f.annex.total).toBe(2);
    expect(f.annex.rows.map((p: { name: string; light: string }) => `${p.name} ${p.light}`)).toEqual(['B red', 'C yellow']);
    expect(b.nextSteps.some((s: string) => s.startsWith('加快项目开工'))).toBe(true);
  });

  it('refuses a second bulletin, a bad month and a future one', async () => {
    const dup = await t.request(pmo, 'POST', '/api/bulletins', { body: { period: '2026-10' } });
    expect(dup.statusCode).toBe(409);
    const bad = await t.request(pmo, 'POST', '/api/bulletins', { body: { period: '2026-13' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('月份格式应为 YYYY-MM / the month must be YYYY-MM');
    expect((await t.request(pmo, 'POST', '/api/bulletins', { body: { period: '2026-12' } })).statusCode).toBe(400);
    expect((await t.request(pmo, 'PATCH', `/api/bulletins/${ids.b}`, { body: {} , headers: { 'if-match': '"1"' } })).statusCode).toBe(400);
  });

  it('scopes: a town drafts its own; it cannot see the county draft or draft for another unit', async () => {
    const own = await t.request(townPmo, 'POST', '/api/bulletins', { body: { period: '2026-10' } });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json().title).toBe('关于2026年10月份XX镇重大项目推进情况的通报');
    expect(own.json().figures.investment.plan).toBe(wan(2000));
    expect((await t.request(townPmo, 'POST', '/api/bulletins', { body: { unitId: ids.zone, period: '2026-10' } })).statusCode).toBe(404);
    expect((await t.request(townPmo, 'GET', `/api/bulletins/${ids.b}`)).statusCode).toBe(404);
    expect((await t.request(townStaff, 'GET', '/api/bulletins')).json().items).toEqual([]);
  });

  it('edits the texts with If-Match, sends, notifies the subtree, then locks', async () => {
    const edited = await t.request(pmo, 'PATCH', `/api/bulletins/${ids.b}`, { body: { nextSteps: ['抓紧推进港区项目供地。', '压实责任。'] }, headers: { 'if-match': '"1"' } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().version).toBe(2);
    expect((await t.request(pmo, 'PATCH', `/api/bulletins/${ids.b}`, { body: { opening: '现通报如下。' }, headers: { 'if-match': '"1"' } })).statusCode).toBe(412);
    expect((await t.request(leader, 'POST', `/api/bulletins/${ids.b}/send`, { headers: { 'if-match': '"2"' } })).statusCode).toBe(403);
    const sent = await t.request(pmo, 'POST', `/api/bulletins/${ids.b}/send`, { headers: { 'if-match': '"2"' } });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toMatchObject({ status: 'sent', version: 3 });
    expect((await t.request(pmo, 'PATCH', `/api/bulletins/${ids.b}`, { body: { opening: '现通报如下。' }, headers: { 'if-match': '"3"' } })).statusCode).toBe(409);
    // The town's staff now read the county bulletin (addressed to them) and were told.
    expect((await t.request(townStaff, 'GET', '/api/bulletins')).json().items.map((b: { id: string }) => b.id)).toEqual([ids.b]);
    expect(JSON.stringify((await t.request(townStaff, 'GET', '/api/notifications')).json())).toContain(`/bulletins/${ids.b}`);
  });

  it('downloads the Word file with the edited text', async () => {
    const res = await t.request(townStaff, 'GET', `/api/bulletins/${ids.b}/docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('调度通报-2026年10月-全县.docx'));
    const text = wordText((await readPackageParts(res.rawPayload, ['word/document.xml']))['word/document.xml']!);
    expect(text).toContain('一是抓紧推进港区项目供地。');
    expect(text).toContain('年度投资完成率55.0%，序时进度83.3%，低于序时28.3个百分点');
  });

  it('prints the live bulletin from the command line: luodi report bulletin --month 2026-10 --out FILE --json', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'luodi-bulletin-')), 'bulletin.docx');
    vi.stubEnv('LUODI_DB', db.url);
    let printed = '';
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((printed += String(chunk)), true));
    try {
      await buildCli().parseAsync(['node', 'luodi', 'report', 'bulletin', '--month', '2026-10', '--unit', ids.town!, '--out', out, '--json']);
    } finally {
      stdout.mockRestore();
      vi.unstubAllEnvs();
    }
    expect(JSON.parse(printed)).toMatchObject({ name: '调度通报-2026年10月-XX镇.docx', investment: { plan: wan(2000) }, annexTotal: 1 });
    const text = wordText((await readPackageParts(readFileSync(out), ['word/document.xml']))['word/document.xml']!);
    expect(text).toContain('关于2026年10月份XX镇重大项目推进情况的通报');
  });
});
