import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseVariants, type TestDatabase } from '../../../test/helpers/databases.js';
import { manualClock, startTestApp, type Session, type TestApp } from '../../../test/helpers/test-app.js';
import type { Milestone, ProjectPlan, Template } from '../../core/schemas/milestones.schema.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);

/** Milestone evidence (办结材料): files linked on completion and on a later update, readable with the project. */
describe.each(databaseVariants())('milestone evidence files on $name', (variant) => {
  let db: TestDatabase;
  let t: TestApp;
  let pmo: Session;
  let landStaff: Session;
  let townStaff: Session;
  let townPmo: Session;
  let viewer: Session;
  let projectId = '';
  const clock = manualClock(new Date('2026-06-10T02:00:00Z'));
  const ifMatch = (v: number) => ({ 'if-match': `"${v}"` });

  beforeAll(async () => {
    db = await variant.create();
    t = await startTestApp(db, { clock });
    const admin = await t.loginAs('system-admin');
    const unit = async (name: string, type: string) => (await t.request(admin, 'POST', '/api/units', { body: { parentId: t.rootUnitId, name, type } })).json<{ id: string }>().id;
    const zoneId = await unit('XX港经济区管委会', 'zone');
    const landId = await unit('县自然资源和规划局', 'department');
    const townId = await unit('XX镇', 'town');
    pmo = await t.loginAs('coordinator');
    landStaff = await t.loginAs('unit-staff', { unitId: landId });
    townStaff = await t.loginAs('unit-staff', { unitId: townId });
    townPmo = await t.loginAs('coordinator', { unitId: townId });
    viewer = await t.loginAs('viewer');
    projectId = (await t.request(pmo, 'POST', '/api/projects', { body: { leadUnitId: zoneId, name: '海上风电装备产业园', projectType: 'industrial', stage: 'signed' } })).json<{ id: string }>().id;
    const industrial = (await t.request(pmo, 'GET', '/api/milestone-templates')).json<Template[]>()[0]!;
    const applied = await t.request(pmo, 'POST', `/api/projects/${projectId}/plan`, { body: { templateId: industrial.id, anchorDate: '2026-05-04' } });
    expect(applied.statusCode, applied.body).toBe(201);
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  const upload = async (as: Session, content: Buffer, name: string) => {
    const res = await t.request(as, 'POST', '/api/attachments', { body: content, headers: { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(name) } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string }>().id;
  };
  const plan = async (as = pmo) => (await t.request(as, 'GET', `/api/projects/${projectId}/milestones`)).json<ProjectPlan>();
  const node = (p: ProjectPlan, code: string) => p.milestones.find((m) => m.code === code)!;

  it('links the owner’s files with the completion, lists them on the plan, and audits them', async () => {
    const site = node(await plan(), 'site');
    const fileId = await upload(landStaff, PDF, '用地预审意见.pdf');
    const res = await t.request(landStaff, 'POST', `/api/milestones/${site.id}/complete`, { body: { actualDate: '2026-06-09', note: '已取得用地预审与选址意见书', attachmentIds: [fileId] }, headers: ifMatch(site.version) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ milestone: Milestone }>().milestone.attachments).toEqual([{ id: fileId, fileName: '用地预审意见.pdf', contentType: 'application/pdf', size: PDF.length }]);
    const p = await plan();
    expect(p.today).toBe('2026-06-10');
    expect(node(p, 'site')).toMatchObject({ note: '已取得用地预审与选址意见书', attachments: [{ id: fileId }] });
    expect(node(p, 'register').attachments).toEqual([]);
    const row = await t.container.deps.db.selectFrom('auditLog').select('after').where('action', '=', 'milestone.complete').where('objectId', '=', site.id).executeTakeFirstOrThrow();
    expect(row.after).toContain('用地预审意见.pdf');
  });

  it('lists recently done milestones latest completion first on 我的节点', async () => {
    const landSale = node(await plan(), 'land-sale');
    expect((await t.request(landStaff, 'POST', `/api/milestones/${landSale.id}/complete`, { body: { actualDate: '2026-06-01' }, headers: ifMatch(landSale.version) })).statusCode).toBe(200);
    const owed = (await t.request(landStaff, 'GET', '/api/my/milestones?who=unit')).json<{ today: string; recentlyDone: Milestone[] }>();
    expect(owed.today).toBe('2026-06-10');
    // 招拍挂 is planned after 用地预审 but was done earlier: the latest completion leads.
    expect(owed.recentlyDone.map((m) => [m.code, m.actualDate])).toEqual([
      ['site', '2026-06-09'],
      ['land-sale', '2026-06-01'],
    ]);
    expect(owed.recentlyDone[0]!.attachments).toHaveLength(1);
  });

  it('adds evidence on a later update (项目办), and refuses a file someone else uploaded', async () => {
    const site = node(await plan(), 'site');
    const others = await upload(landStaff, PNG, '现场.png');
    const refused = await t.request(pmo, 'PATCH', `/api/milestones/${site.id}`, { body: { attachmentIds: [others] }, headers: ifMatch(site.version) });
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ error: { details: { field: string } } }>().error.details.field).toBe('attachmentIds');
    const mine = await upload(pmo, PNG, '红线图.png');
    const res = await t.request(pmo, 'PATCH', `/api/milestones/${site.id}`, { body: { attachmentIds: [mine] }, headers: ifMatch(site.version) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Milestone>().attachments.map((a) => a.fileName)).toEqual(['用地预审意见.pdf', '红线图.png']);
    // A file already linked cannot be linked again to another milestone.
    const register = node(await plan(), 'register');
    expect((await t.request(pmo, 'PATCH', `/api/milestones/${register.id}`, { body: { attachmentIds: [mine] }, headers: ifMatch(register.version) })).statusCode).toBe(400);
  });

  it('lists every milestone’s files in one statement (no query per milestone)', async () => {
    await plan(); // calendar memo warm
    const before = t.container.handle.stats.queries;
    await plan();
    expect(t.container.handle.stats.queries - before).toBeLessThanOrEqual(7);
  });

  it('serves the files to whoever may see the project, and to nobody else', async () => {
    const [first] = node(await plan(), 'site').attachments;
    for (const who of [pmo, landStaff, viewer]) {
      const res = await t.request(who, 'GET', `/api/attachments/${first!.id}`);
      expect(res.statusCode).toBe(200);
      expect(Buffer.compare(res.rawPayload, PDF)).toBe(0);
    }
    // The town's staff and coordinator do not see the zone's project: the file does not exist for them.
    for (const who of [townStaff, townPmo]) expect((await t.request(who, 'GET', `/api/attachments/${first!.id}`)).statusCode).toBe(404);
    expect((await t.request(townPmo, 'GET', `/api/projects/${projectId}/milestones`)).statusCode).toBe(404);
  });

  it('leaves linked evidence alone when unlinked uploads are purged', async () => {
    const stale = await upload(pmo, PDF, '草稿.pdf');
    clock.set(new Date('2026-06-11T03:00:00Z'));
    pmo = await t.loginAs('coordinator');
    expect(await t.container.services.attachments.purgeUnlinked()).toBeGreaterThanOrEqual(1);
    const site = node(await plan(), 'site');
    expect(site.attachments).toHaveLength(2);
    expect((await t.request(pmo, 'GET', `/api/attachments/${site.attachments[0]!.id}`)).statusCode).toBe(200);
    const gone = await t.container.deps.db.selectFrom('attachments').select('id').where('id', '=', stale).executeTakeFirst();
    expect(gone).toBeUndefined();
  });
});
