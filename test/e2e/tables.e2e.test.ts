/**
 * The Excel tables in a real browser (issue 6, item 4): on 20 November 2026 项目办 opens 填报审核,
 * clicks 导出 Excel and gets the 月度进展表 of the November round, which parses with our reader
 * (title, grouped header, the batch sections, 合计). Screenshot in test-results/ (gitignored).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Actor, type Clock } from '../../src/features/shared/context.js';
import { readSheetRows } from '../../src/xlsx/xlsx-reader.js';
import { CHROMIUM, SHOTS, cjkButton, hasChromium, settleScreen, startJourney, type BrowserJourney } from '../helpers/browser.js';

if (!hasChromium) console.log(`[e2e] SKIPPED the tables journey: ${CHROMIUM} not found (apt-get install -y chromium fonts-noto-cjk)`);

const PASSWORD = 'Str0ng!Passw0rd';

/** 10:00 Beijing time on 20 November 2026, moving on with real time. */
function pinnedClock(): Clock {
  const start = Date.parse('2026-11-20T02:00:00Z');
  const t0 = Date.now();
  return { now: () => new Date(start + (Date.now() - t0)) };
}

describe.skipIf(!hasChromium)('Excel tables journey (browser)', () => {
  let journey: BrowserJourney;

  beforeAll(async () => {
    journey = await startJourney({
      label: 'tables',
      clock: pinnedClock(),
      context: { acceptDownloads: true },
      seed: async (c) => {
        const cli = Actor.cli();
        const admin = await c.services.setup.createFirstAdmin(cli, { username: 'admin', password: PASSWORD, displayName: '管理员' });
        const zone = await c.services.units.create(cli, { parentId: admin.unitId, name: '经济区管委会', type: 'zone' });
        await c.services.users.create(cli, { username: 'pmo', password: PASSWORD, displayName: '项目办吴敏', role: 'coordinator', unitId: admin.unitId });
        await c.services.projects.create(cli, { name: '港区标准厂房一期', leadUnitId: zone.id, stage: 'construction', projectType: 'industrial', annualPlanInvestment: 10_000_000, totalInvestment: 50_000_000, actualStartDate: '2026-04-01' });
        await c.services.projects.create(cli, { name: '临港装备配套产业园', leadUnitId: zone.id, stage: 'signed', projectType: 'industrial', totalInvestment: 120_000_000 });
        await c.services.reportRounds.openScheduled();
      },
    });
  });

  afterAll(async () => {
    await journey?.close();
  });

  it('lets the coordinator download the 月度进展表 from the review page, and it parses', async () => {
    const { page, base } = journey;
    await page.goto(base + '/login');
    await page.getByLabel('用户名').fill('pmo');
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: cjkButton('登录') }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto(base + '/reports/review');
    const button = page.getByTestId('export-table-progress');
    await button.waitFor();
    // The selected monthly round decides the month of the table.
    await page.getByTestId('unit-summary').waitFor();
    await expect.poll(() => button.getAttribute('href')).toBe('/api/tables/progress.xlsx?month=2026-11');
    await settleScreen(page);
    await page.screenshot({ path: join(SHOTS, 'tables-review-export.png') });
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toBe('县人民政府重大项目月度进展表-2026-11.xlsx');
    const file = join(journey.dir, 'progress.xlsx');
    await download.saveAs(file);
    const rows: unknown[][] = [];
    for await (const r of readSheetRows(file)) rows.push(r.cells as unknown[]);
    expect(rows[0]![0]).toBe('县人民政府重大项目月度进展表（2026年11月）');
    expect(rows[2]!.slice(0, 2)).toEqual(['序号', '项目名称']);
    expect(rows.map((r) => r[0]).filter((v) => typeof v === 'string' && /^[一二三]、/.test(v))).toEqual(['一、新开工项目（1个）', '二、签约项目（1个）']);
    expect(rows[rows.length - 1]![1]).toBe('合计');
    expect(rows[rows.length - 1]![4]).toBe(17_000);
    expect(journey.pageErrors).toEqual([]);
  });
});
