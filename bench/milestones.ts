/**
 * `npm run bench:milestones`: issue 4's scale figures, on SQLite and (when a URL is given)
 * PostgreSQL, written to the milestones section of bench/RESULTS.md.
 *  - plans: the industrial template applied to 10,000 projects (--projects N) through the batch
 *    path (POST /api/plans/batch's service: requests of BATCH_PLAN_MAX picked projects, each from
 *    its signing date, one transaction per page of BATCH_PLAN_PAGE), against a baseline of the same
 *    plan and milestone rows written by bare SQL (the same multi-row INSERTs per page, rows built
 *    beforehand, nothing read, no owner links or audit);
 *  - goals: the 2026 goal progress of a province of 100 units (1 + 9 cities + 90 counties, every
 *    unit with targets) over those projects, through the goals service, against the baseline of
 *    the goals repository's own queries alone.
 *   npm run bench:milestones -- --projects 5000 --dry
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { createContainer, type Container } from '../src/container.js';
import { newId } from '../src/core/ids.js';
import { goalInputSchema } from '../src/core/schemas/goals.schema.js';
import { generatePlan } from '../src/core/schedule/plan.js';
import { INDUSTRIAL_TEMPLATE } from '../src/core/schedule/templates.js';
import { BATCH_PLAN_MAX, BATCH_PLAN_PAGE } from '../src/core/schemas/milestones.schema.js';
import { bulkInsert } from '../src/db/helpers/bulk-insert.js';
import { addCalendarDays } from '../src/core/schedule/working-days.js';
import { Actor } from '../src/features/shared/context.js';
import { goalsRepository } from '../src/features/goals/goals.repository.js';
import { seedProjects } from './ledger-seed.js';
import { BENCH_ADMIN } from './settings.js';
import { benchDatabase, PG_BASE } from './bench-database.js';
import { writeResultsBlock } from './report.js';

const { values: opts } = parseArgs({ options: { projects: { type: 'string', default: '10000' }, dry: { type: 'boolean', default: false }, 'goal-runs': { type: 'string', default: '20' } } });
const N = Number(opts.projects);
const GOAL_RUNS = Number(opts['goal-runs']);
const RESULTS_MD = fileURLToPath(new URL('./RESULTS.md', import.meta.url));


/** A province: root, 9 cities, 10 counties under each (100 units); projects spread over the counties. */
async function seedProvince(c: Container): Promise<string[]> {
  const db = c.deps.db;
  const root = await db.selectFrom('units').select(['id', 'path']).where('parentId', 'is', null).executeTakeFirstOrThrow();
  const now = new Date().toISOString();
  const units: { id: string; parentId: string; name: string; path: string }[] = [];
  for (let i = 0; i < 9; i++) {
    const city = newId();
    units.push({ id: city, parentId: root.id, name: `第${i + 1}市`, path: `${root.path}${city}/` });
    for (let k = 0; k < 10; k++) {
      const county = newId();
      units.push({ id: county, parentId: city, name: `第${i + 1}市第${k + 1}县`, path: `${root.path}${city}/${county}/` });
    }
  }
  await db.insertInto('units').values(units.map((u) => ({ ...u, shortName: null, type: 'department', sortOrder: 0, archived: 0, version: 1, createdAt: now, updatedAt: now }))).execute();
  return [root.id, ...units.map((u) => u.id)];
}

