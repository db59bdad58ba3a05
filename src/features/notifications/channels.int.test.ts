import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, backoffMs } from '../../core/notifications/channels.js';
import { databaseVariants, type TestDatabase } from '../../../test/helpers/databases.js';
import { startSmtpReceiver, startWebhookReceiver } from '../../../test/helpers/receivers.js';
import { manualClock, startTestApp, type Session, type TestApp } from '../../../test/helpers/test-app.js';
import type { NewNotification } from './notifications.service.js';

describe.each(databaseVariants())('notification channels and delivery on $name', (variant) => {
  let db: TestDatabase;
  let t: TestApp;
  let admin: Session;
  let coordinator: Session;
  let rx: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  /** Answers for requests whose path starts with /flaky or /down. */
  let flakyFailures = 0;
  const clock = manualClock(new Date('2026-06-01T02:00:00Z'));
  let seq = 0;

  const note = (userId: string, o: Partial<NewNotification> = {}): NewNotification => ({
    userId,
    unitId: t.rootUnitId,
    kind: 'milestone-due',
    title: '节点即将到期：甲项目 · 环评批复',
    body: '计划完成日期 2026-06-05，请按期办结。',
    link: '/projects/p1?tab=plan',
    dedupeKey: `test-${++seq}`,
    ...o,
  });
  /** The text of a quoted-printable message body, as a mail client shows it. */
  const mailText = (data: string) => data.replace(/=\r?\n/g, '').replace(/(=[0-9A-F]{2})+/g, (m) => Buffer.from(m.replace(/=/g, ''), 'hex').toString('utf8'));
  const deliver = () => t.container.services.notifications.outbox.deliverDue();
  const addChannel = async (body: Record<string, unknown>) => {
    const res = await t.request(admin, 'POST', '/api/notification-channels', { body: { name: '测试群', kind: 'wecom', format: 'text', ...body } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string; version: number }>();
  };
  const disableAll = async () => t.container.deps.db.updateTable('notificationChannels').set({ enabled: 0 }).execute();

  beforeAll(async () => {
    rx = await startWebhookReceiver((r) => {
      if (r.path.startsWith('/down')) return { status: 503, body: 'busy' };
      if (r.path.startsWith('/flaky') && flakyFailures > 0) return flakyFailures--, { status: 500, body: 'try later' };
      if (r.path.startsWith('/feishu')) return { status: 200, body: '{"code":0,"msg":"success"}' };
      return { status: 200, body: '{"errcode":0,"errmsg":"ok"}' };
    });
    smtp = await startSmtpReceiver();
    db = await variant.create();
    t = await startTestApp(db, { clock, env: { LUODI_PUBLIC_URL: 'https://luodi.example.gov.cn/', LUODI_SMTP_URL: smtp.url, LUODI_SMTP_FROM: 'luodi@example.gov.cn' } });
    admin = await t.login('admin');
    coordinator = await t.loginAs('coordinator');
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
    await rx.close();
    await smtp.close();
  });

  it('keeps the webhook token and 加签 secret write-only: masked in the API and the audit trail', async () => {
    const ch = await addChannel({ url: `${rx.base}/cgi-bin/webhook/send?key=SECRETKEY123456`, secret: 'SECtopsecret' });
    const read = await t.request(coordinator, 'GET', `/api/notification-channels/${ch.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ kind: 'wecom', secretSet: true, urlMasked: expect.stringMatching(/\/cgi-bin\/webhook\/send\?key=\*\*\*$/) });
    const list = await t.request(admin, 'GET', '/api/notification-channels');
    expect(list.body).not.toMatch(/SECRETKEY123456|SECtopsecret/);
    const patched = await t.request(admin, 'PATCH', `/api/notification-channels/${ch.id}`, { body: { name: '项目办工作群' }, headers: { 'if-match': '"1"' } });
    expect(patched.statusCode).toBe(200);
    expect((await t.request(admin, 'PATCH', `/api/notification-channels/${ch.id}`, { body: { name: '旧版本' }, headers: { 'if-match': '"1"' } })).statusCode).toBe(412);
    const rows = await t.container.deps.db.selectFrom('auditLog').select(['action', 'before', 'after']).where('objectType', '=', 'notification-channel').execute();
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['notification-channel.create', 'notification-channel.update']));
    expect(JSON.stringify(rows)).not.toMatch(/SECRETKEY123456|SECtopsecret/);
    // Only http(s) addresses; a coordinator reads but never changes channels.
    expect((await t.request(admin, 'POST', '/api/notification-channels', { body: { name: 'x', kind: 'wecom', url: 'file:///etc/passwd' } })).statusCode).toBe(400);
    expect((await t.request(coordinator, 'POST', '/api/notification-channels', { body: { name: 'x', kind: 'wecom', url: rx.base } })).statusCode).toBe(403);
    await t.request(admin, 'DELETE', `/api/notification-channels/${ch.id}`);
  });

  it('sends a test message on demand and logs it', async () => {
    const ch = await addChannel({ url: `${rx.base}/test-send?key=abc123456` });
    const res = await t.request(admin, 'POST', `/api/notification-channels/${ch.id}/test`);
    expect(res.json()).toMatchObject({ ok: true, statusCode: 200, error: null });
    const got = rx.received.at(-1)!;
    expect(got.path).toBe('/test-send');
    expect(got.json).toMatchObject({ msgtype: 'text', text: { content: expect.stringContaining('测试消息') } });
    await disableAll();
  });

  it('delivers to group robots once per message and to the generic webhook once per notification, in their formats', async () => {
    const wecom = await addChannel({ name: '企业微信群', url: `${rx.base}/wecom?key=k1234567`, format: 'markdown' });
    const ding = await addChannel({ name: '钉钉群', kind: 'dingtalk', url: `${rx.base}/ding?access_token=t1234567`, secret: 'SECding', format: 'markdown' });
    const feishu = await addChannel({ name: '飞书群', kind: 'feishu', url: `${rx.base}/feishu/hook/0123456789abcdef0123`, secret: 'fs-secret', format: 'text' });
    const hook = await addChannel({ name: '政务平台', kind: 'webhook', url: `${rx.base}/generic`, secret: 'hook-secret' });
    const people = [await t.createUser('unit-staff'), await t.createUser('unit-staff'), await t.createUser('coordinator')];
    const before = rx.received.length;
    expect(await t.container.services.notifications.send(people.map((p, i) => note(p.id, { dedupeKey: `fanout-${i}` })))).toBe(3);
    // A retried send() queues nothing more.
    expect(await t.container.services.notifications.send(people.map((p, i) => note(p.id, { dedupeKey: `fanout-${i}` })))).toBe(0);
    expect(await deliver()).toEqual({ sent: 6, failed: 0 });
    const got = rx.received.slice(before);
    expect(got.filter((r) => r.path === '/wecom')).toHaveLength(1);
    expect(got.filter((r) => r.path === '/generic')).toHaveLength(3);
    const w = got.find((r) => r.path === '/wecom')!.json as { msgtype: string; markdown: { content: string } };
    expect(w.msgtype).toBe('markdown');
    expect(w.markdown.content).toContain('**节点即将到期：甲项目 · 环评批复**');
    expect(w.markdown.content).toContain('[查看详情](https://luodi.example.gov.cn/projects/p1?tab=plan)');
    const d = got.find((r) => r.path === '/ding')!;
    expect(d.json).toMatchObject({ msgtype: 'markdown', markdown: { title: '节点即将到期：甲项目 · 环评批复' } });
    const ts = d.query.get('timestamp')!;
    expect(d.query.get('sign')).toBe(createHmac('sha256', 'SECding').update(`${ts}\nSECding`).digest('base64'));
    const f = got.find((r) => r.path.startsWith('/feishu'))!.json as { msg_type: string; content: { text: string }; timestamp: string; sign: string };
    expect(f.msg_type).toBe('text');
    expect(f.sign).toBe(createHmac('sha256', `${f.timestamp}\nfs-secret`).update('').digest('base64'));
    const g = got.find((r) => r.path === '/generic')!;
    expect(g.json).toMatchObject({ kind: 'milestone-due', title: '节点即将到期：甲项目 · 环评批复', link: 'https://luodi.example.gov.cn/projects/p1?tab=plan', unit: { id: t.rootUnitId } });
    expect(g.headers['x-luodi-signature']).toBe(`sha256=${createHmac('sha256', 'hook-secret').update(`${g.headers['x-luodi-timestamp']}.${g.body}`).digest('hex')}`);
    // The log shows each, filterable by channel and status, and never the token.
    const log = await t.request(coordinator, 'GET', `/api/notification-deliveries?channelId=${hook.id}&status=sent`);
    expect(log.json()).toMatchObject({ total: 3, items: [{ status: 'sent', attempts: 1, channelName: '政务平台', lastStatusCode: 200 }, {}, {}] });
    expect(JSON.stringify(await t.container.deps.db.selectFrom('notificationDeliveryAttempts').selectAll().execute())).not.toMatch(/k1234567|t1234567/);
    void wecom;
    void ding;
    void feishu;
    await disableAll();
  });

  it('filters by kind and by unit subtree', async () => {
    const zone = (await t.request(admin, 'POST', '/api/units', { body: { parentId: t.rootUnitId, name: '开发区', type: 'zone' } })).json<{ id: string }>().id;
    await addChannel({ url: `${rx.base}/zone-only?key=z1234567`, unitId: zone, kinds: ['milestone-overdue'] });
    const u = await t.createUser('unit-staff');
    const before = rx.received.length;
    await t.container.services.notifications.send([
      note(u.id, { unitId: zone, kind: 'milestone-overdue', title: '开发区逾期' }),
      note(u.id, { unitId: zone, kind: 'milestone-due', title: '开发区到期' }),
      note(u.id, { unitId: t.rootUnitId, kind: 'milestone-overdue', title: '县本级逾期' }),
    ]);
    await deliver();
    expect(rx.received.slice(before).map((r) => (r.json as { text: { content: string } }).text.content.split('\n')[0])).toEqual(['【开发区逾期】']);
    await disableAll();
  });

  it('retries with exponential backoff, logs every attempt, fails after the last, and can be retried by hand', async () => {
    const flaky = await addChannel({ url: `${rx.base}/flaky?key=f1234567` });
    const u = await t.createUser('unit-staff');
    flakyFailures = 2;
    await t.container.services.notifications.send([note(u.id, { title: '会失败两次' })]);
    expect(await deliver()).toEqual({ sent: 0, failed: 1 });
    expect(await deliver()).toEqual({ sent: 0, failed: 0 }); // not due before its backoff
    clock.advance(backoffMs(1));
    expect(await deliver()).toEqual({ sent: 0, failed: 1 });
    clock.advance(backoffMs(2));
    expect(await deliver()).toEqual({ sent: 1, failed: 0 });
    const [row] = (await t.request(admin, 'GET', `/api/notification-deliveries?channelId=${flaky.id}`)).json().items;
    expect(row).toMatchObject({ status: 'sent', attempts: 3 });
    const attempts = (await t.request(admin, 'GET', `/api/notification-deliveries/${row.id}/attempts`)).json();
    expect(attempts.map((a: { statusCode: number; ok: boolean }) => [a.statusCode, a.ok])).toEqual([[500, false], [500, false], [200, true]]);
    expect(attempts[0].error).toContain('HTTP 500');
    await disableAll();

    const down = await addChannel({ url: `${rx.base}/down?key=d1234567` });
    await t.container.services.notifications.send([note(u.id, { title: '一直失败' })]);
    for (let i = 1; i <= MAX_ATTEMPTS; i++) {
      await deliver();
      clock.advance(backoffMs(i));
    }
    // An hour of backoff has passed: the sessions idled out.
    admin = await t.login('admin');
    coordinator = await t.loginAs('coordinator');
    const failed = (await t.request(admin, 'GET', `/api/notification-deliveries?channelId=${down.id}&status=failed`)).json().items;
    expect(failed).toMatchObject([{ status: 'failed', attempts: MAX_ATTEMPTS, lastStatusCode: 503 }]);
    expect((await t.request(admin, 'POST', `/api/notification-deliveries/${failed[0].id}/retry`)).statusCode).toBe(204);
    expect((await t.request(admin, 'POST', `/api/notification-deliveries/${failed[0].id}/retry`)).statusCode).toBe(409);
    expect((await t.request(coordinator, 'POST', `/api/notification-deliveries/${failed[0].id}/retry`)).statusCode).toBe(403);
    expect((await t.request(admin, 'GET', `/api/notification-deliveries?channelId=${down.id}&status=pending`)).json().total).toBe(1);
    expect((await t.request(admin, 'DELETE', `/api/notification-channels/${down.id}`)).statusCode).toBe(204); // with its log
  });

  it('pages the inbox back through a batch that shares one timestamp', async () => {
    const u = await t.createUser('viewer');
    await t.container.services.notifications.send(Array.from({ length: 7 }, (_, i) => note(u.id, { title: `批量 ${i}` })));
    const s = await t.login(u.username);
    const seen: string[] = [];
    let before: string | undefined;
    for (;;) {
      const page = (await t.request(s, 'GET', `/api/notifications?limit=3${before ? `&before=${encodeURIComponent(before)}` : ''}`)).json<{ items: { id: string; createdAt: string }[] }>();
      seen.push(...page.items.map((x) => x.id));
      if (page.items.length < 3) break;
      before = `${page.items.at(-1)!.createdAt}|${page.items.at(-1)!.id}`;
    }
    expect(new Set(seen).size).toBe(7);
  });

  it('fails at once, without retries, a delivery whose channel was switched off meanwhile', async () => {
    const ch = await addChannel({ url: `${rx.base}/switched-off?key=s1234567` });
    const u = await t.createUser('unit-staff');
    await t.container.services.notifications.send([note(u.id, { title: '渠道已关' })]);
    const before = rx.received.length;
    expect((await t.request(admin, 'PATCH', `/api/notification-channels/${ch.id}`, { body: { enabled: false }, headers: { 'if-match': '"1"' } })).statusCode).toBe(200);
    expect(await deliver()).toEqual({ sent: 0, failed: 1 });
    expect(rx.received.length).toBe(before);
    const [row] = (await t.request(admin, 'GET', `/api/notification-deliveries?channelId=${ch.id}`)).json().items;
    expect(row).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringContaining('渠道已停用') });
  });

  it('e-mails people who want it at once, and sends the daily digest once a day to the others', async () => {
    const quick = await t.createUser('unit-staff');
    const daily = await t.createUser('unit-staff');
    const qs = await t.login(quick.username);
    let ds = await t.login(daily.username);
    expect((await t.request(qs, 'PUT', '/api/me/notification-settings', { body: { email: 'not-an-address', notifyMode: 'immediate' } })).statusCode).toBe(400);
    expect((await t.request(qs, 'PUT', '/api/me/notification-settings', { body: { email: 'Quick@Example.gov.cn', notifyMode: 'immediate' } })).json()).toMatchObject({ email: 'quick@example.gov.cn', notifyMode: 'immediate', emailAvailable: true });
    expect((await t.request(ds, 'PUT', '/api/me/notification-settings', { body: { email: 'daily@example.gov.cn', notifyMode: 'daily' } })).statusCode).toBe(200);
    // The admin sets addresses too, through the user form.
    const v = (await t.request(admin, 'GET', `/api/users/${daily.id}`)).json();
    expect(v.email).toBe('daily@example.gov.cn');

    await t.container.services.notifications.send([note(quick.id, { title: '即时邮件' }), note(daily.id, { title: '进摘要一' }), note(daily.id, { title: '进摘要二' })]);
    expect(await deliver()).toEqual({ sent: 1, failed: 0 });
    expect(smtp.mails.at(-1)).toMatchObject({ from: 'luodi@example.gov.cn', to: ['quick@example.gov.cn'] });
    expect(mailText(smtp.mails.at(-1)!.data)).toContain('https://luodi.example.gov.cn/projects/p1?tab=plan');

    // Before 08:00 China time nothing; after it one digest per person per day, whatever the re-runs.
    clock.set(new Date('2026-06-02T23:00:00Z')); // 07:00 on 06-03 in China
    expect(await t.container.services.notifications.digest()).toBe(0);
    clock.set(new Date('2026-06-03T00:30:00Z')); // 08:30
    const n = await t.container.services.notifications.digest();
    expect(n).toBeGreaterThanOrEqual(1);
    expect(await t.container.services.notifications.digest()).toBe(0);
    ds = await t.login(daily.username); // a day passed: the session idled out
    const inbox = (await t.request(ds, 'GET', '/api/notifications?kind=digest')).json();
    expect(inbox.items).toMatchObject([{ kind: 'digest', title: '每日摘要：2 条未读通知', link: '/notifications' }]);
    expect(inbox.items[0].body.split('\n').sort()).toEqual(['· 进摘要一', '· 进摘要二']); // sent in one batch: same time
    const mailsBefore = smtp.mails.length;
    await deliver();
    const digestMail = smtp.mails.slice(mailsBefore).find((m) => m.to[0] === 'daily@example.gov.cn');
    expect(mailText(digestMail!.data)).toContain('· 进摘要一');
    // The next day only what came since.
    clock.advance(60_000);
    await t.container.services.notifications.send([note(daily.id, { title: '新的一条' })]);
    clock.set(new Date('2026-06-04T01:00:00Z'));
    await t.container.services.notifications.digest();
    ds = await t.login(daily.username);
    const next = (await t.request(ds, 'GET', '/api/notifications?kind=digest')).json();
    expect(next.items[0]).toMatchObject({ title: '每日摘要：1 条未读通知', body: '· 新的一条' });

    // Half a year on, delivered records leave the log; failed ones stay.
    const count = async () => Number((await t.container.deps.db.selectFrom('notificationDeliveries').select((eb) => eb.fn.countAll().as('n')).where('status', '=', 'sent').executeTakeFirstOrThrow()).n);
    expect(await count()).toBeGreaterThan(0);
    clock.advance(181 * 86_400_000);
    expect(await t.container.services.notifications.outbox.purgeLog()).toBeGreaterThan(0);
    expect(await count()).toBe(0);
  });
});
