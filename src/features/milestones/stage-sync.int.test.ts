import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseVariants, type TestDatabase } from '../../../test/helpers/databases.js';
import { manualClock, startTestApp, type Session, type TestApp } from '../../../test/helpers/test-app.js';
import type { Milestone, ProjectPlan, Template } from '../../core/schemas/milestones.schema.js';
import type { TransitionResult } from '../../core/schemas/projects.schema.js';

/** Stage → milestone: a stage transition names the plan's open milestone for that stage. */
describe.each(databaseVariants())('stage transitions offer the matching milestone on $name', (variant) => {
  let db: TestDatabase;
  let t: TestApp;
  let pmo: Session;
  let zoneId = '';
  let projectId = '';
  const clock = manualClock(new Date('2026-06-25T02:00:00Z'));
  const ifMatch = (v: number) => ({ 'if-match': `"${v}"` });

  beforeAll(async () => {
    db = await variant.create();
    t = await startTestApp(db, { clock });
    const admin = await t.loginAs('system-admin');
    zoneId = (await t.request(admin, 'POST', '/api/units', { body: { parentId: t.rootUnitId, name: 'XX港经济区管委会', type: 'zone' } })).json<{ id: string }>().id;
    pmo = await t.loginAs('coordinator');
    projectId = (await t.request(pmo, 'POST', '/api/projects', { body: { leadUnitId: zoneId, name: '新能源电池项目', projectType: 'industrial', industry: '新能源', stage: 'signed' } })).json<{ id: string }>().id;
    const industrial = (await t.request(pmo, 'GET', '/api/milestone-templates')).json<Template[]>().find((x) => x.shippedKey === 'industrial')!;
    expect((await t.request(pmo, 'POST', `/api/projects/${projectId}/plan`, { body: { templateId: industrial.id, anchorDate: '2026-05-29' } })).statusCode).toBe(201);
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  const version = async () => (await t.request(pmo, 'GET', `/api/projects/${projectId}`)).json<{ version: number }>().version;
  const move = async (body: Record<string, string>) => {
    const res = await t.request(pmo, 'POST', `/api/projects/${projectId}/transitions`, { body, headers: ifMatch(await version()) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<TransitionResult>();
  };
  const node = async (code: string) => (await t.request(pmo, 'GET', `/api/projects/${projectId}/milestones`)).json<ProjectPlan>().milestones.find((m) => m.code === code)!;

  it('offers 开工 with the transition date, and accepting completes it through the milestone API', async () => {
    const moved = await move({ to: 'construction', date: '2026-06-20' });
    const start = await node('start');
    expect(moved.stage).toBe('construction');
    expect(moved.milestoneOffer).toEqual({ milestoneId: start.id, name: '开工', version: start.version, date: '2026-06-20' });
    // Accepting: the ordinary completion, with its version check …
    const stale = await t.request(pmo, 'POST', `/api/milestones/${start.id}/complete`, { body: { actualDate: '2026-06-20' }, headers: ifMatch(start.version + 1) });
    expect(stale.statusCode).toBe(412);
    const done = await t.request(pmo, 'POST', `/api/milestones/${start.id}/complete`, { body: { actualDate: moved.milestoneOffer!.date }, headers: ifMatch(moved.milestoneOffer!.version) });
    expect(done.statusCode, done.body).toBe(200);
    // … which offers no stage move back (the project is there already) …
    expect(done.json<{ milestone: Milestone; suggestedStage: string | null }>()).toMatchObject({ milestone: { actualDate: '2026-06-20', status: 'done' }, suggestedStage: null });
    // … and its audit row.
    const audit = await t.container.deps.db.selectFrom('auditLog').select(['action', 'objectId']).where('action', '=', 'milestone.complete').execute();
    expect(audit).toEqual([{ action: 'milestone.complete', objectId: start.id }]);
  });

  it('offers nothing for a milestone already done, a move back or a drop', async () => {
    const back = await move({ to: 'signed', reason: '施工许可被撤回' });
    expect(back.milestoneOffer).toBeNull();
    const again = await move({ to: 'construction', date: '2026-06-22' });
    expect(again.milestoneOffer).toBeNull();
    expect((await move({ to: 'dropped', reason: '企业撤资' })).milestoneOffer).toBeNull();
    await move({ to: 'construction', reason: '企业恢复投资' });
  });

  it('offers 竣工验收 when the project is completed, and nothing for a project without a plan', async () => {
    const completed = await move({ to: 'completed', date: '2026-06-24' });
    expect(completed.milestoneOffer).toMatchObject({ milestoneId: (await node('acceptance')).id, name: '竣工验收', date: '2026-06-24' });
    const bare = (await t.request(pmo, 'POST', '/api/projects', { body: { leadUnitId: zoneId, name: '无计划项目', projectType: 'industrial', stage: 'negotiating' } })).json<{ id: string; version: number }>();
    const res = await t.request(pmo, 'POST', `/api/projects/${bare.id}/transitions`, { body: { to: 'signed' }, headers: ifMatch(bare.version) });
    expect(res.json<TransitionResult>().milestoneOffer).toBeNull();
  });
});
