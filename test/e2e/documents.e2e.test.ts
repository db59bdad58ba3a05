/**
 * The documents journey in a real browser (issue 6, item 3): the project office opens the
 * closed 汇报会 and downloads its 会议纪要; the county leader opens the cockpit, asks for a
 * 汇报材料 for the zone and downloads the Word draft. Both files are read back and checked.
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
import { CHROMIUM, SHOTS, cjkButton, hasChromium, settleScreen, startJourney, type BrowserJourney } from '../helpers/browser.js';

if (!hasChromium) console.log(`[e2e] SKIPPED the documents journey: ${CHROMIUM} not found (apt-get install -y chromium fonts-noto-cjk)`);

const PASSWORD = 'Str0ng!Passw0rd';
const TITLE = 'XX港经济区重大项目情况汇报会';

function pinnedClock(): Clock {
  const start = Date.parse('2026-05-12T08:30:00Z');
  const t0 = Date.now();
  return { now: () => new Date(start + (Date.now() - t0)) };
}

const docxText = async (file: string) => wordText((await readPackageParts(readFileSync(file), ['word/document.xml']))['word/document.xml']!);

describe.skipIf(!hasChromium)('documents journey (browser)', () => {
  let journey: BrowserJourney;
  let page: Page;
  let base: string;
  let pageErrors: string[];
  let meetingId = '';
  let zoneId = '';

  const shot = (p: Page, name: string, fullPage = true) => p.screenshot({ path: join(SHOTS, `documents-${name}.png`), fullPage });
  const signIn = async (p: Page, username: string) => {
    await p.goto(base + '/login');
    await p.getByLabel('用户名').fill(username);
    await p.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await p.getByRole('button', { name: cjkButton('登录') }).click();
    await p.getByTestId('welcome').waitFor();
  };

  beforeAll(async () => {
    journey = await startJourney({
      label: 'documents',
      clock: pinnedClock(),
      seed: async (c) => {
        const cli = Actor.cli();
        const admin = await c.services.setup.createFirstAdmin(cli, { username: 'admin', password: PASSWORD, displayName: '管理员' });
        const root = admin.unitId;
        const zone = await c.services.units.create(cli, { parentId: root, name: 'XX港经济区管委会', shortName: null, type: 'zone' });
        zoneId = zone.id;
        const zsj = await c.services.units.create(cli, { parentId: zone.id, name: '经济区招商局', shortName: null, type: 'department' });
        const build = await c.services.units.create(cli, { parentId: zone.id, name: '经济区规划建设局', shortName: null, type: 'department' });
        const user = (username: string, displayName: string, role: 'coordinator' | 'leader' | 'unit-staff', unitId: string, title: string | null = null) =>
          c.services.users.create(cli, { username, password: PASSWORD, displayName, role, unitId, title });
        await user('doc-pmo', '项目办刘洋', 'coordinator', root);
        const secretary = await user('doc-shuji', '王建国', 'leader', root, '县委书记');
        const owner = await user('doc-zsj', '招商局郑婷', 'unit-staff', zsj.id);
        const p1 = await c.services.projects.create(cli, { name: '年产20万吨高端铝合金板带项目', leadUnitId: zsj.id, stage: 'negotiating', plannedSignDate: '2026-05', totalInvestment: 1_200_000_000 });
        await c.services.projects.create(cli, { name: '港口冷链物流综合体项目', leadUnitId: build.id, stage: 'signed', plannedStartDate: '2026-06', totalInvestment: 500_000_000 });
        await c.services.problems.create(cli, { projectId: p1.id, scopeUnitId: null, category: '土地指标', description: '用地指标缺口30亩', raisedBy: null, leaderId: null, unitId: build.id, ownerUserId: null, supportingUnitIds: [], deadline: '2026-05-30' });

        let m = await c.services.meetings.create(cli, { kind: 'briefing', title: TITLE, date: '2026-05-12', startTime: '15:00', place: '县委常委会议室', chairUserId: secretary.id, unitId: zone.id });
        m = await c.services.meetingAgenda.putAttendees(cli, m.id, m.version, {
          attendees: [
            { userId: secretary.id, attendance: 'present' },
            { userId: owner.id, attendance: 'present' },
            { name: '经济区建设局钱工', unitId: build.id, attendance: 'observer' },
            { name: '赵副县长', attendance: 'leave' },
          ],
        });
        m = await c.services.meetingAgenda.addAgenda(cli, m.id, { projectId: p1.id, presenter: '招商局郑婷' });
        const item = m.agenda[0]!.id;
        m = await c.services.meetingAgenda.addOutcome(cli, m.id, item, { kind: 'decision', content: '同意按会办意见调整用地规划' });
        m = await c.services.meetingAgenda.addOutcome(cli, m.id, item, { kind: 'action', content: '5月底前完成签约', ownerUnitId: zsj.id, ownerUserId: owner.id, deadline: '2026-05-31' });
        m = await c.services.meetings.close(cli, m.id, m.version);
        meetingId = m.id;
      },
    });
    ({ page, base, pageErrors } = journey);
  });

  afterAll(async () => {
    await journey?.close();
  });

  it('the project office downloads the 会议纪要 of the closed meeting', async () => {
    await signIn(page, 'doc-pmo');
    await page.goto(`${base}/meetings/${meetingId}`);
    await page.getByTestId('meeting-locked').waitFor();
    const button = page.getByTestId('meeting-minutes');
    await button.waitFor();
    await settleScreen(page);
    await shot(page, '1-closed-meeting');
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toBe(`会议纪要-${TITLE}纪要.docx`);
    const text = await docxText(await download.path());
    expect(text).toContain(`${TITLE}纪要`);
    expect(text).toContain('会议议定如下事项：');
    expect(text).toContain('1.会议议定：同意按会办意见调整用地规划。');
    expect(text).toContain('列席：经济区建设局钱工（经济区规划建设局）');
    expect(text).toContain('请假：赵副县长');
  });

  it('a leader generates the 汇报材料 for the zone from the cockpit', async () => {
    await page.context().clearCookies();
    await signIn(page, 'doc-shuji');
    await page.goto(`${base}/cockpit?unit=${zoneId}`);
    await page.getByTestId('cockpit-investment').waitFor();
    await page.getByTestId('briefing-open').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('briefing-date').waitFor();
    await dialog.getByTestId('briefing-date').fill('2026-05-15');
    await settleScreen(page);
    await shot(page, '2-briefing-dialog', false);
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('briefing-download').click()]);
    expect(download.suggestedFilename()).toBe('汇报材料-XX港经济区管委会-2026-05-15.docx');
    const text = await docxText(await download.path());
    expect(text).toContain('关于XX港经济区管委会重大项目推进情况的汇报');
    expect(text).toContain('年产20万吨高端铝合金板带项目（经济区招商局，计划2026年5月签约）');
    expect(text).toContain('港口冷链物流综合体项目（经济区规划建设局，计划2026年6月开工）');
    expect(text).toContain('用地指标缺口30亩');
    expect(text).toContain('2026年5月15日');
    await dialog.waitFor({ state: 'hidden' });
    await settleScreen(page);
    await shot(page, '3-cockpit');
    expect(pageErrors).toEqual([]);
  });
});
