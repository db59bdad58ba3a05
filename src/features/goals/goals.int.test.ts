import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GoalMetric } from '../../core/schemas/goals.schema.js';
import { databaseVariants, type TestDatabase } from '../../../test/helpers/databases.js';
import { manualClock, startTestApp, type Session, type TestApp } from '../../../test/helpers/test-app.js';

/**
 * A small hand-computed world on 27 November 2026 (10 months ended: 序时 = 83.3 %):
 *
 *   root ─ zone ─ zb        town
 *
 *   A zone  signed 03-10, started 05-20                  ytd 3000万 of plan 4000万
 *   B zone  signed 06-01, plans to start 2026-06 (late)
 *   C zone  signed 2025-12-20, started 02-01, back to signed 04-01, started again 04-15;  plan 2000万, nothing done
 *   D zb    signed 08-08, started 09-09, completed 10-10  ytd 1000万 of plan 1000万
 *   E zone  negotiating, plans to sign 2026-12 and start 2026-12
 *   F zone  reserve
 *   G zone  signed 02-02, then dropped (counts for nothing)
 *   H town  signed 07-07                                  ytd 500万
 *   I zone  signed 03-03, then archived (counts for nothing)
 *
 * zone subtree: sign 3 (A B D), start 3 (A C D), complete 1 (D), 在谈 1 (E), 储备 1 (F), 4000万;
 * root adds H: sign 4, 4500万.
 */
