/**
 * `npm run bench:bulletin`: the 调度通报 (issue 6) at scale, on SQLite and (when a URL is given)
 * PostgreSQL, written to the bulletin section of bench/RESULTS.md. N generated projects
 * (--projects, default 50,000; the ledger bench's builder) over the bench units, each entered
 * into its stage during 2026, every tenth red and every fifth yellow in October, 2,000 problems.
 * Each database is measured in a child process (bench/bulletin-child.ts) so that its peak memory
 * is the bulletin's own: the whole county's October bulletin through the service (figures and
 * .docx), the figures alone, and the same SQL statements alone, medians of --runs.
 *   npm run bench:bulletin -- --projects 5000 --dry
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.js';
import { createContainer } from '../src/container.js';
import { DEFAULT_PROBLEM_CATEGORIES } from '../src/core/dispatch/problems.js';
import { newId } from '../src/core/ids.js';
import { addCalendarDays } from '../src/core/schedule/working-days.js';
import { Actor } from '../src/features/shared/context.js';
import { benchDatabase, PG_BASE } from './bench-database.js';
import { seedProjects, seedUnits } from './ledger-seed.js';
import { BENCH_ADMIN } from './settings.js';

const { values: opts } = parseArgs({ options: { projects: { type: 'string', default: '50000' }, runs: { type: 'string', default: '5' }, dry: { type: 'boolean', default: false } } });
const N = Number(opts.projects);
const RESULTS_MD = fileURLToPath(new URL('./RESULTS.md', import.meta.url));
const MONTH = '2026-10';

async function seed(url: string) {
  const c = await createContainer(loadConfig({ LUODI_DB: url, LUODI_LOG_LEVEL: 'silent' }));
  try {
    await c.services.setup.createFirstAdmin(Actor.cli(), BENCH_ADMIN);
    const db = c.deps.db;
    const units = await seedUnits(db);
    await seedProjects(db, units, 0, N);
    // 本年累计完成: 0–90 % of the plan by the code's last digit (ten statements, not 50,000).
    for (let d = 0; d < 10; d++) await db.updateTable('projects').set({ ytdInvestment: sql<number>`annual_plan_investment / 10 * ${d}` }).where('code', 'like', `%${d}`).execute();
    const projects = await db.selectFrom('projects').select(['id', 'unitId', 'stage']).orderBy('id').execute();
    const now = new Date().toISOString();
    for (let i = 0; i < projects.length; i += 1000) {
      const part = projects.slice(i, i + 1000);
      await db.insertInto('projectStageEvents').values(part.map((p, k) => ({ id: newId(), projectId: p.id, unitId: p.unitId, fromStage: null, toStage: p.stage, date: addCalendarDays('2026-01-05', (i + k) % 300), note: null, reason: null, byUserId: null, createdAt: now }))).execute();
      const reason = JSON.stringify([{ code: 'investment-pace', name: '投资进度', dimension: 'investment', severity: 'red', figures: { rate: 20, expected: 75 } }]);
      await db.insertInto('projectLights').values(part.map((p, k) => ({ id: newId(), projectId: p.id, month: MONTH, unitId: p.unitId, color: (i + k) % 10 === 0 ? 'red' : (i + k) % 5 === 1 ? 'yellow' : 'green', reasons: (i + k) % 10 === 0 ? reason : '[]', computedAt: now }))).execute();
    }
    const problems = projects.slice(0, 2000).map((p, k) => ({
      id: newId(), projectId: p.id, scopeUnitId: p.unitId, category: DEFAULT_PROBLEM_CATEGORIES[k % DEFAULT_PROBLEM_CATEGORIES.length]!, description: `问题${k}`, raisedBy: null, leaderId: null, unitId: p.unitId, ownerUserId: null, supportingUnitIds: '[]',
      deadline: addCalendarDays('2026-09-01', k % 90), status: (k % 4 === 0 ? 'closed' : 'in_progress') as 'closed' | 'in_progress', escalationLevel: 0, closeNote: null, closedAt: k % 4 === 0 ? '2026-10-10T02:00:00.000Z' : null, createdBy: null, version: 1, createdAt: addCalendarDays('2026-08-01', k % 80) + 'T02:00:00.000Z', updatedAt: now,
    }));
    for (let i = 0; i < problems.length; i += 200) await db.insertInto('problems').values(problems.slice(i, i + 200)).execute();
  } finally {
    await c.close();
  }
}

async function run(kind: 'sqlite' | 'postgres') {
  const dir = mkdtempSync(join(tmpdir(), 'luodi-bench-bulletin-'));
  const d = await benchDatabase(kind, dir, 'bulletin');
  try {
    process.stderr.write(`[${kind}] seeding ${N} projects …\n`);
    await seed(d.url);
    process.stderr.write(`[${kind}] measuring the bulletin in a child process …\n`);
    const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./bulletin-child.ts', import.meta.url)), d.url, opts.runs!], { encoding: 'utf8', maxBuffer: 1 << 20 });
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
if (!opts.dry) {
  const md = readFileSync(RESULTS_MD, 'utf8');
  const block = `<!-- bulletin:results:start -->\n${text}\n<!-- bulletin:results:end -->`;
  writeFileSync(RESULTS_MD, md.includes('<!-- bulletin:results:start -->') ? md.replace(/<!-- bulletin:results:start -->[\s\S]*<!-- bulletin:results:end -->/, block) : `${md.trimEnd()}\n\n## 调度通报 at scale (\`npm run bench:bulletin\`)\n\n${block}\n`);
}
