import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildCli } from '../../cli/main.js';
import { readPackageParts, wordText } from '../../documents/docx-parts.js';
import { databaseVariants, type TestDatabase } from '../../../test/helpers/databases.js';
import { manualClock, startTestApp, type Session, type TestApp } from '../../../test/helpers/test-app.js';

/**
 * The speech's meeting (经济区重大项目情况汇报会): four negotiating projects heard, three
 * actions raised with owners and deadlines; then the next meeting of the series opens with them.
 */
describe.each(databaseVariants())('meetings on $name', (variant) => {
  let db: TestDatabase;
  let t: TestApp;
  let pmo: Session;
  let zonePmo: Session;
  let investStaff: Session;
  let otherStaff: Session;
  let viewer: Session;
  let chairId = '';
  let ownerUserId = '';
  const ids: Record<string, string> = {};
  const clock = manualClock(new Date('2026-05-12T06:00:00Z'));

  beforeAll(async () => {
    db = await variant.create();
    t = await startTestApp(db, { clock });
    const admin = await t.loginAs('system-admin');
    const unit = async (name: string, parentId: string, type: string) => (await t.request(admin, 'POST', '/api/units', { body: { parentId, name, type } })).json<{ id: string }>().id;
    ids.zone = await unit('XX港经济区管委会', t.rootUnitId, 'zone');
    ids.invest = await unit('经济区招商局', ids.zone, 'department');
    ids.build = await unit('经济区规划建设局', ids.zone, 'department');
    ids.town = await unit('XX镇', t.rootUnitId, 'town');
    pmo = await t.loginAs('coordinator');
    zonePmo = await t.loginAs('coordinator', { unitId: ids.town });
    chairId = (await t.createUser('leader', { username: 'secretary' })).id;
    const owner = await t.createUser('unit-staff', { username: 'owner1', unitId: ids.invest });
    ownerUserId = owner.id;
    investStaff = await t.login(owner.username);
    otherStaff = await t.loginAs('unit-staff', { unitId: ids.town });
    await t.createUser('unit-staff', { username: 'builder1', unitId: ids.build });
    await t.createUser('unit-staff', { username: 'builder2', unitId: ids.build });
    viewer = await t.loginAs('viewer');
    for (const name of ['新能源电池材料项目', '港口物流园项目', '高端装备制造项目', '海上风电运维基地']) {
      const res = await t.request(pmo, 'POST', '/api/projects', { body: { name, leadUnitId: ids.zone, stage: 'negotiating' } });
      ids[name] = res.json<{ id: string }>().id;
    }
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  const ifMatch = (v: number) => ({ 'if-match': `"${v}"` });
  let meeting: { id: string; version: number; agenda: { id: string; version: number; outcomes: { id: string; kind: string; version: number; actionItemId: string | null; actionStatus: string | null }[] }[] };

  it('creates a meeting in a new series, with attendance and four agenda items', async () => {
    const res = await t.request(pmo, 'POST', '/api/meetings', {
      body: { kind: 'briefing', title: '经济区重大项目情况汇报会', date: '2026-05-12', startTime: '15:00', place: '县委常委会议室', chairUserId: chairId, newSeriesName: '经济区重大项目调度会' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    meeting = res.json();
    expect(meeting).toMatchObject({ status: 'open', chairName: '测试leader', seriesName: '经济区重大项目调度会', attendees: [], agenda: [] });

    const att = await t.request(pmo, 'PUT', `/api/meetings/${meeting.id}/attendees`, {
      body: { attendees: [{ userId: chairId }, { userId: ownerUserId, attendance: 'present' }, { name: '王副县长', attendance: 'leave', note: '出差' }] },
      headers: ifMatch(1),
    });
    expect(att.statusCode, att.body).toBe(200);
    expect(att.json().attendees.map((a: { name: string; attendance: string; unitName: string | null }) => [a.name, a.attendance, a.unitName])).toEqual([
      ['测试leader', 'present', expect.any(String)],
      ['测试unit-staff', 'present', '经济区招商局'],
      ['王副县长', 'leave', null],
    ]);
    expect(att.json().version).toBe(2);

    for (const [i, name] of ['新能源电池材料项目', '港口物流园项目', '高端装备制造项目', '海上风电运维基地'].entries()) {
      const r = await t.request(pmo, 'POST', `/api/meetings/${meeting.id}/agenda`, { body: { projectId: ids[name], presenter: '经济区招商局', ...(i === 3 ? { problemId: 'problem-42' } : {}) } });
      expect(r.statusCode, r.body).toBe(201);
      meeting = r.json();
    }
    expect(meeting.agenda.map((a) => (a as unknown as { title: string }).title)).toEqual(['新能源电池材料项目', '港口物流园项目', '高端装备制造项目', '海上风电运维基地']);
    expect((meeting.agenda[3] as unknown as { problemId: string }).problemId).toBe('problem-42');
  });

  it('refuses bad input with zh/en messages: an action without owner or deadline, an agenda item without subject', async () => {
    const item = meeting.agenda[0]!;
    const bad = await t.request(pmo, 'POST', `/api/meetings/${meeting.id}/agenda/${item.id}/outcomes`, { body: { kind: 'action', content: '尽快签约' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/责任单位/);
    expect(bad.body).toMatch(/owner unit/);
    expect((await t.request(pmo, 'POST', `/api/meetings/${meeting.id}/agenda`, { body: { presenter: 'x' } })).statusCode).toBe(400);
    expect((await t.request(pmo, 'POST', `/api/meetings/${meeting.id}/agenda/${item.id}/outcomes`, { body: { kind: 'action', content: 'x', ownerUnitId: 'nope', deadline: '2026-05-31' } })).statusCode).toBe(400);
  });

  it('records information, decisions and the three actions', async () => {
    const [a, b, c, d] = meeting.agenda;
    const add = async (itemId: string, body: Record<string, unknown>) => {
      const r = await t.request(pmo, 'POST', `/api/meetings/${meeting.id}/agenda/${itemId}/outcomes`, { body });
      expect(r.statusCode, r.body).toBe(201);
      meeting = r.json();
    };
    await add(a!.id, { kind: 'info', content: '合作协议文本已基本谈妥，土地指标待落实' });
    await add(a!.id, { kind: 'decision', content: '由经济区牵头拿出土地规划调整方案' });
    await add(a!.id, { kind: 'action', content: '5月底前完成签约', ownerUnitId: ids.invest, ownerUserId: ownerUserId, deadline: '2026-05-31' });
    await add(b!.id, { kind: 'action', content: '6月下旬开工', ownerUnitId: ids.build, deadline: '2026-06-30' });
    await add(c!.id, { kind: 'action', content: '明年上半年建成投产', ownerUnitId: ids.zone, leaderUserId: chairId, deadline: '2027-06-30' });
    await add(d!.id, { kind: 'info', content: '投资方尚在比选' });
    const outcomes = meeting.agenda.flatMap((x) => x.outcomes);
    expect(outcomes.map((o) => o.kind)).toEqual(['info', 'decision', 'action', 'action', 'action', 'info']);
    expect(outcomes.every((o) => o.actionItemId === null)).toBe(true);

    // Edit an outcome with its own version; a stale version is refused.
    const info = outcomes[5]!;
    const ok = await t.request(pmo, 'PATCH', `/api/meetings/${meeting.id}/outcomes/${info.id}`, { body: { content: '投资方尚在比选，下次会议再议' }, headers: ifMatch(1) });
    expect(ok.statusCode, ok.body).toBe(200);
    const stale = await t.request(pmo, 'PATCH', `/api/meetings/${meeting.id}/outcomes/${info.id}`, { body: { content: '覆盖' }, headers: ifMatch(1) });
    expect(stale.statusCode).toBe(412);
    // Turning a decision into an action needs an owner and a deadline.
    const decision = outcomes[1]!;
    expect((await t.request(pmo, 'PATCH', `/api/meetings/${meeting.id}/outcomes/${decision.id}`, { body: { kind: 'action' }, headers: ifMatch(1) })).statusCode).toBe(400);
    meeting = (await t.request(pmo, 'GET', `/api/meetings/${meeting.id}`)).json();
  });

  it('lets the scoped readers see what concerns them only', async () => {
    // Owner unit staff see the meeting (it gave their unit an action); staff of another town do not.
    expect((await t.request(investStaff, 'GET', `/api/meetings/${meeting.id}`)).statusCode).toBe(200);
    expect((await t.request(otherStaff, 'GET', `/api/meetings/${meeting.id}`)).statusCode).toBe(404);
    expect((await t.request(otherStaff, 'GET', '/api/meetings')).json().total).toBe(0);
    expect((await t.request(viewer, 'GET', '/api/meetings')).json().total).toBe(1);
    // A coordinator of the town cannot run the county's meeting.
    expect((await t.request(zonePmo, 'POST', `/api/meetings/${meeting.id}/agenda`, { body: { title: '越权议题' } })).statusCode).toBe(404);
  });

  it('closes once (a concurrent second close is refused), raising one action item per action and notifying each owner once', async () => {
    const v = meeting.version;
    const [first, second] = await Promise.all([
      t.request(pmo, 'POST', `/api/meetings/${meeting.id}/close`, { headers: ifMatch(v) }),
      t.request(pmo, 'POST', `/api/meetings/${meeting.id}/close`, { headers: ifMatch(v) }),
    ]);
    const codes = [first.statusCode, second.statusCode].sort();
    expect(codes[0]).toBe(200);
    expect([409, 412]).toContain(codes[1]);
    meeting = (first.statusCode === 200 ? first : second).json();
    expect(meeting).toMatchObject({ status: 'closed' });

    const items = await t.container.deps.db.selectFrom('actionItems').selectAll().orderBy('deadline').execute();
    expect(items).toHaveLength(3);
    const outcomes = meeting.agenda.flatMap((x) => x.outcomes).filter((o) => o.kind === 'action');
    expect(outcomes.map((o) => o.actionStatus)).toEqual(['open', 'open', 'open']);
    expect(items[0]).toMatchObject({
      sourceKind: 'meeting',
      sourceId: outcomes[0]!.id,
      projectId: ids['新能源电池材料项目'],
      title: '5月底前完成签约',
      ownerUnitId: ids.invest,
      ownerUserId,
      leaderId: chairId, // the chair, when no leader was named
      deadline: '2026-05-31',
      status: 'open',
      escalationLevel: 0,
    });
    expect(items[1]).toMatchObject({ title: '6月下旬开工', ownerUnitId: ids.build, ownerUserId: null, deadline: '2026-06-30' });
    expect(items[2]).toMatchObject({ title: '明年上半年建成投产', leaderId: chairId, deadline: '2027-06-30' });

    // The owner person for the first; both active staff of 规划建设局 for the second; the zone has
    // no account, so the third goes to the nearest ancestor's 项目办 (the county office) — every action reaches someone.
    const notes = await t.container.deps.db.selectFrom('notifications').select(['userId', 'kind', 'link', 'title']).where('kind', '=', 'action-assigned').execute();
    expect(notes).toHaveLength(4);
    expect(notes.filter((n) => n.userId === ownerUserId)).toHaveLength(1);
    expect(notes.filter((n) => n.title === '会议督办：6月下旬开工')).toHaveLength(2);
    expect(notes.filter((n) => n.title === '会议督办：明年上半年建成投产').map((n) => n.userId)).toEqual([pmo.userId]);
    expect(notes[0]!.link).toMatch(new RegExp(`^/meetings/${meeting.id}\\?action=`));
    const inbox = (await t.request(investStaff, 'GET', '/api/notifications')).json();
    expect(inbox.items[0].title).toBe('会议督办：5月底前完成签约');
  });

  it('locks a closed meeting: every edit is refused with 409 MEETING_CLOSED', async () => {
    const item = meeting.agenda[0]!;
    const outcome = item.outcomes[0]!;
    const tries = [
      await t.request(pmo, 'PATCH', `/api/meetings/${meeting.id}`, { body: { place: '别处' }, headers: ifMatch(meeting.version) }),
      await t.request(pmo, 'PUT', `/api/meetings/${meeting.id}/attendees`, { body: { attendees: [] }, headers: ifMatch(meeting.version) }),
      await t.request(pmo, 'POST', `/api/meetings/${meeting.id}/agenda`, { body: { title: '追加议题' } }),
      await t.request(pmo, 'PATCH', `/api/meetings/${meeting.id}/agenda/${item.id}`, { body: { title: '改' }, headers: ifMatch(item.version) }),
      await t.request(pmo, 'DELETE', `/api/meetings/${meeting.id}/agenda/${item.id}`, { headers: ifMatch(item.version) }),
      await t.request(pmo, 'POST', `/api/meetings/${meeting.id}/agenda/${item.id}/outcomes`, { body: { kind: 'info', content: '补充' } }),
      await t.request(pmo, 'PATCH', `/api/meetings/${meeting.id}/outcomes/${outcome.id}`, { body: { content: '改' }, headers: ifMatch(outcome.version) }),
      await t.request(pmo, 'DELETE', `/api/meetings/${meeting.id}/outcomes/${outcome.id}`, { headers: ifMatch(outcome.version) }),
      await t.request(pmo, 'POST', `/api/meetings/${meeting.id}/close`, { headers: ifMatch(meeting.version) }),
    ];
    for (const r of tries) {
      expect(r.statusCode, r.body).toBe(409);
      expect(r.json().error.code).toBe('MEETING_CLOSED');
    }
    expect(await t.container.deps.db.selectFrom('actionItems').select('id').execute()).toHaveLength(3);
    expect(await t.container.deps.db.selectFrom('notifications').select('id').where('kind', '=', 'action-assigned').execute()).toHaveLength(4);
  });

  it('opens the next meeting of the series with the previous meeting’s actions and their status now', async () => {
    // One action is reported back meanwhile (the problems branch runs this lifecycle; here, directly).
    await t.container.deps.db.updateTable('actionItems').set({ status: 'reported', feedback: '已签约' }).where('title', '=', '5月底前完成签约').execute();
    clock.set(new Date('2026-07-06T02:00:00Z'));
    // Weeks later: new sessions.
    pmo = await t.loginAs('coordinator');
    otherStaff = await t.loginAs('unit-staff', { unitId: ids.town });
    const series = (await t.request(pmo, 'GET', '/api/meeting-series')).json();
    expect(series).toEqual([expect.objectContaining({ name: '经济区重大项目调度会', meetingCount: 1, lastDate: '2026-05-12' })]);
    const next = await t.request(pmo, 'POST', '/api/meetings', { body: { kind: 'dispatch', title: '经济区重大项目调度会（第2次）', date: '2026-07-06', seriesId: series[0].id } });
    expect(next.statusCode, next.body).toBe(201);
    const carry = (await t.request(pmo, 'GET', `/api/meetings/${next.json().id}/carry-over`)).json();
    expect(carry.previousMeeting).toMatchObject({ id: meeting.id, date: '2026-05-12' });
    expect(carry.items.map((i: { title: string; status: string; overdue: boolean; fromPrevious: boolean }) => [i.title, i.status, i.overdue, i.fromPrevious])).toEqual([
      ['5月底前完成签约', 'reported', false, true],
      ['6月下旬开工', 'open', true, true],
      ['明年上半年建成投产', 'open', false, true],
    ]);
    // A meeting outside any series has nothing to carry over.
    const single = await t.request(pmo, 'POST', '/api/meetings', { body: { kind: 'site', title: '现场推进会', date: '2026-07-07' } });
    expect((await t.request(pmo, 'GET', `/api/meetings/${single.json().id}/carry-over`)).json()).toEqual({ previousMeeting: null, items: [] });
    // The list: newest first, with counts.
    const list = (await t.request(pmo, 'GET', '/api/meetings')).json();
    expect(list.items.map((m: { title: string; agendaCount: number; actionCount: number }) => [m.title, m.agendaCount, m.actionCount])).toEqual([
      ['现场推进会', 0, 0],
      ['经济区重大项目调度会（第2次）', 0, 0],
      ['经济区重大项目情况汇报会', 4, 3],
    ]);
  });

  it('refuses a stale meeting version with 412, and a missing one with 428', async () => {
    const m = (await t.request(pmo, 'GET', '/api/meetings?status=open')).json().items[0];
    expect((await t.request(pmo, 'PATCH', `/api/meetings/${m.id}`, { body: { place: '二楼会议室' } })).statusCode).toBe(428);
    expect((await t.request(pmo, 'PATCH', `/api/meetings/${m.id}`, { body: { place: '二楼会议室' }, headers: ifMatch(m.version) })).statusCode).toBe(200);
    const stale = await t.request(pmo, 'PATCH', `/api/meetings/${m.id}`, { body: { place: '三楼' }, headers: ifMatch(m.version) });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.details.current.place).toBe('二楼会议室');
  });

  it('prints the 督办单 and 催办单 of an action as Word documents, for those who may read the item', async () => {
    const item = await t.container.deps.db.selectFrom('actionItems').selectAll().where('title', '=', '6月下旬开工').executeTakeFirstOrThrow();
    const res = await t.request(pmo, 'GET', `/api/actions/${item.id}/slip?kind=supervision`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    // Numbered among the year's items; the three raised together share an instant, so any of 1–3.
    const disposition = String(res.headers['content-disposition']);
    const n = /督办〔2026〕([123])号/.exec(decodeURIComponent(disposition.split("UTF-8''")[1]!))?.[1];
    expect(disposition).toBe(`attachment; filename="supervision-slip.docx"; filename*=UTF-8''${encodeURIComponent(`督办单-督办〔2026〕${n}号.docx`)}`);
    const body = res.rawPayload;
    expect(body.subarray(0, 2).toString()).toBe('PK');
    const parts = await readPackageParts(body, ['word/document.xml']);
    const text = wordText(parts['word/document.xml']!);
    expect(text).toContain('督 办 单');
    expect(text).toContain(`督办〔2026〕${n}号`);
    expect(text).toContain('6月下旬开工');
    expect(text).toContain('经济区规划建设局');
    expect(text).toContain('港口物流园项目');
    expect(text).toContain('2026年6月30日');
    expect(text).toContain('测试leader');

    const reminder = await t.request(pmo, 'GET', `/api/actions/${item.id}/slip?kind=reminder`);
    const rtext = wordText((await readPackageParts(reminder.rawPayload, ['word/document.xml']))['word/document.xml']!);
    expect(rtext).toContain(`催办〔2026〕${n}号`);
    expect(rtext).toContain('已超过完成时限6天');

    // Scope: the owner unit's staff may print it; staff elsewhere may not see it; bad kind is 400.
    const builder = await t.login('builder1');
    expect((await t.request(builder, 'GET', `/api/actions/${item.id}/slip`)).statusCode).toBe(200);
    expect((await t.request(otherStaff, 'GET', `/api/actions/${item.id}/slip`)).statusCode).toBe(404);
    expect((await t.request(pmo, 'GET', `/api/actions/${item.id}/slip?kind=memo`)).statusCode).toBe(400);
    const audit = await t.container.deps.db.selectFrom('auditLog').select(['action', 'detail']).where('action', '=', 'action-item.supervision-slip').execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it('reads a meeting and the list in a constant number of statements (no N+1)', async () => {
    const count = async (url: string) => {
      const before = t.container.handle.stats.queries;
      expect((await t.request(pmo, 'GET', url)).statusCode).toBe(200);
      return t.container.handle.stats.queries - before;
    };
    const empty = (await t.request(pmo, 'GET', '/api/meetings?status=open')).json().items[0].id as string;
    // Four agenda items and six outcomes cost what an empty meeting costs.
    expect(await count(`/api/meetings/${meeting.id}`)).toBe(await count(`/api/meetings/${empty}`));
    const listed = await count('/api/meetings');
    for (let i = 0; i < 3; i++) await t.request(pmo, 'POST', '/api/meetings', { body: { kind: 'coordination', title: `会办会${i}`, date: '2026-07-08' } });
    expect(await count('/api/meetings')).toBe(listed);
    expect(await count(`/api/meetings/${meeting.id}/carry-over`)).toBeLessThanOrEqual(await count(`/api/meetings/${empty}/carry-over`) + 2);
  });

  it('prints the same slip from the command line: luodi report supervision --action ID --out FILE', async () => {
    const item = await t.container.deps.db.selectFrom('actionItems').select('id').where('title', '=', '5月底前完成签约').executeTakeFirstOrThrow();
    const out = join(mkdtempSync(join(tmpdir(), 'luodi-slip-')), 'slip.docx');
    // The CLI reads its database from the environment (config module); stub it for this call only.
    vi.stubEnv('LUODI_DB', db.url);
    let printed = '';
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((printed += String(chunk)), true));
    try {
      await buildCli().parseAsync(['node', 'luodi', 'report', 'supervision', '--action', item.id, '--out', out]);
    } finally {
      stdout.mockRestore();
      vi.unstubAllEnvs();
    }
    expect(printed).toMatch(/已生成督办单.*督办单-督办〔2026〕[123]号\.docx/);
    const text = wordText((await readPackageParts(readFileSync(out), ['word/document.xml']))['word/document.xml']!);
    expect(text).toContain('5月底前完成签约');
    expect(text).toContain('已反馈待核验');
    expect(text).toContain('已签约');
  });
});
