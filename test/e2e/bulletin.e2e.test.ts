/**
 * The bulletin journey in a real browser (issue 6, item 5). On 27 November 2026 a coordinator of
 * the demo county opens 调度通报, drafts October's bulletin, reads its key figures, rewrites the
 * 下一步工作, downloads the Word file (checked: a .docx carrying the edited text), then 审核并印发
 * — after which the texts are locked. The server's clock is pinned; screenshots go to test-results/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPackageParts, wordText } from '../../src/documents/docx-parts.js';
import { loadDemoWorld } from '../../src/features/demo/demo.service.js';
import { Actor, type Clock } from '../../src/features/shared/context.js';
import { CHROMIUM, SHOTS, cjkButton, hasChromium, settleScreen, startJourney, type BrowserJourney } from '../helpers/browser.js';

if (!hasChromium) console.log(`[e2e] SKIPPED the bulletin journey: ${CHROMIUM} not found (apt-get install -y chromium fonts-noto-cjk)`);

const PMO = { username: 'bulletin-pmo', displayName: '项目办周琳', password: 'Str0ng!Passw0rd' };
const EDITED = '集中力量推进港区标准厂房一期年底前竣工。';

/** 10:00 Beijing time on 27 November 2026, moving on with real time. */
function pinnedClock(): Clock {
  const start = Date.parse('2026-11-27T02:00:00Z');
  const t0 = Date.now();
  return { now: () => new Date(start + (Date.now() - t0)) };
}

describe.skipIf(!hasChromium)('bulletin journey (browser)', () => {
  let journey: BrowserJourney;
  let page: Page;
  let base: string;
  let pageErrors: string[];
  const shot = async (name: string, fullPage = true) => {
    await page.evaluate(() => window.scrollTo(0, 0)); // the sticky header over a scrolled page would cut the title
    await page.screenshot({ path: join(SHOTS, `bulletin-${name}.png`), fullPage });
  };
  const settle = () => settleScreen(page);

  beforeAll(async () => {
    journey = await startJourney({
      label: 'bulletin',
      clock: pinnedClock(),
      seed: async (c) => {
        // The demo lights October (as of its last day) and November, as the nightly job would have.
        await loadDemoWorld(c.deps, c.services, Actor.cli());
        const root = (await c.services.units.findRoot())!;
        await c.services.users.create(Actor.cli(), { username: PMO.username, password: PMO.password, displayName: PMO.displayName, role: 'coordinator', unitId: root.id });
      },
    });
    ({ page, base, pageErrors } = journey);
  });

  afterAll(async () => {
    await journey?.close();
  });

  it('opens 调度通报 and drafts October', async () => {
    await page.goto(base + '/login');
    await page.getByLabel('用户名').fill(PMO.username);
    await page.getByLabel('密码', { exact: true }).fill(PMO.password);
    await page.getByRole('button', { name: cjkButton('登录') }).click();
    await page.getByTestId('welcome').waitFor();

    await page.getByRole('menu').getByText('调度通报').click();
    await page.waitForURL('**/bulletins');
    await page.getByRole('combobox', { name: '通报月份' }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /^2026-10$/ }).click();
    await page.getByTestId('bulletin-draft').click();
    await page.waitForURL(/\/bulletins\/[^/]+$/);
    await page.getByText('关于2026年10月份全县重大项目推进情况的通报').waitFor();
    await page.getByTestId('bulletin-status').getByText('待审核').waitFor();
    await page.getByText('序时进度 83.3%').waitFor();
    await settle();
    await shot('01-draft');
  });

  it('rewrites 下一步工作 and downloads the Word file with it', async () => {
    const steps = page.getByTestId('bulletin-next-steps');
    const before = await steps.inputValue();
    expect(before.length).toBeGreaterThan(20);
    await steps.fill(`${EDITED}\n${before.split('\n').slice(1).join('\n')}`);
    await page.getByTestId('bulletin-save').click();
    await page.getByText('已保存').waitFor();
    await settle();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('bulletin-docx').click()]);
    expect(download.suggestedFilename()).toBe('调度通报-2026年10月-全县.docx');
    const file = readFileSync((await download.path())!);
    expect(file.subarray(0, 2).toString()).toBe('PK');
    const text = wordText((await readPackageParts(file, ['word/document.xml']))['word/document.xml']!);
    expect(text).toContain(`一是${EDITED}`);
    expect(text).toContain('附件：2026年10月份重大项目进展情况表');
    await shot('02-edited');
  });

  it('审核并印发 locks the texts', async () => {
    await page.getByTestId('bulletin-send').click();
    const confirm = page.locator('.ant-popover:visible').filter({ hasText: '确定印发' });
    await confirm.waitFor();
    await confirm.getByRole('button', { name: cjkButton('确定') }).click();
    await page.getByTestId('bulletin-status').getByText('已印发').waitFor();
    await page.getByText('通报已印发，文字不能再修改。').waitFor();
    expect(await page.getByTestId('bulletin-next-steps').isDisabled()).toBe(true);
    await settle();
    await shot('03-sent');

    await page.getByRole('menu').getByText('调度通报').click();
    await page.waitForURL('**/bulletins');
    await page.locator('tbody tr.ant-table-row').filter({ hasText: '2026-10' }).getByText('已印发').waitFor();
    await settle();
    await shot('04-list');
    expect(pageErrors).toEqual([]);
  });
});
