/**
 * The goals journey in a real browser (issue 4, item 1). On 27 November 2026 (10 months ended:
 * 序时 83.3 %) a coordinator of the demo county opens 目标任务, sets the 2026 targets of
 * 经济区规划建设局 — with a quarterly split that first does not add up — and reads its progress
 * and gap: signings ahead of 序时 in green, starts and investment behind in red. The start figure
 * opens the projects behind it: one that counts, two at risk (one late, one due without a
 * signing). The coordinator then edits the targets (If-Match under the hood) and the figure
 * turns green; the page is checked on a tablet, on a phone and in English.
 *
 * The server's clock is pinned (advancing from that morning), so the figures are the same on
 * any day the test runs. Screenshots go to test-results/ (gitignored).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../src/container.js';
import { loadDemoWorld } from '../../src/features/demo/demo.service.js';
import { Actor, type Clock } from '../../src/features/shared/context.js';
import { CHROMIUM, SHOTS, cjkButton, hasChromium, pickTreeUnit, settleScreen, startJourney, type BrowserJourney } from '../helpers/browser.js';

if (!hasChromium) console.log(`[e2e] SKIPPED the goals journey: ${CHROMIUM} not found (apt-get install -y chromium fonts-noto-cjk)`);

const PMO = { username: 'goals-pmo', displayName: '项目办吴敏', password: 'Str0ng!Passw0rd' };
const UNIT = '经济区规划建设局';

/** 10:00 Beijing time on 27 November 2026, moving on with real time. */
function pinnedClock(): Clock {
  const start = Date.parse('2026-11-27T02:00:00Z');
  const t0 = Date.now();
  return { now: () => new Date(start + (Date.now() - t0)) };
}

/** Three projects of the unit: one started this year, one late to start, one due to start unsigned. */
async function seedUnitProjects(c: Container) {
  const cli = Actor.cli();
  const unit = (await c.deps.db.selectFrom('units').select('id').where('name', '=', UNIT).executeTakeFirstOrThrow()).id;
  const make = async (name: string, fields: Record<string, unknown>, steps: [ 'signed' | 'construction', string][]) => {
    let p = await c.services.projects.create(cli, { name, leadUnitId: unit, stage: 'negotiating', projectType: 'industrial', ...fields });
    for (const [to, date] of steps) p = await c.services.projects.transition(cli, p.id, p.version, { to, date });
  };
  await make('港区标准厂房一期', { ytdInvestment: 12_000_000, annualPlanInvestment: 20_000_000 }, [
    ['signed', '2026-04-10'],
    ['construction', '2026-06-18'],
  ]);
  await make('临港装备配套产业园', { plannedStartDate: '2026-09' }, [['signed', '2026-05-20']]);
  await make('港区污水处理站提标改造', { plannedSignDate: '2026-12', plannedStartDate: '2026-12' }, []);
}

