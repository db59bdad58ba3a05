import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseVariants, type TestDatabase } from '../../../test/helpers/databases.js';
import { manualClock, startTestApp, type Session, type TestApp } from '../../../test/helpers/test-app.js';

/**
 * A small world on 15 June 2026 (5 months ended: 序时 = 41.7 %):
 *   A zone  construction, plan 1000万, 100万 done (10 %: 31.7 points behind)   → red   (INV-R)
 *   B zone  signed, planned start 2026-03, not started                         → yellow (START-Y)
 *   C zone  construction since 05-20, plan 1000万, 400万 done, not 入库          → green, yellow from 06-20 (STAT-Y)
 *   D town  construction, on pace, 入库                                        → green
 *   E zone  dropped                                                             → no light
 */
describe.each(databaseVariants())('lights on $name', (variant) => {
  let db: TestDatabase;
  let t: TestApp;
  let pmo: Session;
  let townPmo: Session;
  let viewer: Session;
  const ids: Record<string, string> = {};
  const versions: Record<string, number> = {};
  const clock = manualClock(new Date('2026-06-15T02:00:00Z'));
  const wan = (n: number) => n * 10_000;

  beforeAll(async () => {
    db = await variant.create();
    t = await startTestApp(db, { clock });
    const admin = await t.loginAs('system-admin');
    const unit = async (name: string, type: string) => (await t.request(admin, 'POST', '/api/units', { body: { parentId: t.rootUnitId, name, type } })).json<{ id: string }>().id;
    ids.zone = await unit('经济区', 'zone');
    ids.town = await unit('XX镇', 'town');
    pmo = await t.loginAs('coordinator');
    townPmo = await t.loginAs('coordinator', { unitId: ids.town });
    viewer = await t.loginAs('viewer', { unitId: ids.zone });
    const project = async (name: string, unitKey: string, stage: string, fields: Record<string, unknown>) => {
      const res = await t.request(pmo, 'POST', '/api/projects', { body: { name, leadUnitId: ids[unitKey], stage, ...fields } });
      expect(res.statusCode, res.body).toBe(201);
      ids[name] = res.json<{ id: string }>().id;
      versions[name] = res.json<{ version: number }>().version;
    };
    await project('A', 'zone', 'construction', { annualPlanInvestment: wan(1000), ytdInvestment: wan(100), actualStartDate: '2026-02-01', statsEnteredDate: '2026-02-20' });
    await project('B', 'zone', 'signed', { plannedStartDate: '2026-03' });
    await project('C', 'zone', 'construction', { annualPlanInvestment: wan(1000), ytdInvestment: wan(400), actualStartDate: '2026-05-20' });
    await project('D', 'town', 'construction', { annualPlanInvestment: wan(1000), ytdInvestment: wan(500), actualStartDate: '2026-01-10', statsEnteredDate: '2026-01-30' });
    await project('E', 'zone', 'negotiating', { plannedStartDate: '2026-01' });
    const dropped = await t.request(pmo, 'POST', `/api/projects/${ids.E}/transitions`, { body: { to: 'dropped', date: '2026-04-01', reason: '投资方撤资' }, headers: { 'if-match': `"${versions.E}"` } });
    expect(dropped.statusCode, dropped.body).toBe(200);
  });
  /** Moving the clock by days ends idle sessions: sign in again. */
  const relogin = async () => {
    pmo = await t.loginAs('coordinator');
    townPmo = await t.loginAs('coordinator', { unitId: ids.town });
  };
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it('computes every live project and lists them by colour with the reasons worded', async () => {
    const r = await t.container.services.lights.recomputeAll();
    expect(r).toMatchObject({ projects: 5, colors: { red: 1, yellow: 1, green: 2 } });
    const res = await t.request(pmo, 'GET', '/api/lights?color=red');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.month).toBe('2026-06');
    expect(body.counts).toEqual({ green: 2, yellow: 1, red: 1 });
    expect(body.items.map((i: { name: string }) => i.name)).toEqual(['A']);
    expect(body.items[0].reasons[0]).toMatchObject({ code: 'INV-R', figures: { rate: 10, expected: 41.7, behind: 31.7 } });
    expect(body.items[0].reasons[0].text.zh).toBe('年度投资完成率10%，序时进度41.7%，落后31.7个百分点');
    const all = (await t.request(pmo, 'GET', '/api/lights')).json();
    expect(all.items.map((i: { name: string; color: string }) => `${i.name}:${i.color}`)).toEqual(['A:red', 'B:yellow', 'C:green', 'D:green']);
  });

  it('mirrors the colour onto the project, so the ledger filters by it', async () => {
    const red = (await t.request(pmo, 'GET', '/api/projects?light=red')).json();
    expect(red.items.map((p: { name: string }) => p.name)).toEqual(['A']);
    expect((await t.request(pmo, 'GET', `/api/projects/${ids.E}`)).json().light).toBeNull();
  });

  it('limits lists to the caller’s scope, and refuses bad filters in both languages', async () => {
    const town = (await t.request(townPmo, 'GET', '/api/lights')).json();
    expect(town.items.map((i: { name: string }) => i.name)).toEqual(['D']);
    expect(town.counts).toEqual({ green: 1, yellow: 0, red: 0 });
    expect((await t.request(viewer, 'GET', '/api/lights')).json().total).toBe(3);
    const bad = await t.request(pmo, 'GET', '/api/lights?month=2026-13');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('月份格式应为 YYYY-MM');
    expect((await t.request(townPmo, 'GET', `/api/projects/${ids.A}/lights`)).statusCode).toBe(404);
  });

  it('turns a red light into one 督办 item, defaults from the light, and refuses a second or a non-red one', async () => {
    const leader = await t.loginAs('leader');
    const bad = await t.request(leader, 'POST', `/api/projects/${ids.A}/lights/supervise`, { body: { deadline: '2026-06-31' } });
    expect(bad.statusCode).toBe(400);
    expect((await t.request(leader, 'POST', `/api/projects/${ids.B}/lights/supervise`, { body: { deadline: '2026-06-30' } })).json().error.details.reason).toContain('不是红灯');
    const res = await t.request(leader, 'POST', `/api/projects/${ids.A}/lights/supervise`, { body: { deadline: '2026-06-30' } });
    expect(res.statusCode, res.body).toBe(201);
    const item = res.json();
    expect(item).toMatchObject({ sourceKind: 'light', title: '红灯督办：A（6月）', ownerUnitId: ids.zone, deadline: '2026-06-30', status: 'open', detail: '年度投资完成率10%，序时进度41.7%，落后31.7个百分点' });
    const source = await t.container.deps.db.selectFrom('projectLights').select('id').where('projectId', '=', ids.A!).where('month', '=', '2026-06').executeTakeFirstOrThrow();
    expect(item.sourceId).toBe(source.id);
    const again = await t.request(pmo, 'POST', `/api/projects/${ids.A}/lights/supervise`, { body: { deadline: '2026-07-10' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details.actionItemId).toBe(item.id);
    // The light list and the project's history say it is under supervision; 督办事项 lists it by source.
    expect((await t.request(pmo, 'GET', '/api/lights?color=red')).json().items[0].supervision).toMatchObject({ id: item.id, status: 'open', deadline: '2026-06-30' });
    expect((await t.request(pmo, 'GET', `/api/projects/${ids.A}/lights`)).json().supervision.id).toBe(item.id);
    expect((await t.request(pmo, 'GET', '/api/actions?source=light')).json().items.map((a: { id: string }) => a.id)).toEqual([item.id]);
    // Outside the caller's units the project does not exist; a viewer may not raise one at all.
    expect((await t.request(townPmo, 'POST', `/api/projects/${ids.A}/lights/supervise`, { body: { deadline: '2026-06-30' } })).statusCode).toBe(404);
    expect((await t.request(viewer, 'POST', `/api/projects/${ids.A}/lights/supervise`, { body: { deadline: '2026-06-30' } })).statusCode).toBe(403);
    // Once verified closed, a still-red project may be supervised again.
    await t.request(pmo, 'POST', `/api/actions/${item.id}/cancel`, { body: { reason: '并入调度会督办' }, headers: { 'if-match': '"1"' } });
    const third = await t.request(pmo, 'POST', `/api/projects/${ids.A}/lights/supervise`, { body: { deadline: '2026-07-10', title: '6月底前投资完成率赶上序时' } });
    expect(third.statusCode, third.body).toBe(201);
    await t.request(pmo, 'POST', `/api/actions/${third.json().id}/cancel`, { body: { reason: '测试' }, headers: { 'if-match': '"1"' } });
  });

  it('follows data changes through the change scan, and time through the full pass', async () => {
    const lights = t.container.services.lights;
    clock.advance(10 * 60_000); // past the scan's look-back overlap, so set-up writes are old news
    await lights.refreshChanged(); // the first scan sets the watermark
    clock.advance(60_000);
    const patched = await t.request(pmo, 'PATCH', `/api/projects/${ids.A}`, { body: { ytdInvestment: wan(300) }, headers: { 'if-match': `"${versions.A}"` } });
    expect(patched.statusCode, patched.body).toBe(200);
    clock.advance(60_000);
    const r = await lights.refreshChanged();
    expect(r.projects).toBe(1);
    const a = (await t.request(pmo, 'GET', `/api/projects/${ids.A}/lights`)).json();
    expect(a.months[0]).toMatchObject({ month: '2026-06', color: 'yellow' }); // 30 %: 11.7 behind
    clock.advance(10 * 60_000);
    await lights.refreshChanged(); // the overlap looks back once more …
    clock.advance(10 * 60_000);
    expect((await lights.refreshChanged()).projects).toBe(0); // … and then the change is old news

    clock.set(new Date('2026-06-20T02:00:00Z'));
    await lights.recomputeAll();
    await relogin();
    const c = (await t.request(pmo, 'GET', `/api/projects/${ids.C}/lights`)).json();
    expect(c.months[0].color).toBe('yellow');
    expect(c.months[0].reasons[0].text.zh).toBe('2026-05-20开工，31天仍未统计入库');
  });

  it('keeps one light per month as history, and turns a second yellow month red', async () => {
    clock.set(new Date('2026-07-02T02:00:00Z'));
    await t.container.services.lights.recomputeAll();
    await relogin();
    const res = await t.request(pmo, 'GET', `/api/projects/${ids.C}/lights`);
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json();
    expect(c.months.map((m: { month: string; color: string }) => `${m.month}:${m.color}`)).toEqual(['2026-07:red', '2026-06:yellow']);
    expect(c.months[0].reasons.map((r: { code: string }) => r.code)).toEqual(['TREND-R', 'INV-Y', 'STAT-Y']); // July: 序时 50 %, C at 40 %
    const b = (await t.request(pmo, 'GET', `/api/projects/${ids.B}/lights`)).json();
    expect(b.months[0].color).toBe('red'); // START-R from 07-01, three months after March
  });

  it('lets the root coordinator edit the rules with a version, queues a full recompute, and audits it', async () => {
    const got = await t.request(pmo, 'GET', '/api/light-rules');
    expect(got.statusCode, got.body).toBe(200);
    expect(got.json().version).toBe(0);
    const rules = got.json().rules.map((r: { code: string; enabled: boolean }) => (r.code === 'TREND-R' ? { ...r, enabled: false } : r));
    expect((await t.request(pmo, 'PUT', '/api/light-rules', { body: { rules } })).statusCode).toBe(428);
    expect((await t.request(townPmo, 'PUT', '/api/light-rules', { body: { rules }, headers: { 'if-match': '"0"' } })).statusCode).toBe(403);
    const bad = await t.request(pmo, 'PUT', '/api/light-rules', { body: { rules: [...rules, rules[0]] }, headers: { 'if-match': '"0"' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('规则编码重复');
    const ok = await t.request(pmo, 'PUT', '/api/light-rules', { body: { rules }, headers: { 'if-match': '"0"' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().version).toBe(1);
    expect((await t.request(pmo, 'PUT', '/api/light-rules', { body: { rules }, headers: { 'if-match': '"0"' } })).statusCode).toBe(412);
    const r = await t.container.services.lights.refreshChanged();
    expect(r.projects).toBe(5); // every live project, the dropped one included (it gets no light)
    const c = (await t.request(pmo, 'GET', `/api/projects/${ids.C}/lights`)).json();
    expect(c.months[0].color).toBe('yellow');
  });

  it('reads facts other features own: an open problem past its deadline lights the project', async () => {
    const raised = await t.request(pmo, 'POST', '/api/problems', { body: { projectId: ids.D, category: '水电气配套', description: '110千伏变电站接入未批复', unitId: ids.town, deadline: '2026-06-01' } });
    expect(raised.statusCode, raised.body).toBe(201);
    await t.container.services.lights.recompute([ids.D!]);
    const d = (await t.request(pmo, 'GET', `/api/projects/${ids.D}/lights`)).json();
    expect(d.months[0]).toMatchObject({ month: '2026-07', color: 'red' });
    expect(d.months[0].reasons[0].text.zh).toBe('问题“110千伏变电站接入未批复”办结时限2026-06-01，已超期31天（共1个超期问题）');
  });

  it('recomputes on demand within the caller’s scope', async () => {
    const res = await t.request(townPmo, 'POST', '/api/lights/recompute', { body: {} });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().projects).toBe(1);
  });
});
