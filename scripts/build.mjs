// Builds what is stale: the server bundle (esbuild, < 1 s) and the web app (Vite).
// Used by bin/luodi.mjs (so `npm start` and `npx luodi` always run fresh code), by the test
// setup, and by `npm run build` (--force). Progress goes to stderr so `--json` output stays clean.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER_OUT = join(root, 'dist/server/luodi.mjs');
export const WEB_OUT = join(root, 'dist/web/index.html');
/** The ledger reader's worker thread, bundled beside the server. */
const WORKER_OUT = join(root, 'dist/server/ledger-read.worker.mjs');

function newestMtime(paths, skip = () => false) {
  let newest = 0;
  const walk = (p) => {
    if (!existsSync(p) || skip(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) for (const e of readdirSync(p)) walk(join(p, e));
    else if (!/\.test\.tsx?$/.test(p)) newest = Math.max(newest, st.mtimeMs);
  };
  paths.forEach((p) => walk(join(root, p)));
  return newest;
}

function isStale(out, inputs, skip) {
  return !existsSync(out) || statSync(out).mtimeMs < newestMtime(inputs, skip);
}

export async function ensureServerBuilt({ force = false } = {}) {
  const webDir = join(root, 'src/web');
  if (!force && existsSync(WORKER_OUT) && !isStale(SERVER_OUT, ['src', 'package.json'], (p) => p === webDir)) return false;
  const { build } = await import('esbuild');
  await build({
    // The ledger reader's worker thread is its own bundle beside the server's (ledger-read.ts
    // loads it from there).
    entryPoints: { luodi: join(root, 'src/cli/entry.ts'), 'ledger-read.worker': join(root, 'src/features/projects/ledger-read.worker.ts') },
    outdir: dirname(SERVER_OUT),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  return true;
}

export async function ensureWebBuilt({ force = false } = {}) {
  if (!force && !isStale(WEB_OUT, ['src/web', 'src/core', 'vite.config.ts', 'package.json'])) return false;
  process.stderr.write('正在构建网页 / building the web app …\n');
  const { build } = await import('vite');
  await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const force = process.argv.includes('--force');
  await ensureServerBuilt({ force });
  await ensureWebBuilt({ force });
  process.stderr.write('构建完成 / build complete\n');
}
