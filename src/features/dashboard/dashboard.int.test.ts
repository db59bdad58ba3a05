import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseVariants, type TestDatabase } from '../../../test/helpers/databases.js';
import { manualClock, startTestApp, type Session, type TestApp } from '../../../test/helpers/test-app.js';

/**
 * A hand-computed world on 27 November 2026 (10 months ended: 序时 83.3 %):
 *   A zone  construction, plan 1000万, done 900万  (90 %)  green
 *   B zone  construction, plan 1000万, done 300万  (30 %)  red (53.3 points behind)
 *   C town  construction, plan 2000万, done 1000万 (50 %)  red (33.3 behind)
 *   D zone  signed, no plan                                green
 * Total 4000万 planned, 2200万 done: 55.0 %, 28.3 points behind. Zone 60 % ranks first, town 50 %.
 * One action item owned by the zone is past its deadline.
 * Problems: 土地指标 ×2 (zone; one overdue and escalated to level 1), 资金 ×1 (town), one 已销号 资金.
 * A 现场推进会 at the zone on 3 December visits A and B; a past one does not count.
 */
describe.each(databaseVariants())('cockpit on $name', (variant) => {
  let db: TestDatabase;
  let t: TestApp;
  let pmo: Session;
  let townPmo: Session;
  const ids: Record<string, string> = {};
  const clock = manualClock(new Date('2026-11-27T02:00:00Z'));
  const wan = (x: number) => x * 10_000;

  beforeAll(async () => {
    db = await variant.create();
    t = await startTestApp(db, { clock });
    const admin = await t.loginAs('system-admin');
    const unit = async (name: string, type: string) => (await t.request(admin, 'POST', '/api/units', { body: { parentId: t.rootUnitId, name, type } })).json<{ id: string }>().id;
    ids.zone = await unit('经济区', 'zone');
    ids.town = await unit('XX镇', 'town');
    pmo = await t.loginAs('coordinator');
    townPmo = await t.loginAs('coordinator', { unitId: ids.town });
    const project = async (name: string, unitKey: string, stage: string, fields: Record<string, unknown>) => {
      const res = await t.request(pmo, 'POST', '/api/projects', { body: { name, leadUnitId: ids[unitKey], stage, industry: name === 'C' ? '港口物流' : '新能源', ...fields } });
      expect(res.statusCode, res.body).toBe(201);
      ids[name] = res.json<{ id: string }>().id;
    };
    const building = (plan: number, done: number) => ({ annualPlanInvestment: wan(plan), ytdInvestment: wan(done), actualStartDate: '2026-02-01', statsEnteredDate: '2026-02-20' });
    await project('A', 'zone', 'construction', building(1000, 900));
    await project('B', 'zone', 'construction', building(1000, 300));
    await project('C', 'town', 'construction', building(2000, 1000));
    await project('D', 'zone', 'signed', {});
    const now = clock.now().toISOString();
    await t.container.deps.db
      .insertInto('actionItems')
      .values({ id: 'act-1', sourceKind: 'meeting', sourceId: null, projectId: ids.B!, title: '11月20日前完成电力接入', detail: null, ownerUnitId: ids.zone!, ownerUserId: null, leaderId: null, deadline: '2026-11-20', status: 'open', escalationLevel: 1, feedback: null, feedbackAt: null, closedAt: null, createdBy: null, version: 1, createdAt: now, updatedAt: now })
      .execute();
    const problem = async (category: string, unitKey: string, deadline: string, extra: Record<string, unknown> = {}) =>
      t.container.deps.db
        .insertInto('problems')
        .values({ id: `pb-${category}-${unitKey}-${deadline}`, projectId: ids.B!, scopeUnitId: ids[unitKey]!, category, description: `${category}问题`, raisedBy: null, leaderId: null, unitId: ids[unitKey]!, ownerUserId: null, supportingUnitIds: '[]', deadline, status: 'in_progress', escalationLevel: 0, closeNote: null, closedAt: null, createdBy: null, version: 1, createdAt: now, updatedAt: now, ...extra })
        .execute();
    await problem('土地指标', 'zone', '2026-11-01', { escalationLevel: 1 });
    await problem('土地指标', 'zone', '2026-12-31');
    await problem('资金', 'town', '2026-12-31', { status: 'new' });
    await problem('资金', 'zone', '2026-10-01', { status: 'closed', closedAt: now });
    const meeting = async (title: string, date: string) => (await t.request(pmo, 'POST', '/api/meetings', { body: { kind: 'site', title, date, unitId: ids.zone } })).json<{ id: string }>().id;
    const tour = await meeting('经济区重点项目现场推进会', '2026-12-03');
    for (const p of ['A', 'B']) expect((await t.request(pmo, 'POST', `/api/meetings/${tour}/agenda`, { body: { projectId: ids[p] } })).statusCode).toBe(201);
    await meeting('十月现场推进会', '2026-10-15');
    await t.container.services.lights.recomputeAll();
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it('gathers the whole area’s figures in one request', async () => {
    const res = await t.request(pmo, 'GET', '/api/dashboard');
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.asOf).toBe('2026-11-27');
    expect(d.unit.id).toBe(t.rootUnitId);
    expect(d.period).toEqual({ kind: 'year', from: '2026-01-01', to: '2026-12-31' });
    expect(d.pipeline.stock.construction.count).toBe(3);
    expect(d.pipeline.stock.signed.count).toBe(1);
    expect(d.investment.total).toEqual({ plan: wan(4000), completed: wan(2200), projects: 4, rate: 55, expected: 83.3, gapPoints: -28.3 });
    expect(d.investment.byUnit.map((u: { name: string; rank: number; red: number; progress: { rate: number } }) => [u.name, u.rank, u.progress.rate, u.red])).toEqual([
      ['经济区', 1, 60, 1],
      ['XX镇', 2, 50, 1],
    ]);
    expect(d.investment.byIndustry.map((i: { industry: string; progress: { plan: number } }) => [i.industry, i.progress.plan])).toEqual([
      ['新能源', wan(2000)],
      ['港口物流', wan(2000)],
    ]);
    expect(d.lights.counts).toEqual({ green: 2, yellow: 0, red: 2, none: 0 });
    expect(d.lights.red.map((p: { name: string }) => p.name)).toEqual(['B', 'C']);
    expect(d.fast.map((p: { name: string; rate: number }) => `${p.name} ${p.rate}`)).toEqual(['A 90', 'C 50', 'B 30']);
    expect(d.slow.map((p: { name: string }) => p.name)).toEqual(['B', 'C', 'A']);
    expect(d.overdueActions.count).toBe(1);
    expect(d.overdueActions.items[0]).toMatchObject({ title: '11月20日前完成电力接入', ownerUnitName: '经济区', projectName: 'B', escalationLevel: 1 });
    expect(d.problems).toEqual({
      open: 3,
      overdue: 1,
      byCategory: [
        { category: '土地指标', count: 2 },
        { category: '资金', count: 1 },
      ],
      byLevel: [
        { level: 0, name: null, count: 2 },
        { level: 1, name: '分管领导', count: 1 },
      ],
    });
    expect(d.siteTours).toEqual([{ id: expect.any(String), title: '经济区重点项目现场推进会', date: '2026-12-03', startTime: null, place: null, unitName: '经济区', projects: 2 }]);
  });

  it('counts the five batches in SQL exactly as the pipeline API does from the stage history', async () => {
    const b = (await t.request(pmo, 'POST', `/api/projects/${ids.D}/transitions`, { body: { to: 'construction', date: '2026-11-26' }, headers: { 'if-match': '"1"' } })).statusCode;
    expect(b).toBe(200);
    // A project signed this year and dropped since: in the year's 签约 and 终止 flows, not live.
    const e = await t.request(pmo, 'POST', '/api/projects', { body: { name: 'E', leadUnitId: ids.zone, stage: 'signed', industry: '新能源' } });
    expect(e.statusCode, e.body).toBe(201);
    const drop = await t.request(pmo, 'POST', `/api/projects/${e.json<{ id: string }>().id}/transitions`, { body: { to: 'dropped', date: '2026-11-26', reason: '投资方撤回' }, headers: { 'if-match': '"1"' } });
    expect(drop.statusCode, drop.body).toBe(200);
    for (const period of ['month', 'quarter', 'year']) {
      const d = (await t.request(pmo, 'GET', `/api/dashboard?period=${period}`)).json();
      const p = (await t.request(pmo, 'GET', `/api/pipeline?period=${period}`)).json();
      expect(d.pipeline.flows, period).toEqual(p.flows);
      expect(d.pipeline.stock, period).toEqual(p.stock);
    }
    const year = (await t.request(pmo, 'GET', '/api/dashboard?period=year')).json();
    expect([year.pipeline.flows.signed, year.pipeline.flows.dropped]).toEqual([2, 1]); // D and E signed, E dropped
    const zone = (await t.request(pmo, 'GET', `/api/dashboard?unit=${ids.zone}&period=month`)).json();
    expect(zone.pipeline.flows.construction).toBe(3); // A and B entered at 开工 when filed this month, D moved today
  });

  it('gives each unit’s goal progress exactly as 目标任务 does', async () => {
    for (const unitId of [t.rootUnitId, ids.town!]) {
      const put = await t.request(pmo, 'PUT', `/api/goals/${unitId}/2026`, { body: { signTarget: 3, startTarget: 4, completeTarget: 2, operateTarget: 1, investmentTarget: wan(5000), negotiatingPool: 2, reservePool: 3 } });
      expect(put.statusCode, put.body).toBeLessThan(300);
    }
    const goals = (await t.request(pmo, 'GET', '/api/goals?year=2026')).json();
    const root = (await t.request(pmo, 'GET', '/api/dashboard')).json().goal;
    expect(root.metrics.start.actual).toBe(4);
    expect(root).toEqual(goals.items.find((g: { unitId: string }) => g.unitId === t.rootUnitId));
    const town = (await t.request(townPmo, 'GET', '/api/dashboard')).json().goal;
    expect(town).toEqual(goals.items.find((g: { unitId: string }) => g.unitId === ids.town));
  });

  it('narrows to a unit subtree', async () => {
    const d = (await t.request(pmo, 'GET', `/api/dashboard?unit=${ids.zone}&period=month`)).json();
    expect(d.unit.name).toBe('经济区');
    expect(d.period).toEqual({ kind: 'month', from: '2026-11-01', to: '2026-11-30' });
    expect(d.investment.total.rate).toBe(60);
    expect(d.lights.red.map((p: { name: string }) => p.name)).toEqual(['B']);
    expect(d.overdueActions.count).toBe(1);
  });

  it('shows a town only its own, and refuses another unit and a bad period', async () => {
    const d = (await t.request(townPmo, 'GET', '/api/dashboard')).json();
    expect(d.unit.name).toBe('XX镇');
    expect(d.investment.total.plan).toBe(wan(2000));
    expect(d.investment.byUnit.map((u: { name: string; rank: number }) => [u.name, u.rank])).toEqual([['XX镇', 1]]); // no sub-units: ranked by lead units
    expect(d.overdueActions.count).toBe(0);
    expect(d.problems.byCategory).toEqual([{ category: '资金', count: 1 }]);
    expect(d.siteTours).toEqual([]);
    expect((await t.request(townPmo, 'GET', `/api/dashboard?unit=${ids.zone}`)).statusCode).toBe(404);
    const bad = await t.request(pmo, 'GET', '/api/dashboard?period=week');
    expect(bad.statusCode).toBe(400);
  });
});
