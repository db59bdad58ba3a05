import { existsSync } from 'node:fs';
// @ts-expect-error plain ESM build script without types
import { ensureServerBuilt, ensureWebBuilt } from '../scripts/build.mjs';
import { findLibreOffice, findPdfToText } from './helpers/libreoffice.js';

export const CHROMIUM = '/usr/bin/chromium';

/** Says plainly which tiers run, and builds the web app for the browser tier. */
export default async function setup() {
  const pg = process.env['LUODI_TEST_POSTGRES_URL'];
  const notes = [
    pg ? 'PostgreSQL tier: ON' : 'PostgreSQL tier: SKIPPED (set LUODI_TEST_POSTGRES_URL=postgres://… to run it; .ci/run does)',
    existsSync(CHROMIUM) ? 'Browser tier: ON' : `Browser tier: SKIPPED (${CHROMIUM} not found: apt-get install -y chromium fonts-noto-cjk)`,
    findLibreOffice()
      ? `LibreOffice tier: ON${findPdfToText() ? '' : ' (PDF text check SKIPPED: pdftotext not found, apt-get install -y poppler-utils)'}`
      : 'LibreOffice tier: SKIPPED (soffice not found: apt-get install -y libreoffice-writer-nogui)',
  ];
  process.stderr.write(`\n[luodi tests] ${notes.join(' · ')}\n\n`);
  // Build the CLI bundle once here, so parallel CLI tests never race to write it.
  await (ensureServerBuilt as () => Promise<boolean>)();
  if (existsSync(CHROMIUM) && existsSync('src/web/index.html')) await (ensureWebBuilt as () => Promise<boolean>)();
}
