import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseVariants, type TestDatabase } from '../../../test/helpers/databases.js';
import { startTestApp, type Session, type TestApp } from '../../../test/helpers/test-app.js';

describe.each(databaseVariants())('units and users on $name', (variant) => {
  let db: TestDatabase;
  let t: TestApp;
  let admin: Session;

  beforeAll(async () => {
    db = await variant.create();
    t = await startTestApp(db);
    admin = await t.loginAs('system-admin');
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  async function addUnit(name: string, parentId = t.rootUnitId, type = 'department') {
    const res = await t.request(admin, 'POST', '/api/units', { body: { parentId, name, type } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string; version: number; path: string }>();
  }

  it('builds the unit tree with subtree paths and refuses duplicate names under one parent', async () => {
    const zone = await addUnit('XX港经济区管委会', t.rootUnitId, 'zone');
    const dept = await addUnit('经济区建设局', zone.id);
    expect(dept.path.startsWith(zone.path)).toBe(true);
    const dup = await t.request(admin, 'POST', '/api/units', { body: { parentId: zone.id, name: '经济区建设局', type: 'department' } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('CONFLICT');
  });

  it('needs If-Match to change a unit: 428 without, 412 with the current record when stale', async () => {
    const unit = await addUnit('发改局');
    const get = await t.request(admin, 'GET', `/api/units/${unit.id}`);
    expect(get.headers['etag']).toBe('"1"');
    const missing = await t.request(admin, 'PATCH', `/api/units/${unit.id}`, { body: { name: '县发改局' } });
    expect(missing.statusCode).toBe(428);
    expect(missing.json().error.code).toBe('PRECONDITION_REQUIRED');
    const ok = await t.request(admin, 'PATCH', `/api/units/${unit.id}`, { body: { name: '县发改局' }, headers: { 'if-match': '"1"' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['etag']).toBe('"2"');
    const stale = await t.request(admin, 'PATCH', `/api/units/${unit.id}`, { body: { name: '发展和改革局' }, headers: { 'if-match': '"1"' } });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error).toMatchObject({ code: 'VERSION_CONFLICT', details: { current: { name: '县发改局', version: 2 } } });
  });

  it('moves a subtree and keeps descendants under it; refuses a move under itself', async () => {
    const a = await addUnit('甲');
    const b = await addUnit('乙', a.id);
    const c = await addUnit('丙');
    const moved = await t.request(admin, 'PATCH', `/api/units/${a.id}`, { body: { parentId: c.id }, headers: { 'if-match': '"1"' } });
    expect(moved.statusCode, moved.body).toBe(200);
    const bNow = (await t.request(admin, 'GET', `/api/units/${b.id}`)).json<{ path: string }>();
    expect(bNow.path.startsWith(moved.json<{ path: string }>().path)).toBe(true);
    const loop = await t.request(admin, 'PATCH', `/api/units/${c.id}`, { body: { parentId: b.id }, headers: { 'if-match': '"1"' } });
    expect(loop.statusCode).toBe(400);
  });

  it('creates users with a unique username and needs If-Match to change them', async () => {
    const body = { username: 'Zhang.San', password: 'Temp!Pass123', displayName: '张三', title: '科员', phone: '13800001111', role: 'unit-staff' };
    const created = await t.request(admin, 'POST', '/api/users', { body });
    expect(created.statusCode, created.body).toBe(201);
    const user = created.json<{ id: string; username: string; mustChangePassword: boolean; version: number }>();
    expect(user).toMatchObject({ username: 'zhang.san', mustChangePassword: true, version: 1 });
    expect(created.body).not.toMatch(/passwordHash|argon2/);

    const dup = await t.request(admin, 'POST', '/api/users', { body: { ...body, username: 'zhang.san' } });
    expect(dup.statusCode).toBe(409);

    expect((await t.request(admin, 'PATCH', `/api/users/${user.id}`, { body: { title: '副科长' } })).statusCode).toBe(428);
    const ok = await t.request(admin, 'PATCH', `/api/users/${user.id}`, { body: { title: '副科长' }, headers: { 'if-match': '"1"' } });
    expect(ok.json()).toMatchObject({ title: '副科长', version: 2 });
    const stale = await t.request(admin, 'PATCH', `/api/users/${user.id}`, { body: { title: '科长' }, headers: { 'if-match': '"1"' } });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.details.current).toMatchObject({ title: '副科长', version: 2 });
  });

  it('explains a weak password rule by rule, in Chinese and English', async () => {
    const res = await t.request(admin, 'POST', '/api/users', { body: { username: 'weak1', password: 'abc', displayName: '弱', role: 'viewer' } });
    expect(res.statusCode).toBe(400);
    const issues = res.json().error.details.issues as { message: string; messageEn: string }[];
    expect(issues.map((i) => i.message)).toEqual(['密码长度至少 8 位', '密码须包含小写字母、大写字母、数字、符号中的至少 3 类']);
    expect(issues[0]!.messageEn).toMatch(/at least 8/);
  });

  it('lets only the security admin assign roles, ends the user sessions, and keeps one admin of each kind', async () => {
    const sec = await t.loginAs('security-admin');
    const u = await t.createUser('viewer');
    const s = await t.login(u.username, u.password);
    const res = await t.request(sec, 'PUT', `/api/users/${u.id}/role`, { body: { role: 'coordinator' }, headers: { 'if-match': '"1"' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().role).toBe('coordinator');
    expect((await t.request(s, 'GET', '/api/me')).statusCode).toBe(401);

    const audits = await t.request(sec, 'GET', '/api/users?role=audit-admin');
    expect(audits.json().total).toBe(0);
    const auditor = await t.createUser('audit-admin');
    const demote = await t.request(sec, 'PUT', `/api/users/${auditor.id}/role`, { body: { role: 'viewer' }, headers: { 'if-match': '"1"' } });
    expect(demote.statusCode).toBe(400);
  });

  it('shows a leader only the people of their unit subtree', async () => {
    const zone = await addUnit('某园区', t.rootUnitId, 'zone');
    const inside = await t.createUser('unit-staff', { unitId: zone.id });
    const outside = await t.createUser('unit-staff');
    const leader = await t.loginAs('leader', { unitId: zone.id });
    const list = await t.request(leader, 'GET', '/api/users?pageSize=200');
    const names = list.json<{ items: { username: string }[] }>().items.map((x) => x.username);
    expect(names).toContain(inside.username);
    expect(names).not.toContain(outside.username);
    expect((await t.request(leader, 'GET', `/api/users/${outside.id}`)).statusCode).toBe(404);
    expect((await t.request(leader, 'GET', `/api/users/${inside.id}`)).statusCode).toBe(200);
  });

  it('searches, filters and paginates users on the server', async () => {
    for (let i = 0; i < 5; i++) await t.createUser('viewer', { username: `page-user-${i}` });
    const page1 = await t.request(admin, 'GET', '/api/users?q=page-user&pageSize=2&page=1');
    const page3 = await t.request(admin, 'GET', '/api/users?q=page-user&pageSize=2&page=3');
    expect(page1.json()).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(page1.json().items).toHaveLength(2);
    expect(page3.json().items).toHaveLength(1);
    expect((await t.request(admin, 'GET', '/api/users?pageSize=5000')).statusCode).toBe(400);
  });

  it('disables an account and ends its sessions; the admin cannot disable themselves', async () => {
    const u = await t.createUser('viewer');
    const s = await t.login(u.username, u.password);
    const res = await t.request(admin, 'PATCH', `/api/users/${u.id}`, { body: { disabled: true }, headers: { 'if-match': '"1"' } });
    expect(res.statusCode).toBe(200);
    expect((await t.request(s, 'GET', '/api/me')).statusCode).toBe(401);
    const login = await t.request(null, 'POST', '/api/auth/login', { body: { username: u.username, password: u.password } });
    expect(login.json().error.code).toBe('ACCOUNT_DISABLED');
    const self = await t.request(admin, 'GET', `/api/users/${admin.userId}`);
    const selfDisable = await t.request(admin, 'PATCH', `/api/users/${admin.userId}`, { body: { disabled: true }, headers: { 'if-match': self.headers['etag'] as string } });
    expect(selfDisable.statusCode).toBe(400);
  });

  it('resets a password (forcing a change) and unlocks a locked account', async () => {
    const u = await t.createUser('viewer');
    for (let i = 0; i < 5; i++) await t.request(null, 'POST', '/api/auth/login', { body: { username: u.username, password: 'bad' } });
    const unlocked = await t.request(admin, 'POST', `/api/users/${u.id}/unlock`);
    expect(unlocked.json().lockedUntil).toBeNull();
    const reset = await t.request(admin, 'POST', `/api/users/${u.id}/reset-password`, { body: { password: 'Reset!Pass99' } });
    expect(reset.json().mustChangePassword).toBe(true);
    await t.login(u.username, 'Reset!Pass99');
  });

  it('changes the security policy with If-Match, and the new rules apply', async () => {
    const sec = await t.loginAs('security-admin');
    const current = await t.request(sec, 'GET', '/api/settings/security');
    expect(current.json()).toMatchObject({ version: 0, policy: { passwordMinLength: 8, lockoutThreshold: 5, idleTimeoutMinutes: 30 } });
    const asvs = { ...current.json().policy, passwordProfile: 'asvs', passwordMinLength: 12, passwordMinClasses: 1, passwordMaxAgeDays: 0 };
    expect((await t.request(sec, 'PUT', '/api/settings/security', { body: asvs })).statusCode).toBe(428);
    const saved = await t.request(sec, 'PUT', '/api/settings/security', { body: asvs, headers: { 'if-match': '"0"' } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.headers['etag']).toBe('"1"');
    const stale = await t.request(sec, 'PUT', '/api/settings/security', { body: asvs, headers: { 'if-match': '"0"' } });
    expect(stale.statusCode).toBe(412);
    const bad = await t.request(sec, 'PUT', '/api/settings/security', { body: { ...asvs, passwordMinLength: 4 }, headers: { 'if-match': '"1"' } });
    expect(bad.statusCode).toBe(400);

    await new Promise((r) => setTimeout(r, 5_100)); // the policy cache lives 5 s
    const short = await t.request(admin, 'POST', '/api/users', { body: { username: 'asvs-user', password: 'Abc!12345', displayName: '甲', role: 'viewer' } });
    expect(short.statusCode).toBe(400);
    const long = await t.request(admin, 'POST', '/api/users', { body: { username: 'asvs-user', password: 'correct horse battery', displayName: '甲', role: 'viewer' } });
    expect(long.statusCode, long.body).toBe(201);
  });
});
