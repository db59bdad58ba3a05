import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedProjects } from '../../../bench/ledger-seed.js';
import { databaseVariants, type TestDatabase } from '../../../test/helpers/databases.js';
import { manualClock, startTestApp, type Session, type TestApp } from '../../../test/helpers/test-app.js';
import type { BatchApplyResult, ProjectPlan, Template } from '../../core/schemas/milestones.schema.js';

/** 批量生成计划: a template applied to the filtered projects without a plan, page by page. */
describe.each(databaseVariants())('batch plan generation on $name', (variant) => {
  let db: TestDatabase;
  let t: TestApp;
  let pmo: Session;
  let zonePmo: Session;
  let landStaff: Session;
  let industrial: Template;
  let zoneId = '';
  let bulkId = '';
  const ids: Record<string, string> = {};
  const clock = manualClock(new Date('2026-06-10T02:00:00Z'));

  beforeAll(async () => {
    db = await variant.create();
    t = await startTestApp(db, { clock });
    const admin = await t.loginAs('system-admin');
    const unit = async (name: string, type: string) => (await t.request(admin, 'POST', '/api/units', { body: { parentId: t.rootUnitId, name, type } })).json<{ id: string }>().id;
    zoneId = await unit('XX港经济区管委会', 'zone');
    const landId = await unit('县自然资源和规划局', 'department');
    const townId = await unit('XX镇', 'town');
    bulkId = await unit('临港产业园', 'zone');
    pmo = await t.loginAs('coordinator');
    zonePmo = await t.loginAs('coordinator', { unitId: zoneId });
    landStaff = await t.loginAs('unit-staff', { unitId: landId });
    industrial = (await t.request(pmo, 'GET', '/api/milestone-templates')).json<Template[]>()[0]!;
    const make = async (key: string, body: Record<string, unknown>, steps: { to: string; date: string }[] = []) => {
      let p = (await t.request(pmo, 'POST', '/api/projects', { body: { leadUnitId: zoneId, projectType: 'industrial', stage: 'negotiating', industry: '新能源', ...body } })).json<{ id: string; version: number }>();
      for (const s of steps) p = (await t.request(pmo, 'POST', `/api/projects/${p.id}/transitions`, { body: s, headers: { 'if-match': `"${p.version}"` } })).json();
      ids[key] = p.id;
    };
    await make('signed', { name: '氢能装备产业园' }, [{ to: 'signed', date: '2026-05-04' }]);
    await make('plannedSign', { name: '储能电池项目', plannedSignDate: '2026-07-15' });
    await make('monthOnly', { name: '光伏组件项目', plannedSignDate: '2026-08' });
    await make('planned', { name: '风电叶片项目' }, [{ to: 'signed', date: '2026-04-01' }]);
    await make('dropped', { name: '已终止项目' }, [{ to: 'dropped', date: '2026-03-01', reason: '企业撤资' } as never]);
    await make('town', { name: '镇级农旅项目', leadUnitId: townId });
    expect((await t.request(pmo, 'POST', `/api/projects/${ids.planned}/plan`, { body: { templateId: industrial.id, anchorDate: '2026-04-01' } })).statusCode).toBe(201);
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  const batch = (as: Session, body: Record<string, unknown>) => t.request(as, 'POST', '/api/plans/batch', { body: { templateId: industrial.id, ...body } });
  const planCount = async () => Number((await t.container.deps.db.selectFrom('projectPlans').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('previews the counts in a dry run, writing nothing', async () => {
    const res = await batch(zonePmo, { anchor: 'sign-date', filters: { industry: '新能源' }, dryRun: true });
    expect(res.statusCode, res.body).toBe(200);
    // The zone's coordinator does not see the town's project.
    expect(res.json<BatchApplyResult>()).toMatchObject({ dryRun: true, matched: 5, generated: 2, skippedHasPlan: 1, skippedNoAnchor: 1, skippedDropped: 1, tooMany: false, batches: 0 });
    expect(res.json<BatchApplyResult>().skipped).toEqual(
      expect.arrayContaining([
        { id: ids.monthOnly, name: '光伏组件项目', reason: 'no-anchor' },
        { id: ids.planned, name: '风电叶片项目', reason: 'has-plan' },
        { id: ids.dropped, name: '已终止项目', reason: 'dropped' },
      ]),
    );
    expect(await planCount()).toBe(1);
  });

  it('generates plans from each project’s signing date, as a single apply would, and skips the rest', async () => {
    const res = await batch(zonePmo, { anchor: 'sign-date', filters: { industry: '新能源' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<BatchApplyResult>()).toMatchObject({ dryRun: false, generated: 2, skippedHasPlan: 1, skippedNoAnchor: 1, skippedDropped: 1, batches: 1 });
    const plan = async (id: string) => (await t.request(pmo, 'GET', `/api/projects/${id}/milestones`)).json<ProjectPlan>();
    const signed = await plan(ids.signed!);
    expect(signed.plan).toMatchObject({ templateName: industrial.name, anchorDate: '2026-05-04', approvedAt: null });
    expect(signed.milestones).toHaveLength(industrial.nodes.length);
    // The signed project's 签约 node is done on its signing date; the planned one anchors on its planned date.
    expect(signed.milestones.find((m) => m.code === 'sign')).toMatchObject({ actualDate: '2026-05-04', status: 'done' });
    expect((await plan(ids.plannedSign!)).plan!.anchorDate).toBe('2026-07-15');
    // Same dates and owners as one apply from the same anchor (a draft on another project).
    const single = (await t.request(pmo, 'POST', `/api/projects/${ids.monthOnly}/plan`, { body: { templateId: industrial.id, anchorDate: '2026-05-04' } })).json<ProjectPlan>();
    const shape = (p: ProjectPlan) => p.milestones.map((m) => [m.code, m.plannedStart, m.plannedEnd, m.ownerUnitName]);
    expect(shape(signed)).toEqual(shape(single));
    // The owner units see the project, as after a single apply.
    expect((await t.request(landStaff, 'GET', `/api/projects/${ids.signed}/milestones`)).statusCode).toBe(200);
    const audit = await t.container.deps.db.selectFrom('auditLog').select(['after', 'detail']).where('action', '=', 'plan.apply-batch').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({ count: 2, projectIds: expect.arrayContaining([ids.signed, ids.plannedSign]) });
    // Run again: everything is planned now, nothing is written.
    const again = (await batch(zonePmo, { anchor: 'sign-date', filters: { industry: '新能源' } })).json<BatchApplyResult>();
    expect(again).toMatchObject({ generated: 0, skippedHasPlan: 4, batches: 0 });
  });

  it('uses one given date for picked projects, within the caller’s scope', async () => {
    const outside = await batch(zonePmo, { anchor: 'date', anchorDate: '2026-06-15', projectIds: [ids.town] });
    expect(outside.json<BatchApplyResult>()).toMatchObject({ matched: 0, generated: 0 });
    const res = await batch(pmo, { anchor: 'date', anchorDate: '2026-06-15', projectIds: [ids.town, ids.signed] });
    expect(res.json<BatchApplyResult>()).toMatchObject({ matched: 2, generated: 1, skippedHasPlan: 1 });
    expect((await t.request(pmo, 'GET', `/api/projects/${ids.town}/milestones`)).json<ProjectPlan>().plan!.anchorDate).toBe('2026-06-15');
  });

  it('refuses bad input with zh/en messages', async () => {
    const noDate = await batch(pmo, { anchor: 'date' });
    expect(noDate.statusCode).toBe(400);
    expect(noDate.body).toContain('请选择起算日期 / choose the anchor date');
    expect((await batch(pmo, { anchor: 'date', anchorDate: '2026-06-15', projectIds: Array.from({ length: 5001 }, (_, i) => `p${i}`) })).statusCode).toBe(400);
    expect((await batch(pmo, { anchor: 'sometime' })).statusCode).toBe(400);
    expect((await batch(pmo, { anchor: 'date', anchorDate: '2026-06-15', templateId: 'nope' })).statusCode).toBe(404);
  });

  it('writes a large selection one page of 500 projects per transaction', { timeout: 60_000 }, async () => {
    await seedProjects(t.container.deps.db, [bulkId], 0, 1100);
    const before = await planCount();
    const res = await batch(pmo, { anchor: 'date', anchorDate: '2026-07-01', filters: { unitId: bulkId } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<BatchApplyResult>()).toMatchObject({ matched: 1100, generated: 1100, batches: 3 });
    expect(await planCount()).toBe(before + 1100);
    const milestones = await t.container.deps.db
      .selectFrom('milestones')
      .innerJoin('projects', 'projects.id', 'milestones.projectId')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('projects.unitId', '=', bulkId)
      .executeTakeFirstOrThrow();
    expect(Number(milestones.n)).toBe(1100 * industrial.nodes.length);
    const audits = await t.container.deps.db.selectFrom('auditLog').select('after').where('action', '=', 'plan.apply-batch').execute();
    // One audit row per page (earlier: the two batches above, of 2 and 1).
    expect(audits.map((a) => JSON.parse(a.after!).count as number).sort((a, b) => a - b)).toEqual([1, 2, 100, 500, 500]);
  });
});