async function run(kind: 'sqlite' | 'postgres') {
  const dir = mkdtempSync(join(tmpdir(), 'luodi-bench-ms-'));
  const a = await benchDatabase(kind, dir, 'service');
  const b = await benchDatabase(kind, dir, 'sql');
  try {
    const open = async (url: string) => {
      const c = await createContainer(loadConfig({ LUODI_DB: url, LUODI_LOG_LEVEL: 'silent' }));
      await c.services.setup.createFirstAdmin(Actor.cli(), BENCH_ADMIN);
      const unitIds = await seedProvince(c);
      const counties = unitIds.filter((_, i) => i > 0 && i % 11 !== 1);
      await seedProjects(c.deps.db, counties, 0, N);
      const ids = (await c.deps.db.selectFrom('projects').select('id').orderBy('id').execute()).map((r) => r.id);
      return { c, ids, unitIds };
    };
    const anchorOf = (i: number) => addCalendarDays('2026-01-05', i % 200);
    /** Each project signed on its anchor date (the batch's 'sign-date' rule reads it). Not timed. */
    const signAll = async (c: Container, ids: string[]) => {
      for (let k = 0; k < 200; k++) {
        const mine = ids.filter((_, i) => i % 200 === k);
        for (let i = 0; i < mine.length; i += 1000) await c.deps.db.updateTable('projects').set({ actualSignDate: anchorOf(k) }).where('id', 'in', mine.slice(i, i + 1000)).execute();
      }
    };

    process.stderr.write(`[${kind}] plans through the batch service for ${N} projects …\n`);
    const svc = await open(a.url);
    await signAll(svc.c, svc.ids);
    const template = (await svc.c.services.templates.list()).find((t) => t.shippedKey === 'industrial')!;
    let t = performance.now();
    for (let i = 0; i < svc.ids.length; i += BATCH_PLAN_MAX) {
      const r = await svc.c.services.plansBatch.apply(Actor.cli(), { templateId: template.id, anchor: 'sign-date', anchorDate: null, projectIds: svc.ids.slice(i, i + BATCH_PLAN_MAX), filters: { archived: 'false' }, dryRun: false });
      if (r.generated !== Math.min(BATCH_PLAN_MAX, svc.ids.length - i)) throw new Error(`batch generated ${r.generated}`);
    }
    const serviceMs = performance.now() - t;

    process.stderr.write(`[${kind}] the same rows by bare SQL …\n`);
    const raw = await open(b.url);
    const cal = await raw.c.services.calendar.load();
    const units = await raw.c.deps.db.selectFrom('projects').select(['id', 'unitId']).execute();
    const unitOf = new Map(units.map((u) => [u.id, u.unitId]));
    const now = new Date().toISOString();
    const byAnchor = new Map<string, ReturnType<typeof generatePlan>>();
    const planOf = (anchor: string) => byAnchor.get(anchor) ?? byAnchor.set(anchor, generatePlan(INDUSTRIAL_TEMPLATE.nodes, 'sign', anchor, cal)).get(anchor)!;
    const PLAN_COLS = ['projectId', 'unitId', 'templateId', 'templateName', 'anchorDate', 'approvedAt', 'approvedBy', 'version', 'createdAt', 'updatedAt'];
    const MS_COLS = ['id', 'projectId', 'unitId', 'seq', 'code', 'name', 'kind', 'dependsOn', 'parallelGroup', 'durationDays', 'statutoryDays', 'withinRule', 'statutoryNote', 'stage', 'plannedStart', 'plannedEnd', 'baselineStart', 'baselineEnd', 'startedOn', 'actualDate', 'ownerUnitId', 'ownerUserId', 'note', 'version', 'createdAt', 'updatedAt'];
    let sqlMs = 0;
    for (let p = 0; p < raw.ids.length; p += BATCH_PLAN_PAGE) {
      // Rows are built outside the timed part: the baseline is the SQL alone.
      const plans: unknown[][] = [];
      const milestones: unknown[][][] = [[]];
      for (let i = p; i < Math.min(raw.ids.length, p + BATCH_PLAN_PAGE); i++) {
        const projectId = raw.ids[i]!;
        const unitId = unitOf.get(projectId)!;
        const planned = planOf(anchorOf(i));
        plans.push([projectId, unitId, null, 'x', anchorOf(i), null, null, 1, now, now]);
        INDUSTRIAL_TEMPLATE.nodes.forEach((n, k) => {
          if (milestones.at(-1)!.length >= 900) milestones.push([]);
          milestones.at(-1)!.push([newId(), projectId, unitId, k + 1, n.code, n.name, n.kind, JSON.stringify(n.dependsOn), n.parallelGroup, n.durationDays, n.statutoryDays, n.within ? JSON.stringify(n.within) : null, n.statutoryNote, n.stage, planned[k]!.start, planned[k]!.end, null, null, null, null, unitId, null, null, 1, now, now]);
        });
      }
      t = performance.now();
      await raw.c.deps.db.transaction().execute(async (trx) => {
        for (let i = 0; i < plans.length; i += 250) await bulkInsert(trx, 'projectPlans', PLAN_COLS)(plans.slice(i, i + 250));
        const insert = bulkInsert(trx, 'milestones', MS_COLS);
        for (const part of milestones) await insert(part);
      });
      sqlMs += performance.now() - t;
    }

    await raw.c.close();

    process.stderr.write(`[${kind}] goal progress for 100 units …\n`);
    const db = svc.c.deps.db;
    // Every project entered its stage in 2026 (the flows the goals count).
    const projects = await db.selectFrom('projects').select(['id', 'unitId', 'stage']).execute();
    for (let i = 0; i < projects.length; i += 1000) {
      await db
        .insertInto('projectStageEvents')
        .values(projects.slice(i, i + 1000).map((p, k) => ({ id: newId(), projectId: p.id, unitId: p.unitId, fromStage: null, toStage: p.stage, date: addCalendarDays('2026-01-05', (i + k) % 300), note: null, reason: null, byUserId: null, createdAt: now })))
        .execute();
    }
    for (const unitId of svc.unitIds) {
      await svc.c.services.goals.put(Actor.cli(), unitId, 2026, null, goalInputSchema.parse({ signTarget: 50, startTarget: 40, completeTarget: 20, operateTarget: 10, investmentTarget: 5_000_000_000, negotiatingPool: 30, reservePool: 60 }));
    }
    const query = { year: 2026 };
    await svc.c.services.goals.list(Actor.cli(), query);
    t = performance.now();
    for (let i = 0; i < GOAL_RUNS; i++) await svc.c.services.goals.list(Actor.cli(), query);
    const goalsMs = (performance.now() - t) / GOAL_RUNS;
    t = performance.now();
    for (let i = 0; i < GOAL_RUNS; i++) await Promise.all([goalsRepository.list(db, 2026, null), goalsRepository.flowsByUnit(db, 2026, null), goalsRepository.stockByUnit(db, null)]);
    const goalsSqlMs = (performance.now() - t) / GOAL_RUNS;
    await svc.c.close();
    return { name: kind === 'sqlite' ? 'SQLite' : 'PostgreSQL', serviceMs, sqlMs, goalsMs, goalsSqlMs };
  } finally {
    await a.drop();
    await b.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function render(rows: Awaited<ReturnType<typeof run>>[]): string {
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  const lines = [
    `Run of ${new Date().toISOString().slice(0, 19)}Z — Node ${process.version}, ${cpus()[0]?.model.trim() ?? 'CPU'} × ${cpus().length}, commit ${commit}. ${N.toLocaleString('en')} projects, industrial template (${INDUSTRIAL_TEMPLATE.nodes.length} milestones each); goals: 100 units, mean of ${GOAL_RUNS} runs.`,
    '',
    '| database | plans via the batch service (s) | projects/s | same rows by bare SQL (s) | SQL share of service time | goal progress, 100 units (ms) | its SQL alone (ms) | SQL share |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.name} | ${(r.serviceMs / 1000).toFixed(1)} | ${Math.round(N / (r.serviceMs / 1000)).toLocaleString('en')} | ${(r.sqlMs / 1000).toFixed(1)} | ${((r.sqlMs / r.serviceMs) * 100).toFixed(0)} % | ${r.goalsMs.toFixed(1)} | ${r.goalsSqlMs.toFixed(1)} | ${((r.goalsSqlMs / r.goalsMs) * 100).toFixed(0)} % |`,
    );
  }
  if (!PG_BASE) lines.push('', 'PostgreSQL: skipped (no LUODI_BENCH_POSTGRES_URL / LUODI_TEST_POSTGRES_URL).');
  return lines.join('\n');
}

const figures = [await run('sqlite')];
if (PG_BASE) figures.push(await run('postgres'));
const text = render(figures);
process.stdout.write(`${text}\n`);
if (!opts.dry) writeResultsBlock(RESULTS_MD, 'milestones', 'Milestone plans and goal progress at scale (`npm run bench:milestones`)', text);
