/**
 * The progress-report journey in a real browser (issue 5, 进展填报). On 20 November 2026 a staff
 * member of 经济区管委会 fills the November report of 港区标准厂房一期 on a phone (375×812) with a
 * site photo and submits it; 项目办 (at a desk) sees the unit's standing, returns the report with
 * a reason; on the phone the unit sees the reason, fixes the text and resubmits; 项目办 accepts,
 * and the project's 进展 tab and the ledger show 本年累计 300 万元 and 年度完成率 30 %.
 * Screenshots go to test-results/ (gitignored).
 */
import { join } from 'node:path';
import sharp from 'sharp';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Actor, type Clock } from '../../src/features/shared/context.js';
import { CHROMIUM, SHOTS, cjkButton, hasChromium, settleScreen, startJourney, type BrowserJourney } from '../helpers/browser.js';

if (!hasChromium) console.log(`[e2e] SKIPPED the reports journey: ${CHROMIUM} not found (apt-get install -y chromium fonts-noto-cjk)`);

const PASSWORD = 'Str0ng!Passw0rd';
const PROJECT = '港区标准厂房一期';
const REASON = '请补充1号厂房屋面施工照片';

/** 10:00 Beijing time on 20 November 2026 (before the 25th), moving on with real time. */
function pinnedClock(): Clock {
  const start = Date.parse('2026-11-20T02:00:00Z');
  const t0 = Date.now();
  return { now: () => new Date(start + (Date.now() - t0)) };
}

