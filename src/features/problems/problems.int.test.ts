import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../core/ids.js';
import { readPackageParts, wordText } from '../../documents/docx-parts.js';
import { databaseVariants, type TestDatabase } from '../../../test/helpers/databases.js';
import { manualClock, startTestApp, type Session, type TestApp } from '../../../test/helpers/test-app.js';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/**
 * A county with a zone, the land bureau and the water company. Today is Friday 2026-11-06.
 * The default ladder climbs on: the day after the deadline (1), 3 working days overdue (2),
 * 8 (3), 13 (4).
 */
describe.each(databaseVariants())('problems and action items on $name', (variant) => {
  let db: TestDatabase;
  let t: TestApp;
  const clock = manualClock(new Date('2026-11-06T02:00:00Z'));
  const ids: Record<string, string> = {};
  let pmo: Session;
  let landStaff: Session;
  let waterStaff: Session;
  let vice: Session;
  let landHead: Session;
  let countyLeader: Session;
  let secretary: Session;
  const users: Record<string, { username: string }> = {};
  /** Sessions expire when the clock jumps days ahead: sign everyone in again. */
  async function signIn() {
    [pmo, landStaff, waterStaff, vice, landHead, countyLeader, secretary] = await Promise.all(
      ['pmo', 'landStaff', 'waterStaff', 'vice', 'landHead', 'countyLeader', 'secretary'].map((k) => t.login(users[k]!.username)),
    ) as [Session, Session, Session, Session, Session, Session, Session];
  }
  const setClock = async (iso: string) => {
    clock.set(new Date(iso));
    await signIn();
  };

  beforeAll(async () => {
    db = await variant.create();
    t = await startTestApp(db, { clock });
    const admin = await t.loginAs('system-admin');
    const unit = async (name: string, type: string) => (await t.request(admin, 'POST', '/api/units', { body: { parentId: t.rootUnitId, name, type } })).json<{ id: string }>().id;
    ids.zone = await unit('XX港经济区管委会', 'zone');
    ids.land = await unit('自然资源和规划局', 'department');
    ids.water = await unit('水务集团', 'enterprise').catch(() => '');
    if (!ids.water) ids.water = await unit('水务集团', 'department');
    users.pmo = await t.createUser('coordinator');
    users.landStaff = await t.createUser('unit-staff', { unitId: ids.land });
    users.waterStaff = await t.createUser('unit-staff', { unitId: ids.water });
    users.vice = await t.createUser('leader');
    users.landHead = await t.createUser('unit-staff', { unitId: ids.land });
    users.countyLeader = await t.createUser('leader');
    users.secretary = await t.createUser('leader');
    await signIn();
    const p = await t.request(pmo, 'POST', '/api/projects', { body: { name: '高端装备产业园', leadUnitId: ids.zone, stage: 'signed', leaderUserId: countyLeader.userId } });
    expect(p.statusCode, p.body).toBe(201);
    ids.project = p.json().id;
    const ladder = (await t.request(pmo, 'GET', '/api/escalation-ladder')).json();
    ladder.levels[3].userIds = [secretary.userId];
    const put = await t.request(pmo, 'PUT', '/api/escalation-ladder', { body: { levels: ladder.levels, unitHeads: { [ids.land!]: landHead.userId } }, headers: { 'if-match': '"0"' } });
    expect(put.statusCode, put.body).toBe(200);
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  const raise = async (as: Session, body: Record<string, unknown>) => t.request(as, 'POST', '/api/problems', { body: { projectId: ids.project, category: '土地指标', description: '新增用地指标缺口 80 亩', unitId: ids.land, leaderId: vice.userId, deadline: '2026-11-10', ...body } });
  const post = (as: Session, url: string, body: unknown, version: number) => t.request(as, 'POST', url, { body, headers: { 'if-match': `"${version}"` } });
  const photo = async (as: Session) => (await t.request(as, 'POST', '/api/attachments', { body: PNG, headers: { 'content-type': 'image/png', 'x-file-name': 'site.png' } })).json<{ id: string }>().id;
  const inbox = async (as: Session) => (await t.request(as, 'GET', '/api/notifications')).json<{ items: { title: string; link: string }[] }>().items;

  it('raises problems on a project or a zone, checks categories and names, and scopes who sees them', async () => {
    const a = await raise(pmo, {});
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json()).toMatchObject({ status: 'new', escalationLevel: 0, projectName: '高端装备产业园', scopeUnitId: ids.zone, unitName: '自然资源和规划局', leaderName: expect.any(String), events: [{ kind: 'create' }] });
    ids.a = a.json().id;
    const zoneWide = await raise(pmo, { projectId: null, scopeUnitId: ids.zone, category: '水电气配套', description: '园区污水管网未接通', unitId: ids.water, leaderId: null });
    expect(zoneWide.statusCode, zoneWide.body).toBe(201);
    ids.w = zoneWide.json().id;
    expect((await raise(pmo, { category: '外星人' })).statusCode).toBe(400);
    expect((await raise(pmo, { projectId: null })).json().error.details.field).toBe('scopeUnitId');
    expect((await raise(pmo, { deadline: '11/10' })).statusCode).toBe(400);
    expect((await raise(pmo, { ownerUserId: waterStaff.userId })).json().error.details.field).toBe('ownerUserId');

    // Unit staff see their unit's problems only; the leader named on it sees it too.
    const land = (await t.request(landStaff, 'GET', '/api/problems')).json();
    expect(land.items.map((i: { id: string }) => i.id)).toEqual([ids.a]);
    expect((await t.request(waterStaff, 'GET', '/api/problems')).json().items.map((i: { id: string }) => i.id)).toEqual([ids.w]);
    expect((await t.request(waterStaff, 'GET', `/api/problems/${ids.a}`)).statusCode).toBe(404);
    expect((await t.request(pmo, 'GET', '/api/problems')).json().total).toBe(2);
    expect((await t.request(pmo, 'GET', `/api/projects/${ids.project}/problems`)).json().items).toHaveLength(1);
    expect((await t.request(pmo, 'GET', '/api/problems?view=new')).json().total).toBe(2);
  });

  it('keeps the status rules: no 销号 without a note and a photo, only the coordinator verifies', async () => {
    expect((await post(landStaff, `/api/problems/${ids.a}/start`, {}, 1)).statusCode).toBe(200);
    // A wrong version is refused with the current record.
    const stale = await post(landStaff, `/api/problems/${ids.a}/request-close`, { note: 'x' }, 1);
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.details.current.version).toBe(2);
    const noPhoto = await post(landStaff, `/api/problems/${ids.a}/request-close`, { note: '已调剂指标' }, 2);
    expect(noPhoto.statusCode).toBe(400);
    expect(noPhoto.json().error.details.field).toBe('attachmentIds');
    expect((await post(landStaff, `/api/problems/${ids.a}/request-close`, { attachmentIds: [await photo(landStaff)] }, 2)).statusCode).toBe(400);
    // Another unit's staff may not apply for it (it is not theirs: they cannot even see it).
    expect((await post(waterStaff, `/api/problems/${ids.a}/request-close`, { note: 'x', attachmentIds: [] }, 2)).statusCode).toBe(404);
    const req = await post(landStaff, `/api/problems/${ids.a}/request-close`, { note: '已调剂指标 80 亩', attachmentIds: [await photo(landStaff)] }, 2);
    expect(req.statusCode, req.body).toBe(200);
    expect(req.json()).toMatchObject({ status: 'close_requested', closeNote: '已调剂指标 80 亩' });
    expect(req.json().events.at(-1).attachments).toHaveLength(1);
    // The photo is readable by whoever sees the problem, and by nobody else.
    const fileId = req.json().events.at(-1).attachments[0].id;
    expect((await t.request(pmo, 'GET', `/api/attachments/${fileId}`)).statusCode).toBe(200);
    expect((await t.request(waterStaff, 'GET', `/api/attachments/${fileId}`)).statusCode).toBe(404);
    // Unit staff cannot verify (matrix), a leader neither.
    expect((await post(landStaff, `/api/problems/${ids.a}/verify`, {}, 3)).statusCode).toBe(403);
    expect((await post(vice, `/api/problems/${ids.a}/verify`, {}, 3)).statusCode).toBe(403);
    expect((await post(pmo, `/api/problems/${ids.a}/reject-close`, {}, 3)).statusCode).toBe(400);
    expect((await post(pmo, `/api/problems/${ids.a}/reject-close`, { reason: '缺批复文件' }, 3)).json().status).toBe('in_progress');
    expect((await post(pmo, `/api/problems/${ids.a}/verify`, {}, 4)).statusCode).toBe(409);
    await post(landStaff, `/api/problems/${ids.a}/request-close`, { note: '批复已下达', attachmentIds: [await photo(landStaff)] }, 4);
    await setClock('2026-11-08T02:00:00Z'); // Sunday
    const done = await post(pmo, `/api/problems/${ids.a}/verify`, {}, 5);
    expect(done.json()).toMatchObject({ status: 'closed', closedAt: expect.any(String) });
    expect(done.json().events.map((e: { kind: string }) => e.kind)).toEqual(['create', 'start', 'request-close', 'reject-close', 'request-close', 'verify']);
    expect((await t.request(pmo, 'PATCH', `/api/problems/${ids.a}`, { body: { deadline: '2026-12-01' }, headers: { 'if-match': '"6"' } })).statusCode).toBe(409);
    expect((await t.request(pmo, 'GET', '/api/problems?view=closed')).json().items.map((i: { id: string }) => i.id)).toEqual([ids.a]);
  });

  it('climbs overdue problems one ladder level at a time, notifies the new level once, and never twice', async () => {
    const p = await raise(pmo, { description: '征地拆迁剩余 3 户', category: '征地拆迁', deadline: '2026-11-09' });
    ids.b = p.json().id;
    const run = () => t.container.services.escalation.run();
    expect((await run()).problems).toBe(0); // Sunday 11-08: not yet overdue
    await setClock('2026-11-10T02:00:00Z'); // Tuesday: 1 day past
    expect((await run()).problems).toBeGreaterThanOrEqual(1);
    let b = (await t.request(pmo, 'GET', `/api/problems/${ids.b}`)).json();
    expect(b).toMatchObject({ escalationLevel: 1, escalationLevelName: '分管领导', overdueDays: 1 });
    expect((await inbox(vice)).filter((n) => n.link === `/problems?id=${ids.b}`)).toHaveLength(1);
    // Run again, the same day: nothing climbs, nobody is told twice.
    const again = await run();
    expect(again).toMatchObject({ problems: 0, notified: 0 });
    await setClock('2026-11-12T02:00:00Z'); // Thursday: 3 working days → 责任单位主要负责人
    await run();
    await run();
    b = (await t.request(pmo, 'GET', `/api/problems/${ids.b}`)).json();
    expect(b.escalationLevel).toBe(2);
    // landHead heard of level 1 as one of the owner unit's staff (no person named) and of level 2 as its head, once each.
    expect((await inbox(landHead)).filter((n) => n.link === `/problems?id=${ids.b}`).map((n) => n.title.split('：')[0])).toEqual(['问题升级至责任单位主要负责人', '问题升级至分管领导']);
    expect(b.events.filter((e: { kind: string }) => e.kind === 'auto-escalate').map((e: { level: number }) => e.level)).toEqual([1, 2]);
    // Manual escalation needs a reason, goes one level up and tells the project's 包挂县领导.
    expect((await post(vice, `/api/problems/${ids.b}/escalate`, {}, b.version)).statusCode).toBe(400);
    const up = await post(vice, `/api/problems/${ids.b}/escalate`, { reason: '影响月底开工' }, b.version);
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json().escalationLevel).toBe(3);
    expect((await inbox(countyLeader)).some((n) => n.title.includes('包挂县领导'))).toBe(true);
    // Later the job reaches 3 by itself: nothing to do. At 13 working days it is level 4.
    await setClock('2026-11-19T02:00:00Z');
    await run();
    expect((await t.request(pmo, 'GET', `/api/problems/${ids.b}`)).json().escalationLevel).toBe(3);
    await setClock('2026-11-26T02:00:00Z');
    await run();
    expect((await t.request(pmo, 'GET', `/api/problems/${ids.b}`)).json().escalationLevel).toBe(4);
    expect((await inbox(secretary)).filter((n) => n.link === `/problems?id=${ids.b}`)).toHaveLength(1);
    expect((await post(pmo, `/api/problems/${ids.b}/escalate`, { reason: 'x' }, (await t.request(pmo, 'GET', `/api/problems/${ids.b}`)).json().version)).statusCode).toBe(409);
    expect((await t.request(pmo, 'GET', '/api/problems?level=4')).json().items.map((i: { id: string }) => i.id)).toEqual([ids.b]);
  });

  it('counts per unit and averages the days to close', async () => {
    const s = (await t.request(pmo, 'GET', '/api/problems/summary')).json();
    const land = s.units.find((u: { unitId: string }) => u.unitId === ids.land);
    // A: raised 11-06, closed 11-08 → 2 days.
    expect(land).toMatchObject({ total: 2, closed: 1, active: 1, overdue: 1, avgDaysToClose: 2 });
    expect(s.units.find((u: { unitId: string }) => u.unitId === ids.water)).toMatchObject({ total: 1, active: 1, avgDaysToClose: null });
    expect(s.totals).toMatchObject({ closed: 1 });
    expect((await t.request(landStaff, 'GET', '/api/problems/summary')).json().units.map((u: { unitId: string }) => u.unitId)).toEqual([ids.land]);
  });

  it('edits the categories and the ladder (coordinator only, with If-Match)', async () => {
    const c = await t.request(pmo, 'GET', '/api/problem-categories');
    expect(c.json().categories).toContain('环评能评');
    expect((await t.request(landStaff, 'PUT', '/api/problem-categories', { body: { categories: ['a'] }, headers: { 'if-match': '"0"' } })).statusCode).toBe(403);
    expect((await t.request(pmo, 'PUT', '/api/problem-categories', { body: { categories: ['a', 'a'] }, headers: { 'if-match': '"0"' } })).statusCode).toBe(400);
    const put = await t.request(pmo, 'PUT', '/api/problem-categories', { body: { categories: [...c.json().categories, '港口岸线'] }, headers: { 'if-match': '"0"' } });
    expect(put.json().version).toBe(1);
    expect((await t.request(pmo, 'PUT', '/api/problem-categories', { body: { categories: ['a'] }, headers: { 'if-match': '"0"' } })).statusCode).toBe(412);
    expect((await raise(pmo, { category: '港口岸线', description: '岸线指标' })).statusCode).toBe(201);
    const ladder = (await t.request(pmo, 'GET', '/api/escalation-ladder')).json();
    expect(ladder.thresholds).toEqual([0, 3, 8, 13]);
    expect((await t.request(pmo, 'PUT', '/api/escalation-ladder', { body: { levels: [], unitHeads: {} }, headers: { 'if-match': '"1"' } })).statusCode).toBe(400);
    expect((await t.request(pmo, 'PUT', '/api/escalation-ladder', { body: { levels: ladder.levels, unitHeads: { [ids.land!]: 'nobody' } }, headers: { 'if-match': '"1"' } })).statusCode).toBe(400);
  });

  it('runs the action item lifecycle: 批示, 转督办, a meeting’s own rows, feedback, return, verify, cancel, escalation', async () => {
    const inst = await t.request(vice, 'POST', '/api/actions', { body: { projectId: ids.project, title: '月底前完成供水管网接驳', ownerUnitId: ids.water, deadline: '2026-11-30' } });
    expect(inst.statusCode, inst.body).toBe(201);
    expect(inst.json()).toMatchObject({ sourceKind: 'instruction', leaderId: vice.userId, status: 'open' });
    ids.i = inst.json().id;
    expect((await t.request(landStaff, 'POST', '/api/actions', { body: {} })).statusCode).toBe(403);

    const sup = await t.request(pmo, 'POST', `/api/problems/${ids.w}/supervise`, { body: {} });
    expect(sup.statusCode, sup.body).toBe(201);
    ids.sup = sup.json().id;
    expect(sup.json()).toMatchObject({ sourceKind: 'problem', sourceId: ids.w, ownerUnitId: ids.water, deadline: '2026-11-10' });
    expect((await t.request(pmo, 'GET', `/api/problems/${ids.w}`)).json().actionItemIds).toEqual([sup.json().id]);

    // A meeting inserts its actions directly (the meetings feature writes the shared table).
    const now = clock.now().toISOString();
    const meetingItemId = newId();
    ids.m = meetingItemId;
    await t.container.deps.db.insertInto('actionItems').values({ id: meetingItemId, sourceKind: 'meeting', sourceId: 'meeting-1', projectId: ids.project!, title: '6月下旬开工', detail: null, ownerUnitId: ids.land!, ownerUserId: null, leaderId: null, deadline: '2026-11-20', status: 'open', escalationLevel: 0, feedback: null, feedbackAt: null, closedAt: null, createdBy: null, version: 1, createdAt: now, updatedAt: now }).execute();
    const landList = (await t.request(landStaff, 'GET', '/api/actions')).json();
    expect(landList.items.map((i: { id: string }) => i.id)).toEqual([ids.m]);
    expect((await t.request(pmo, 'GET', '/api/actions?source=meeting')).json().items).toHaveLength(1);
    expect((await t.request(pmo, 'GET', '/api/actions?overdue=true')).json().items.map((i: { id: string }) => i.id).sort()).toEqual([ids.m, sup.json().id].sort());
    expect((await t.request(pmo, 'GET', `/api/actions?unit=${ids.water}`)).json().total).toBe(2);

    // The job climbs the meeting's item too (11-26 is 4 working days past 11-20 → level 2, the land bureau's head).
    await t.container.services.escalation.run();
    const m = (await t.request(landStaff, 'GET', `/api/actions/${ids.m}`)).json();
    expect(m.escalationLevel).toBe(2);
    expect((await inbox(landHead)).some((n) => n.link === `/actions?id=${ids.m}`)).toBe(true);

    // Feedback with a photo, returned, fed back again, verified.
    expect((await post(landStaff, `/api/actions/${ids.m}/feedback`, {}, m.version)).statusCode).toBe(400);
    const fb = await post(landStaff, `/api/actions/${ids.m}/feedback`, { note: '施工许可已办结', attachmentIds: [await photo(landStaff)] }, m.version);
    expect(fb.json()).toMatchObject({ status: 'reported', feedback: '施工许可已办结' });
    expect((await post(landStaff, `/api/actions/${ids.m}/verify`, {}, m.version + 1)).statusCode).toBe(403);
    expect((await post(pmo, `/api/actions/${ids.m}/return`, {}, m.version + 1)).statusCode).toBe(400);
    expect((await post(pmo, `/api/actions/${ids.m}/return`, { reason: '未见开工照片' }, m.version + 1)).json().status).toBe('open');
    await post(landStaff, `/api/actions/${ids.m}/feedback`, { note: '已开工', attachmentIds: [await photo(landStaff)] }, m.version + 2);
    const closed = await post(pmo, `/api/actions/${ids.m}/verify`, {}, m.version + 3);
    expect(closed.json()).toMatchObject({ status: 'closed', closedAt: expect.any(String) });
    expect(closed.json().events.map((e: { kind: string }) => e.kind)).toEqual(['auto-escalate', 'feedback', 'return', 'feedback', 'verify']);
    expect((await post(pmo, `/api/actions/${ids.m}/cancel`, { reason: 'x' }, m.version + 4)).statusCode).toBe(409);

    // Cancel needs a reason; two people acting on one version: the second gets 412.
    expect((await post(pmo, `/api/actions/${ids.i}/cancel`, {}, 1)).statusCode).toBe(400);
    const [first, second] = await Promise.all([post(waterStaff, `/api/actions/${ids.i}/feedback`, { note: '已接驳' }, 1), post(pmo, `/api/actions/${ids.i}/cancel`, { reason: '并入会议督办' }, 1)]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 412]);
    expect((await post(vice, `/api/actions/${ids.i}/escalate`, {}, 2)).statusCode).toBe(400);
    // The 批示 and the 转督办 reached the water company's staff when raised (no person was named).
    const water = (await inbox(waterStaff)).map((n) => n.title);
    expect(water).toContain('领导批示：月底前完成供水管网接驳');
    expect(water.filter((x) => x.startsWith('问题督办：'))).toHaveLength(1);
  });

  it('prints the 督办单 and 催办单 of an item raised from a problem, not only from a meeting', async () => {
    const res = await t.request(pmo, 'GET', `/api/actions/${ids.sup}/slip?kind=supervision`);
    expect(res.statusCode, res.body).toBe(200);
    expect(decodeURIComponent(String(res.headers['content-disposition']).split("UTF-8''")[1]!)).toMatch(/^督办单-督办〔2026〕\d+号\.docx$/);
    const text = wordText((await readPackageParts(res.rawPayload, ['word/document.xml']))['word/document.xml']!);
    expect(text).toContain('督 办 单');
    expect(text).toContain('问题督办');
    expect(text).toContain('水务集团');
    const reminder = await t.request(waterStaff, 'GET', `/api/actions/${ids.sup}/slip?kind=reminder`);
    expect(reminder.statusCode).toBe(200);
    expect(wordText((await readPackageParts(reminder.rawPayload, ['word/document.xml']))['word/document.xml']!)).toContain('催 办 单');
    expect((await t.request(landStaff, 'GET', `/api/actions/${ids.sup}/slip`)).statusCode).toBe(404);
  });

  it('tells every level an item passes over when it climbs several at once (the job ran late)', async () => {
    // Thursday 11-26 is 4 working days past Friday 11-20: a new problem goes 0 → 2 in one run.
    const p = await raise(pmo, { description: '施工用电未接入', category: '水电气配套', deadline: '2026-11-20' });
    ids.late = p.json().id;
    await t.container.services.escalation.run();
    expect((await t.request(pmo, 'GET', `/api/problems/${ids.late}`)).json().escalationLevel).toBe(2);
    const mine = async (as: Session) => (await t.request(as, 'GET', '/api/notifications')).json<{ items: { title: string; body: string; link: string }[] }>().items.filter((n) => n.link === `/problems?id=${ids.late}`);
    // 分管领导 (level 1, passed over) hears once, told which level it passed; the head (level 2) and the owner unit's staff once.
    const vices = await mine(vice);
    expect(vices).toHaveLength(1);
    expect(vices[0]!.title).toMatch(/^问题升级至责任单位主要负责人：/);
    expect(vices[0]!.body).toContain('已越过第1级「分管领导」');
    expect(await mine(landHead)).toHaveLength(1);
    expect((await mine(landHead))[0]!.body).not.toContain('已越过');
    expect(await mine(landStaff)).toHaveLength(1);
    // A second run tells nobody again.
    expect(await t.container.services.escalation.run()).toMatchObject({ problems: 0, notified: 0 });
  });
});
