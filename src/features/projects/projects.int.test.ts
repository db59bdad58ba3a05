import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageOf } from '../../core/schemas/common.schema.js';
import { projectListItemSchema } from '../../core/schemas/projects.schema.js';
import { openDatabase } from '../../db/connect.js';
import { databaseVariants, type TestDatabase } from '../../../test/helpers/databases.js';
import { manualClock, startTestApp, type Session, type TestApp } from '../../../test/helpers/test-app.js';

describe.each(databaseVariants())('projects on $name', (variant) => {
  let db: TestDatabase;
  let t: TestApp;
  let admin: Session;
  let pmo: Session;
  let zoneId = '';
  let otherId = '';
  let leaderId = '';
  const clock = manualClock(new Date('2026-05-15T02:00:00Z'));

  beforeAll(async () => {
    db = await variant.create();
    t = await startTestApp(db, { clock });
    admin = await t.loginAs('system-admin');
    const unit = async (name: string, type: string) => (await t.request(admin, 'POST', '/api/units', { body: { parentId: t.rootUnitId, name, type } })).json<{ id: string }>().id;
    zoneId = await unit('XX港经济区管委会', 'zone');
    otherId = await unit('XX镇', 'town');
    leaderId = (await t.createUser('leader', { username: 'fenguan' })).id;
    pmo = await t.loginAs('coordinator');
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  async function create(body: Record<string, unknown>, as = pmo) {
    const res = await t.request(as, 'POST', '/api/projects', { body: { leadUnitId: zoneId, ...body } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string; version: number; stage: string }>();
  }

  it('creates a project with exact money, 亩, responsibility and a first timeline entry', async () => {
    const p = await create({
      name: '氢能装备产业园',
      code: '2026-330000-04-01-123456',
      industry: '新能源',
      projectType: 'industrial',
      stage: 'negotiating',
      totalInvestment: 1_234_567_890_123,
      landArea: 123.45,
      plannedSignDate: '2026-05',
      leaderUserId: leaderId,
      supportingUnitIds: [otherId],
      builderCreditCode: '91330000mA2b3c4d5e',
    });
    const full = (await t.request(pmo, 'GET', `/api/projects/${p.id}`)).json();
    expect(full).toMatchObject({
      totalInvestment: 1_234_567_890_123,
      landArea: 123.45,
      stage: 'negotiating',
      leadUnitName: 'XX港经济区管委会',
      leader: { id: leaderId },
      supportingUnits: [{ id: otherId, name: 'XX镇' }],
      builderCreditCode: '91330000MA2B3C4D5E',
    });
    const stages = (await t.request(pmo, 'GET', `/api/projects/${p.id}/stages`)).json();
    expect(stages).toMatchObject([{ fromStage: null, toStage: 'negotiating' }]);
  });

  it('validates the 项目代码 shape, uniqueness, and the leader role', async () => {
    const bad = await t.request(pmo, 'POST', '/api/projects', { body: { name: 'x', leadUnitId: zoneId, code: '2026-33-04' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].message).toMatch(/项目代码/);
    const dup = await t.request(pmo, 'POST', '/api/projects', { body: { name: 'y', leadUnitId: zoneId, code: '2026-330000-04-01-123456' } });
    expect(dup.statusCode).toBe(409);
    const notLeader = await t.request(pmo, 'POST', '/api/projects', { body: { name: 'z', leadUnitId: zoneId, leaderUserId: pmo.userId } });
    expect(notLeader.statusCode).toBe(400);
    const monthDate = await t.request(pmo, 'POST', '/api/projects', { body: { name: 'w', leadUnitId: zoneId, plannedStartDate: '2026-13' } });
    expect(monthDate.statusCode).toBe(400);
  });

  it('finds projects by pinyin initials, filters, sorts and pages on the server with a constant statement count', async () => {
    for (let i = 0; i < 12; i++) await create({ name: `新材料项目${i}`, industry: '新材料', totalInvestment: (i + 1) * 10_000_000, stage: i % 2 ? 'signed' : 'reserve' });
    const qn = (await t.request(pmo, 'GET', '/api/projects?q=qn')).json();
    expect(qn.items.map((p: { name: string }) => p.name)).toEqual(['氢能装备产业园']);
    const sorted = (await t.request(pmo, 'GET', '/api/projects?industry=新材料&sort=totalInvestment&order=desc&pageSize=5&page=2')).json();
    expect(sorted.total).toBe(12);
    expect(sorted.items.map((p: { totalInvestment: number }) => p.totalInvestment)).toEqual([70, 60, 50, 40, 30].map((x) => x * 1_000_000));
    const signed = (await t.request(pmo, 'GET', '/api/projects?stage=signed&stage=negotiating&pageSize=100')).json();
    expect(signed.total).toBe(7);

    const count = async (query: string) => {
      const before = t.container.handle.stats.queries;
      expect((await t.request(pmo, 'GET', `/api/projects?${query}`)).statusCode).toBe(200);
      return t.container.handle.stats.queries - before;
    };
    // First sight of a filter: the page and its total. Then the total is known until data changes.
    // On PostgreSQL a write anywhere in the cluster (another test file's database) also makes the
    // next page count again, so a known total is checked as the fewest of three tries.
    const known = async (query: string) => Math.min(await count(query), await count(query), await count(query));
    const counted = await count('pageSize=1&q=xcl');
    expect(await known('pageSize=100&q=xcl')).toBe(counted - 1);
    expect(await count('pageSize=100&q=xcl&industry=新材料')).toBe(counted);
    expect(await known('pageSize=1&q=xcl&industry=新材料&page=3')).toBe(counted - 1);
  });

  it('writes each list item as projectListItemSchema says, whatever the values (the database builds the JSON)', async () => {
    const name = '引号"反斜杠\\换行\n制表\t😀项目';
    const { id } = await create({ name, industry: '取值', totalInvestment: 1_234_567_890_123, ytdInvestment: 0, leaderUserId: leaderId, plannedStartDate: '2026-06', progressText: '主体\u0001施工', extra: {} });
    await create({ name: '取值空项目', industry: '取值' });
    const res = await t.request(pmo, 'GET', '/api/projects?industry=取值&sort=name&order=asc');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = res.json<{ items: Record<string, unknown>[]; total: number; page: number; pageSize: number }>();
    expect(pageOf(projectListItemSchema.strict()).parse(body)).toEqual(body);
    expect(body).toMatchObject({ total: 2, page: 1, pageSize: 20 });
    const item = body.items.find((i) => i.id === id)!;
    const full = (await t.request(pmo, 'GET', `/api/projects/${id}`)).json<Record<string, unknown>>();
    for (const key of Object.keys(projectListItemSchema.shape)) {
      if (key === 'leaderName') expect(item[key]).toBe((full['leader'] as { name: string }).name);
      else expect(item[key], key).toEqual(full[key]);
    }
    expect(item).toMatchObject({ name, totalInvestment: 1_234_567_890_123, ytdInvestment: 0, suspended: false, archived: false, extra: {} });
    const empty = (await t.request(pmo, 'GET', '/api/projects?industry=无此行业')).json();
    expect(empty).toEqual({ items: [], total: 0, page: 1, pageSize: 20 });
    if (db.kind === 'postgres') {
      // The page statement runs prepared (the test pool has one connection: the one asked here).
      const prepared = await sql<{ n: number }>`select count(*)::int as n from pg_prepared_statements where statement like 'select json_build_object(%'`.execute(t.container.handle.db);
      expect(prepared.rows[0]!.n).toBeGreaterThanOrEqual(2);
    }
  });

  it('counts a list again after any write, by this instance or another connection', async () => {
    const total = async () => (await t.request(pmo, 'GET', '/api/projects?industry=计数&pageSize=1')).json<{ total: number }>().total;
    await create({ name: '计数项目一', industry: '计数' });
    expect(await total()).toBe(1);
    expect(await total()).toBe(1);
    await create({ name: '计数项目二', industry: '计数' });
    expect(await total()).toBe(2);
    // Another connection (another worker process or instance) archives one behind this one's back.
    const other = openDatabase(db.url, { poolMax: 1 });
    try {
      await other.db.updateTable('projects').set({ archived: 1 }).where('name', '=', '计数项目一').execute();
    } finally {
      await other.close();
    }
    expect(await total()).toBe(1);
  });

  it('sums count and total investment per stage on the server (kanban headers)', async () => {
    const summary = (await t.request(pmo, 'GET', '/api/projects/summary?industry=新材料')).json<{ stage: string; count: number; totalInvestment: number }[]>();
    const signed = summary.find((s) => s.stage === 'signed')!;
    expect(signed).toEqual({ stage: 'signed', count: 6, totalInvestment: (2 + 4 + 6 + 8 + 10 + 12) * 10_000_000 });
  });

  it('moves stages by the rules, keeps the timeline and the stage dates, and needs If-Match', async () => {
    const p = await create({ name: '港口物流中心', projectType: 'industrial', stage: 'negotiating' });
    const move = (to: string, version: number, extra: Record<string, string> = {}) =>
      t.request(pmo, 'POST', `/api/projects/${p.id}/transitions`, { body: { to, ...extra }, headers: { 'if-match': `"${version}"` } });
    const early = await move('construction', 1);
    expect(early.statusCode).toBe(400);
    expect(early.json().error.details.reason).toMatch(/尚未签约/);
    expect((await t.request(pmo, 'POST', `/api/projects/${p.id}/transitions`, { body: { to: 'signed' } })).statusCode).toBe(428);
    expect((await move('signed', 1, { date: '2026-05-28' })).json().error.details.reason).toMatch(/晚于今天/);
    clock.set(new Date('2026-07-01T02:00:00Z'));
    pmo = await t.loginAs('coordinator'); // six weeks later: the old session has expired
    admin = await t.loginAs('system-admin');
    const signed = await move('signed', 1, { date: '2026-05-28', note: '在县政府签约' });
    expect(signed.json()).toMatchObject({ stage: 'signed', actualSignDate: '2026-05-28', version: 2 });
    expect((await move('construction', 1)).statusCode).toBe(412);
    const started = await move('construction', 2, { date: '2026-06-25' });
    expect(started.json()).toMatchObject({ stage: 'construction', actualStartDate: '2026-06-25' });
    expect((await move('signed', 3)).statusCode).toBe(400);
    const back = await move('signed', 3, { reason: '施工许可证未办结，暂缓开工' });
    expect(back.json()).toMatchObject({ stage: 'signed', actualStartDate: '2026-06-25' });
    const timeline = (await t.request(pmo, 'GET', `/api/projects/${p.id}/stages`)).json<{ toStage: string; reason: string | null; byName: string }[]>();
    expect(timeline.map((e) => e.toStage)).toEqual(['negotiating', 'signed', 'construction', 'signed']);
    expect(timeline[3]!.reason).toMatch(/暂缓/);
    const changes = (await t.request(pmo, 'GET', `/api/projects/${p.id}/changes`)).json<{ action: string }[]>();
    expect(changes.map((c) => c.action)).toContain('project.transition');
  });

  it('archives with a reason (never deletes) and hides archived projects by default', async () => {
    const p = await create({ name: '待归档项目' });
    expect((await t.request(pmo, 'POST', `/api/projects/${p.id}/archive`, { body: { reason: '' }, headers: { 'if-match': '"1"' } })).statusCode).toBe(400);
    expect((await t.request(pmo, 'POST', `/api/projects/${p.id}/archive`, { body: { reason: '与另一项目合并' }, headers: { 'if-match': '"1"' } })).json()).toMatchObject({ archived: true, archivedReason: '与另一项目合并' });
    const list = (await t.request(pmo, 'GET', '/api/projects?q=待归档')).json();
    expect(list.total).toBe(0);
    const all = (await t.request(pmo, 'GET', '/api/projects?q=待归档&archived=true')).json();
    expect(all.total).toBe(1);
  });

  it('limits unit staff and coordinators to their unit subtree', async () => {
    const townStaff = await t.loginAs('unit-staff', { unitId: otherId });
    const townPmo = await t.loginAs('coordinator', { unitId: otherId });
    const own = await create({ name: '镇级污水处理厂', projectType: 'infrastructure' }, pmo);
    await t.request(pmo, 'PATCH', `/api/projects/${own.id}`, { body: { leadUnitId: otherId }, headers: { 'if-match': '"1"' } });
    const seen = (await t.request(townStaff, 'GET', '/api/projects?pageSize=200')).json<{ items: { name: string }[] }>().items.map((p) => p.name);
    expect(seen).toContain('镇级污水处理厂');
    expect(seen).toContain('氢能装备产业园'); // the town is a supporting unit of it
    expect(seen).not.toContain('港口物流中心');
    const hidden = (await t.request(pmo, 'GET', '/api/projects?q=港口物流')).json().items[0].id as string;
    expect((await t.request(townStaff, 'GET', `/api/projects/${hidden}`)).statusCode).toBe(404);
    expect((await t.request(townStaff, 'POST', '/api/projects', { body: { name: 'x', leadUnitId: otherId } })).statusCode).toBe(403);
    const outside = await t.request(townPmo, 'POST', '/api/projects', { body: { name: 'x', leadUnitId: zoneId } });
    expect(outside.statusCode).toBe(400);
  });

  it('validates and filters deployment-defined extra fields', async () => {
    const def = await t.request(pmo, 'POST', '/api/extra-fields', { body: { key: 'fundingType', label: '资金类型', kind: 'choice', options: ['专项债', '自筹'] } });
    expect(def.statusCode, def.body).toBe(201);
    await t.request(pmo, 'POST', '/api/extra-fields', { body: { key: 'landQuota', label: '用地指标（亩）', kind: 'number' } });
    const bad = await t.request(pmo, 'POST', '/api/projects', { body: { name: '自定义字段项目', leadUnitId: zoneId, extra: { fundingType: '银行贷款', landQuota: '五十', nope: 1 } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues.map((i: { message: string }) => i.message)).toEqual([
      '资金类型：应为以下之一：专项债、自筹',
      '用地指标（亩）：应为数字',
      '未定义的自定义字段“nope”',
    ]);
    await create({ name: '专项债项目', extra: { fundingType: '专项债', landQuota: 50 } });
    await create({ name: '自筹项目', extra: { fundingType: '自筹' } });
    const list = (await t.request(pmo, 'GET', '/api/projects?extraKey=fundingType&extraValue=专项债')).json();
    expect(list.items.map((p: { name: string }) => p.name)).toEqual(['专项债项目']);
    expect(list.items[0].extra).toEqual({ fundingType: '专项债', landQuota: 50 });
    const byNumber = (await t.request(pmo, 'GET', '/api/projects?extraKey=landQuota&extraValue=50')).json();
    expect(byNumber.total).toBe(1);
  });

  it('merges extra values on update; an archived field keeps its value and passes through untouched', async () => {
    const def = await t.request(pmo, 'POST', '/api/extra-fields', { body: { key: 'oldCode', label: '旧编号', kind: 'text' } });
    expect(def.statusCode, def.body).toBe(201);
    const p = await create({ name: '旧编号项目', extra: { fundingType: '自筹', oldCode: 'A-17' } });
    const archived = await t.request(pmo, 'PATCH', `/api/extra-fields/${def.json().id}`, { body: { archived: true }, headers: { 'if-match': '"1"' } });
    expect(archived.statusCode, archived.body).toBe(200);
    const patch = (version: number, extra: Record<string, unknown>) => t.request(pmo, 'PATCH', `/api/projects/${p.id}`, { body: { extra }, headers: { 'if-match': `"${version}"` } });
    const one = await patch(1, { fundingType: '专项债' });
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json().extra).toEqual({ fundingType: '专项债', oldCode: 'A-17' });
    // A client that sends every value back, the archived one unchanged, is fine too.
    expect((await patch(2, { fundingType: '自筹', oldCode: 'A-17' })).statusCode).toBe(200);
    const changed = await patch(3, { oldCode: 'B-2' });
    expect(changed.statusCode).toBe(400);
    expect(changed.json().error.details.issues[0].message).toBe('自定义字段“旧编号”已停用');
    const cleared = await patch(3, { fundingType: null });
    expect(cleared.json().extra).toEqual({ oldCode: 'A-17' });
  });

  it('lets a town coordinator pick a county leader as 包挂领导 from the people lookup', async () => {
    const townPmo = await t.loginAs('coordinator', { unitId: otherId });
    const gone = await t.createUser('leader', { username: 'retired-leader' });
    await t.request(admin, 'PATCH', `/api/users/${gone.id}`, { body: { disabled: true }, headers: { 'if-match': '"1"' } });
    // The user list stays scoped to the town; the lookup is county-wide but shows names and titles only.
    expect((await t.request(townPmo, 'GET', '/api/users?role=leader')).json().items).toEqual([]);
    const leaders = (await t.request(townPmo, 'GET', '/api/people?role=leader')).json<{ id: string; name: string; role: string }[]>();
    expect(leaders.map((l) => l.id)).toContain(leaderId);
    expect(leaders.map((l) => l.id)).not.toContain(gone.id);
    expect(new Set(leaders.map((l) => l.role))).toEqual(new Set(['leader']));
    expect(Object.keys(leaders[0]!).sort()).toEqual(['id', 'name', 'role', 'title', 'unitName']);
    const everyone = (await t.request(townPmo, 'GET', '/api/people')).json<{ role: string }[]>();
    expect(everyone.some((u) => u.role === 'coordinator')).toBe(true);
    expect(everyone.some((u) => u.role === 'system-admin')).toBe(false);
    const res = await t.request(townPmo, 'POST', '/api/projects', { body: { name: '镇级光伏电站', leadUnitId: otherId, leaderUserId: leaderId } });
    expect(res.statusCode, res.body).toBe(201);
    expect((await t.request(townPmo, 'GET', '/api/people?role=system-admin')).statusCode).toBe(400);
  });

  it('keeps saved views per person', async () => {
    const other = await t.loginAs('coordinator');
    const saved = await t.request(pmo, 'POST', '/api/saved-views', { body: { name: '新材料签约', params: { industry: '新材料', stage: ['signed'], columns: ['name', 'totalInvestment'] } } });
    expect(saved.statusCode).toBe(201);
    expect((await t.request(pmo, 'GET', '/api/saved-views')).json().map((v: { name: string }) => v.name)).toEqual(['新材料签约']);
    expect((await t.request(other, 'GET', '/api/saved-views')).json()).toEqual([]);
    expect((await t.request(other, 'DELETE', `/api/saved-views/${saved.json().id}`)).statusCode).toBe(404);
    expect((await t.request(pmo, 'DELETE', `/api/saved-views/${saved.json().id}`)).statusCode).toBe(200);
  });

  it('computes the five-batch figures for a period', async () => {
    const figures = (await t.request(pmo, 'GET', '/api/pipeline?period=quarter')).json();
    expect(figures.period).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    const may = (await t.request(pmo, 'GET', '/api/pipeline?from=2026-05-01&to=2026-05-31')).json();
    expect(may.flows.signed).toBeGreaterThanOrEqual(1);
    expect(figures.stock.signed.count).toBeGreaterThanOrEqual(7);
    expect(figures.conversion.find((c: { from: string }) => c.from === 'negotiating').entered).toBeGreaterThanOrEqual(2);
    const june = (await t.request(pmo, 'GET', '/api/pipeline?from=2026-06-01&to=2026-06-30')).json();
    expect(june.flows.construction).toBe(1);
  });
});
