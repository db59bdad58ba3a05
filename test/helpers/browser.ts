import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { loadConfig } from '../../src/config.js';
import { createContainer, type Container } from '../../src/container.js';
import type { Clock } from '../../src/features/shared/context.js';
import { buildApp } from '../../src/http/app.js';
import type { App } from '../../src/http/types.js';

/** Debian's chromium, driven by playwright-core (never a downloaded browser). */
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const SHOTS = 'test-results';

// A journey step may wait on a machine busy with every other tier (CI, two cores). Vitest fixes a
// test's time limit when the test is collected, so this must run on import, before the
// journey's describe() — setting it in beforeAll came too late and left the 30 s default.
vi.setConfig({ testTimeout: 60_000 });

/** antd puts a space between two CJK characters on buttons ("登 录"); an icon may add its name before the text. */
export const cjkButton = (text: string) => new RegExp(`(^|\\s)${[...text].join('\\s?')}\\s*$`);

export interface BrowserJourney {
  dir: string;
  container: Container;
  app: App;
  base: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Uncaught errors of the page; a journey ends by expecting none. */
  pageErrors: string[];
  close(): Promise<void>;
}

/**
 * The real server in-process on a random port against a fresh SQLite file, and one chromium
 * page in zh-CN / Asia/Shanghai at 1280×800. `seed` runs before the server starts listening;
 * `clock` pins the server's time (figures that depend on today, such as 序时, stay the same).
 */
export async function startJourney(opts: { label: string; seed?: (container: Container, dir: string) => Promise<void>; context?: BrowserContextOptions; clock?: Clock }): Promise<BrowserJourney> {
  if (!existsSync('dist/web/index.html')) throw new Error('dist/web is missing: the test global setup builds it (scripts/build.mjs)');
  const dir = mkdtempSync(join(tmpdir(), `luodi-e2e-${opts.label}-`));
  mkdirSync(SHOTS, { recursive: true });
  const container = await createContainer(loadConfig({ LUODI_DB: join(dir, 'e2e.db'), LUODI_LOG_LEVEL: 'silent', LUODI_WEB_DIR: 'dist/web', LUODI_JOBS: 'false' }), opts.clock ? { clock: opts.clock } : {});
  await opts.seed?.(container, dir);
  const app = await buildApp(container);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 800 }, ...opts.context });
  const page = await context.newPage();
  // CI runs every tier at once on two cores: a step may wait on a busy machine. These are limits
  // for waiting on what a step needs, never measurements (the benchmarks measure speed).
  page.setDefaultTimeout(25_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return {
    dir,
    container,
    app,
    base,
    browser,
    context,
    page,
    pageErrors,
    async close() {
      await browser.close();
      await app.close();
      await container.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Waits for toasts to close and for antd's enter/leave animations to end (a still screen) before a
 * screenshot. On a starved machine rc-motion can miss a transition's end and leave its class on for
 * good; a screenshot is not an assertion, so after a few seconds it is taken as the screen stands.
 */
export async function settleScreen(page: Page): Promise<void> {
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached' });
  await page
    .waitForFunction(() => !document.querySelector('[class*="-enter-active"], [class*="-leave-active"], [class*="-appear-active"]'), undefined, { timeout: 5_000 })
    .catch(() => undefined);
}

/**
 * Waits for a drawer or dialog to close after its save button. When it stays open, the failure
 * names what the form shows (a field error, an alert), which is the first thing anyone needs.
 */
export async function waitClosed(panel: Locator): Promise<void> {
  try {
    await panel.waitFor({ state: 'hidden' });
  } catch (err) {
    const shown = await panel.locator('.ant-form-item-explain-error, .ant-alert').allInnerTexts().catch(() => []);
    throw new Error(`still open; it shows: ${shown.join(' | ') || '(no error on screen)'}`, { cause: err });
  }
}

/**
 * Clicks `option` (opening `field` first when the dropdown is closed) until `took` shows. On a
 * starved machine a click can land while the dropdown is still moving in and choose nothing:
 * then it opens the select again and tries again, three times at most.
 */
async function chooseUntil(field: Locator, option: Locator, took: Locator): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    if (!(await option.isVisible())) await field.click();
    await option.click();
    try {
      await took.waitFor({ timeout: 5_000 });
      // Let the dropdown finish closing: while it fades out, the next pick in a row of selects
      // with the same options would find its option visible there, click it and time out.
      await option.page().locator('.ant-select-dropdown:visible').first().waitFor({ state: 'hidden', timeout: 3_000 }).catch(() => undefined);
      return;
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
}

/** Chooses an option of a select and waits for `took` (what shows once the choice is made). */
export function pickOption(page: Page, field: Locator, text: string, took: Locator): Promise<void> {
  return chooseUntil(field, page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first(), took);
}

/** Chooses a unit in a form's tree select and waits until the field shows it. */
export function pickTreeUnit(page: Page, field: Locator, form: Locator, name: string): Promise<void> {
  const option = page.locator('.ant-select-dropdown:visible .ant-select-tree-title').filter({ hasText: new RegExp(`^${name}`) });
  return chooseUntil(field, option, form.locator('.ant-select-content-has-value').filter({ hasText: name }));
}
