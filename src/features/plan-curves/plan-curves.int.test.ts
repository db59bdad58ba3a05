import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseVariants, type TestDatabase } from '../../../test/helpers/databases.js';
import { manualClock, startTestApp, type Session, type TestApp } from '../../../test/helpers/test-app.js';
import type { ProjectPlanCurve } from '../../core/schemas/plan-curves.schema.js';

/** 30 June 2026: six months ended, so the even 序时 is 50 %. */
const clock = manualClock(new Date('2026-06-30T04:00:00Z'));
const zoneCurve = [300, 600, 1500, 2400, 3300, 4200, 5100, 6000, 7000, 8000, 9000, 10_000]; // 42 % by June
const projectCurve = [0, 0, 500, 1000, 1500, 2500, 4000, 5500, 7000, 8500, 9500, 10_000]; // 25 % by June

describe.each(databaseVariants())('project plan curves (序时 override) on $name', (variant) => {
  let db: TestDatabase;
  let t: TestApp;
  let pmo: Session;
  let viewer: Session;
  let zoneId = '';
  let projectId = '';

  beforeAll(async () => {
    db = await variant.create();
    t = await startTestApp(db, { clock });
    const admin = await t.loginAs('system-admin');
    const unit = async (parentId: string, name: string, type: string) => (await t.request(admin, 'POST', '/api/units', { body: { parentId, name, type } })).json<{ id: string }>().id;
    zoneId = await unit(t.rootUnitId, 'XX港经济区管委会', 'zone');
    const parkId = await unit(zoneId, '新材料产业园', 'zone');
    pmo = await t.loginAs('coordinator');
    viewer = await t.loginAs('viewer');
    const res = await t.request(pmo, 'POST', '/api/projects', { body: { leadUnitId: parkId, name: '高性能纤维项目', projectType: 'industrial', industry: '新材料', stage: 'construction', annualPlanInvestment: 10_000_000, ytdInvestment: 3_000_000 } });
    expect(res.statusCode, res.body).toBe(201);
    projectId = res.json<{ id: string }>().id;
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  const curve = async (as = pmo) => (await t.request(as, 'GET', `/api/projects/${projectId}/plan-curve?year=2026`)).json<ProjectPlanCurve>();
  const put = (body: unknown, version?: number) => t.request(pmo, 'PUT', `/api/projects/${projectId}/plan-curve`, { body, headers: version === undefined ? {} : { 'if-match': `"${version}"` } });
  const investmentRisk = async () => {
    const r = (await t.request(pmo, 'GET', `/api/goals/${zoneId}/2026/projects?metric=investment`)).json<{ candidates: { id: string; reason: string }[] }>();
    return r.candidates.find((c) => c.id === projectId)?.reason ?? null;
  };
  const light = async () => {
    await t.container.services.lights.recompute([projectId]);
    return (await t.container.deps.db.selectFrom('projects').select('light').where('id', '=', projectId).executeTakeFirstOrThrow()).light;
  };

  it('paces the project by months ÷ 12 until a curve applies', async () => {
    expect(await curve(viewer)).toMatchObject({ curve: null, version: 0, effective: { source: 'default', curve: null } });
    expect(await investmentRisk()).toContain('低于序时 50');
    expect(await light()).not.toBe('green');
  });

  it('then by the nearest unit curve up the lead unit’s path (here the zone, the park’s parent)', async () => {
    const goal = await t.request(pmo, 'PUT', `/api/goals/${zoneId}/2026`, { body: { investmentTarget: 50_000_000, planCurve: zoneCurve } });
    expect(goal.statusCode, goal.body).toBe(201);
    expect(await curve()).toMatchObject({ effective: { source: 'unit', unitId: zoneId, unitName: 'XX港经济区管委会', curve: zoneCurve } });
    expect(await investmentRisk()).toContain('低于序时 42');
  });

  it('and first by the project’s own curve, set with versions and audited', async () => {
    expect((await put({ year: 2026, curve: [1, 2, 3] })).statusCode).toBe(400);
    const created = await put({ year: 2026, curve: projectCurve });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.headers['etag']).toBe('"1"');
    expect(created.json<ProjectPlanCurve>()).toMatchObject({ curve: projectCurve, version: 1, effective: { source: 'project', curve: projectCurve } });
    // 30 % done against 25 % due: on pace for the goal's risk list and for the light.
    expect(await investmentRisk()).toBeNull();
    expect(await light()).toBe('green');

    expect((await put({ year: 2026, curve: zoneCurve })).statusCode).toBe(428);
    expect((await put({ year: 2026, curve: zoneCurve }, 7)).statusCode).toBe(412);
    expect((await t.request(viewer, 'PUT', `/api/projects/${projectId}/plan-curve`, { body: { year: 2026, curve: null } })).statusCode).toBe(403);
    const cleared = await put({ year: 2026, curve: null }, 1);
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json<ProjectPlanCurve>()).toMatchObject({ curve: null, version: 0, effective: { source: 'unit', unitId: zoneId } });
    const audit = await t.container.deps.db.selectFrom('auditLog').select(['action', 'objectId']).where('action', '=', 'project.plan-curve').execute();
    expect(audit).toEqual([
      { action: 'project.plan-curve', objectId: projectId },
      { action: 'project.plan-curve', objectId: projectId },
    ]);
  });
});
