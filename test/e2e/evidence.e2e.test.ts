/**
 * Evidence on a stage change, in a real browser (issue 3: "each transition records date,
 * evidence (note and/or attachment), and who"). A coordinator of a town signs in, names a county
 * leader as 包挂领导 (outside the town's own unit subtree, through the people lookup), moves the
 * town's project to 签约 with a note, a PDF and a photo — an .exe in disguise is refused with the
 * reason shown under the upload — and finds both files as download links in the stage timeline,
 * served with safe headers; then the page on a 375px phone and in English (labels from core).
 *
 * Runs the real server in-process on a random port against a fresh SQLite file, and Debian's
 * chromium through playwright-core. Screenshots go to test-results/ (gitignored).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Actor } from '../../src/features/shared/context.js';
import { CHROMIUM, SHOTS, cjkButton, hasChromium, settleScreen, startJourney, type BrowserJourney } from '../helpers/browser.js';

if (!hasChromium) console.log(`[e2e] SKIPPED the stage evidence journey: ${CHROMIUM} not found (apt-get install -y chromium fonts-noto-cjk)`);

const PASSWORD = 'Str0ng!Passw0rd';
const PROJECT = '镇级分布式光伏电站（凭证演练）';
/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

describe.skipIf(!hasChromium)('stage evidence journey (browser)', () => {
  let journey: BrowserJourney;
  let page: Page;
  let base: string;
  let dir: string;
  let projectId = '';

  const shot = (name: string, fullPage = true) => page.screenshot({ path: join(SHOTS, `evidence-${name}.png`), fullPage });
  const settle = () => settleScreen(page);
  /** Chooses an option of an antd Select and checks that it took (a click during the dropdown's slide-in can miss on a busy machine). */
  const pick = async (select: Locator, option: string, chosen: () => Promise<string | null>) => {
    for (let attempt = 0; attempt < 3; attempt++) {
      await select.click();
      await page.waitForFunction(() => !document.querySelector('.ant-select-dropdown[class*="-enter-active"], .ant-select-dropdown[class*="-appear-active"]'));
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
      if ((await expect.poll(chosen, { timeout: 3_000 }).toBe(option).then(() => true, () => false))) return;
      await page.keyboard.press('Escape');
    }
    throw new Error(`could not choose ${option}`);
  };

  beforeAll(async () => {
    journey = await startJourney({
      label: 'evidence',
      seed: async (c, folder) => {
        const admin = await c.services.setup.createFirstAdmin(Actor.cli(), { username: 'admin', password: PASSWORD, displayName: '管理员', rootUnitName: '临海县人民政府' });
        const town = await c.services.units.create(Actor.cli(), { parentId: admin.unitId, name: 'XX镇人民政府', type: 'town' });
        await c.services.users.create(Actor.cli(), { username: 'county-leader', password: PASSWORD, displayName: '赵海涛', title: '副县长', role: 'leader', unitId: admin.unitId });
        await c.services.users.create(Actor.cli(), { username: 'town-pmo', password: PASSWORD, displayName: '镇项目办李娜', role: 'coordinator', unitId: town.id });
        const p = await c.services.projects.create(Actor.cli(), { name: PROJECT, leadUnitId: town.id, projectType: 'industrial', level: 'county', nature: 'new', stage: 'negotiating' });
        projectId = p.id;
        writeFileSync(join(folder, '投资协议（盖章版）.pdf'), PDF);
        writeFileSync(join(folder, '签约现场.png'), PNG);
        writeFileSync(join(folder, '会议纪要.pdf'), Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00])); // an .exe wearing a PDF name
      },
    });
    ({ page, base, dir } = journey);
  });

  afterAll(async () => {
    await journey?.close();
  });

  it('lets a town coordinator name a county leader as 包挂领导', async () => {
    await page.goto(base + '/login');
    await page.getByLabel('用户名').fill('town-pmo');
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: cjkButton('登录') }).click();
    await page.getByTestId('welcome').waitFor();
    await page.goto(`${base}/projects/${projectId}`);
    await page.getByTestId('project-title').getByText(PROJECT).waitFor();

    await page.getByRole('button', { name: cjkButton('编辑') }).click();
    const drawer = page.locator('.ant-drawer').filter({ hasText: '编辑项目' });
    await pick(drawer.getByLabel('包挂领导'), '赵海涛（副县长）', () => drawer.locator('.ant-select-content[title="赵海涛（副县长）"]').count().then((n) => (n ? '赵海涛（副县长）' : null)));
    await drawer.getByRole('button', { name: cjkButton('保存') }).click();
    await drawer.waitFor({ state: 'hidden' });
    await page.getByTestId('responsibility').getByText('赵海涛').waitFor();
  });

  it('uploads evidence while moving the project to 签约; a disguised executable is refused with its reason', async () => {
    await page.getByRole('button', { name: '变更阶段' }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: '变更阶段' });
    await pick(dialog.getByLabel('变更为'), '签约', () => dialog.locator('.ant-select-content').first().getAttribute('title'));
    await dialog.getByLabel('说明').fill('在县政府签订投资协议');

    await dialog.locator('input[type=file]').setInputFiles([join(dir, '投资协议（盖章版）.pdf'), join(dir, '签约现场.png')]);
    await expect.poll(() => dialog.locator('.ant-upload-list-item-done').count(), { timeout: 15_000 }).toBe(2);
    await dialog.locator('input[type=file]').setInputFiles(join(dir, '会议纪要.pdf'));
    await dialog.getByTestId('attachment-error').getByText(/“会议纪要\.pdf”未能上传：只能上传 PDF、图片/).waitFor();
    // The refused file leaves the list; the two uploaded ones stay.
    await expect.poll(() => dialog.locator('.ant-upload-list-item').count(), { timeout: 15_000 }).toBe(2);
    await settle();
    await shot('01-transition-upload', false);

    await dialog.getByRole('button', { name: '确认变更' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const timeline = page.getByTestId('stage-timeline');
    await timeline.getByText('在县政府签订投资协议').waitFor();
    const pdfLink = timeline.getByRole('link', { name: '下载附件 投资协议（盖章版）.pdf' });
    await pdfLink.waitFor();
    await timeline.getByRole('link', { name: '下载附件 签约现场.png' }).waitFor();
    await settle();
    await shot('02-timeline-evidence');

    // The link serves the file with its sniffed type, the UTF-8 name and headers that keep it inert.
    const href = await pdfLink.getAttribute('href');
    expect(href).toMatch(/^\/api\/attachments\/[0-9a-z]{26}$/);
    const res = await page.request.get(base + href!);
    expect(res.status()).toBe(200);
    expect(res.headers()).toMatchObject({
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="${'_'.repeat(9)}.pdf"; filename*=UTF-8''${encodeURIComponent('投资协议（盖章版）')}.pdf`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': 'sandbox',
    });
    expect(Buffer.from(await res.body()).equals(PDF)).toBe(true);
  });

  it('fits the project page and the upload form on a 375px phone', async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.getByRole('button', { name: '打开菜单' }).waitFor();
    await page.getByTestId('stage-timeline').getByRole('link', { name: /签约现场\.png/ }).scrollIntoViewIfNeeded();
    await settle();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shot('03-project-375');
    await page.getByRole('button', { name: '变更阶段' }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: '变更阶段' });
    await dialog.getByTestId('attachment-upload').waitFor();
    const box = await dialog.getByTestId('attachment-upload').boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(375);
    await settle();
    await shot('04-transition-375', false);
    await dialog.getByRole('button', { name: cjkButton('取消') }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('speaks English on the project page: level, type and nature labels come from core', async () => {
    await page.getByText('EN', { exact: true }).click();
    await page.getByText('County key').waitFor();
    await page.getByText('Industrial').first().waitFor();
    await page.getByText('New', { exact: true }).waitFor();
    await page.getByTestId('stage-timeline').getByRole('link', { name: 'Download attachment 签约现场.png' }).waitFor();
    await settle();
    await shot('05-project-en');
    await page.getByText('中文', { exact: true }).click();
    await page.getByText('县重点').waitFor();
    expect(journey.pageErrors).toEqual([]);
  });
});
