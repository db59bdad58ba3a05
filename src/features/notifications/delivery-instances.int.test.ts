import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTGRES_URL, createPostgresDatabase, createSqlite, type TestDatabase } from '../../../test/helpers/databases.js';
import { startWebhookReceiver } from '../../../test/helpers/receivers.js';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';

/**
 * Two app instances on one database deliver at the same moment, as behind a load balancer when
 * a job lease changes hands mid-run: rows are claimed atomically, so each message reaches the
 * receiver exactly once.
 */
const variants = [
  { name: 'sqlite (two instances on one file)', create: async () => createSqlite() },
  ...(POSTGRES_URL ? [{ name: 'postgres (two instances, pool of 10 each)', create: () => createPostgresDatabase(POSTGRES_URL!, 10) }] : []),
];

describe.each(variants)('delivery by two instances on $name', (variant) => {
  let db: TestDatabase;
  let a: TestApp;
  let b: TestApp;
  let rx: Awaited<ReturnType<typeof startWebhookReceiver>>;

  beforeAll(async () => {
    rx = await startWebhookReceiver();
    db = await variant.create();
    a = await startTestApp(db);
    b = await startTestApp(db, { setup: false });
    b.rootUnitId = a.rootUnitId;
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await db.drop();
    await rx.close();
  });

  it('both run delivery at once: every message arrives exactly once', async () => {
    const admin = await a.login('admin');
    expect((await a.request(admin, 'POST', '/api/notification-channels', { body: { name: '通用', kind: 'webhook', url: `${rx.base}/hook` } })).statusCode).toBe(201);
    const users = await Promise.all(Array.from({ length: 6 }, () => a.createUser('unit-staff')));
    const items = Array.from({ length: 120 }, (_, i) => ({
      userId: users[i % users.length]!.id,
      unitId: a.rootUnitId,
      kind: 'milestone-due',
      title: `第 ${i} 条`,
      body: null,
      link: null,
      dedupeKey: `two-instances-${i}`,
    }));
    expect(await a.container.services.notifications.send(items)).toBe(120);
    const runs = await Promise.all([a, b, a, b].map((app) => app.container.services.notifications.outbox.deliverDue()));
    expect(runs.reduce((n, r) => n + r.sent, 0)).toBe(120);
    const ids = rx.received.map((r) => r.json['id'] as string);
    expect(ids).toHaveLength(120);
    expect(new Set(ids).size).toBe(120);
    // How the work splits is up to timing (typically both send some); nothing is left or sent twice.
    const pending = await b.container.deps.db.selectFrom('notificationDeliveries').select('id').where('status', '<>', 'sent').execute();
    expect(pending).toEqual([]);
  });
});
