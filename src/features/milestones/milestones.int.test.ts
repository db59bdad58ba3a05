import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseVariants, type TestDatabase } from '../../../test/helpers/databases.js';
import { manualClock, startTestApp, type Session, type TestApp } from '../../../test/helpers/test-app.js';
import type { Milestone, ProjectPlan, Template } from '../../core/schemas/milestones.schema.js';

describe.each(databaseVariants())('milestone plans on $name', (variant) => {
  let db: TestDatabase;
  let t: TestApp;
  let pmo: Session;
  let landStaff: Session;
  let otherStaff: Session;
  let zoneId = '';
  let landId = '';
  let projectId = '';
  let industrial: Template;
  const clock = manualClock(new Date('2026-06-01T02:00:00Z'));
  const ifMatch = (v: number) => ({ 'if-match': `"${v}"` });

  beforeAll(async () => {
    db = await variant.create();
    t = await startTestApp(db, { clock });
    const admin = await t.loginAs('system-admin');
    const unit = async (name: string, type: string) => (await t.request(admin, 'POST', '/api/units', { body: { parentId: t.rootUnitId, name, type } })).json<{ id: string }>().id;
    zoneId = await unit('XX港经济区管委会', 'zone');
    landId = await unit('县自然资源和规划局', 'department');
    const townId = await unit('XX镇', 'town');
    pmo = await t.loginAs('coordinator');
    landStaff = await t.loginAs('unit-staff', { unitId: landId });
    otherStaff = await t.loginAs('unit-staff', { unitId: townId });
    const p = await t.request(pmo, 'POST', '/api/projects', { body: { leadUnitId: zoneId, name: '高端数控机床项目', projectType: 'industrial', industry: '高端装备制造', stage: 'signed' } });
    projectId = p.json<{ id: string }>().id;
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  const plan = async (as = pmo) => (await t.request(as, 'GET', `/api/projects/${projectId}/milestones`)).json<ProjectPlan>();
  const node = (p: ProjectPlan, code: string) => p.milestones.find((m) => m.code === code)!;

  it('ships the three templates', async () => {
    const res = await t.request(pmo, 'GET', '/api/milestone-templates');
    expect(res.statusCode).toBe(200);
    const list = res.json<Template[]>();
    expect(list.map((x) => x.shippedKey)).toEqual(['industrial', 'fast-track', 'infrastructure']);
    industrial = list[0]!;
    expect(industrial.nodes.find((n) => n.code === 'eia')).toMatchObject({ statutoryDays: 60, parallelGroup: 'pre-approvals' });
  });

  it('applies the industrial template from the signing date on working days, with owner units resolved', async () => {
    const res = await t.request(pmo, 'POST', `/api/projects/${projectId}/plan`, { body: { templateId: industrial.id, anchorDate: '2026-05-29' } });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json<ProjectPlan>();
    expect(p.milestones).toHaveLength(industrial.nodes.length);
    expect(node(p, 'sign')).toMatchObject({ plannedStart: '2026-05-29', plannedEnd: '2026-05-29', status: 'done' });
    // 企业注册 (5 working days) after a Friday signing: Mon 1 June – Fri 5 June.
    expect(node(p, 'register')).toMatchObject({ plannedStart: '2026-06-01', plannedEnd: '2026-06-05' });
    expect(node(p, 'site').ownerUnitId).toBe(landId);
    expect(node(p, 'structure').ownerUnitId).toBe(zoneId);
    expect(p.warnings).toEqual([]);
    expect(p.plan).toMatchObject({ templateName: industrial.name, approvedAt: null });
    // A second apply needs an explicit replace.
    expect((await t.request(pmo, 'POST', `/api/projects/${projectId}/plan`, { body: { templateId: industrial.id, anchorDate: '2026-05-29' } })).statusCode).toBe(409);
    expect((await t.request(pmo, 'POST', `/api/projects/${projectId}/plan`, { body: { templateId: industrial.id, anchorDate: '2026-05-29', replace: true } })).statusCode).toBe(201);
  });

  it('reads a plan in a constant number of statements', async () => {
    await plan(); // calendar memo warm
    const before = t.container.handle.stats.queries;
    await plan();
    expect(t.container.handle.stats.queries - before).toBeLessThanOrEqual(6);
  });

  it('keeps the first approved plan as the baseline and moves dates only with a reason', async () => {
    const res = await t.request(pmo, 'GET', `/api/projects/${projectId}/milestones`);
    const etag = res.headers['etag'] as string;
    expect((await t.request(pmo, 'POST', `/api/projects/${projectId}/plan/approve`)).statusCode).toBe(428);
    const approved = await t.request(pmo, 'POST', `/api/projects/${projectId}/plan/approve`, { headers: { 'if-match': etag } });
    expect(approved.statusCode, approved.body).toBe(200);
    const site = node(approved.json<ProjectPlan>(), 'site');
    expect(site.baselineEnd).toBe(site.plannedEnd);

    const noReason = await t.request(pmo, 'PATCH', `/api/milestones/${site.id}`, { body: { plannedEnd: '2026-07-10' }, headers: ifMatch(site.version) });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json<{ error: { details: { field: string } } }>().error.details.field).toBe('reason');
    const moved = await t.request(pmo, 'PATCH', `/api/milestones/${site.id}`, { body: { plannedEnd: '2026-07-10', reason: '用地指标待省厅下达' }, headers: ifMatch(site.version) });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json<Milestone>()).toMatchObject({ plannedEnd: '2026-07-10', baselineEnd: site.baselineEnd, replans: 1 });
    expect((await t.request(pmo, 'PATCH', `/api/milestones/${site.id}`, { body: { note: 'x' }, headers: ifMatch(site.version) })).statusCode).toBe(412);
    const changes = (await t.request(pmo, 'GET', `/api/projects/${projectId}/plan/changes`)).json<{ reason: string; toEnd: string }[]>();
    expect(changes).toEqual([expect.objectContaining({ reason: '用地指标待省厅下达', toEnd: '2026-07-10' })]);
    // A second approval keeps the baseline.
    const again = await t.request(pmo, 'POST', `/api/projects/${projectId}/plan/approve`, { headers: { 'if-match': `"${approved.json<ProjectPlan>().plan!.version}"` } });
    expect(node(again.json<ProjectPlan>(), 'site').baselineEnd).toBe(site.baselineEnd);
  });

  it('lets the owner unit complete its milestone, late or on time, and nobody else', async () => {
    let p = await plan();
    const register = node(p, 'register');
    const done = await t.request(pmo, 'POST', `/api/milestones/${register.id}/complete`, { body: { actualDate: '2026-06-01' }, headers: ifMatch(register.version) });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json<{ milestone: Milestone }>().milestone).toMatchObject({ status: 'done', daysLate: 0 });

    clock.set(new Date('2026-07-20T02:00:00Z'));
    // Sessions idle out while the clock jumps: sign in again.
    pmo = await t.loginAs('coordinator');
    landStaff = await t.loginAs('unit-staff', { unitId: landId });
    otherStaff = await t.loginAs('unit-staff', { unitId: (await t.container.deps.db.selectFrom('units').select('id').where('name', '=', 'XX镇').executeTakeFirstOrThrow()).id });
    p = await plan();
    const site = node(p, 'site');
    expect(site).toMatchObject({ status: 'overdue' });
    expect(site.daysLate).toBeGreaterThan(0);
    expect((await t.request(otherStaff, 'POST', `/api/milestones/${site.id}/complete`, { body: { actualDate: '2026-07-20' }, headers: ifMatch(site.version) })).statusCode).toBe(404);
    const owed = (await t.request(landStaff, 'GET', '/api/my/milestones?who=unit')).json<{ overdue: Milestone[] }>();
    expect(owed.overdue.map((m) => m.id)).toContain(site.id);
    const late = await t.request(landStaff, 'POST', `/api/milestones/${site.id}/complete`, { body: { actualDate: '2026-07-17', note: '已取得用地预审意见' }, headers: ifMatch(site.version) });
    expect(late.statusCode, late.body).toBe(200);
    expect(late.json<{ milestone: Milestone }>().milestone).toMatchObject({ status: 'done', daysLate: 5 });
    expect((await t.request(landStaff, 'POST', `/api/milestones/${site.id}/complete`, { body: { actualDate: '2026-08-17' }, headers: ifMatch(site.version + 1) })).statusCode).toBe(400);
  });

  it('offers the stage move when a stage milestone is completed', async () => {
    const start = node(await plan(), 'start');
    const r = await t.request(pmo, 'POST', `/api/milestones/${start.id}/complete`, { body: { actualDate: '2026-07-18' }, headers: ifMatch(start.version) });
    expect(r.json<{ suggestedStage: string }>().suggestedStage).toBe('construction');
  });

  it('draws the portfolio Gantt with baselines', async () => {
    const g = (await t.request(pmo, 'GET', '/api/gantt?industry=' + encodeURIComponent('高端装备制造'))).json<{ projects: { id: string; approved: boolean; milestones: { baselineEnd: string | null }[] }[] }>();
    expect(g.projects).toHaveLength(1);
    expect(g.projects[0]!.approved).toBe(true);
    expect(g.projects[0]!.milestones.every((m) => m.baselineEnd)).toBe(true);
  });

  it('reminds owners once, before and after the due date', async () => {
    const zoneStaff = await t.loginAs('unit-staff', { unitId: zoneId });
    // 招拍挂 (the land bureau's) is moved to end on Wednesday 22 July: within 3 working days of Monday the 20th.
    const sale = node(await plan(), 'land-sale');
    expect(sale.ownerUnitId).toBe(landId);
    const moved = await t.request(pmo, 'PATCH', `/api/milestones/${sale.id}`, { body: { plannedStart: '2026-07-13', plannedEnd: '2026-07-22', reason: '挂牌公告期顺延' }, headers: ifMatch(sale.version) });
    expect(moved.statusCode, moved.body).toBe(200);
    const n1 = await t.container.services.notifications.remindMilestones();
    const n2 = await t.container.services.notifications.remindMilestones();
    expect(n1).toBeGreaterThan(0);
    expect(n2).toBe(0);
    // 立项备案 (no 发改 unit here → the lead unit, the zone) is overdue: its staff are told.
    const inbox = (await t.request(zoneStaff, 'GET', '/api/notifications')).json<{ unread: number; items: { id: string; kind: string; title: string }[] }>();
    expect(inbox.unread).toBeGreaterThan(0);
    expect(inbox.items.find((i) => i.title.includes('立项备案'))).toMatchObject({ kind: 'milestone-overdue' });
    const landInbox = (await t.request(landStaff, 'GET', '/api/notifications')).json<{ items: { kind: string; title: string }[] }>().items;
    expect(landInbox.some((i) => i.title.includes('立项备案'))).toBe(false);
    // The "before due" reminder: sent once to the owner unit, titled as due soon.
    expect(landInbox.filter((i) => i.title.includes('招拍挂'))).toEqual([expect.objectContaining({ kind: 'milestone-due', title: '节点即将到期：高端数控机床项目 · 招拍挂（摘牌）' })]);
    await t.request(zoneStaff, 'POST', '/api/notifications/read-all');
    expect((await t.request(zoneStaff, 'GET', '/api/notifications')).json<{ unread: number }>().unread).toBe(0);
  });

  it('keeps the calendar editable and audited', async () => {
    const res = await t.request(pmo, 'PUT', '/api/calendar/2027-02-09', { body: { kind: 'holiday', name: '春节' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ date: string; provisional: boolean }[]>().find((d) => d.date === '2027-02-09')).toMatchObject({ provisional: false });
    expect((await t.request(pmo, 'PUT', '/api/calendar/2027-13-09', { body: { kind: 'holiday' } })).statusCode).toBe(400);
    const audit = await t.container.deps.db.selectFrom('auditLog').select('action').where('action', '=', 'calendar.set-day').execute();
    expect(audit).toHaveLength(1);
  });
});
