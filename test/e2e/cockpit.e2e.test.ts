/**
 * The leader's journey of issue 6 in a real browser, on a tablet (1180 × 820). On 27 November
 * 2026 (序时 83.3 %) the 港区冷链物流中心 has done 100 of its 1,000 万元 this year: red. The
 * leader opens the cockpit, taps the red count, lands on the red projects, opens the project,
 * reads why it is red, and raises a 督办 item, which the light card then shows as under way. The
 * coordinator then drafts November's 调度通报 and downloads it: the red project is in its light list.
 *
 * Screenshots go to test-results/cockpit-*.png (gitignored).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../src/container.js';
import { readPackageParts, wordText } from '../../src/documents/docx-parts.js';
import { Actor, type Clock } from '../../src/features/shared/context.js';
import { CHROMIUM, SHOTS, cjkButton, hasChromium, settleScreen, startJourney, type BrowserJourney } from '../helpers/browser.js';

if (!hasChromium) console.log(`[e2e] SKIPPED the cockpit journey: ${CHROMIUM} not found`);

const PASSWORD = 'Str0ng!Passw0rd';
const LEADER = { username: 'ck-leader', displayName: '王县长' };
const PMO = { username: 'ck-pmo', displayName: '项目办刘洋' };
const RED = '港区冷链物流中心';
const WAN = 10_000;

/** 10:00 Beijing time on 27 November 2026, running on. */
const clock: Clock = (() => {
  const base = Date.parse('2026-11-27T02:00:00Z');
  const t0 = Date.now();
  return { now: () => new Date(base + (Date.now() - t0)) };
})();

async function seed(c: Container): Promise<void> {
  const cli = Actor.cli();
  await c.services.setup.createFirstAdmin(cli, { username: 'ck-admin', password: PASSWORD, displayName: '管理员', rootUnitName: 'XX县' });
  const root = (await c.services.units.findRoot())!;
  const zone = (await c.services.units.create(cli, { parentId: root.id, name: 'XX港经济区管委会', type: 'zone' })).id;
  await c.services.users.create(cli, { username: LEADER.username, password: PASSWORD, displayName: LEADER.displayName, role: 'leader', unitId: root.id });
  await c.services.users.create(cli, { username: PMO.username, password: PASSWORD, displayName: PMO.displayName, role: 'coordinator', unitId: root.id });
  const building = (plan: number, done: number) => ({ stage: 'construction' as const, annualPlanInvestment: plan * WAN, ytdInvestment: done * WAN, actualStartDate: '2026-03-01', statsEnteredDate: '2026-03-20' });
  await c.services.projects.create(cli, { name: RED, leadUnitId: zone, industry: '港口物流', ...building(1000, 100) });
  await c.services.projects.create(cli, { name: '新能源电池材料项目', leadUnitId: zone, industry: '新能源', ...building(2000, 1900) });
  await c.services.lights.recomputeAll();
}

describe.skipIf(!hasChromium)('cockpit journey (browser, tablet)', () => {
  let journey: BrowserJourney;
  let page: Page;
  let base: string;
  const shot = (p: Page, name: string, fullPage = true) => p.screenshot({ path: join(SHOTS, `cockpit-${name}.png`), fullPage });

  beforeAll(async () => {
    journey = await startJourney({ label: 'cockpit', clock, seed, context: { viewport: { width: 1180, height: 820 }, hasTouch: true } });
    ({ page, base } = journey);
  });
  afterAll(async () => {
    await journey?.close();
  });

  const signIn = async (username: string) => {
    await page.context().clearCookies();
    await page.goto(base + '/login');
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: cjkButton('登录') }).click();
    await page.getByTestId('welcome').waitFor();
  };

  it('takes the leader from the cockpit’s red count to the red projects', async () => {
    await signIn(LEADER.username);
    await page.goto(base + '/cockpit');
    const red = page.getByTestId('cockpit-red');
    await red.getByText('1', { exact: true }).waitFor();
    await page.getByTestId('cockpit-problems').waitFor();
    await settleScreen(page);
    await shot(page, '01-cockpit');
    await red.click();
    await page.waitForURL(/\/lights\?color=red/);
    // The cockpit's lists name the same project: wait for the lights page to replace it.
    await page.getByTestId('lights-count-red').waitFor();
    const table = page.locator('.ant-table');
    await table.getByRole('link', { name: RED }).waitFor();
    expect(await table.getByRole('link', { name: '新能源电池材料项目' }).count()).toBe(0);
    await page.getByText('年度投资完成率10%，序时进度83.3%，落后73.3个百分点').waitFor();
    await shot(page, '02-red-list');
  });

  it('opens the project, reads why it is red, and raises a 督办 item', { timeout: 90_000 }, async () => {
    await page.locator('.ant-table').getByRole('link', { name: RED }).click();
    await page.waitForURL(/\/projects\//);
    const card = page.getByTestId('project-light');
    await card.getByTestId('light-reasons').getByText('年度投资完成率10%，序时进度83.3%，落后73.3个百分点').waitFor();
    await card.getByTestId('light-supervise').click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '红灯督办' });
    await dialog.getByTestId('light-supervise-deadline').fill('2026-12-10');
    await dialog.getByLabel('督办事项').fill('12月10日前制定赶超计划，月底投资完成率达到序时');
    await shot(page, '03-supervise', false);
    await dialog.getByRole('button', { name: cjkButton('交办') }).click();
    await dialog.waitFor({ state: 'hidden' });
    await card.getByTestId('light-supervision').getByText('已督办，限 2026-12-10 前办结').waitFor();
    await settleScreen(page);
    await shot(page, '04-supervised');

    const items = await journey.container.deps.db.selectFrom('actionItems').select(['sourceKind', 'title', 'deadline', 'leaderId', 'detail']).execute();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ sourceKind: 'light', title: '12月10日前制定赶超计划，月底投资完成率达到序时', deadline: '2026-12-10', detail: '年度投资完成率10%，序时进度83.3%，落后73.3个百分点' });
    expect(items[0]!.leaderId).not.toBeNull(); // the leader who raised it answers for it

    // The item is in 督办事项 like any other, marked by its source.
    await card.getByTestId('light-supervision').click();
    await page.waitForURL(/\/actions\?/);
    await page.getByText('12月10日前制定赶超计划，月底投资完成率达到序时').first().waitFor();
    await shot(page, '05-actions');
  });

  it('lets the coordinator draft November’s 调度通报 and download it, the red project in its light list', { timeout: 90_000 }, async () => {
    await signIn(PMO.username);
    await page.goto(base + '/bulletins');
    await page.getByRole('combobox', { name: '通报月份' }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /^2026-11$/ }).click();
    await page.getByTestId('bulletin-draft').click();
    await page.waitForURL(/\/bulletins\/[^/]+$/);
    await page.getByText('关于2026年11月份全县重大项目推进情况的通报').waitFor();
    await settleScreen(page);
    await shot(page, '06-bulletin');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('bulletin-docx').click()]);
    expect(download.suggestedFilename()).toBe('调度通报-2026年11月-全县.docx');
    const xml = (await readPackageParts(readFileSync((await download.path())!), ['word/document.xml']))['word/document.xml']!;
    const text = wordText(xml);
    expect(text).toContain('四、亮灯及“十快十慢”项目');
    expect(text).toContain(RED);
    expect(journey.pageErrors).toEqual([]);
  });
});
