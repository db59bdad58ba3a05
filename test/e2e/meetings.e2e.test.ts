/**
 * The meetings journey in a real browser (issue 5, item 3): the speech's meeting. The county's
 * project office creates the 调度会 in a new series, records attendance and the four projects in
 * negotiation, types the outcomes as the meeting runs — information, decisions and the three
 * actions (sign by end of May, start in late June, in production in the first half of next
 * year) with owners and deadlines — and closes it after a confirmation: the meeting locks, the
 * actions become 督办事项 and the 督办单 downloads as Word. The signing action's owner finds it
 * in the bell; the next meeting of the series opens with the three actions and their status.
 *
 * The server's clock is pinned to 12 May 2026, moving on with real time. Screenshots go to
 * test-results/ (gitignored).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPackageParts, wordText } from '../../src/documents/docx-parts.js';
import { Actor, type Clock } from '../../src/features/shared/context.js';
import { CHROMIUM, SHOTS, cjkButton, hasChromium, pickOption, settleScreen, startJourney, type BrowserJourney } from '../helpers/browser.js';

if (!hasChromium) console.log(`[e2e] SKIPPED the meetings journey: ${CHROMIUM} not found (apt-get install -y chromium fonts-noto-cjk)`);

const PASSWORD = 'Str0ng!Passw0rd';
const PMO = { username: 'mtg-pmo', displayName: '项目办刘洋' };
const OWNER = { username: 'mtg-zsj', displayName: '招商局郑婷' };
/** The zone's only account: the owner of the action given to the zone itself. */
const ZONE_STAFF = { username: 'mtg-build', displayName: '经济区建设局钱工' };
const PROJECTS = ['年产20万吨高端铝合金板带项目', '海上风电装备制造基地项目', '氢能综合利用产业园项目', '港口冷链物流综合体项目'];
const TITLE = 'XX港经济区重大项目调度会';

/** 14:30 Beijing time on 12 May 2026, moving on with real time. */
function pinnedClock(): Clock {
  const start = Date.parse('2026-05-12T06:30:00Z');
  const t0 = Date.now();
  return { now: () => new Date(start + (Date.now() - t0)) };
}

