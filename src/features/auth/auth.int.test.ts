import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseVariants, type TestDatabase } from '../../../test/helpers/databases.js';
import { STRONG_PASSWORD, manualClock, startTestApp, type TestApp } from '../../../test/helpers/test-app.js';

describe.each(databaseVariants())('sign-in and sessions on $name', (variant) => {
  let db: TestDatabase;
  let t: TestApp;
  const clock = manualClock();

  beforeAll(async () => {
    db = await variant.create();
    t = await startTestApp(db, { clock });
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it('logs in, returns the user and a CSRF token, and sets a hardened cookie', async () => {
    const res = await t.request(null, 'POST', '/api/auth/login', { body: { username: 'ADMIN', password: STRONG_PASSWORD } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ username: 'admin', role: 'system-admin', mustChangePassword: false });
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/luodi_session=/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).not.toMatch(/Secure/); // plain http in tests; 'auto' adds Secure behind HTTPS
  });

  it('marks the cookie Secure when the request came over HTTPS through a trusted proxy', async () => {
    const t2 = await startTestApp(db, { clock, setup: false, env: { LUODI_TRUST_PROXY: 'true' } });
    try {
      const res = await t2.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'x-forwarded-proto': 'https' }, payload: { username: 'admin', password: STRONG_PASSWORD } });
      expect(String(res.headers['set-cookie'])).toMatch(/Secure/);
    } finally {
      await t2.close();
    }
  });

  it('issues a new session id at every login', async () => {
    const a = await t.login('admin');
    const b = await t.login('admin');
    expect(a.cookie).not.toBe(b.cookie);
  });

  it('GET /api/me needs a session', async () => {
    const res = await t.request(null, 'GET', '/api/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('rejects a wrong password with the remaining attempts, and locks on the fifth failure (in Chinese)', async () => {
    const u = await t.createUser('viewer');
    for (let i = 1; i <= 4; i++) {
      const res = await t.request(null, 'POST', '/api/auth/login', { body: { username: u.username, password: 'Wrong!pass1' } });
      expect(res.statusCode).toBe(401);
      expect(res.json().error).toMatchObject({ code: 'INVALID_CREDENTIALS', message: '用户名或密码错误', details: { remainingAttempts: 5 - i } });
    }
    const fifth = await t.request(null, 'POST', '/api/auth/login', { body: { username: u.username, password: 'Wrong!pass1' } });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error.message).toBe('连续登录失败次数过多，账户已锁定，请 10 分钟后再试');
    // Even the right password is refused while locked …
    const locked = await t.request(null, 'POST', '/api/auth/login', { body: { username: u.username, password: u.password } });
    expect(locked.statusCode).toBe(423);
    // … and accepted after ten minutes.
    clock.advance(10 * 60_000 + 1000);
    const later = await t.request(null, 'POST', '/api/auth/login', { body: { username: u.username, password: u.password } });
    expect(later.statusCode).toBe(200);
  });

  it('says the lock message in English when asked', async () => {
    const u = await t.createUser('viewer');
    for (let i = 0; i < 5; i++) await t.request(null, 'POST', '/api/auth/login', { body: { username: u.username, password: 'nope' } });
    const res = await t.request(null, 'POST', '/api/auth/login', { body: { username: u.username, password: 'nope' }, headers: { 'accept-language': 'en-US' } });
    expect(res.json().error.message).toMatch(/locked/);
  });

  it('answers an unknown username exactly like a wrong password', async () => {
    const res = await t.request(null, 'POST', '/api/auth/login', { body: { username: 'nobody', password: 'x' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('INVALID_CREDENTIALS');
  });

  it('ends a session after 30 idle minutes and after 12 hours in any case', async () => {
    const s = await t.loginAs('viewer');
    clock.advance(29 * 60_000);
    expect((await t.request(s, 'GET', '/api/me')).statusCode).toBe(200);
    clock.advance(31 * 60_000);
    const idle = await t.request(s, 'GET', '/api/me');
    expect(idle.statusCode).toBe(401);
    expect(idle.json().error.code).toBe('SESSION_EXPIRED');

    const s2 = await t.loginAs('viewer');
    for (let elapsed = 0; elapsed < 12 * 60 - 25; elapsed += 25) {
      clock.advance(25 * 60_000);
      expect((await t.request(s2, 'GET', '/api/me')).statusCode).toBe(200);
    }
    clock.advance(25 * 60_000); // 12 h 50 min after sign-in, never idle
    expect((await t.request(s2, 'GET', '/api/me')).statusCode).toBe(401);
  });

  it('refuses a state-changing request without the CSRF token', async () => {
    const s = await t.loginAs('system-admin');
    const res = await t.app.inject({ method: 'POST', url: '/api/units', headers: { cookie: s.cookie }, payload: { parentId: t.rootUnitId, name: 'x', type: 'department' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_FAILED');
    const forged = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: 'http://evil.example', host: 'luodi.local' }, payload: { username: 'admin', password: STRONG_PASSWORD } });
    expect(forged.statusCode).toBe(403);
  });

  it('lists my sessions, revokes one, and a password change ends the others', async () => {
    const u = await t.createUser('coordinator');
    const a = await t.login(u.username, u.password);
    const b = await t.login(u.username, u.password);
    const list = await t.request(a, 'GET', '/api/me/sessions');
    expect(list.json()).toHaveLength(2);
    const other = list.json<{ id: string; current: boolean }[]>().find((x) => !x.current)!;
    expect((await t.request(a, 'DELETE', `/api/me/sessions/${other.id}`)).statusCode).toBe(200);
    expect((await t.request(b, 'GET', '/api/me')).statusCode).toBe(401);
    expect((await t.request(a, 'DELETE', `/api/me/sessions/${other.id}`)).statusCode).toBe(404);

    const c = await t.login(u.username, u.password);
    const weak = await t.request(a, 'POST', '/api/me/password', { body: { currentPassword: u.password, newPassword: 'short' } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details.issues[0].message).toMatch(/密码长度至少 8 位/);
    const wrong = await t.request(a, 'POST', '/api/me/password', { body: { currentPassword: 'Wrong!pass1', newPassword: 'N3w!Password' } });
    expect(wrong.statusCode).toBe(400);
    const ok = await t.request(a, 'POST', '/api/me/password', { body: { currentPassword: u.password, newPassword: 'N3w!Password' } });
    expect(ok.statusCode).toBe(200);
    expect((await t.request(a, 'GET', '/api/me')).statusCode).toBe(200);
    expect((await t.request(c, 'GET', '/api/me')).statusCode).toBe(401);
    await t.login(u.username, 'N3w!Password');
  });

  it('forces a password change for an account an administrator created, and after 90 days', async () => {
    const admin = await t.login('admin');
    const created = await t.request(admin, 'POST', '/api/users', {
      body: { username: 'newbie', password: 'Temp!Pass123', displayName: '新同事', role: 'viewer' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const s = await t.login('newbie', 'Temp!Pass123');
    expect((await t.request(s, 'GET', '/api/me')).json().mustChangePassword).toBe(true);
    const blocked = await t.request(s, 'GET', '/api/units');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    await t.request(s, 'POST', '/api/me/password', { body: { currentPassword: 'Temp!Pass123', newPassword: 'Mine!Pass456' } });
    expect((await t.request(s, 'GET', '/api/units')).statusCode).toBe(200);

    clock.advance(91 * 86_400_000);
    const s2 = await t.login('newbie', 'Mine!Pass456');
    expect((await t.request(s2, 'GET', '/api/me')).json().mustChangePassword).toBe(true);
  });

  it('lets setup happen only once, even when two requests race', async () => {
    const fresh = await variant.create();
    const t2 = await startTestApp(fresh, { setup: false });
    try {
      expect((await t2.request(null, 'GET', '/api/setup')).json()).toEqual({ needsSetup: true });
      const body = { username: 'first', password: STRONG_PASSWORD, displayName: '管理员' };
      const [a, b] = await Promise.all([t2.request(null, 'POST', '/api/setup', { body }), t2.request(null, 'POST', '/api/setup', { body: { ...body, username: 'second' } })]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
      expect((await t2.request(null, 'GET', '/api/setup')).json()).toEqual({ needsSetup: false });
    } finally {
      await t2.close();
      await fresh.drop();
    }
  });
});
