/**
 * The problem-list journey in a real browser (issue 5, item 2). On Monday 9 November 2026 the
 * coordinator sees a 土地指标 problem of the 自然资源和规划局, due Tuesday 10 November, in the
 * 推进中 list. The server clock moves to Friday 13 November (3 working days overdue); the
 * escalation job runs through the container and the problem climbs to level 2, 责任单位主要负责人.
 * The bureau's head sees it in the bell, opens it from there, and applies for 销号 with a site
 * photo; the coordinator verifies and it shows as 已销号, with its escalation trail.
 *
 * Screenshots go to test-results/problems-*.png (gitignored).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../src/container.js';
import { readPackageParts, wordText } from '../../src/documents/docx-parts.js';
import { DEFAULT_LADDER } from '../../src/core/dispatch/escalation.js';
import { Actor, type Clock } from '../../src/features/shared/context.js';
import { CHROMIUM, SHOTS, cjkButton, hasChromium, settleScreen, startJourney, type BrowserJourney } from '../helpers/browser.js';

if (!hasChromium) console.log(`[e2e] SKIPPED the problem-list journey: ${CHROMIUM} not found`);

const PASSWORD = 'Str0ng!Passw0rd';
const PMO = { username: 'pb-pmo', displayName: '项目办刘洋' };
const HEAD = { username: 'pb-head', displayName: '自然资源局张局长' };
const PROBLEM = '新增建设用地指标缺口 80 亩，需调剂';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** The server's clock: runs on from a base the test moves (10:00 Beijing time on the day). */
function testClock(): Clock & { day(iso: string): void } {
  let base = Date.parse('2026-11-09T02:00:00Z');
  let t0 = Date.now();
  return {
    now: () => new Date(base + (Date.now() - t0)),
    day: (iso) => {
      base = Date.parse(`${iso}T02:00:00Z`);
      t0 = Date.now();
    },
  };
}

async function seed(c: Container): Promise<void> {
  const cli = Actor.cli();
  await c.services.setup.createFirstAdmin(cli, { username: 'pb-admin', password: PASSWORD, displayName: '管理员', rootUnitName: 'XX县' });
  const root = (await c.services.units.findRoot())!;
  const zone = (await c.services.units.create(cli, { parentId: root.id, name: 'XX港经济区管委会', type: 'zone' })).id;
  const land = (await c.services.units.create(cli, { parentId: root.id, name: '县自然资源和规划局', type: 'department' })).id;
  await c.services.users.create(cli, { username: PMO.username, password: PASSWORD, displayName: PMO.displayName, role: 'coordinator', unitId: root.id });
  const head = await c.services.users.create(cli, { username: HEAD.username, password: PASSWORD, displayName: HEAD.displayName, role: 'unit-staff', unitId: land });
  const vice = await c.services.users.create(cli, { username: 'pb-vice', password: PASSWORD, displayName: '李副县长', role: 'leader', unitId: root.id });
  await c.services.dispatchSettings.putLadder(cli, 0, { levels: DEFAULT_LADDER.levels, unitHeads: { [land]: head.id } });
  const p = await c.services.projects.create(cli, { name: '高端装备产业园', leadUnitId: zone, stage: 'signed', projectType: 'industrial', industry: '高端装备制造' });
  await c.services.problems.create(cli, { projectId: p.id, scopeUnitId: null, category: '土地指标', description: PROBLEM, raisedBy: '企业反映', leaderId: vice.id, unitId: land, ownerUserId: null, supportingUnitIds: [], deadline: '2026-11-10' });
}