describe.skipIf(!hasChromium)('meetings journey (browser)', () => {
  let journey: BrowserJourney;
  let page: Page;
  let base: string;
  let pageErrors: string[];
  let meetingUrl = '';

  const shot = (p: Page, name: string, fullPage = true) => p.screenshot({ path: join(SHOTS, `meetings-${name}.png`), fullPage });
  const option = (p: Page, text: string | RegExp) => p.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first();
  const signIn = async (p: Page, username: string) => {
    await p.goto(base + '/login');
    await p.getByLabel('用户名').fill(username);
    await p.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await p.getByRole('button', { name: cjkButton('登录') }).click();
    await p.getByTestId('welcome').waitFor();
  };

  beforeAll(async () => {
    journey = await startJourney({
      label: 'meetings',
      clock: pinnedClock(),
      seed: async (c) => {
        const cli = Actor.cli();
        const admin = await c.services.setup.createFirstAdmin(cli, { username: 'admin', password: PASSWORD, displayName: '管理员' });
        const root = admin.unitId;
        const zone = await c.services.units.create(cli, { parentId: root, name: 'XX港经济区管委会', shortName: null, type: 'zone' });
        const zsj = await c.services.units.create(cli, { parentId: root, name: '县投资促进局（招商局）', shortName: null, type: 'department' });
        await c.services.units.create(cli, { parentId: zone.id, name: '经济区规划建设局', shortName: null, type: 'department' });
        const user = (username: string, displayName: string, role: 'coordinator' | 'leader' | 'unit-staff', unitId: string, title: string | null = null) =>
          c.services.users.create(cli, { username, password: PASSWORD, displayName, role, unitId, title });
        await user(PMO.username, PMO.displayName, 'coordinator', root);
        await user('mtg-shuji', '王建国', 'leader', root, '县委书记');
        await user('mtg-fenguan', '赵海涛', 'leader', root, '分管副县长');
        await user(OWNER.username, OWNER.displayName, 'unit-staff', zsj.id, '招商局项目专员');
        await user(ZONE_STAFF.username, ZONE_STAFF.displayName, 'unit-staff', zone.id);
        for (const name of PROJECTS) await c.services.projects.create(cli, { name, leadUnitId: zone.id, stage: 'negotiating', projectType: 'industrial' });
      },
    });
    ({ page, base, pageErrors } = journey);
  });

  afterAll(async () => {
    await journey?.close();
  });

  it('creates the 调度会 in a new series', async () => {
    await signIn(page, PMO.username);
    await page.getByRole('menu').getByText('调度会议').click();
    await page.waitForURL('**/meetings');
    await page.getByText('还没有会议').waitFor();
    await page.getByTestId('meeting-new').click();
    const drawer = page.locator('.ant-drawer').filter({ hasText: '新建会议' });
    await drawer.getByLabel('会议名称').fill(TITLE);
    await drawer.getByLabel('日期').fill('2026-05-12');
    await drawer.getByLabel('时间').fill('15:00');
    await drawer.getByLabel('地点').fill('县委常委会议室');
    await pickOption(page, drawer.getByLabel('主持人'), '王建国', drawer.locator('.ant-select-content-has-value').filter({ hasText: '王建国' }));
    await pickOption(page, drawer.getByLabel('会议系列'), '新建系列…', drawer.getByLabel('新系列名称'));
    await drawer.getByLabel('新系列名称').fill('经济区重大项目调度会');
    await settleScreen(page);
    await shot(page, '01-new-meeting', false);
    await drawer.getByRole('button', { name: cjkButton('创建') }).click();
    await page.waitForURL(/\/meetings\/[^/]+$/);
    meetingUrl = page.url();
    await page.getByRole('heading', { name: TITLE }).waitFor();
  });

  it('records attendance and the four projects in negotiation', async () => {
    const attendance = page.getByTestId('attendance');
    for (const who of ['王建国', '赵海涛', OWNER.displayName]) {
      await attendance.getByLabel('添加参会人').click();
      await page.keyboard.type(who.slice(0, 2));
      await option(page, who).click();
      await attendance.getByTestId('attendee-add').click();
      await attendance.getByTestId(`attendee-${who}`).waitFor();
    }
    await attendance.getByPlaceholder('或输入姓名（无账号）').fill('县水务集团负责同志');
    await attendance.getByTestId('attendee-add').click();
    await attendance.getByTestId('attendee-县水务集团负责同志').waitFor();
    await pickOption(page, attendance.getByLabel('赵海涛 参会人员'), '请假', attendance.getByTestId('attendee-赵海涛').locator('[title="请假"]'));

    const add = page.getByTestId('agenda-add');
    for (const name of PROJECTS) {
      await add.getByLabel('项目', { exact: true }).click();
      await page.keyboard.type(name.slice(0, 4));
      await option(page, name).click();
      await add.getByLabel('汇报人').fill('经济区招商服务中心');
      await add.getByTestId('agenda-add-button').click();
      await page.getByTestId(`agenda-${name}`).waitFor();
    }
    expect(await page.getByTestId('agenda').locator('[data-testid^="agenda-"][data-testid$="项目"]').count()).toBe(4);
  });

  it('types the outcomes as the meeting runs, including the three actions with owners and deadlines', async () => {
    await page.getByTestId('run-mode').click();
    await page.getByTestId('attendance').waitFor({ state: 'detached' });
    const quick = (project: string) => page.getByTestId(`quick-outcome-${project}`);
    const record = async (project: string, kind: '情况通报' | '议定事项' | '督办事项', content: string, action?: { unit: string; person?: string; deadline: string }) => {
      const q = quick(project);
      await q.locator('.ant-segmented-item').filter({ hasText: kind }).click();
      await q.getByLabel(`${project} 内容`).fill(content);
      if (action) {
        await pickOption(page, q.getByLabel(`${project} 责任单位`), action.unit, q.locator('.ant-select-content-has-value').filter({ hasText: action.unit }));
        if (action.person) await pickOption(page, q.getByLabel(`${project} 责任人（可选）`), action.person, q.locator('.ant-select-content-has-value').filter({ hasText: action.person }));
        await q.getByLabel(`${project} 完成时限`).fill(action.deadline);
      }
      await q.getByLabel(`${project} 内容`).press('Enter');
      await page.getByTestId(`outcome-${content}`).waitFor();
      await expect.poll(() => q.getByLabel(`${project} 内容`).inputValue()).toBe(''); // the line clears once saved
    };
    const [aluminium, wind, hydrogen, coldChain] = PROJECTS as [string, string, string, string];
    await record(aluminium, '情况通报', '合作协议文本基本敲定，土地规划调整待落实');
    await record(aluminium, '议定事项', '经济区会同自然资源和规划局拿出土地规划调整方案');
    await record(aluminium, '督办事项', '5月底前完成签约', { unit: '县投资促进局（招商局）', person: OWNER.displayName, deadline: '2026-05-31' });
    await record(wind, '督办事项', '6月下旬开工', { unit: '经济区规划建设局', deadline: '2026-06-30' });
    await record(hydrogen, '督办事项', '明年上半年建成投产', { unit: 'XX港经济区管委会', deadline: '2027-06-30' });
    await record(coldChain, '情况通报', '水电配套方案待会商');
    expect(await page.getByText('结束会议后交办').count()).toBe(3);
    await settleScreen(page);
    await shot(page, '02-run-mode');
    await page.getByTestId('run-mode').click();
    await page.getByTestId('attendance').waitFor();
  });

  it('closes the meeting after a confirmation: locked, actions assigned, 督办单 in Word', async () => {
    await page.getByTestId('meeting-close').click();
    const dialog = page.locator('.ant-modal-confirm').filter({ hasText: '结束会议？' });
    await dialog.getByText('3 项督办事项将转入督办台账').waitFor();
    await settleScreen(page);
    await shot(page, '03-close-confirm', false);
    await dialog.getByRole('button', { name: cjkButton('结束会议') }).click();
    await page.getByTestId('meeting-locked').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    // Locked: no entry lines, no agenda form, no close button; each action shows its status.
    expect(await page.getByTestId('agenda-add').count()).toBe(0);
    expect(await page.locator('[data-testid^="quick-outcome-"]').count()).toBe(0);
    expect(await page.getByTestId('meeting-close').count()).toBe(0);
    expect(await page.getByTestId('action-status').allTextContents()).toEqual(['办理中', '办理中', '办理中']);
    // No person was named for the other two: the coordinator sees it at a glance.
    await page.getByTestId('outcome-6月下旬开工').getByText('经济区规划建设局 · 未指定责任人').waitFor();
    await page.getByTestId('outcome-明年上半年建成投产').getByText('XX港经济区管委会 · 未指定责任人').waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('outcome-6月下旬开工').getByTestId('slip-supervision').click()]);
    expect(download.suggestedFilename()).toMatch(/^督办单-督办〔2026〕\d+号\.docx$/);
    const text = wordText((await readPackageParts(readFileSync(await download.path()), ['word/document.xml']))['word/document.xml']!);
    expect(text).toContain('6月下旬开工');
    expect(text).toContain('经济区规划建设局');
    expect(text).toContain('海上风电装备制造基地项目');
    await settleScreen(page);
    await shot(page, '04-closed');

    // The server refuses edits too (409), whatever a stale page might send.
    const status = await page.evaluate(async (url) => {
      const me = await (await fetch('/api/me')).json();
      const id = url.split('/').pop();
      const r = await fetch(`/api/meetings/${id}/agenda`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify({ title: '补充议题' }) });
      return r.status;
    }, meetingUrl);
    expect(status).toBe(409);
  });

  it('the signing action’s owner finds it in the bell and opens it', { timeout: 90_000 }, async () => {
    const ctx = await journey.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 375, height: 812 } });
    const owner = await ctx.newPage();
    owner.on('pageerror', (e) => pageErrors.push(e.message));
    await signIn(owner, OWNER.username);
    const bell = owner.getByTestId('notification-bell');
    await expect.poll(() => bell.getAttribute('data-unread')).toBe('1');
    await settleScreen(owner);
    await bell.click();
    const panel = owner.getByTestId('notification-panel');
    await panel.getByText('会议督办：5月底前完成签约').waitFor();
    await owner.waitForFunction(() => !document.querySelector('[class*="-enter-active"], [class*="-appear-active"]'));
    await shot(owner, '05-owner-bell-375', false);
    await panel.getByText('会议督办：5月底前完成签约').click();
    await owner.waitForURL(/\/meetings\/[^/]+\?action=/);
    await owner.getByTestId('outcome-5月底前完成签约').getByTestId('action-status').waitFor();
    expect(await owner.getByTestId('outcome-5月底前完成签约').getByTestId('slip-supervision').count()).toBe(1);
    await settleScreen(owner);
    expect(await owner.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shot(owner, '06-owner-meeting-375');
    await ctx.close();
  });

  /** Signs `who` in on a phone and finds `title` in the bell; returns the page (closed by the caller). */
  const inboxOf = async (username: string, title: string, name: string) => {
    const ctx = await journey.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 375, height: 812 } });
    const p = await ctx.newPage();
    p.on('pageerror', (e) => pageErrors.push(e.message));
    await signIn(p, username);
    const bell = p.getByTestId('notification-bell');
    await expect.poll(async () => Number(await bell.getAttribute('data-unread'))).toBeGreaterThan(0);
    await settleScreen(p);
    await bell.click();
    await p.getByTestId('notification-panel').getByText(title).waitFor();
    await p.waitForFunction(() => !document.querySelector('[class*="-enter-active"], [class*="-appear-active"]'));
    await shot(p, name, false);
    await ctx.close();
  };

  it('the zone’s action reaches the zone’s own staff, and the unstaffed bureau’s reaches the county 项目办', { timeout: 90_000 }, async () => {
    // 经济区管委会 has one account (unit staff): the action given to the zone is theirs.
    await inboxOf(ZONE_STAFF.username, '会议督办：明年上半年建成投产', '05b-zone-staff-bell-375');
    // 经济区规划建设局 has no account and the zone no 项目办: the county 项目办 that held the meeting re-assigns it.
    await inboxOf(PMO.username, '会议督办：6月下旬开工', '05c-pmo-bell-375');
  });

  it('opens the next meeting of the series with the previous meeting’s actions and their status', async () => {
    // Meanwhile the signing is reported back (the supervision feature's lifecycle; set directly here).
    await journey.container.deps.db.updateTable('actionItems').set({ status: 'reported', feedback: '5月28日已签订投资协议' }).where('title', '=', '5月底前完成签约').execute();
    await page.getByRole('menu').getByText('调度会议').click();
    await page.waitForURL('**/meetings');
    await page.getByTestId('meeting-new').click();
    const drawer = page.locator('.ant-drawer').filter({ hasText: '新建会议' });
    await drawer.getByLabel('会议名称').fill(`${TITLE}（第二次）`);
    await drawer.getByLabel('日期').fill('2026-05-19');
    // The series is preselected: the one just started.
    await drawer.getByText('经济区重大项目调度会').waitFor();
    await drawer.getByRole('button', { name: cjkButton('创建') }).click();
    await page.getByRole('heading', { name: `${TITLE}（第二次）` }).waitFor();
    const carry = page.getByTestId('carry-over');
    await carry.getByText(`上次会议督办事项落实情况 · ${TITLE}（2026-05-12）`).waitFor();
    await carry.getByText('共 3 项：已办结 0 项，待核验 1 项，办理中 2 项（逾期 0 项）').waitFor();
    await carry.getByTestId('carry-5月底前完成签约').getByText('已反馈待核验').waitFor();
    await carry.getByTestId('carry-5月底前完成签约').getByText('5月28日已签订投资协议').waitFor();
    await carry.getByTestId('carry-6月下旬开工').getByText('办理中').waitFor();
    await settleScreen(page);
    await shot(page, '07-next-meeting-carry-over');

    await page.setViewportSize({ width: 375, height: 812 });
    await carry.waitFor();
    await settleScreen(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shot(page, '08-next-meeting-375');
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(pageErrors).toEqual([]);
  });
});
