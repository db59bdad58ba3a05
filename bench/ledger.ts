/**
 * `npm run bench:ledger`: the project ledger at scale, on SQLite and (when a URL is given)
 * PostgreSQL, written to the ledger section of bench/RESULTS.md.
 *  - list: GET /api/projects with a filter, a sort and a deep page, 50 concurrent clients,
 *    p99 at 5,000 and at 50,000 projects (two databases, measured in turn for --rounds rounds:
 *    medians, and the growth as the median of each round's ratio);
 *  - export: the 50,000-project ledger as .xlsx, rows/s;
 *  - import: that file into a fresh database (all rows new), rows/s and peak memory, in a child
 *    process so the peak is the import's own.
 *   npm run bench:ledger -- --dry --duration 5 --rounds 1
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { createContainer } from '../src/container.js';
import { openDatabase } from '../src/db/connect.js';
import { Actor } from '../src/features/shared/context.js';
import { measure, killServers, signIn, startServe, type Sample } from './measure.js';
import { seedProjects, seedUnits } from './ledger-seed.js';
import { BENCH_ADMIN } from './settings.js';
import { filtered } from '../src/features/projects/projects.repository.js';
import { benchDatabase, PG_BASE, settleAfterLoad } from './bench-database.js';
import { writeResultsBlock } from './report.js';

const { values: opts } = parseArgs({ options: { duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '50' }, rounds: { type: 'string', default: '3' }, dry: { type: 'boolean', default: false } } });
const DURATION = Number(opts.duration);
const ROUNDS = Number(opts.rounds);
const CONNECTIONS = Number(opts.connections);
const SMALL = 5_000;
const LARGE = 50_000;
// Page 10 exists at both sizes (about 240 projects match at 5,000): the two p99s compare full pages.
const LIST_URL = `/api/projects?stage=construction&industry=${encodeURIComponent('新能源')}&sort=totalInvestment&order=desc&page=10&pageSize=20`;
const RESULTS_MD = fileURLToPath(new URL('./RESULTS.md', import.meta.url));
const IMPORT_CHILD = fileURLToPath(new URL('./ledger-import-child.ts', import.meta.url));

interface DbFigures {
  name: string;
  /** Medians over the rounds. */
  small: Sample;
  large: Sample;
  /** Median of the rounds' p99 @50k ÷ p99 @5k (each pair measured back to back). */
  growth: number;
  rounds: Array<{ small: Sample; large: Sample }>;
  /** The same list at 50,000 with LUODI_WORKERS=2 (two processes sharing the port). */
  largeTwoWorkers: Sample;
  exportRowsPerSec: number;
  importRowsPerSec: number;
  importPeakMb: number | null;
  /** The page's count statement alone (run only when data changed since the filter was counted), median µs @5k / @50k. */
  countUs: { small: number; large: number };
}

