/**
 * `npm run bench:reports`: issue 5's scale figures for 进展填报, on SQLite and (when a URL is
 * given) PostgreSQL, written to the reports section of bench/RESULTS.md.
 *  - opening a monthly round for N projects (--projects, 50,000 by default; the signed and
 *    under-construction ones get a report) through the rounds service (transaction, audit,
 *    count), against the repository's INSERT … SELECT alone, alternately on fresh periods;
 *  - the per-unit late/missing summary of a round through the service, against its one
 *    grouped SQL statement alone (median of --runs, interleaved).
 *   npm run bench:reports -- --projects 5000 --dry
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { createContainer } from '../src/container.js';
import { newId } from '../src/core/ids.js';
import { monthlyPeriod } from '../src/core/reports/report-rules.js';
import { REPORTING_STAGES } from '../src/features/reports/report-scope.js';
import { reportsRepository } from '../src/features/reports/reports.repository.js';
import { Actor } from '../src/features/shared/context.js';
import { seedProjects, seedUnits } from './ledger-seed.js';
import { BENCH_ADMIN } from './settings.js';
import { benchDatabase, PG_BASE } from './bench-database.js';
import { writeResultsBlock } from './report.js';

const { values: opts } = parseArgs({ options: { projects: { type: 'string', default: '50000' }, dry: { type: 'boolean', default: false }, runs: { type: 'string', default: '20' }, rounds: { type: 'string', default: '5' } } });
const N = Number(opts.projects);
const RUNS = Number(opts.runs);
const ROUNDS = Number(opts.rounds);
const RESULTS_MD = fileURLToPath(new URL('./RESULTS.md', import.meta.url));

async function run(kind: 'sqlite' | 'postgres') {
  const dir = mkdtempSync(join(tmpdir(), 'luodi-bench-rep-'));
  const d = await benchDatabase(kind, dir, 'reports');
  try {
    const c = await createContainer(loadConfig({ LUODI_DB: d.url, LUODI_LOG_LEVEL: 'silent' }));
    await c.services.setup.createFirstAdmin(Actor.cli(), BENCH_ADMIN);
    const db = c.deps.db;
    process.stderr.write(`[${kind}] seeding ${N} projects …\n`);
    await seedProjects(db, await seedUnits(db), 0, N);
    if (kind === 'postgres') await import('kysely').then(({ sql }) => sql`ANALYZE`.execute(db));

    // Alternate service and bare SQL on fresh months, so both see the same table growth.
    const serviceMs: number[] = [];
    const sqlMs: number[] = [];
    let reportsPerRound = 0;
    let lastRoundId = '';
    for (let i = 0; i < ROUNDS * 2; i++) {
      const p = monthlyPeriod(`2025-${String(i + 1).padStart(2, '0')}-01`);
      const t = performance.now();
      if (i % 2 === 0) {
        const { round } = await c.services.reportRounds.open(Actor.cli(), { kind: 'monthly', period: p.period });
        serviceMs.push(performance.now() - t);
        reportsPerRound = round.reportCount;
        lastRoundId = round.id;
      } else {
        const row = { id: newId(), kind: 'monthly', period: p.period, periodStart: p.start, periodEnd: p.end, dueDate: p.dueDate, createdBy: null, createdAt: new Date().toISOString() };
        await db.transaction().execute(async (trx) => {
          const root = await trx.selectFrom('units').select('id').where('parentId', 'is', null).executeTakeFirstOrThrow();
          await reportsRepository.insertRound(trx, { ...row, unitId: root.id });
          await reportsRepository.openReports(trx, row, REPORTING_STAGES, row.createdAt);
        });
        sqlMs.push(performance.now() - t);
      }
      process.stderr.write(`[${kind}] round ${p.period}: ${(performance.now() - t).toFixed(0)} ms\n`);
    }

    // A realistic mix in the last round: some accepted, some late, some returned, the rest missing.
    const mark = (digits: string[], values: { status: string; late?: number }) =>
      db
        .updateTable('progressReports')
        .set(values)
        .where('roundId', '=', lastRoundId)
        .where((eb) => eb('projectId', 'in', eb.selectFrom('projects').select('id').where((e) => e.or(digits.map((x) => e('code', 'like', `%${x}`))))))
        .execute();
    await mark(['0', '1', '2', '3', '4', '5'], { status: 'accepted' });
    await mark(['6'], { status: 'accepted', late: 1 });
    await mark(['7'], { status: 'returned' });

    const today = '2025-07-10';
    const summary = () => reportsRepository.summaryByUnit(db, lastRoundId, null, today);
    await c.services.reportRounds.get(Actor.cli(), lastRoundId);
    // Interleaved, and the median taken: the machine is shared, so load drifts during a run.
    const viaService: number[] = [];
    const viaSql: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      let t = performance.now();
      await c.services.reportRounds.get(Actor.cli(), lastRoundId);
      viaService.push(performance.now() - t);
      t = performance.now();
      await summary();
      viaSql.push(performance.now() - t);
    }
    await c.close();
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    return { name: kind === 'sqlite' ? 'SQLite' : 'PostgreSQL', reportsPerRound, openMs: median(serviceMs), openSqlMs: median(sqlMs), summaryMs: median(viaService), summarySqlMs: median(viaSql) };
  } finally {
    await d.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function render(rows: Awaited<ReturnType<typeof run>>[]): string {
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  const lines = [
    `Run of ${new Date().toISOString().slice(0, 19)}Z — Node ${process.version}, ${cpus()[0]?.model.trim() ?? 'CPU'} × ${cpus().length}, commit ${commit}. ${N.toLocaleString('en')} projects (the signed and under-construction ones get a report); round opening: median of ${ROUNDS} service and ${ROUNDS} bare-SQL openings on fresh months, alternated; per-unit summary: median of ${RUNS} interleaved runs. Load average during the run: ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores (other agents' tests share the machine).`,
    '',
    '| database | reports per round | open a round via service (ms) | its INSERT … SELECT alone (ms) | SQL share | per-unit late/missing summary (ms) | its SQL alone (ms) | SQL share |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.name} | ${r.reportsPerRound.toLocaleString('en')} | ${r.openMs.toFixed(0)} | ${r.openSqlMs.toFixed(0)} | ${((r.openSqlMs / r.openMs) * 100).toFixed(0)} % | ${r.summaryMs.toFixed(1)} | ${r.summarySqlMs.toFixed(1)} | ${((r.summarySqlMs / r.summaryMs) * 100).toFixed(0)} % |`,
    );
  }
  if (!PG_BASE) lines.push('', 'PostgreSQL: skipped (no LUODI_BENCH_POSTGRES_URL / LUODI_TEST_POSTGRES_URL).');
  return lines.join('\n');
}

const figures = [await run('sqlite')];
if (PG_BASE) figures.push(await run('postgres'));
const text = render(figures);
process.stdout.write(`${text}\n`);
if (!opts.dry) writeResultsBlock(RESULTS_MD, 'reports', 'Progress-report rounds at scale (`npm run bench:reports`)', text, 'Opening a round is one set-based INSERT … SELECT (ids `<round>:<project>`, ON CONFLICT DO NOTHING), never a loop over projects; the per-unit summary is one grouped statement.');
