import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tryAcquireLock } from '../jobs/lock.js';
import { startScheduler, type Job } from '../jobs/scheduler.js';
import { POSTGRES_URL, createPostgresDatabase, createSqlite, type TestDatabase } from '../../test/helpers/databases.js';
import { STRONG_PASSWORD, startTestApp, type TestApp } from '../../test/helpers/test-app.js';

/**
 * Two app instances on one database, as behind a load balancer: sessions, lockouts and
 * scheduled jobs must be shared through the database, never kept in one process.
 */
const variants = [
  { name: 'sqlite (two instances on one file)', create: async () => createSqlite() },
  ...(POSTGRES_URL ? [{ name: 'postgres (two instances, pool of 10 each)', create: () => createPostgresDatabase(POSTGRES_URL!, 10) }] : []),
];

describe.each(variants)('$name', (variant) => {
  let db: TestDatabase;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    db = await variant.create();
    a = await startTestApp(db);
    b = await startTestApp(db, { setup: false });
    b.rootUnitId = a.rootUnitId;
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await db.drop();
  });

  it('a session opened on one instance works on the other, and logging out on either ends it', async () => {
    const s = await a.login('admin');
    expect((await b.request(s, 'GET', '/api/me')).json().username).toBe('admin');
    expect((await b.request(s, 'POST', '/api/units', { body: { parentId: a.rootUnitId, name: '乙实例建的单位', type: 'department' } })).statusCode).toBe(201);
    expect((await b.request(s, 'POST', '/api/auth/logout')).statusCode).toBe(200);
    expect((await b.request(s, 'GET', '/api/me')).statusCode).toBe(401); // at once on the instance that signed out
    // Each instance may reuse a resolved session for LUODI_SESSION_CACHE_MS (1 s): after that, gone everywhere.
    await new Promise((r) => setTimeout(r, 1100));
    expect((await a.request(s, 'GET', '/api/me')).statusCode).toBe(401);
  });

  it('failed sign-ins are counted across instances and the lock holds on both', async () => {
    const u = await a.createUser('viewer');
    const wrong = { username: u.username, password: 'Wrong!pass1' };
    for (const app of [a, b, a, b]) expect((await app.request(null, 'POST', '/api/auth/login', { body: wrong })).statusCode).toBe(401);
    const fifth = await b.request(null, 'POST', '/api/auth/login', { body: wrong });
    expect(fifth.statusCode).toBe(423);
    expect((await a.request(null, 'POST', '/api/auth/login', { body: { username: u.username, password: STRONG_PASSWORD } })).statusCode).toBe(423);
  });

  it('parallel wrong passwords on both instances lose no count', async () => {
    const u = await a.createUser('viewer');
    const wrong = { username: u.username, password: 'Wrong!pass1' };
    await Promise.all([a, b, a, b].map((app) => app.request(null, 'POST', '/api/auth/login', { body: wrong })));
    const row = await a.container.deps.db.selectFrom('users').select(['failedAttempts', 'lockedUntil']).where('id', '=', u.id).executeTakeFirstOrThrow();
    expect(row.failedAttempts).toBe(4);
    expect(row.lockedUntil).toBeNull();
  });

  it('only one instance holds a job lease at a time; it passes on when the lease expires', async () => {
    const now = new Date();
    expect(await tryAcquireLock(a.container.deps.db, 'job:test', 'instance-a', 60_000, now)).toBe(true);
    expect(await tryAcquireLock(b.container.deps.db, 'job:test', 'instance-b', 60_000, now)).toBe(false);
    expect(await tryAcquireLock(a.container.deps.db, 'job:test', 'instance-a', 60_000, now)).toBe(true);
    expect(await tryAcquireLock(b.container.deps.db, 'job:test', 'instance-b', 60_000, new Date(now.getTime() + 61_000))).toBe(true);
  });

  it('a job scheduled on both instances runs once per tick', async () => {
    let runs = 0;
    const job: Job = {
      name: 'count-once',
      everyMs: 60_000,
      run: async () => {
        runs++;
      },
    };
    const silent = { info: () => undefined, error: () => undefined } as unknown as Parameters<typeof startScheduler>[1];
    const stopA = startScheduler(a.container, silent, [job]);
    const stopB = startScheduler(b.container, silent, [job]);
    await new Promise((r) => setTimeout(r, 300));
    await stopA();
    await stopB();
    expect(runs).toBe(1);
  });
});
