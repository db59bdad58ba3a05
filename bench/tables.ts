/**
 * `npm run bench:tables`: the 月度进展表 (monthly progress table) of a 50,000-project portfolio as
 * .xlsx, on SQLite and (when a URL is given) PostgreSQL, written to the tables section of
 * bench/RESULTS.md. Projects come from the ledger bench's builder (ledger-seed.ts); every project
 * under construction gets accepted reports for this month and the last, so the figures are real.
 * Measured in the same process, alternately, twice each (the better run is kept):
 *  - SQL alone: the statements the table runs (section counts, then per 1,000-row page the
 *    projects, their accepted reports up to the month and their open problems), rows discarded;
 *  - the whole table written to a file: rows/s and the peak RSS while it is written.
 *   npm run bench:tables -- --projects 5000 --dry
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { chinaDate } from '../src/core/business-date.js';
import { loadConfig } from '../src/config.js';
import { createContainer, type Container } from '../src/container.js';
import { Actor } from '../src/features/shared/context.js';
import { SECTIONS } from '../src/features/tables/progress-table.js';
import { tablesRepository } from '../src/features/tables/tables.repository.js';
import { benchDatabase, PG_BASE } from './bench-database.js';
import { seedProjects, seedUnits } from './ledger-seed.js';
import { BENCH_ADMIN } from './settings.js';
import { writeResultsBlock } from './report.js';

const { values: opts } = parseArgs({ options: { projects: { type: 'string', default: '50000' }, dry: { type: 'boolean', default: false } } });
const PROJECTS = Number(opts.projects);
const RESULTS_MD = fileURLToPath(new URL('./RESULTS.md', import.meta.url));
const PAGE = 1000;

interface Figures {
  name: string;
  rows: number;
  sqlMs: number;
  tableMs: number;
  peakRssMb: number;
  baseRssMb: number;
  fileMb: number;
}

const previousMonth = (m: string) => (m.endsWith('-01') ? `${Number(m.slice(0, 4)) - 1}-12` : `${m.slice(0, 5)}${String(Number(m.slice(5)) - 1).padStart(2, '0')}`);

/** Accepted monthly reports for every project under construction: this month and the last (INSERT … SELECT). */
async function seedReports(c: Container, rootUnitId: string, month: string) {
  const db = c.deps.db;
  const now = new Date().toISOString();
  for (const period of [previousMonth(month), month]) {
    const round = `bench-${period}`;
    await db.insertInto('reportRounds').values({ id: round, unitId: rootUnitId, kind: 'monthly', period, periodStart: `${period}-01`, periodEnd: `${period}-28`, dueDate: `${period}-25`, createdAt: now }).execute();
    await db
      .insertInto('progressReports')
      .columns(['id', 'roundId', 'projectId', 'unitId', 'kind', 'period', 'dueDate', 'status', 'late', 'investment', 'progressText', 'version', 'createdAt', 'updatedAt'])
      .expression(
        db
          .selectFrom('projects')
          .select([
            sql<string>`${round} || ':' || projects.id`.as('id'),
            sql<string>`${round}`.as('roundId'),
            'projects.id as projectId',
            'projects.unitId',
            sql<string>`'monthly'`.as('kind'),
            sql<string>`${period}`.as('period'),
            sql<string>`${`${period}-25`}`.as('dueDate'),
            sql<string>`'accepted'`.as('status'),
            sql<number>`0`.as('late'),
            sql<number>`1200000`.as('investment'),
            sql<string>`'主体施工，完成形象进度的 60%'`.as('progressText'),
            sql<number>`1`.as('version'),
            sql<string>`${now}`.as('createdAt'),
            sql<string>`${now}`.as('updatedAt'),
          ])
          .where('projects.stage', '=', 'construction'),
      )
      .execute();
  }
}

/** The statements the table runs, rows discarded. */
async function sqlAlone(c: Container, month: string): Promise<number> {
  const db = c.deps.db;
  const yearStart = `${month.slice(0, 4)}-01-01`;
  await tablesRepository.sectionCounts(db, null, null, yearStart);
  let rows = 0;
  for (const s of SECTIONS) {
    let after: { name: string; id: string } | null = null;
    for (;;) {
      const page = await tablesRepository.progressPage(db, null, null, s.key, yearStart, after, PAGE);
      if (page.length === 0) break;
      const ids = page.map((p) => p.id);
      await Promise.all([tablesRepository.acceptedReports(db, ids, month), tablesRepository.openProblems(db, ids)]);
      rows += page.length;
      if (page.length < PAGE) break;
      after = { name: page[page.length - 1]!.name, id: page[page.length - 1]!.id };
    }
  }
  return rows;
}