describe.each(databaseVariants())('goals on $name', (variant) => {
  let db: TestDatabase;
  let t: TestApp;
  let pmo: Session;
  let townPmo: Session;
  let zoneStaff: Session;
  let viewer: Session;
  const ids: Record<string, string> = {};
  const clock = manualClock(new Date('2026-11-27T02:00:00Z'));
  const wan = (n: number) => n * 10_000;

  beforeAll(async () => {
    db = await variant.create();
    t = await startTestApp(db, { clock });
    const admin = await t.loginAs('system-admin');
    const unit = async (name: string, parentId: string, type: string) => (await t.request(admin, 'POST', '/api/units', { body: { parentId, name, type } })).json<{ id: string }>().id;
    ids.root = t.rootUnitId;
    ids.zone = await unit('XX港经济区管委会', ids.root, 'zone');
    ids.zb = await unit('经济区规划建设局', ids.zone, 'department');
    ids.town = await unit('XX港镇', ids.root, 'town');
    pmo = await t.loginAs('coordinator');
    townPmo = await t.loginAs('coordinator', { unitId: ids.town });
    zoneStaff = await t.loginAs('unit-staff', { unitId: ids.zone });
    viewer = await t.loginAs('viewer');

    const project = async (name: string, unitKey: string, first: string, steps: [string, string, string?][], fields: Record<string, unknown> = {}) => {
      const created = await t.request(pmo, 'POST', '/api/projects', { body: { name, leadUnitId: ids[unitKey], stage: first, ...fields } });
      expect(created.statusCode, created.body).toBe(201);
      let p = created.json<{ id: string; version: number }>();
      for (const [to, date, reason] of steps) {
        const res = await t.request(pmo, 'POST', `/api/projects/${p.id}/transitions`, { body: { to, date, ...(reason ? { reason } : {}) }, headers: { 'if-match': `"${p.version}"` } });
        expect(res.statusCode, res.body).toBe(200);
        p = res.json();
      }
      ids[name] = p.id;
      return p;
    };
    await project('A', 'zone', 'negotiating', [['signed', '2026-03-10'], ['construction', '2026-05-20']], { ytdInvestment: wan(3000), annualPlanInvestment: wan(4000) });
    await project('B', 'zone', 'negotiating', [['signed', '2026-06-01']], { plannedStartDate: '2026-06' });
    await project('C', 'zone', 'negotiating', [['signed', '2025-12-20'], ['construction', '2026-02-01'], ['signed', '2026-04-01', '施工许可证未办结'], ['construction', '2026-04-15']], { annualPlanInvestment: wan(2000) });
    await project('D', 'zb', 'negotiating', [['signed', '2026-08-08'], ['construction', '2026-09-09'], ['completed', '2026-10-10']], { ytdInvestment: wan(1000), annualPlanInvestment: wan(1000) });
    await project('E', 'zone', 'negotiating', [], { plannedSignDate: '2026-12', plannedStartDate: '2026-12' });
    await project('F', 'zone', 'reserve', []);
    await project('G', 'zone', 'negotiating', [['signed', '2026-02-02'], ['dropped', '2026-09-01', '投资方撤资']]);
    await project('H', 'town', 'negotiating', [['signed', '2026-07-07']], { ytdInvestment: wan(500) });
    const archived = await project('I', 'zone', 'negotiating', [['signed', '2026-03-03']]);
    expect((await t.request(pmo, 'POST', `/api/projects/${archived.id}/archive`, { body: { reason: '重复录入' }, headers: { 'if-match': `"${archived.version}"` } })).statusCode).toBe(200);
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  const put = (as: Session, unitKey: string, year: number, body: Record<string, unknown>, version?: number) =>
    t.request(as, 'PUT', `/api/goals/${ids[unitKey]}/${year}`, { body, headers: version === undefined ? {} : { 'if-match': `"${version}"` } });
  type Metric = { target: number | null; actual: number | null; expected: number | null; gapPoints: number | null; status: string };
  type Item = { unitId: string; unitName: string; depth: number; goal: { version: number }; metrics: Record<GoalMetric, Metric> };
  const list = async (as: Session, qs = 'year=2026') => {
    const res = await t.request(as, 'GET', `/api/goals?${qs}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ asOf: string; elapsedMonths: number; timeProgress: number; items: Item[] }>();
  };

  it('creates goals without If-Match and answers 201 with an ETag', async () => {
    const res = await put(pmo, 'root', 2026, { signTarget: 6, startTarget: 6, completeTarget: 2, operateTarget: 1, investmentTarget: wan(6000), negotiatingPool: 3, reservePool: 2, note: '全县年度目标' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    expect(res.json()).toMatchObject({ unitId: ids.root, year: 2026, signTarget: 6, investmentTarget: 60_000_000, quarters: null, planCurve: null, version: 1, updatedBy: pmo.userId });
    const slowStart = [0, 0, 500, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8500, 10_000];
    expect((await put(pmo, 'zone', 2026, { signTarget: 3, startTarget: 4, investmentTarget: wan(4000), quarters: { start: [1, 1, 1, 1] }, planCurve: slowStart })).statusCode).toBe(201);
    expect((await put(pmo, 'zb', 2026, { completeTarget: 1 })).statusCode).toBe(201);
    expect((await put(townPmo, 'town', 2026, { signTarget: 2 })).statusCode).toBe(201);
    expect((await put(pmo, 'root', 2025, { signTarget: 5 })).statusCode).toBe(201);
  });

  it('computes actual, 序时 expected and gap per metric from the stage history, stock and investment', async () => {
    const body = await list(viewer);
    expect(body).toMatchObject({ asOf: '2026-11-27', elapsedMonths: 10 });
    expect(body.timeProgress).toBeCloseTo(10 / 12);
    // The whole county first, then the zone ahead of other units at its level.
    expect(body.items[0]!.unitId).toBe(ids.root);
    expect(body.items.slice(1).map((i) => i.unitName)).toEqual(['XX港经济区管委会', 'XX港镇', '经济区规划建设局']);
    expect(body.items.map((i) => i.depth)).toEqual([0, 1, 1, 2]);
    const [root, zone, town, zb] = body.items as [Item, Item, Item, Item];
    expect(root.metrics).toEqual({
      sign: { target: 6, actual: 4, expected: 5, gapPoints: -16.7, status: 'behind' },
      start: { target: 6, actual: 3, expected: 5, gapPoints: -33.3, status: 'behind' },
      complete: { target: 2, actual: 1, expected: 1.7, gapPoints: -33.3, status: 'behind' },
      operate: { target: 1, actual: 0, expected: 0.8, gapPoints: -83.3, status: 'behind' },
      investment: { target: 60_000_000, actual: 45_000_000, expected: 50_000_000, gapPoints: -8.3, status: 'behind' },
      negotiatingPool: { target: 3, actual: 1, expected: 3, gapPoints: -66.7, status: 'behind' },
      reservePool: { target: 2, actual: 1, expected: 2, gapPoints: -50, status: 'behind' },
    });
    expect(zone.metrics.sign).toEqual({ target: 3, actual: 3, expected: 2.5, gapPoints: 16.7, status: 'ahead' });
    // Quarterly split 1/1/1/1: three quarters in full and a third of Q4 = 3.3; 3 of 4 is 75 %.
    expect(zone.metrics.start).toEqual({ target: 4, actual: 3, expected: 3.3, gapPoints: -8.3, status: 'behind' });
    // Plan curve: 70 % due by the end of October; 4000万 of 4000万 done.
    expect(zone.metrics.investment).toEqual({ target: 40_000_000, actual: 40_000_000, expected: 28_000_000, gapPoints: 30, status: 'ahead' });
    expect(zone.metrics.complete).toEqual({ target: null, actual: 1, expected: null, gapPoints: null, status: 'none' });
    expect(zb.metrics.complete).toEqual({ target: 1, actual: 1, expected: 0.8, gapPoints: 16.7, status: 'ahead' });
    expect(town.metrics.sign).toEqual({ target: 2, actual: 1, expected: 1.7, gapPoints: -33.3, status: 'behind' });
  });

  it('has no investment figure for another year', async () => {
    const past = await list(viewer, 'year=2025');
    expect(past.items).toHaveLength(1);
    expect(past.elapsedMonths).toBe(12);
    // C signed on 2025-12-20.
    expect(past.items[0]!.metrics.sign).toEqual({ target: 5, actual: 1, expected: 5, gapPoints: -80, status: 'behind' });
    expect(past.items[0]!.metrics.investment.actual).toBeNull();
  });

  it('answers in a constant number of statements however many units have goals', async () => {
    const count = async () => {
      const before = t.container.handle.stats.queries;
      await list(viewer);
      return t.container.handle.stats.queries - before;
    };
    const first = await count();
    const admin = await t.loginAs('system-admin');
    for (let i = 0; i < 5; i++) {
      const u = (await t.request(admin, 'POST', '/api/units', { body: { parentId: ids.zone, name: `科室${i}`, type: 'department' } })).json<{ id: string }>().id;
      expect((await t.request(pmo, 'PUT', `/api/goals/${u}/2026`, { body: { signTarget: 1 } })).statusCode).toBe(201);
    }
    expect((await list(viewer)).items).toHaveLength(9);
    expect(await count()).toBe(first);
  });

  it('limits readers to their unit subtree and writers to theirs', async () => {
    const zoneView = await list(zoneStaff);
    expect(zoneView.items.map((i) => i.unitName).slice(0, 2)).toEqual(['XX港经济区管委会', '经济区规划建设局']);
    expect(zoneView.items.some((i) => i.unitName === 'XX港镇' || i.depth === 0)).toBe(false);
    expect((await t.request(zoneStaff, 'GET', `/api/goals?year=2026&unitId=${ids.town}`)).statusCode).toBe(404);
    expect((await t.request(zoneStaff, 'GET', `/api/goals/${ids.root}/2026`)).statusCode).toBe(404);
    const filtered = await list(viewer, `year=2026&unitId=${ids.zb}`);
    expect(filtered.items.map((i) => i.unitName)).toEqual(['经济区规划建设局']);

    const outside = await put(townPmo, 'zone', 2027, { signTarget: 1 });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error.details.reason).toMatch(/只能为本单位及下级单位设定目标/);
    expect((await put(zoneStaff, 'zone', 2027, { signTarget: 1 })).statusCode).toBe(403);
    expect((await t.request(null, 'GET', '/api/goals?year=2026')).statusCode).toBe(401);
  });

  it('needs If-Match to change a goal, refuses a stale one with the current record, and audits before/after', async () => {
    const read = await t.request(pmo, 'GET', `/api/goals/${ids.zb}/2026`);
    expect(read.headers.etag).toBe('"1"');
    expect((await put(pmo, 'zb', 2026, { completeTarget: 2 })).statusCode).toBe(428);
    const ok = await put(pmo, 'zb', 2026, { completeTarget: 2, operateTarget: 1 }, 1);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ completeTarget: 2, operateTarget: 1, version: 2 });
    const stale = await put(pmo, 'zb', 2026, { completeTarget: 3 }, 1);
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.details.current).toMatchObject({ completeTarget: 2, version: 2 });
    expect((await put(pmo, 'zb', 2031, { completeTarget: 3 }, 1)).statusCode).toBe(412);

    const rows = await t.container.deps.db.selectFrom('auditLog').selectAll().where('objectType', '=', 'goal').where('objectId', '=', ok.json().id).orderBy('at').execute();
    expect(rows.map((r) => r.action)).toEqual(['goal.create', 'goal.update']);
    expect(JSON.parse(rows[1]!.before!)).toMatchObject({ completeTarget: 1, operateTarget: null, version: 1 });
    expect(JSON.parse(rows[1]!.after!)).toMatchObject({ completeTarget: 2, operateTarget: 1, version: 2 });
    expect(rows[1]).toMatchObject({ userId: pmo.userId, unitId: ids.zb, result: 'ok' });
  });

  it('refuses bad input field by field, in Chinese and English', async () => {
    const res = await put(pmo, 'zb', 2028, { startTarget: 10, quarters: { start: [1, 2, 3, 3] }, signTarget: -1, colour: 'red' });
    expect(res.statusCode).toBe(400);
    const issues = res.json().error.details.issues as { path: (string | number)[]; message: string }[];
    expect(issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['signTarget']));
    expect(issues.some((i) => /colour/.test(i.message))).toBe(true);
    const split = await put(pmo, 'zb', 2028, { startTarget: 10, quarters: { start: [1, 2, 3, 3] } });
    expect(split.json().error.details.issues).toEqual([
      { path: ['quarters', 'start'], message: '四个季度之和（9）应等于全年目标（10） / the quarters add up to 9, not the annual target 10', messageEn: expect.any(String) },
    ]);
    expect((await put(pmo, 'zb', 2028, { investmentTarget: 100, planCurve: [1, 2, 3] })).statusCode).toBe(400);
    expect((await t.request(pmo, 'PUT', `/api/goals/${ids.zb}/1999`, { body: {} })).statusCode).toBe(400);
    expect((await t.request(pmo, 'PUT', '/api/goals/nope/2026', { body: {} })).statusCode).toBe(404);
    expect((await t.request(pmo, 'GET', '/api/goals?year=abc')).statusCode).toBe(400);
    expect((await t.request(pmo, 'GET', `/api/goals/${ids.zone}/2026/projects?metric=bogus`)).statusCode).toBe(400);
  });

  type Listed = { name: string; date?: string | null; risk?: string; reasonCode?: string; reason?: string; ytdInvestment?: number | null };
  const projects = async (unitKey: string, metric: string, as = pmo) => {
    const res = await t.request(as, 'GET', `/api/goals/${ids[unitKey]}/2026/projects?metric=${metric}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ counting: Listed[]; candidates: Listed[] }>();
  };

  it('lists the projects that count and the ones at risk', async () => {
    const start = await projects('root', 'start');
    expect(start.counting.map((p) => [p.name, p.date])).toEqual([
      ['C', '2026-02-01'],
      ['A', '2026-05-20'],
      ['D', '2026-09-09'],
    ]);
    expect(start.candidates.map((p) => [p.name, p.risk, p.reasonCode])).toEqual([
      ['B', 'high', 'overdue'],
      ['E', 'high', 'due-not-ready'],
    ]);
    expect(start.candidates[1]!.reason).toBe('计划 2026-12 开工，但尚未签约 / due to start 2026-12 but not signed yet');

    const sign = await projects('zone', 'sign');
    expect(sign.counting.map((p) => p.name)).toEqual(['A', 'B', 'D']);
    expect(sign.candidates.map((p) => [p.name, p.risk, p.reasonCode])).toEqual([['E', 'medium', 'due-soon']]);

    const money = await projects('root', 'investment');
    expect(money.counting.map((p) => [p.name, p.ytdInvestment])).toEqual([
      ['A', wan(3000)],
      ['D', wan(1000)],
      ['H', wan(500)],
    ]);
    // Each project is paced by the nearest curve up its lead unit's path (src/core/schedule/pace.ts):
    // A belongs to the zone, whose slow-start curve it keeps up with, though it trails the root's even pace.
    expect(money.candidates.map((p) => [p.name, p.risk, p.reasonCode])).toEqual([['C', 'high', 'no-investment']]);

    expect((await projects('zone', 'negotiatingPool')).counting.map((p) => p.name)).toEqual(['E']);
    expect((await projects('zone', 'reservePool', zoneStaff)).counting.map((p) => p.name)).toEqual(['F']);
    expect((await t.request(zoneStaff, 'GET', `/api/goals/${ids.town}/2026/projects?metric=sign`)).statusCode).toBe(404);
  });

  it('paces a goal\'s projects by curves at or below the goal unit only, as its own row is paced', async () => {
    // J (经济区规划建设局, under the zone's slow-start curve: 70 % due by October) has done 75 %.
    const created = await t.request(pmo, 'POST', '/api/projects', { body: { name: 'J', leadUnitId: ids.zb, stage: 'negotiating', annualPlanInvestment: wan(1000), ytdInvestment: wan(750) } });
    expect(created.statusCode, created.body).toBe(201);
    const zbRow = async () => (await t.request(pmo, 'GET', '/api/goals?year=2026')).json<{ items: Item[] }>().items.find((i) => i.unitId === ids.zb)!;
    const saved = await put(pmo, 'zb', 2026, { investmentTarget: wan(1000) }, (await zbRow()).goal.version);
    expect(saved.statusCode, saved.body).toBe(200);
    const investment = (await zbRow()).metrics.investment;
    expect(investment.expected! / investment.target!).toBeCloseTo(10 / 12, 3); // no curve of its own: months ÷ 12
    // The department's own goal: the zone's curve is above it, so J is behind the even 83.3 %.
    const own = await projects('zb', 'investment');
    expect(own.candidates.find((p) => p.name === 'J')?.reason).toMatch(/^完成年度计划的 75.0%，低于序时 83.3%/);
    // The county's goal: the zone's curve is below it and paces J, which keeps up with it.
    expect((await projects('root', 'investment')).candidates.map((p) => p.name)).not.toContain('J');
  });
});
