/**
 * `npm run bench:ledger`: the project ledger at scale, on SQLite and (when a URL is given)
 * PostgreSQL, written to the ledger section of bench/RESULTS.md.
 *  - list: GET /api/projects with a filter, a sort and a deep page, 50 concurrent clients,
 *    p99 at 5,000 and at 50,000 projects (same server, same run);
 *  - export: the 50,000-project ledger as .xlsx, rows/s;
 *  - import: that file into a fresh database (all rows new), rows/s and peak memory, in a child
 *    process so the peak is the import's own.
 *   npm run bench:ledger -- --dry --duration 5
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
import { benchDatabase, PG_BASE, settleAfterLoad } from './bench-database.js';
import { writeResultsBlock } from './report.js';

const { values: opts } = parseArgs({ options: { duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '50' }, dry: { type: 'boolean', default: false } } });
const DURATION = Number(opts.duration);
const CONNECTIONS = Number(opts.connections);
const SMALL = 5_000;
const LARGE = 50_000;
// Page 10 exists at both sizes (about 240 projects match at 5,000): the two p99s compare full pages.
const LIST_URL = `/api/projects?stage=construction&industry=${encodeURIComponent('新能源')}&sort=totalInvestment&order=desc&page=10&pageSize=20`;
const RESULTS_MD = fileURLToPath(new URL('./RESULTS.md', import.meta.url));
const IMPORT_CHILD = fileURLToPath(new URL('./ledger-import-child.ts', import.meta.url));

interface DbFigures {
  name: string;
  small: Sample;
  large: Sample;
  /** The same list at 50,000 with LUODI_WORKERS=2 (two processes sharing the port). */
  largeTwoWorkers: Sample;
  exportRowsPerSec: number;
  importRowsPerSec: number;
  importPeakMb: number | null;
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

async function run(kind: 'sqlite' | 'postgres'): Promise<DbFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'luodi-bench-ledger-'));
  const main = await benchDatabase(kind, dir, 'main');
  const target = await benchDatabase(kind, dir, 'import');
  try {
    const container = await createContainer(loadConfig({ LUODI_DB: main.url, LUODI_LOG_LEVEL: 'silent', LUODI_JOBS: 'false' }));
    // The admin has no project access: the list is read by a coordinator of the whole area.
    await container.services.setup.createFirstAdmin(Actor.cli(), BENCH_ADMIN);
    await container.services.users.create(Actor.cli(), { username: 'bench-pmo', password: BENCH_ADMIN.password, displayName: '项目办', role: 'coordinator' });
    const handle = openDatabase(main.url, { poolMax: 4 });
    const unitIds = await seedUnits(handle.db);
    process.stderr.write(`[${kind}] seeding ${SMALL} projects …\n`);
    await seedProjects(handle.db, unitIds, 0, SMALL);
    await settleAfterLoad(handle.db);
    process.stderr.write(`[${kind}] list at ${SMALL} …\n`);
    const small = await listSample(main.url, 1);
    process.stderr.write(`[${kind}] seeding to ${LARGE} …\n`);
    await seedProjects(handle.db, unitIds, SMALL, LARGE);
    await settleAfterLoad(handle.db);
    process.stderr.write(`[${kind}] list at ${LARGE}, one process and two workers …\n`);
    const large = await listSample(main.url, 1);
    const largeTwoWorkers = await listSample(main.url, 2);

    process.stderr.write(`[${kind}] export …\n`);
    const file = join(dir, 'ledger.xlsx');
    const out = createWriteStream(file);
    let t = performance.now();
    const exported = await container.services.projects.exportLedger(Actor.cli(), { archived: 'false' }, out);
    await finished(out);
    const exportRowsPerSec = exported.rows / ((performance.now() - t) / 1000);
    await container.close();
    await handle.close();

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
    return { name: kind === 'sqlite' ? 'SQLite' : 'PostgreSQL', small, large, largeTwoWorkers, exportRowsPerSec, importRowsPerSec: r.rows / (r.ms / 1000), importPeakMb: r.peakRssMb };
  } finally {
    await main.drop();
    await target.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function render(figures: DbFigures[]): string {
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  const lines = [
    `Run of ${new Date().toISOString().slice(0, 19)}Z — Node ${process.version}, ${cpus()[0]?.model.trim() ?? 'CPU'} × ${cpus().length}, commit ${commit}.`,
    `List: \`GET ${LIST_URL}\` as a coordinator, ${CONNECTIONS} connections, ${DURATION} s measured after a 3 s warm-up on the same connections, at ${SMALL.toLocaleString('en')} and ${LARGE.toLocaleString('en')} projects, through \`luodi serve\` (one process; then LUODI_WORKERS=2 at ${LARGE.toLocaleString('en')}). The load generator runs on the same two cores.`,
    '',
    '| database | list p99 @5k (ms) | list p99 @50k (ms) | @50k vs @5k | list p99 @50k, 2 workers (ms) | p99 target (1 process; 2 workers) | list req/s @50k (1 process / 2 workers) | export rows/s | import rows/s | import peak RSS |',
    '|---|---:|---:|---:|---:|---|---:|---:|---:|---:|',
  ];
  for (const f of figures) {
    const target = f.name === 'SQLite' ? 50 : 100;
    const growth = f.large.p99Ms / Math.max(1, f.small.p99Ms);
    const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
    lines.push(
      `| ${f.name} | ${f.small.p99Ms} | ${f.large.p99Ms} | ${(growth * 100 - 100).toFixed(0)} % | ${f.largeTwoWorkers.p99Ms} | ≤ ${target} ms ${pass(f.large.p99Ms <= target)}; ${pass(f.largeTwoWorkers.p99Ms <= target)} — ≤ +20 % ${pass(growth <= 1.2)} | ${Math.round(f.large.reqPerSec).toLocaleString('en')} / ${Math.round(f.largeTwoWorkers.reqPerSec).toLocaleString('en')} | ${Math.round(f.exportRowsPerSec).toLocaleString('en')} ${f.exportRowsPerSec >= 20_000 ? 'PASS' : 'FAIL'} | ${Math.round(f.importRowsPerSec).toLocaleString('en')} ${f.importRowsPerSec >= 5_000 ? 'PASS' : 'FAIL'} | ${f.importPeakMb?.toFixed(0) ?? '?'} MB ${f.importPeakMb !== null && f.importPeakMb <= 512 ? 'PASS' : 'FAIL'} |`,
    );
  }
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
