/**
 * The notifications journey in a real browser (issue 5, item 5). The system administrator adds
 * a WeCom-style group robot that points at a receiver this test starts on 127.0.0.1, sends a
 * test message (the receiver gets it), then a milestone reminder is sent through the container
 * as every feature does; the outbox delivers it to the group, and 发送记录 shows it delivered
 * with its attempt. The administrator's inbox page and notification settings close the tour.
 * Screenshots go to test-results/ (gitignored).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Actor } from '../../src/features/shared/context.js';
import { CHROMIUM, SHOTS, cjkButton, hasChromium, settleScreen, startJourney, type BrowserJourney } from '../helpers/browser.js';
import { startWebhookReceiver } from '../helpers/receivers.js';

if (!hasChromium) console.log(`[e2e] SKIPPED the notifications journey: ${CHROMIUM} not found (apt-get install -y chromium fonts-noto-cjk)`);

const PASSWORD = 'Str0ng!Passw0rd';

describe.skipIf(!hasChromium)('notifications journey (browser)', () => {
  let journey: BrowserJourney;
  let page: Page;
  let base: string;
  let pageErrors: string[];
  let rx: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let adminId = '';
  let rootUnitId = '';

  const shot = (name: string, fullPage = true) => page.screenshot({ path: join(SHOTS, `notifications-${name}.png`), fullPage });
  const settle = () => settleScreen(page);

  beforeAll(async () => {
    rx = await startWebhookReceiver();
    journey = await startJourney({
      label: 'notifications',
      seed: async (c) => {
        const admin = await c.services.setup.createFirstAdmin(Actor.cli(), { username: 'admin', password: PASSWORD, displayName: '系统管理员', rootUnitName: 'XX县' });
        adminId = admin.id;
        rootUnitId = admin.unitId;
      },
    });
    ({ page, base, pageErrors } = journey);
  });

  afterAll(async () => {
    await journey?.close();
    await rx?.close();
  });

  it('adds a WeCom group robot; the address is write-only afterwards', async () => {
    await page.goto(base + '/login');
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: cjkButton('登录') }).click();
    await page.getByTestId('welcome').waitFor();

    await page.getByRole('menu').getByText('通知渠道').click();
    await page.getByRole('menu').getByText('渠道设置').click();
    await page.waitForURL('**/notify/channels');
    await page.getByText('还没有通知渠道').waitFor();
    await page.getByRole('button', { name: cjkButton('新增渠道') }).click();
    const modal = page.locator('.ant-modal').filter({ hasText: '新增渠道' });
    await modal.getByLabel('渠道名称').waitFor();
    await modal.getByLabel('渠道名称').fill('项目办工作群');
    await modal.getByLabel('Webhook 地址').fill(`${rx.base}/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa`);
    await modal.getByText('Markdown（卡片）').click();
    await settle();
    await shot('01-add-channel');
    await modal.getByRole('button', { name: cjkButton('保存') }).click();
    await modal.waitFor({ state: 'detached' });
    const row = page.locator('tr.ant-table-row').filter({ hasText: '项目办工作群' });
    await row.getByText('/cgi-bin/webhook/send?key=***').waitFor();
    expect(await page.content()).not.toContain('693a91f6');
  });

  it('sends a test message that the group robot receives', async () => {
    const row = page.locator('tr.ant-table-row').filter({ hasText: '项目办工作群' });
    await row.getByRole('button', { name: '发送测试消息' }).click();
    await row.getByTestId('channel-test-result').getByText(/测试消息已送达（HTTP 200/).waitFor();
    expect(rx.received).toHaveLength(1);
    expect(rx.received[0]!.query.get('key')).toBe('693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa');
    expect(rx.received[0]!.json).toMatchObject({ msgtype: 'markdown', markdown: { content: expect.stringContaining('测试消息') } });
    await settle();
    await shot('02-test-sent');
  });

  it('delivers a notification sent by any feature, and the delivery log shows it', async () => {
    const c = journey.container;
    await c.services.notifications.send([
      {
        userId: adminId,
        unitId: rootUnitId,
        kind: 'milestone-overdue',
        title: '节点逾期：港区标准厂房一期 · 施工许可',
        body: '计划完成日期 2026-11-20 已过，请尽快办结或说明原因。',
        link: '/projects/demo?tab=plan',
        dedupeKey: 'journey-overdue',
      },
    ]);
    // The deliver-notifications job, run once by hand (jobs are off in journeys).
    expect(await c.services.notifications.outbox.deliverDue()).toEqual({ sent: 1, failed: 0 });
    expect(rx.received).toHaveLength(2);
    expect((rx.received[1]!.json as { markdown: { content: string } }).markdown.content).toContain('**节点逾期：港区标准厂房一期 · 施工许可**');

    await page.getByRole('menu').getByText('发送记录').click();
    await page.waitForURL('**/notify/deliveries');
    const row = page.locator('tr.ant-table-row').filter({ hasText: '节点逾期：港区标准厂房一期' });
    await row.getByText('已送达').waitFor();
    await row.locator('.ant-table-row-expand-icon').click();
    await page.getByTestId('attempt-log').getByText(/HTTP 200/).waitFor();
    await settle();
    await shot('03-delivery-log');
  });

  it('shows the notification in the inbox page', async () => {
    await page.getByTestId('notification-bell').click();
    await page.getByTestId('notifications-view-all').click();
    await page.waitForURL('**/notifications');
    await page.getByTestId('inbox-item').filter({ hasText: '节点逾期' }).waitFor();
    await settle();
    await shot('04-inbox');
    await page.getByTestId('inbox-read-all').click();
    await page.locator('[data-testid="notification-bell"][data-unread="0"]').waitFor();
  });

  it('keeps my e-mail and digest preference on the account page', async () => {
    await page.getByRole('menu').getByText('我的账户').click();
    await page.getByRole('menu').getByText('通知设置').click();
    await page.waitForURL('**/account/notifications');
    await page.getByText('系统尚未配置邮件服务器').waitFor();
    await page.getByLabel('邮箱').fill('admin@example.gov.cn');
    await page.getByText('即时邮件：每条通知都发一封邮件').click();
    await page.getByRole('button', { name: cjkButton('保存') }).click();
    await page.getByText('通知设置已保存').waitFor();
    const u = await journey.container.deps.db.selectFrom('users').select(['email', 'notifyMode']).where('id', '=', adminId).executeTakeFirstOrThrow();
    expect(u).toEqual({ email: 'admin@example.gov.cn', notifyMode: 'immediate' });
    await settle();
    await shot('05-my-settings');
  });

  it('reads the delivery log on a phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(base + '/notify/deliveries');
    await page.locator('tr.ant-table-row').first().waitFor();
    await settle();
    await shot('06-phone-delivery-log', false);
    expect(pageErrors).toEqual([]);
  });
});