describe.skipIf(!hasChromium)('problem-list journey (browser)', () => {
  let journey: BrowserJourney;
  let page: Page;
  let base: string;
  const clock = testClock();
  const shot = (p: Page, name: string, fullPage = true) => p.screenshot({ path: join(SHOTS, `problems-${name}.png`), fullPage });
  const signIn = async (p: Page, username: string) => {
    await p.context().clearCookies();
    await p.goto(base + '/login');
    await p.getByLabel('用户名').fill(username);
    await p.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await p.getByRole('button', { name: cjkButton('登录') }).click();
    await p.getByTestId('welcome').waitFor();
  };

  beforeAll(async () => {
    journey = await startJourney({ label: 'problems', clock, seed });
    ({ page, base } = journey);
  });
  afterAll(async () => {
    await journey?.close();
  });

  it('shows the new problem in 推进中 with the per-unit summary', async () => {
    await signIn(page, PMO.username);
    await page.goto(`${base}/problems`);
    await page.getByText(PROBLEM).waitFor();
    await page.getByTestId('problem-summary').getByText('县自然资源和规划局').waitFor();
    expect(await page.getByTestId('level-tag').count()).toBe(0);
    await settleScreen(page);
    await shot(page, '01-list');
  });

  it('climbs to 责任单位主要负责人 once overdue; the head sees it in the inbox and applies for 销号 with a photo', { timeout: 90_000 }, async () => {
    clock.day('2026-11-13');
    const r = await journey.container.services.escalation.run();
    expect(r.problems).toBe(1);
    // A second run changes nothing and tells nobody again.
    expect(await journey.container.services.escalation.run()).toMatchObject({ problems: 0, notified: 0 });

    await signIn(page, HEAD.username);
    const bell = page.getByTestId('notification-bell');
    await expect.poll(() => bell.getAttribute('data-unread')).toBe('1');
    await bell.click();
    const panel = page.getByTestId('notification-panel');
    await panel.getByText(/问题升级至责任单位主要负责人/).waitFor();
    await shot(page, '02-inbox', false);
    await panel.getByText(/问题升级至责任单位主要负责人/).click();
    await page.waitForURL(/\/problems\?id=/);
    const drawer = page.getByTestId('problem-drawer');
    await drawer.getByText('第2级 · 责任单位主要负责人').waitFor();
    await drawer.getByText('逾期自动升级').first().waitFor();

    await drawer.getByTestId('problem-request-close').click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '现场照片' });
    await dialog.getByTestId('step-text').fill('已通过增减挂钩调剂指标 80 亩，批复已下达');
    const file = join(journey.dir, '现场照片.png');
    writeFileSync(file, PNG);
    await dialog.locator('input[type=file]').setInputFiles(file);
    await dialog.getByText('现场照片.png').waitFor();
    await expect.poll(() => dialog.getByRole('button', { name: cjkButton('申请销号') }).isEnabled()).toBe(true);
    await shot(page, '03-request-close', false);
    await dialog.getByRole('button', { name: cjkButton('申请销号') }).click();
    await dialog.waitFor({ state: 'hidden' });
    await drawer.getByText('申请销号').first().waitFor();
    await drawer.getByTestId('attachment-links').getByText(/现场照片\.png/).waitFor();
    // Unit staff cannot verify.
    expect(await drawer.getByTestId('problem-verify').count()).toBe(0);
    await settleScreen(page);
    await shot(page, '04-requested');
  });

  it('lets the coordinator verify; the problem shows as 已销号', { timeout: 60_000 }, async () => {
    await signIn(page, PMO.username);
    await page.goto(`${base}/problems`);
    await page.getByText(PROBLEM).click();
    const drawer = page.getByTestId('problem-drawer');
    await drawer.getByTestId('problem-verify').click();
    await drawer.locator('.ant-tag').getByText('已销号').waitFor();
    await drawer.getByText('核验销号').first().waitFor();
    await settleScreen(page);
    await shot(page, '05-verified');
    await drawer.locator('.ant-drawer-close').click();
    await page.getByTestId('problem-views').getByText(/已销号/).click();
    await page.getByText(PROBLEM).waitFor();
    await page.getByTestId('problem-summary').getByText('县自然资源和规划局').waitFor();
    await settleScreen(page);
    await shot(page, '06-closed-list');

    // The project page has a tab with its problems and action items.
    const projectId = (await journey.container.deps.db.selectFrom('projects').select('id').executeTakeFirstOrThrow()).id;
    await page.goto(`${base}/projects/${projectId}?tab=dispatch`);
    await page.getByTestId('project-dispatch').getByText(PROBLEM, { exact: false }).waitFor();
    await settleScreen(page);
    await shot(page, '07-project-tab');
    expect(journey.pageErrors).toEqual([]);
  });
  it('hands the problem’s project a 批示 and prints its 督办单 from the 督办事项 page', { timeout: 60_000 }, async () => {
    const projectId = (await journey.container.deps.db.selectFrom('projects').select('id').executeTakeFirstOrThrow()).id;
    const land = (await journey.container.deps.db.selectFrom('units').select('id').where('name', '=', '县自然资源和规划局').executeTakeFirstOrThrow()).id;
    // The coordinator (signed in) records a leader's 批示 through the API, as the 批示 form does.
    const id = await page.evaluate(
      async ({ projectId, land }) => {
        const me = await (await fetch('/api/me')).json();
        const r = await fetch('/api/actions', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify({ projectId, title: '11月底前完成用地报批', ownerUnitId: land, deadline: '2026-11-30' }) });
        return (await r.json()).id as string;
      },
      { projectId, land },
    );
    await page.goto(`${base}/actions?id=${id}`);
    const drawer = page.getByTestId('action-drawer');
    await drawer.getByText('11月底前完成用地报批').waitFor();
    await drawer.getByText('未指定责任人').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), drawer.getByTestId('slip-supervision').click()]);
    expect(download.suggestedFilename()).toMatch(/^督办单-督办〔2026〕\d+号\.docx$/);
    const text = wordText((await readPackageParts(readFileSync(await download.path()), ['word/document.xml']))['word/document.xml']!);
    expect(text).toContain('领导批示');
    expect(text).toContain('11月底前完成用地报批');
    expect(text).toContain('县自然资源和规划局');
    expect(await drawer.getByTestId('slip-reminder').count()).toBe(1);
    await settleScreen(page);
    await shot(page, '08-action-slip');
    expect(journey.pageErrors).toEqual([]);
  });
});