/** The list through `luodi serve` with `workers` processes, signed in as the coordinator. */
async function listSample(dbUrl: string, workers: number): Promise<Sample> {
  const server = await startServe(dbUrl, workers);
  try {
    const pmo = await signIn(server.baseUrl, 'bench-pmo', BENCH_ADMIN.password);
    return await measure({ url: `${server.baseUrl}${LIST_URL}`, headers: pmo }, CONNECTIONS, DURATION, 3);
  } finally {
    await server.stop();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The list filter's count statement alone, median of 500 runs after 100 warm-up runs (µs). */
async function countStatementUs(url: string): Promise<number> {
  const handle = openDatabase(url, { poolMax: 1 });
  try {
    const q = () => filtered(handle.db, { archived: 'false', stage: 'construction', industry: '新能源' }, null).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    for (let i = 0; i < 100; i++) await q();
    const times: number[] = [];
    for (let i = 0; i < 500; i++) {
      const t = performance.now();
      await q();
      times.push((performance.now() - t) * 1000);
    }
    return Math.round(median(times));
  } finally {
    await handle.close();
  }
}

/** A database with the bench's admin, the coordinator who reads the list, the units and `n` projects, settled. */
async function seeded(url: string, n: number, kind: string) {
  const container = await createContainer(loadConfig({ LUODI_DB: url, LUODI_LOG_LEVEL: 'silent', LUODI_JOBS: 'false' }));
  // The admin has no project access: the list is read by a coordinator of the whole area.
  await container.services.setup.createFirstAdmin(Actor.cli(), BENCH_ADMIN);
  await container.services.users.create(Actor.cli(), { username: 'bench-pmo', password: BENCH_ADMIN.password, displayName: '项目办', role: 'coordinator' });
  const handle = openDatabase(url, { poolMax: 4 });
  process.stderr.write(`[${kind}] seeding ${n} projects …\n`);
  await seedProjects(handle.db, await seedUnits(handle.db), 0, n);
  await settleAfterLoad(handle.db);
  await handle.close();
  return container;
}

async function run(kind: 'sqlite' | 'postgres'): Promise<DbFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'luodi-bench-ledger-'));
  const smallDb = await benchDatabase(kind, dir, 'small');
  const main = await benchDatabase(kind, dir, 'main');
  const target = await benchDatabase(kind, dir, 'import');
  try {
    await (await seeded(smallDb.url, SMALL, kind)).close();
    const container = await seeded(main.url, LARGE, kind);
    // The two sizes in turn, which goes first alternating: a neighbour's load on this shared
    // machine then weighs on both sides of a round's ratio.
    const rounds: Array<{ small: Sample; large: Sample }> = [];
    for (let r = 0; r < ROUNDS; r++) {
      process.stderr.write(`[${kind}] list round ${r + 1}/${ROUNDS} at ${SMALL} and ${LARGE} …\n`);
      if (r % 2 === 0) {
        const small = await listSample(smallDb.url, 1);
        rounds.push({ small, large: await listSample(main.url, 1) });
      } else {
        const large = await listSample(main.url, 1);
        rounds.push({ small: await listSample(smallDb.url, 1), large });
      }
    }
    const mid = (pick: (x: { small: Sample; large: Sample }) => Sample): Sample => ({
      reqPerSec: median(rounds.map((x) => pick(x).reqPerSec)),
      p50Ms: median(rounds.map((x) => pick(x).p50Ms)),
      p99Ms: median(rounds.map((x) => pick(x).p99Ms)),
      requests: median(rounds.map((x) => pick(x).requests)),
      cpuUsPerReq: null,
    });
    const small = mid((x) => x.small);
    const large = mid((x) => x.large);
    const growth = median(rounds.map((x) => x.large.p99Ms / Math.max(1, x.small.p99Ms)));
    const countUs = { small: await countStatementUs(smallDb.url), large: await countStatementUs(main.url) };
    process.stderr.write(`[${kind}] list at ${LARGE} with two workers …\n`);
    const largeTwoWorkers = await listSample(main.url, 2);

    process.stderr.write(`[${kind}] export …\n`);
    const file = join(dir, 'ledger.xlsx');
    const out = createWriteStream(file);
    let t = performance.now();
    const exported = await container.services.projects.exportLedger(Actor.cli(), { archived: 'false' }, out);
    await finished(out);
    const exportRowsPerSec = exported.rows / ((performance.now() - t) / 1000);
    await container.close();

    process.stderr.write(`[${kind}] import ${exported.rows} rows into a fresh database …\n`);
    const fresh = await createContainer(loadConfig({ LUODI_DB: target.url, LUODI_LOG_LEVEL: 'silent' }));
    await fresh.services.setup.createFirstAdmin(Actor.cli(), BENCH_ADMIN);
    await seedUnits(fresh.deps.db);
    await fresh.close();
    t = performance.now();
    const child = spawnSync(process.execPath, ['--import', 'tsx', IMPORT_CHILD, target.url, file], { encoding: 'utf8', maxBuffer: 10 * 1024 * 1024 });
    if (child.status !== 0) throw new Error(`import child failed: ${child.stderr}`);
    const r = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { ms: number; rows: number; created: number; committed: boolean; peakRssMb: number | null; firstError: unknown };
    if (!r.committed || r.created !== exported.rows) throw new Error(`import did not commit all rows: ${JSON.stringify(r)}`);
    return { name: kind === 'sqlite' ? 'SQLite' : 'PostgreSQL', small, large, growth, rounds, largeTwoWorkers, exportRowsPerSec, importRowsPerSec: r.rows / (r.ms / 1000), importPeakMb: r.peakRssMb, countUs };
  } finally {
    await smallDb.drop();
    await main.drop();
    await target.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function render(figures: DbFigures[]): string {
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  const lines = [
    `Run of ${new Date().toISOString().slice(0, 19)}Z — Node ${process.version}, ${cpus()[0]?.model.trim() ?? 'CPU'} × ${cpus().length}, commit ${commit}.`,
    `List: \`GET ${LIST_URL}\` as a coordinator, ${CONNECTIONS} connections, ${DURATION} s measured after a 3 s warm-up on the same connections, through \`luodi serve\`: ${ROUNDS} round(s), each measuring one process on a ${SMALL.toLocaleString('en')}-project and on a ${LARGE.toLocaleString('en')}-project database back to back (medians shown; the growth is the median of the rounds' ratios); then LUODI_WORKERS=2 at ${LARGE.toLocaleString('en')}. The load generator runs on the same two cores.`,
    '',
    '| database | list p99 @5k (ms) | list p99 @50k (ms) | @50k vs @5k | list p99 @50k, 2 workers (ms) | p99 target (1 process; 2 workers) | list req/s @50k (1 process / 2 workers) | export rows/s | import rows/s | import peak RSS |',
    '|---|---:|---:|---:|---:|---|---:|---:|---:|---:|',
  ];
  for (const f of figures) {
    const target = f.name === 'SQLite' ? 50 : 100;
    const growth = f.growth;
    const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
    lines.push(
      `| ${f.name} | ${f.small.p99Ms} | ${f.large.p99Ms} | ${(growth * 100 - 100).toFixed(0)} % | ${f.largeTwoWorkers.p99Ms} | ≤ ${target} ms ${pass(f.large.p99Ms <= target)}; ${pass(f.largeTwoWorkers.p99Ms <= target)} — ≤ +20 % ${pass(growth <= 1.2)} | ${Math.round(f.large.reqPerSec).toLocaleString('en')} / ${Math.round(f.largeTwoWorkers.reqPerSec).toLocaleString('en')} | ${Math.round(f.exportRowsPerSec).toLocaleString('en')} ${f.exportRowsPerSec >= 20_000 ? 'PASS' : 'FAIL'} | ${Math.round(f.importRowsPerSec).toLocaleString('en')} ${f.importRowsPerSec >= 5_000 ? 'PASS' : 'FAIL'} | ${f.importPeakMb?.toFixed(0) ?? '?'} MB ${f.importPeakMb !== null && f.importPeakMb <= 512 ? 'PASS' : 'FAIL'} |`,
    );
  }
  lines.push('');
  for (const f of figures) lines.push(`- ${f.name}, list p99 per round @5k / @50k: ${f.rounds.map((x) => `${x.small.p99Ms} / ${x.large.p99Ms} ms`).join('; ')}`);
  for (const f of figures) lines.push(`- ${f.name}, the filter's count statement alone (run only when data changed since it was last counted): ${f.countUs.small} µs @5k, ${f.countUs.large} µs @50k`);
  if (!PG_BASE) lines.push('', 'PostgreSQL: skipped (no LUODI_BENCH_POSTGRES_URL / LUODI_TEST_POSTGRES_URL).');
  return lines.join('\n');
}

try {
  const figures = [await run('sqlite')];
  if (PG_BASE) figures.push(await run('postgres'));
  const text = render(figures);
  process.stdout.write(`${text}\n`);
  if (!opts.dry) writeResultsBlock(RESULTS_MD, 'ledger', 'Project ledger at scale (`npm run bench:ledger`)', text);
} finally {
  killServers();
}