async function writeTable(c: Container, month: string, file: string): Promise<{ rows: number; ms: number; peakRssMb: number; baseRssMb: number }> {
  global.gc?.();
  const baseRss = process.memoryUsage().rss;
  let peak = baseRss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const t = performance.now();
  const job = await c.services.tables.progress(Actor.cli(), { month, paper: 'A3' });
  const out = createWriteStream(file);
  const r = await job.write(out);
  await finished(out);
  const ms = performance.now() - t;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { rows: r.rows, ms, peakRssMb: peak / 2 ** 20, baseRssMb: baseRss / 2 ** 20 };
}

async function run(kind: 'sqlite' | 'postgres'): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'luodi-bench-tables-'));
  const database = await benchDatabase(kind, dir, 'tables');
  try {
    const c = await createContainer(loadConfig({ LUODI_DB: database.url, LUODI_LOG_LEVEL: 'silent' }));
    try {
      const admin = await c.services.setup.createFirstAdmin(Actor.cli(), BENCH_ADMIN);
      const unitIds = await seedUnits(c.deps.db);
      process.stderr.write(`[${kind}] seeding ${PROJECTS} projects and their reports …\n`);
      await seedProjects(c.deps.db, unitIds, 0, PROJECTS);
      const month = chinaDate(new Date()).slice(0, 7);
      await seedReports(c, admin.unitId, month);
      const file = join(dir, 'progress.xlsx');
      let sqlMs = Infinity;
      let best: Awaited<ReturnType<typeof writeTable>> | null = null;
      for (let round = 0; round < 2; round++) {
        const t = performance.now();
        await sqlAlone(c, month);
        sqlMs = Math.min(sqlMs, performance.now() - t);
        const w = await writeTable(c, month, file);
        if (!best || w.ms < best.ms) best = w;
        process.stderr.write(`[${kind}] round ${round + 1}: SQL ${Math.round(performance.now() - t - w.ms)} ms, table ${Math.round(w.ms)} ms\n`);
      }
      return { name: kind === 'sqlite' ? 'SQLite' : 'PostgreSQL', rows: best!.rows, sqlMs, tableMs: best!.ms, peakRssMb: best!.peakRssMb, baseRssMb: best!.baseRssMb, fileMb: statSync(file).size / 2 ** 20 };
    } finally {
      await c.close();
    }
  } finally {
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function render(figures: Figures[]): string {
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  const lines = [
    `Run of ${new Date().toISOString().slice(0, 19)}Z — Node ${process.version}, ${cpus()[0]?.model.trim() ?? 'CPU'} × ${cpus().length}, commit ${commit}.`,
    `月度进展表 of ${PROJECTS.toLocaleString('en')} projects (ledger bench data; accepted reports for this month and the last on every project under construction), A3, written to a file; better of two alternated runs each.`,
    '',
    '| database | rows | SQL alone (ms) | table (ms) | rows/s | SQL share | peak RSS while writing | RSS before | file |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const f of figures) {
    lines.push(
      `| ${f.name} | ${f.rows.toLocaleString('en')} | ${Math.round(f.sqlMs).toLocaleString('en')} | ${Math.round(f.tableMs).toLocaleString('en')} | ${Math.round(f.rows / (f.tableMs / 1000)).toLocaleString('en')} | ${Math.round((f.sqlMs / f.tableMs) * 100)} % | ${f.peakRssMb.toFixed(0)} MB | ${f.baseRssMb.toFixed(0)} MB | ${f.fileMb.toFixed(1)} MB |`,
    );
  }
  if (!PG_BASE) lines.push('', 'PostgreSQL: skipped (no LUODI_BENCH_POSTGRES_URL / LUODI_TEST_POSTGRES_URL).');
  return lines.join('\n');
}

const figures = [await run('sqlite')];
if (PG_BASE) figures.push(await run('postgres'));
const text = render(figures);
process.stdout.write(`${text}\n`);
if (!opts.dry) writeResultsBlock(RESULTS_MD, 'tables', 'Excel tables at scale (`npm run bench:tables`)', text);
