/**
 * `npm run bench:bulletin`: the 调度通报 (issue 6) at scale, on SQLite and (when a URL is given)
 * PostgreSQL, written to the bulletin section of bench/RESULTS.md. N generated projects
 * (--projects, default 50,000; the ledger bench's builder) over the bench units, each entered
 * into its stage during 2026, every tenth red and every fifth yellow in October, 2,000 problems.
 * Each database is measured in a child process (bench/bulletin-child.ts, bundled by esbuild the
 * way the server is, so no TypeScript compiler sits in its memory) so that its peak memory is
 * the bulletin's own: the whole county's October bulletin through the service (figures and
 * .docx), the figures alone, and the same SQL statements alone, medians of --runs.
 *   npm run bench:bulletin -- --projects 5000 --dry
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchDatabase, PG_BASE } from './bench-database.js';
import { seedBulletinWorld } from './bulletin-seed.js';
import { writeResultsBlock } from './report.js';

const { values: opts } = parseArgs({ options: { projects: { type: 'string', default: '50000' }, runs: { type: 'string', default: '5' }, dry: { type: 'boolean', default: false } } });
const N = Number(opts.projects);
const RESULTS_MD = fileURLToPath(new URL('./RESULTS.md', import.meta.url));

/** The child as plain JavaScript in bench/out/ (beside node_modules, which it imports), like dist/server. */
async function bundledChild(): Promise<string> {
  const outfile = fileURLToPath(new URL('./out/bulletin-child.mjs', import.meta.url));
  const { build } = await import('esbuild');
  await build({ entryPoints: [fileURLToPath(new URL('./bulletin-child.ts', import.meta.url))], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' });
  return outfile;
}

async function run(kind: 'sqlite' | 'postgres') {
  const dir = mkdtempSync(join(tmpdir(), 'luodi-bench-bulletin-'));
  const d = await benchDatabase(kind, dir, 'bulletin');
  try {
    process.stderr.write(`[${kind}] seeding ${N} projects …\n`);
    await seedBulletinWorld(d.url, N);
    process.stderr.write(`[${kind}] measuring the bulletin in a child process …\n`);
    const out = execFileSync(process.execPath, [await bundledChild(), d.url, opts.runs!], { encoding: 'utf8', maxBuffer: 1 << 20 });
    return { name: kind === 'sqlite' ? 'SQLite' : 'PostgreSQL', ...(JSON.parse(out.trim().split('\n').at(-1)!) as { fullMs: number; fullMaxMs: number; gatherMs: number; sqlMs: number; peakRssMb: number; maxRssMb: number; rssBeforeMb: number; bytes: number; annex: number }) };
  } finally {
    await d.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function render(rows: Awaited<ReturnType<typeof run>>[]): string {
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  const lines = [
    `Run of ${new Date().toISOString().slice(0, 19)}Z — Node ${process.version}, ${cpus()[0]?.model.trim() ?? 'CPU'} × ${cpus().length}, commit ${commit}. ${N.toLocaleString('en')} projects; the whole county's October 2026 bulletin; medians of ${opts.runs} runs after a warm-up, each database in a fresh child process. Targets: ≤ 3 s, ≤ 300 MB.`,
    '',
    '| database | bulletin: figures + .docx (ms) | slowest run (ms) | figures alone (ms) | their SQL alone (ms) | SQL share | peak RSS (MB) | RSS before (MB) | .docx | annex rows |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    lines.push(`| ${r.name} | ${r.fullMs.toFixed(0)} | ${r.fullMaxMs.toFixed(0)} | ${r.gatherMs.toFixed(0)} | ${r.sqlMs.toFixed(0)} | ${((r.sqlMs / r.fullMs) * 100).toFixed(0)} % | ${Math.max(r.peakRssMb, r.maxRssMb).toFixed(0)} | ${r.rssBeforeMb.toFixed(0)} | ${(r.bytes / 1024).toFixed(0)} kB | ${r.annex} |`);
  }
  if (!PG_BASE) lines.push('', 'PostgreSQL: skipped (no LUODI_BENCH_POSTGRES_URL / LUODI_TEST_POSTGRES_URL).');
  return lines.join('\n');
}

const figures = [await run('sqlite')];
if (PG_BASE) figures.push(await run('postgres'));
const text = render(figures);
process.stdout.write(`${text}\n`);
if (!opts.dry) writeResultsBlock(RESULTS_MD, 'bulletin', '调度通报 at scale (`npm run bench:bulletin`)', text);