describe.skipIf(!hasChromium)('progress reports journey (browser)', () => {
  let journey: BrowserJourney;
  let phone: Page;
  let desk: Page;
  let deskContext: BrowserContext;
  let base: string;
  let projectId = '';
  const deskErrors: string[] = [];

  const shot = (p: Page, name: string, fullPage = true) => p.screenshot({ path: join(SHOTS, `reports-${name}.png`), fullPage });

  async function login(p: Page, username: string) {
    await p.goto(base + '/login');
    await p.getByLabel('用户名').fill(username);
    await p.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await p.getByRole('button', { name: cjkButton('登录') }).click();
    await p.waitForURL((u) => !u.pathname.startsWith('/login'));
  }

  beforeAll(async () => {
    journey = await startJourney({
      label: 'reports',
      clock: pinnedClock(),
      context: { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true },
      seed: async (c) => {
        const cli = Actor.cli();
        const admin = await c.services.setup.createFirstAdmin(cli, { username: 'admin', password: PASSWORD, displayName: '管理员' });
        const zone = await c.services.units.create(cli, { parentId: admin.unitId, name: '经济区管委会', type: 'zone' });
        await c.services.users.create(cli, { username: 'zone-staff', password: PASSWORD, displayName: '管委会张丽', role: 'unit-staff', unitId: zone.id });
        await c.services.users.create(cli, { username: 'pmo', password: PASSWORD, displayName: '项目办吴敏', role: 'coordinator', unitId: admin.unitId });
        const p = await c.services.projects.create(cli, { name: PROJECT, leadUnitId: zone.id, stage: 'construction', projectType: 'industrial', annualPlanInvestment: 10_000_000 });
        await c.services.projects.create(cli, { name: '临港装备配套产业园', leadUnitId: zone.id, stage: 'signed', projectType: 'industrial' });
        projectId = p.id;
        await c.services.reportRounds.openScheduled();
      },
    });
    ({ page: phone, base } = journey);
    deskContext = await journey.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 800 } });
    desk = await deskContext.newPage();
    desk.setDefaultTimeout(15_000);
    desk.on('pageerror', (e) => deskErrors.push(e.message));
  });

  afterAll(async () => {
    await deskContext?.close();
    await journey?.close();
  });

  it('lets unit staff fill the monthly report on a phone, with a photo, and submit it', async () => {
    await login(phone, 'zone-staff');
    await phone.goto(base + '/reports');
    const card = phone.getByTestId(`report-card-${PROJECT}`);
    await card.getByText('未填报').waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await settleScreen(phone);
    await shot(phone, '01-phone-list');

    await card.click();
    const drawer = phone.locator('.ant-drawer').filter({ hasText: PROJECT });
    await drawer.getByTestId('report-investment').fill('300');
    await drawer.getByTestId('report-progress').fill('1号厂房主体封顶，2号厂房基础施工');
    // A phone photo: 2400×1800, stored as at most 1600 px.
    const photo = await sharp({ create: { width: 2400, height: 1800, channels: 3, background: '#6a9' } }).jpeg().toBuffer();
    await drawer.locator('input[type=file]').setInputFiles({ name: '现场.jpg', mimeType: 'image/jpeg', buffer: photo });
    await drawer.locator('.ant-upload-list-item-done').first().waitFor();
    await drawer.getByTestId('report-next').fill('12月完成屋面防水');
    await drawer.getByTestId('report-add-problem').click();
    await drawer.getByPlaceholder('问题描述').fill('110千伏线路迁改未完成，影响2号厂房施工');
    await settleScreen(phone);
    await shot(phone, '02-phone-form', false);
    await drawer.getByTestId('report-submit').click();
    await phone.getByText('已提交，等待项目办审核').waitFor();
    await card.getByText('已提交').waitFor();
  });

  it('lets 项目办 see each unit’s standing and return the report with a reason', async () => {
    await login(desk, 'pmo');
    await desk.goto(base + '/reports/review');
    const summary = desk.getByTestId('unit-summary');
    await summary.getByText('经济区管委会').waitFor();
    await desk.getByTestId(`return-${PROJECT}`).click();
    await desk.getByTestId('return-reason').fill(REASON);
    await settleScreen(desk);
    await shot(desk, '03-desk-return');
    await desk.getByTestId('return-confirm').click();
    await desk.getByText(`已退回：${PROJECT}`).waitFor();
  });

  it('shows the unit why, and takes the fixed report again', async () => {
    await phone.reload();
    const card = phone.getByTestId(`report-card-${PROJECT}`);
    await card.getByText(`已退回：${REASON}`).waitFor();
    await card.click();
    const drawer = phone.locator('.ant-drawer').filter({ hasText: PROJECT });
    await drawer.getByTestId('report-return-reason').getByText(REASON).waitFor();
    await drawer.locator('.ant-image').first().waitFor(); // the photo sent the first time is still there
    await settleScreen(phone);
    await shot(phone, '04-phone-returned', false);
    await drawer.getByTestId('report-progress').fill('1号厂房主体封顶、屋面施工中（已补照片），2号厂房基础施工');
    const again = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#a96' } }).jpeg().toBuffer();
    await drawer.locator('input[type=file]').setInputFiles({ name: '屋面.jpg', mimeType: 'image/jpeg', buffer: again });
    await drawer.locator('.ant-upload-list-item-done').first().waitFor();
    await drawer.getByTestId('report-submit').click();
    await phone.getByText('已提交，等待项目办审核').waitFor();
  });

  it('lets 项目办 accept it, and the project and the ledger show the cumulative figures', async () => {
    await desk.goto(base + '/reports/review');
    await desk.getByTestId(`accept-${PROJECT}`).click();
    await desk.getByText(`已通过：${PROJECT}`).waitFor();
    await desk.getByTestId('review-list').locator('.ant-empty-description').waitFor();
    await settleScreen(desk);
    await shot(desk, '05-desk-accepted');

    await desk.goto(`${base}/projects/${projectId}?tab=progress`);
    await desk.getByTestId('cum-ytd').getByText('300 万元').waitFor();
    await desk.getByTestId('cum-rate').getByText('30 %').waitFor();
    await desk.getByTestId('history-2026-11').getByText('已通过').waitFor();
    await settleScreen(desk);
    await shot(desk, '06-project-progress');

    await desk.goto(`${base}/projects`);
    const row = desk.locator('tr').filter({ hasText: PROJECT });
    await row.getByText('30 %').waitFor();
    await settleScreen(desk);
    await shot(desk, '07-ledger');
    expect(journey.pageErrors).toEqual([]);
    expect(deskErrors).toEqual([]);
  });
  it('opens this week’s 周报 from the web and turns on the weekly schedule', async () => {
    await desk.goto(base + '/reports');
    await desk.getByTestId('open-round-button').click();
    const modal = desk.locator('.ant-modal').filter({ hasText: '本周周报' });
    await modal.getByText('本周周报').click();
    await modal.getByText(/本周五截止/).waitFor();
    await modal.getByTestId('weekly-auto').click();
    await desk.getByText('已开启每周自动周报').waitFor();
    await settleScreen(desk);
    await shot(desk, '08-desk-open-weekly', false);
    await modal.getByRole('button', { name: cjkButton('开启') }).click();
    await desk.getByText(/已开启 2026-W47 填报，共 \d+ 个项目/).waitFor();
    await desk.getByTestId('round-select').getByText(/2026-W47（周报，2026-11-20 截止）/).waitFor();
    expect((await journey.container.services.reportRounds.schedule()).weekly).toBe(true);
  });

  it('loads and submits the weekly report on a phone over a slow connection, the photo made small before it is sent', { timeout: 120_000 }, async () => {
    const round = await journey.container.deps.db.selectFrom('reportRounds').select('id').where('kind', '=', 'weekly').executeTakeFirstOrThrow();
    // A slow 3G link: 400 ms latency, ~50 KB/s down, ~25 KB/s up (Chromium's DevTools throttling).
    const cdp = await phone.context().newCDPSession(phone);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 400, downloadThroughput: 50 * 1024, uploadThroughput: 25 * 1024 });
    try {
      await phone.goto(`${base}/reports?round=${round.id}`, { timeout: 90_000 });
      const card = phone.getByTestId(`report-card-${PROJECT}`);
      await card.getByText('未填报').waitFor({ timeout: 60_000 });
      // What the page hands to fetch for an upload: its size and pixels (the wire body itself is not visible to the test).
      await phone.evaluate(() => {
        const w = window as unknown as { __uploads: Promise<{ size: number; width: number; height: number }>[] };
        w.__uploads = [];
        const original = window.fetch.bind(window);
        window.fetch = (input, init) => {
          if (String(input).includes('/api/attachments') && init?.body instanceof Blob) {
            const body = init.body;
            w.__uploads.push(createImageBitmap(body).then((b) => ({ size: body.size, width: b.width, height: b.height })));
          }
          return original(input, init);
        };
      });
      await card.click();
      const drawer = phone.locator('.ant-drawer').filter({ hasText: PROJECT });
      await drawer.getByTestId('report-progress').fill('2号厂房基础完成，本周开始主体施工', { timeout: 60_000 });
      // A 4000×3000 phone photo (~1–2 MB) is sent as a ≤1600 px JPEG.
      const big = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#888', noise: { type: 'gaussian', mean: 128, sigma: 40 } } }).jpeg({ quality: 92 }).toBuffer();
      await drawer.locator('input[type=file]').setInputFiles({ name: '周报现场.jpg', mimeType: 'image/jpeg', buffer: big });
      await drawer.locator('.ant-upload-list-item-done').first().waitFor({ timeout: 90_000 });
      const sent = await phone.evaluate(() => Promise.all((window as unknown as { __uploads: Promise<{ size: number; width: number; height: number }>[] }).__uploads));
      expect(sent).toHaveLength(1);
      expect(Math.max(sent[0]!.width, sent[0]!.height)).toBe(1600);
      expect(sent[0]!.size).toBeLessThan(big.length / 2);
      await drawer.getByTestId('report-submit').click();
      // The form locks once the server has it (a toast may come and go while the slow link still loads the list).
      await drawer.getByText(/已提交的报告不能修改/).waitFor({ timeout: 60_000 });
      await settleScreen(phone);
      await shot(phone, '09-phone-weekly-slow', false);
      expect(journey.pageErrors).toEqual([]);
    } finally {
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
      await cdp.detach();
    }
  });
});
