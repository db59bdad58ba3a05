/**
 * The foundation journey in a real browser (issue "Web shell"): first run → setup page at `/`
 * → create the administrator → sign in → add a unit and a user through the UI → sign out →
 * five wrong passwords for that user → the lock message, in Chinese (and in English after the
 * language switch, which proves the luodi_lang cookie reaches the server).
 *
 * Runs the real server in-process on a random port against a fresh SQLite file, and Debian's
 * chromium through playwright-core. Screenshots go to test-results/ (gitignored).
 */
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, SHOTS, cjkButton, hasChromium, settleScreen, startJourney, type BrowserJourney } from '../helpers/browser.js';

if (!hasChromium) console.log(`[e2e] SKIPPED the web foundation journey: ${CHROMIUM} not found (apt-get install -y chromium fonts-noto-cjk)`);

const ADMIN = { username: 'admin', displayName: '王建国', password: 'Adm1n!Pass#2026', unit: '临海县人民政府' };
const UNIT = { name: 'XX港经济区管理委员会', shortName: '港区管委会' };
const USER = { username: 'zhangsan', displayName: '张三', title: '副主任', phone: '13800000000', password: 'Init!Pass2026' };


describe.skipIf(!hasChromium)('web foundation journey (browser)', () => {
  let journey: BrowserJourney;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  let pageErrors: string[];

  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `foundation-${name}.png`), fullPage: true });
  const settle = () => settleScreen(page);

  beforeAll(async () => {
    journey = await startJourney({ label: 'foundation' });
    ({ context, page, base, pageErrors } = journey);
  });

  afterAll(async () => {
    await journey?.close();
  });

  it('shows the first-run setup page at / and creates the administrator', async () => {
    const root = await page.goto(base + '/');
    expect(root?.status(), 'GET / must answer the web app (index.html)').toBe(200);
    await page.waitForURL('**/setup');
    await page.getByText('首次使用：初始化平台').waitFor();
    await shot('01-setup');

    await page.getByLabel('用户名').fill(ADMIN.username);
    await page.getByLabel('姓名').fill(ADMIN.displayName);
    await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('确认密码').fill(ADMIN.password);
    await page.getByLabel('单位名称').fill(ADMIN.unit);
    await page.getByRole('button', { name: '创建管理员' }).click();

    await page.waitForURL('**/login');
    await page.getByText('初始化完成').waitFor();
    expect(await page.getByLabel('用户名').inputValue()).toBe(ADMIN.username);
  });

  it('signs the administrator in to the home page', async () => {
    await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: cjkButton('登录') }).click();
    await page.getByTestId('welcome').waitFor();
    expect(await page.getByTestId('welcome').textContent()).toContain(ADMIN.displayName);
    await page.getByText('落地 · 重大项目推进平台').first().waitFor();
    // The system administrator sees units and users, not the audit log or the security policy.
    const menu = page.getByRole('menu');
    await menu.getByText('单位管理').waitFor();
    expect(await menu.getByText('用户管理').count()).toBe(1);
    expect(await menu.getByText('审计日志').count()).toBe(0);
    expect(await menu.getByText('安全策略').count()).toBe(0);
    await shot('02-home');

    // Pages outside the role give 403, unknown pages 404, both inside the layout.
    await page.goto(base + '/audit');
    await page.getByText('你没有权限访问此页面').waitFor();
    await page.goto(base + '/no-such-page');
    await page.getByText('你访问的页面不存在').waitFor();
  });

  it('adds a unit through the units page', async () => {
    await page.getByRole('menu').getByText('单位管理').click();
    await page.waitForURL('**/units');
    await page.getByRole('cell', { name: ADMIN.unit }).waitFor();
    await page.getByRole('button', { name: '新增单位' }).click();

    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('单位名称').fill(UNIT.name);
    await dialog.getByLabel('简称').fill(UNIT.shortName);
    await dialog.getByLabel('单位类型').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '经济区/园区' }).click();
    await dialog.getByRole('button', { name: cjkButton('保存') }).click();

    await page.getByRole('cell', { name: new RegExp(UNIT.name) }).waitFor();
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.getByRole('row').filter({ hasText: UNIT.name }).getByText('经济区/园区').count()).toBe(1);
    await shot('03-units');
  });

  it('adds a user in that unit through the users page', async () => {
    await page.getByRole('menu').getByText('用户管理').click();
    await page.waitForURL('**/users');
    await page.getByRole('cell', { name: ADMIN.username }).waitFor();
    await page.getByRole('button', { name: '新增用户' }).click();

    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('用户名').fill(USER.username);
    await dialog.getByLabel('姓名').fill(USER.displayName);
    await dialog.getByLabel('职务').fill(USER.title);
    await dialog.getByLabel('电话').fill(USER.phone);
    await dialog.getByLabel('单位').click();
    await page.locator('.ant-select-tree-node-content-wrapper').filter({ hasText: UNIT.name }).click();
    await dialog.getByLabel('角色').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '责任单位人员' }).click();
    await dialog.getByLabel('初始密码').fill(USER.password);
    await dialog.getByRole('button', { name: cjkButton('保存') }).click();

    const row = page.getByRole('row').filter({ hasText: USER.username });
    await row.waitFor();
    await dialog.waitFor({ state: 'hidden' });
    expect(await row.textContent()).toContain('待改密');
    expect(await row.textContent()).toContain(UNIT.name);
    await settle();
    await shot('04-users');

    // The same page on a phone: the side menu becomes a drawer behind the menu button.
    await page.setViewportSize({ width: 375, height: 812 });
    await page.getByRole('button', { name: '打开菜单' }).waitFor();
    expect(await page.locator('.ant-layout-sider').count()).toBe(0);
    await settle();
    await shot('05-users-phone');
    await page.getByRole('button', { name: '打开菜单' }).click();
    await page.locator('.ant-drawer').getByText('单位管理').waitFor();
    await settle();
    await shot('06-drawer-phone');
    await page.keyboard.press('Escape');
    // Let the drawer finish closing before the layout changes under it.
    await page.locator('.ant-drawer-open').waitFor({ state: 'detached' });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.locator('.ant-layout-sider').waitFor();
  });

  it('signs out', async () => {
    await page.getByTestId('user-menu').click();
    // The item is clicked once the menu has opened, not while it is still animating in.
    const signOut = page.getByRole('menuitem', { name: '退出登录' });
    await signOut.waitFor();
    await signOut.click();
    await page.waitForURL('**/login');
    await page.getByText('你已安全退出').waitFor();
  });

  it('locks the account after five wrong passwords and says so in Chinese', async () => {
    const error = page.getByTestId('login-error');
    await page.getByLabel('用户名').fill(USER.username);
    for (let attempt = 1; attempt <= 5; attempt++) {
      await page.getByLabel('密码', { exact: true }).fill(`wrong-password-${attempt}`);
      await page.getByRole('button', { name: cjkButton('登录') }).click();
      // Each answer differs from the previous one, so waiting for its text waits for the request.
      await error.getByText(attempt < 5 ? `还可尝试 ${5 - attempt} 次` : '账户已锁定').waitFor();
      if (attempt < 5) expect(await error.textContent()).toContain('用户名或密码错误');
    }
    expect(await error.textContent()).toContain('连续登录失败次数过多，账户已锁定');
    await shot('07-locked');

    // Even the right password is refused while locked.
    await page.getByLabel('密码', { exact: true }).fill(USER.password);
    await page.getByRole('button', { name: cjkButton('登录') }).click();
    await error.getByText('分钟后再试').waitFor();
  });

  it('switches to English, and the server answers in English too', async () => {
    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    const cookies = await context.cookies(base);
    expect(cookies.find((c) => c.name === 'luodi_lang')?.value).toBe('en');
    await page.getByLabel('Password', { exact: true }).fill('still-wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('login-error').getByText('the account is locked').waitFor();
    await shot('08-locked-en');
    expect(pageErrors).toEqual([]);
  });
});
