import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../config.js';
import { ERROR_CODES } from '../core/errors.js';
import { createSqlite, type TestDatabase } from '../../test/helpers/databases.js';
import { startTestApp, type Session, type TestApp } from '../../test/helpers/test-app.js';

describe('error codes', () => {
  it('documents every code in docs/api-errors.md with its status', () => {
    const doc = readFileSync(join(packageRoot(), 'docs/api-errors.md'), 'utf8');
    for (const [code, { status }] of Object.entries(ERROR_CODES)) expect(doc, code).toContain(`| \`${code}\` | ${status} |`);
  });
});

describe('security headers and rate limits', () => {
  it('sends security headers and limits sign-in attempts per address', async () => {
    const db = createSqlite();
    const t = await startTestApp(db, { env: { LUODI_LOGIN_RATE_LIMIT_PER_MINUTE: '3' } });
    try {
      const health = await t.request(null, 'GET', '/api/health');
      expect(health.headers['content-security-policy']).toMatch(/default-src 'none'/);
      expect(health.headers['x-content-type-options']).toBe('nosniff');
      expect(health.headers['x-frame-options']).toBe('DENY');
      const page = await t.request(null, 'GET', '/');
      expect(page.headers['content-security-policy']).toMatch(/default-src 'self'.*script-src 'self'/);
      expect(page.headers['x-frame-options']).toBe('SAMEORIGIN');
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) codes.push((await t.request(null, 'POST', '/api/auth/login', { body: { username: 'x', password: 'y' } })).statusCode);
      expect(codes).toEqual([401, 401, 401, 429]);
      const limited = await t.request(null, 'POST', '/api/auth/login', { body: { username: 'x', password: 'y' } });
      expect(limited.json().error.code).toBe('RATE_LIMITED');
    } finally {
      await t.close();
      await db.drop();
    }
  });
});

describe('bad input never causes a 5xx', () => {
  let db: TestDatabase;
  let t: TestApp;
  let admin: Session;

  beforeAll(async () => {
    db = createSqlite();
    t = await startTestApp(db, { env: { LUODI_BODY_LIMIT_BYTES: '2048' } });
    admin = await t.loginAs('system-admin');
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  const raw = (method: string, url: string, payload: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: method as 'POST', url, payload, headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json', ...headers } });

  it('answers malformed JSON with BAD_JSON', async () => {
    const res = await raw('POST', '/api/units', '{"name": ');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('BAD_JSON');
  });

  it('answers wrong types and unknown fields with VALIDATION_FAILED, field by field', async () => {
    const res = await raw('POST', '/api/units', JSON.stringify({ parentId: 5, name: '', type: 'planet', colour: 'red' }));
    expect(res.statusCode).toBe(400);
    const issues = res.json().error.details.issues as { path: string[]; message: string; messageEn: string }[];
    expect(issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['parentId', 'name', 'type']));
    expect(issues.some((i) => i.message.includes('colour'))).toBe(true);
    expect(issues.every((i) => i.messageEn.length > 0)).toBe(true);
  });

  it('answers an oversized body with 413 and a non-JSON body with 415', async () => {
    const big = await raw('POST', '/api/units', JSON.stringify({ name: 'x'.repeat(5000) }));
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    const xml = await raw('POST', '/api/units', '<unit/>', { 'content-type': 'application/xml' });
    expect(xml.statusCode).toBe(415);
    expect(xml.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers a garbage If-Match with 412 and a bad id with 404', async () => {
    const res = await raw('PATCH', `/api/units/${t.rootUnitId}`, JSON.stringify({ name: 'x' }), { 'if-match': 'yesterday' });
    expect(res.statusCode).toBe(412);
    expect((await t.request(admin, 'GET', '/api/users/nope')).statusCode).toBe(404);
  });

  const jsonValue = fc.jsonValue({ maxDepth: 3 });
  const anyBody = fc.oneof(
    jsonValue.map((v) => JSON.stringify(v)),
    fc.record({ username: fc.oneof(fc.string(), fc.integer(), fc.constant(null)), password: fc.oneof(fc.string(), fc.integer()) }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
    fc.string(),
  );

  it('fuzz: sign-in, setup and password routes answer any body with a 4xx or 2xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/api/auth/login', '/api/setup', '/api/me/password'), anyBody, async (url, body) => {
        const res = await raw('POST', url, body);
        return res.statusCode < 500 && typeof res.json().error?.code === 'string';
      }),
      { numRuns: 150 },
    );
  });

  it('fuzz: user and unit routes answer any body, query or id with a 4xx or 2xx', async () => {
    const target = (await t.createUser('viewer')).id;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('POST /api/users', 'PATCH /api/users/:id', 'PUT /api/users/:id/role', 'POST /api/users/:id/reset-password', 'POST /api/units', 'PATCH /api/units/:id', 'GET /api/users'),
        anyBody,
        fc.oneof(fc.constant(target), fc.string({ minLength: 1, maxLength: 40 }).map(encodeURIComponent)),
        fc.string({ maxLength: 30 }),
        fc.constantFrom('"1"', '"999"', 'W/"1"', '*', ''),
        async (route, body, id, query, ifMatch) => {
          const [method, pattern] = route.split(' ') as [string, string];
          const url = `${pattern.replace(':id', id)}${method === 'GET' ? `?q=${encodeURIComponent(query)}&page=${encodeURIComponent(query)}` : ''}`;
          const res = method === 'GET' ? await t.request(admin, 'GET', url) : await raw(method, url, body, ifMatch ? { 'if-match': ifMatch } : {});
          if (res.statusCode >= 500) throw new Error(`${route} ${url} ${body} → ${res.statusCode} ${res.body}`);
          return true;
        },
      ),
      { numRuns: 300 },
    );
  });
});
