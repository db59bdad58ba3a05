/**
 * `npm run bench:cockpit`: issue 6's scale figures, on SQLite and (when a URL is given)
 * PostgreSQL, written to the cockpit section of bench/RESULTS.md.
 *  - full light recompute of N projects (--projects, 50,000 by default): the first pass (every
 *    light written), a second pass (nothing changed: reads and rules only), and the reads alone;
 *  - GET /api/dashboard over real HTTP, uncached, as a leader of the whole area: p50/p99 of
 *    --runs requests, interleaved with the same SQL statements run alone (p50/p99 likewise).
 * The world: the ledger bench's projects, each with a stage event this year, 本年累计 spread
 * from 0 to 90 % of plan, 5,000 unsolved problems, 3,000 督办 items, 20 site tours, targets.
 *   npm run bench:cockpit -- --projects 5000 --dry
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.js';
import { createContainer } from '../src/container.js';
import { chinaDate } from '../src/core/business-date.js';
import { newId } from '../src/core/ids.js';
import { addCalendarDays } from '../src/core/schedule/working-days.js';
import { goalInputSchema } from '../src/core/schemas/goals.schema.js';
import { refreshPlannerStats } from '../src/db/helpers/planner-stats.js';
import { buildApp } from '../src/http/app.js';
import { dashboardRepository } from '../src/features/dashboard/dashboard.repository.js';
import { problemsLightSource, reportsLightSource } from '../src/features/lights/light-sources.js';
import { goalsRepository } from '../src/features/goals/goals.repository.js';
import { lightsRepository } from '../src/features/lights/lights.repository.js';
import { projectsRepository } from '../src/features/projects/projects.repository.js';
import { Actor } from '../src/features/shared/context.js';
import { benchDatabase, PG_BASE, settleAfterLoad } from './bench-database.js';
import { seedProjects, seedUnits } from './ledger-seed.js';
import { signIn } from './measure.js';
import { BENCH_ADMIN } from './settings.js';
import { writeResultsBlock } from './report.js';

const { values: opts } = parseArgs({ options: { projects: { type: 'string', default: '50000' }, dry: { type: 'boolean', default: false }, runs: { type: 'string', default: '100' } } });
const N = Number(opts.projects);
const RUNS = Number(opts.runs);
const RESULTS_MD = fileURLToPath(new URL('./RESULTS.md', import.meta.url));
const LEADER = { username: 'bench-leader', password: 'Bench!Passw0rd1' };
const CATEGORIES = ['土地规划调整', '土地指标', '征地拆迁', '水电气配套', '资金', '审批手续', '环评能评', '用工人才', '其他'];

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;

async function seedWorld(db: Parameters<typeof seedProjects>[0], today: string) {
  const unitIds = await seedUnits(db);
  await seedProjects(db, unitIds, 0, N);
  const now = new Date().toISOString();
  // 本年累计 spread by the code's last digit (0 … 90 % of plan); started projects started in March.
  for (let d = 0; d < 10; d++) {
    await db
      .updateTable('projects')
      .set({ ytdInvestment: sql`annual_plan_investment * ${d} / 10` })
      .where('code', 'like', `%${d}`)
      .execute();
  }
  await db.updateTable('projects').set({ actualStartDate: '2026-03-01', statsEnteredDate: '2026-03-25' }).where('stage', 'in', ['construction', 'completed', 'operating']).execute();
  const projects = await db.selectFrom('projects').select(['id', 'unitId', 'stage']).orderBy('id').execute();
  for (let i = 0; i < projects.length; i += 1000) {
    await db
      .insertInto('projectStageEvents')
      .values(projects.slice(i, i + 1000).map((p, k) => ({ id: newId(), projectId: p.id, unitId: p.unitId, fromStage: null, toStage: p.stage, date: addCalendarDays('2026-01-05', (i + k) % 300), note: null, reason: null, byUserId: null, createdAt: now })))
      .execute();
  }
  const problems = [];
  for (let i = 0; i < 5000; i++) {
    const p = projects[(i * 7) % projects.length]!;
    problems.push({ id: newId(), projectId: p.id, scopeUnitId: p.unitId, category: CATEGORIES[i % CATEGORIES.length]!, description: `问题${i}`, raisedBy: null, leaderId: null, unitId: p.unitId, ownerUserId: null, supportingUnitIds: '[]', deadline: addCalendarDays(today, (i % 60) - 30), status: (['new', 'in_progress', 'close_requested'] as const)[i % 3]!, escalationLevel: i % 4, closeNote: null, closedAt: null, createdBy: null, version: 1, createdAt: now, updatedAt: now });
  }
  for (let i = 0; i < problems.length; i += 500) await db.insertInto('problems').values(problems.slice(i, i + 500)).execute();
  const actions = [];
  for (let i = 0; i < 3000; i++) {
    const p = projects[(i * 11) % projects.length]!;
    actions.push({ id: newId(), sourceKind: 'instruction' as const, sourceId: null, projectId: p.id, title: `督办${i}`, detail: null, ownerUnitId: p.unitId, ownerUserId: null, leaderId: null, deadline: addCalendarDays(today, (i % 40) - 20), status: 'open' as const, escalationLevel: i % 3, feedback: null, feedbackAt: null, closedAt: null, createdBy: null, version: 1, createdAt: now, updatedAt: now });
  }
  for (let i = 0; i < actions.length; i += 500) await db.insertInto('actionItems').values(actions.slice(i, i + 500)).execute();
  for (let i = 0; i < 20; i++) {
    await db.insertInto('meetings').values({ id: newId(), unitId: unitIds[i % unitIds.length]!, seriesId: null, kind: 'site', title: `现场推进会${i}`, date: addCalendarDays(today, i - 5), startTime: null, place: null, chairUserId: null, notes: null, status: 'open', closedAt: null, closedBy: null, createdBy: null, version: 1, createdAt: now, updatedAt: now }).execute();
  }
  return unitIds;
}

async function run(kind: 'sqlite' | 'postgres') {
  const dir = mkdtempSync(join(tmpdir(), 'luodi-bench-cockpit-'));
  const d = await benchDatabase(kind, dir, 'cockpit');
  try {
    const c = await createContainer(loadConfig({ LUODI_DB: d.url, LUODI_LOG_LEVEL: 'silent', LUODI_JOBS: 'false', LUODI_RATE_LIMIT_PER_MINUTE: '0' }));
    await c.services.setup.createFirstAdmin(Actor.cli(), BENCH_ADMIN);
    const db = c.deps.db;
    const today = chinaDate(c.deps.clock.now());
    process.stderr.write(`[${kind}] seeding ${N} projects, problems, actions, tours …\n`);
    const unitIds = await seedWorld(db, today);
    const root = (await c.services.units.findRoot())!;
    for (const unitId of [root.id, ...unitIds]) {
      await c.services.goals.put(Actor.cli(), unitId, Number(today.slice(0, 4)), null, goalInputSchema.parse({ signTarget: 500, startTarget: 400, completeTarget: 200, operateTarget: 100, investmentTarget: 50_000_000_000, negotiatingPool: 300, reservePool: 600 }));
    }
    await c.services.users.create(Actor.cli(), { ...LEADER, displayName: '县长', role: 'leader', unitId: root.id });
    await refreshPlannerStats(db);

    process.stderr.write(`[${kind}] light recompute …\n`);
    let t = performance.now();
    const first = await c.services.lights.recomputeAll();
    const firstMs = performance.now() - t;
    t = performance.now();
    await c.services.lights.recomputeAll();
    const secondMs = performance.now() - t;
    t = performance.now();
    const month = today.slice(0, 7);
    await Promise.all([
      lightsRepository.projects(db, null),
      lightsRepository.openMilestones(db, null, addCalendarDays(today, 7)),
      lightsRepository.history(db, null, month, 2),
      lightsRepository.current(db, null, month),
      problemsLightSource.facts(db, null, today),
      reportsLightSource.facts(db, null, today),
    ]);
    const readsMs = performance.now() - t;
    // Statistics and (PostgreSQL) vacuum as a running deployment has them an hour after a load.
    await settleAfterLoad(db);

    process.stderr.write(`[${kind}] cockpit × ${RUNS} …\n`);
    const app = await buildApp(c);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const headers = await signIn(base, LEADER.username, LEADER.password);
    const view = { scope: null, unitPath: undefined };
    const year = Number(today.slice(0, 4));
    const sqlAlone = () =>
      Promise.all([
        projectsRepository.forwardFlows(db, null, null, { from: `${year}-01-01`, to: `${year}-12-31` }, { from: `${year}-01-01`, to: `${year}-12-31` }),
        goalsRepository.list(db, year, root.path),
        dashboardRepository.projectSums(db, view),
        dashboardRepository.paced(db, view, true, 10),
        dashboardRepository.paced(db, view, false, 10),
        dashboardRepository.overdueActions(db, view, today, 10),
        dashboardRepository.openProblems(db, view, today),
        dashboardRepository.siteTours(db, view, today, 10),
        c.services.lightQueries.page(Actor.cli(), { color: 'red', page: 1, pageSize: 10 }),
      ]);
    let bytes = 0;
    const viaHttp: number[] = [];
    const viaSql: number[] = [];
    for (let i = 0; i < RUNS + 3; i++) {
      let s = performance.now();
      const res = await fetch(`${base}/api/dashboard?period=${['year', 'month', 'quarter'][i % 3]}`, { headers });
      if (res.status !== 200) throw new Error(`GET /api/dashboard: ${res.status} ${await res.text()}`);
      bytes = (await res.arrayBuffer()).byteLength;
      const httpMs = performance.now() - s;
      s = performance.now();
      await sqlAlone();
      const sqlMs = performance.now() - s;
      if (i >= 3) {
        viaHttp.push(httpMs);
        viaSql.push(sqlMs);
      }
    }
    await app.close();
    await c.close();
    return { name: kind === 'sqlite' ? 'SQLite' : 'PostgreSQL', projects: first.projects, colors: first.colors, firstMs, secondMs, readsMs, bytes, http: { p50: pct(viaHttp, 50), p99: pct(viaHttp, 99) }, sql: { p50: pct(viaSql, 50), p99: pct(viaSql, 99) } };
  } finally {
    await d.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function render(rows: Awaited<ReturnType<typeof run>>[]): string {
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  const s = (ms: number) => (ms / 1000).toFixed(1);
  const lines = [
    `Run of ${new Date().toISOString().slice(0, 19)}Z — Node ${process.version}, ${cpus()[0]?.model.trim() ?? 'CPU'} × ${cpus().length}, commit ${commit}. ${N.toLocaleString('en')} projects, 5,000 unsolved problems, 3,000 督办 items, 20 site tours. Cockpit: ${RUNS} requests over HTTP (year, month and quarter in turn; no cache exists), each followed by its SQL statements alone. Load average at the end: ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores (other agents share the machine).`,
    '',
    '| database | live projects | lights (red / yellow / green) | full recompute, first pass (s) | second pass, nothing changed (s) | its reads alone (s) | cockpit p50 / p99 (ms) | its SQL alone p50 / p99 (ms) | SQL share of p50 | response |',
    '|---|---:|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.name} | ${r.projects.toLocaleString('en')} | ${r.colors.red.toLocaleString('en')} / ${r.colors.yellow.toLocaleString('en')} / ${r.colors.green.toLocaleString('en')} | ${s(r.firstMs)} | ${s(r.secondMs)} | ${s(r.readsMs)} | ${r.http.p50.toFixed(0)} / ${r.http.p99.toFixed(0)} | ${r.sql.p50.toFixed(0)} / ${r.sql.p99.toFixed(0)} | ${((r.sql.p50 / r.http.p50) * 100).toFixed(0)} % | ${(r.bytes / 1024).toFixed(1)} KB |`,
    );
  }
  if (!PG_BASE) lines.push('', 'PostgreSQL: skipped (no LUODI_BENCH_POSTGRES_URL / LUODI_TEST_POSTGRES_URL).');
  return lines.join('\n');
}

const figures = [await run('sqlite')];
if (PG_BASE) figures.push(await run('postgres'));
const text = render(figures);
process.stdout.write(`${text}\n`);
if (!opts.dry) writeResultsBlock(RESULTS_MD, 'cockpit', 'Lights and the cockpit at scale (`npm run bench:cockpit`)', text, 'Target (issue 6): cockpit request p99 ≤ 300 ms uncached at 50,000 projects. A full light recompute reads everything in a few set-based statements, evaluates the rules in memory and writes only what changed.');