describe.skipIf(!hasChromium)('goals journey (browser)', () => {
  let journey: BrowserJourney;
  let page: Page;
  let base: string;
  let pageErrors: string[];

  const shot = (name: string, fullPage = true) => page.screenshot({ path: join(SHOTS, `goals-${name}.png`), fullPage });
  const settle = () => settleScreen(page);
  const cell = (metric: string) => page.getByTestId(`goal-${UNIT}-${metric}`);

  beforeAll(async () => {
    journey = await startJourney({
      label: 'goals',
      clock: pinnedClock(),
      seed: async (c) => {
        await loadDemoWorld(c.deps, c.services, Actor.cli());
        const root = (await c.services.units.findRoot())!;
        await c.services.users.create(Actor.cli(), { username: PMO.username, password: PMO.password, displayName: PMO.displayName, role: 'coordinator', unitId: root.id });
        await seedUnitProjects(c);
      },
    });
    ({ page, base, pageErrors } = journey);
  });

  afterAll(async () => {
    await journey?.close();
  });

  it('opens 目标任务 with the demo targets, the whole county first, and 序时 as of today', async () => {
    await page.goto(base + '/login');
    await page.getByLabel('用户名').fill(PMO.username);
    await page.getByLabel('密码', { exact: true }).fill(PMO.password);
    await page.getByRole('button', { name: cjkButton('登录') }).click();
    await page.getByTestId('welcome').waitFor();

    await page.getByRole('menu').getByText('目标任务').click();
    await page.waitForURL('**/goals');
    // Last year has no targets; this year has the demo's.
    const pickYear = async (year: number) => {
      await page.getByRole('combobox', { name: '年度' }).click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: new RegExp(`^${year} 年$`) }).click();
      await page.waitForURL(new RegExp(`year=${year}`));
    };
    await pickYear(2025);
    await page.getByText('2025 年还没有设定目标').waitFor();
    await pickYear(2026);
    await page.getByTestId('goal-as-of').getByText('截至 2026-11-27，2026 年已过 10 个月，序时进度 83.3%', { exact: false }).waitFor();
    const rows = page.getByTestId('goal-table').locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    expect(await rows.first().textContent()).toMatch(/XX县.*全域/);
    expect(await rows.count()).toBe(3);
    await settle();
    await shot('01-demo-targets');
  });

  it('sets a unit’s 2026 targets, refusing a quarterly split that does not add up', async () => {
    await page.getByTestId('goal-new').click();
    const drawer = page.locator('.ant-drawer').filter({ hasText: '设定 2026 年目标' });
    await pickTreeUnit(page, drawer.getByLabel('单位'), drawer, UNIT);
    await drawer.getByLabel('签约').fill('2');
    await drawer.getByLabel('开工').fill('2');
    await drawer.getByLabel('完成投资').fill('3000');
    await drawer.getByTestId('goal-use-quarters').click();
    const q = (n: number) => drawer.getByLabel(`开工 ${n}季度`);
    for (const [n, v] of [[1, '0'], [2, '1'], [3, '1'], [4, '1']] as const) await q(n).fill(v);
    await drawer.getByTestId('goal-quarters-start').getByText('合计 3 / 全年 2').waitFor();
    await drawer.getByTestId('goal-save').click();
    await drawer.getByText('四个季度之和（3）应等于全年目标（2）').waitFor();
    await settle();
    await shot('02-form-quarter-error');

    await q(4).fill('0');
    await drawer.getByTestId('goal-save').click();
    await drawer.waitFor({ state: 'hidden' });
    await page.getByText('目标已保存').waitFor();

    // Signed 2 of 2 by November: ahead of 序时 (1.7). Started 1 of 2 against 2 due by the
    // split (Q1 0, Q2 1, Q3 1): 50 points behind. Investment 1200 of 3000 万元: 43.3 behind.
    await expect.poll(() => cell('sign').getAttribute('data-status')).toBe('ahead');
    expect(await cell('sign').textContent()).toContain('2 / 2');
    expect(await cell('sign-gap').textContent()).toBe('+16.7 个百分点');
    expect(await cell('start').getAttribute('data-status')).toBe('behind');
    expect(await cell('start').textContent()).toMatch(/1 \/ 2.*序时 2/);
    expect(await cell('start-gap').textContent()).toBe('−50.0 个百分点');
    expect(await cell('investment-gap').textContent()).toBe('−43.3 个百分点');
    // Behind reads red, ahead green (antd's danger and success text).
    expect(await cell('start-gap').locator('.ant-typography-danger').count()).toBe(1);
    expect(await cell('sign-gap').locator('.ant-typography-success').count()).toBe(1);
    await settle();
    await shot('03-unit-progress');
  });

  it('shows the projects that count toward the start target and the ones at risk', async () => {
    await cell('start').click();
    const drawer = page.locator('.ant-drawer').filter({ hasText: `${UNIT} · 开工（2026 年）` });
    const counting = drawer.getByTestId('goal-counting');
    await counting.getByText('计入目标的项目（1）').waitFor();
    await counting.getByText('港区标准厂房一期').waitFor();
    await counting.getByText('2026-06-18 开工').waitFor();
    const risks = drawer.getByTestId('goal-candidates').getByTestId('goal-project');
    expect(await risks.count()).toBe(2);
    expect(await risks.nth(0).textContent()).toMatch(/临港装备配套产业园.*高风险.*计划开工时间 2026-09 已过，仍未开工/);
    expect(await risks.nth(1).textContent()).toMatch(/港区污水处理站提标改造.*高风险.*计划 2026-12 开工，但尚未签约/);
    await settle();
    await shot('04-start-projects');

    await risks.nth(0).getByRole('link', { name: '临港装备配套产业园' }).click();
    await page.waitForURL(/\/projects\/[^/]+$/);
    await page.getByTestId('project-title').getByText('临港装备配套产业园').waitFor();
    await page.goBack();
    await page.waitForURL(/\/goals\?year=2026/);
  });

  it('edits the targets and the figure turns green', async () => {
    await page.getByTestId(`goal-edit-${UNIT}`).click();
    const drawer = page.locator('.ant-drawer').filter({ hasText: `修改 ${UNIT} 2026 年目标` });
    await expect.poll(() => drawer.getByLabel('开工', { exact: true }).inputValue()).toBe('2');
    await drawer.getByLabel('开工', { exact: true }).fill('1');
    await drawer.getByTestId('goal-use-quarters').click();
    await drawer.getByTestId('goal-save').click();
    await drawer.waitFor({ state: 'hidden' });
    // 1 of 1 against 0.8 due by the even pace: 16.7 points ahead.
    await expect.poll(() => cell('start').getAttribute('data-status')).toBe('ahead');
    expect(await cell('start-gap').textContent()).toBe('+16.7 个百分点');
  });

  it('reads well on a tablet and on a phone, without sideways page scrolling', async () => {
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.getByTestId('goal-table').waitFor();
    await settle();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
    await shot('05-tablet-768', false);

    await page.setViewportSize({ width: 375, height: 812 });
    await page.getByTestId('goal-cards').waitFor();
    await settle();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shot('06-phone-375');
    await cell('investment').click();
    const drawer = page.locator('.ant-drawer').filter({ hasText: `${UNIT} · 完成投资（2026 年）` });
    await drawer.getByTestId('goal-counting').getByText('港区标准厂房一期').waitFor();
    await drawer.getByTestId('goal-candidates').getByText(/完成年度计划的 60.0%，低于序时 83.3%/).waitFor();
    await settle();
    await shot('07-phone-investment', false);
    await drawer.getByRole('button', { name: 'Close' }).or(drawer.locator('.ant-drawer-close')).first().click();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByTestId('goal-table').waitFor();
  });

  it('speaks English after the language switch', async () => {
    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('heading', { name: 'Annual goals' }).waitFor();
    await page.getByTestId('goal-table').locator('th').filter({ hasText: 'Negotiating pool' }).waitFor();
    expect(await cell('start-gap').textContent()).toBe('+16.7 pts');
    await settle();
    await shot('08-en');
    await page.getByText('中文', { exact: true }).click();
    await page.getByRole('heading', { name: '目标任务' }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
