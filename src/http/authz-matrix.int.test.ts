import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_MATRIX, accessFor } from '../core/authz-matrix.js';
import { ROLES, type Role } from '../core/roles.js';
import { databaseVariants, type TestDatabase } from '../../test/helpers/databases.js';
import { startTestApp, type Session, type TestApp } from '../../test/helpers/test-app.js';

const webDir = mkdtempSync(join(tmpdir(), 'luodi-web-'));
writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>luodi</title>');

describe.each(databaseVariants())('authorization matrix on $name', (variant) => {
  let db: TestDatabase;
  let t: TestApp;
  const sessions = new Map<Role, Session>();
  let targetUserId = '';

  beforeAll(async () => {
    db = await variant.create();
    t = await startTestApp(db, { env: { LUODI_WEB_DIR: webDir } });
    for (const role of ROLES) sessions.set(role, await t.loginAs(role));
    targetUserId = (await t.createUser('viewer')).id;
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it('lists every registered route, and nothing that is not registered', () => {
    const registered = [...t.app.routeKeys].sort();
    expect(registered.filter((k) => !(k in ROUTE_MATRIX))).toEqual([]);
    expect(Object.keys(ROUTE_MATRIX).filter((k) => !t.app.routeKeys.has(k))).toEqual([]);
  });

  const protectedRoutes = Object.entries(ROUTE_MATRIX).filter(([, p]) => !p.public && !p.selfService);

  function urlFor(key: string): { method: string; url: string } {
    const [method, pattern] = key.split(' ') as [string, string];
    const id = pattern.startsWith('/api/units') ? t.rootUnitId : targetUserId;
    return { method, url: pattern.replace(':id', id) };
  }

  it.each(protectedRoutes.map(([key]) => key))('%s: every role gets exactly its cell', async (key) => {
    const { method, url } = urlFor(key);
    for (const role of ROLES) {
      const res = await t.request(sessions.get(role)!, method, url);
      const access = accessFor(ROUTE_MATRIX[key]!, role);
      if (access === 'deny') {
        expect(res.statusCode, `${role} → ${key}`).toBe(403);
        expect(res.json().error.code).toBe('FORBIDDEN');
      } else {
        expect([401, 403], `${role} → ${key}: ${res.body.slice(0, 200)}`).not.toContain(res.statusCode);
      }
    }
    const anonymous = await t.request(null, method, url);
    expect(anonymous.statusCode, `anonymous → ${key}`).toBe(401);
  });

  it('lets every signed-in role use its own account routes, and nobody anonymous', async () => {
    for (const role of ROLES) {
      expect((await t.request(sessions.get(role)!, 'GET', '/api/me')).statusCode).toBe(200);
      expect((await t.request(sessions.get(role)!, 'GET', '/api/me/sessions')).statusCode).toBe(200);
    }
    for (const key of ['GET /api/me', 'GET /api/me/sessions', 'POST /api/me/password', 'POST /api/auth/logout', 'DELETE /api/me/sessions/:id']) {
      const [method, url] = key.split(' ') as [string, string];
      expect((await t.request(null, method, url.replace(':id', 'x'))).statusCode, key).toBe(401);
    }
  });

  it('serves public routes without a session', async () => {
    expect((await t.request(null, 'GET', '/api/health')).statusCode).toBe(200);
    expect((await t.request(null, 'GET', '/api/docs/json')).statusCode).toBe(200);
    expect((await t.request(null, 'GET', '/some/page')).statusCode).toBe(200); // SPA fallback
    const root = await t.request(null, 'GET', '/');
    expect(root.statusCode).toBe(200);
    expect(root.body).toMatch(/<title>/);
    expect((await t.request(null, 'GET', '/api/nothing')).json().error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('audits every denied access', async () => {
    const viewer = sessions.get('viewer')!;
    await t.request(viewer, 'GET', '/api/audit');
    const rows = await t.container.deps.db.selectFrom('auditLog').selectAll().where('result', '=', 'denied').where('action', '=', 'http GET /api/audit').execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.at(-1)).toMatchObject({ role: 'viewer', detail: '403 FORBIDDEN' });
  });
});
