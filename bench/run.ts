/**
 * `npm run bench`: bare Fastify hello-world against the full stack's authenticated GET /api/me,
 * measured in the same run, on SQLite and (when a URL is given) PostgreSQL; refreshes the
 * results section of bench/RESULTS.md. See RESULTS.md for the method.
 *
 *   npm run bench                                  SQLite; PostgreSQL too when
 *                                                  LUODI_BENCH_POSTGRES_URL or LUODI_TEST_POSTGRES_URL is set
 *   npm run bench -- --duration 5 --rounds 1       shorter run
 *   npm run bench -- --dry                         print only, leave RESULTS.md alone
 *   npm run bench -- --profile --dry               also write CPU profiles of each luodi server to
 *                                                  bench/out/<database>/ (the largest file is the main
 *                                                  thread; open it in Chrome DevTools)
 *   npm run bench -- --url http://host:3000 --username U --password P
 *                                                  GET /api/me of a running server (print only)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { killServers, measure, signIn, startServer, type LoadSettings, type Sample, type ServerProcess, type Target } from './measure.js';
import { ratioOf, renderResults, writeResults, type DbResult, type RunInfo } from './report.js';
import { BENCH_ADMIN, TARGET_RATIO } from './settings.js';

const RESULTS_MD = fileURLToPath(new URL('./RESULTS.md', import.meta.url));
const PROFILE_DIR = fileURLToPath(new URL('./out/', import.meta.url));

const { values: opts } = parseArgs({
  options: {
    connections: { type: 'string', default: '20' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '3' },
    dry: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    url: { type: 'string' },
    username: { type: 'string' },
    password: { type: 'string' },
  },
});

function positiveInt(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got ${value}`);
  return n;
}

const settings: LoadSettings = {
  connections: positiveInt('connections', opts.connections),
  durationSec: positiveInt('duration', opts.duration),
  warmupSec: positiveInt('warmup', opts.warmup),
  rounds: positiveInt('rounds', opts.rounds),
};

/** Clean-ups still to run (servers, temp files, the temp PostgreSQL database), newest first. */
const cleanups: Array<() => Promise<void>> = [];
async function cleanUp() {
  for (const fn of cleanups.splice(0).reverse()) await fn().catch((e: unknown) => console.error('clean-up failed:', e));
}
process.once('SIGINT', () => {
  killServers();
  void cleanUp().finally(() => process.exit(130));
});

const fmt = (s: Sample) =>
  `${Math.round(s.reqPerSec).toLocaleString('en-US')} req/s, p50 ${s.p50Ms} ms, p99 ${s.p99Ms} ms` +
  (s.cpuUsPerReq === null ? '' : `, server CPU ${Math.round(s.cpuUsPerReq)} µs/req`);

/** Warm-up, then `rounds` measurements of /api/me alternating with hello-world when there is one. */
async function compare(name: string, hello: Target | null, me: Target): Promise<DbResult> {
  const { connections, durationSec, warmupSec, rounds } = settings;
  console.log(`${name}: warming up (${warmupSec} s per endpoint)`);
  if (hello) await measure(hello, connections, warmupSec);
  await measure(me, connections, warmupSec);
  const result: DbResult = { name, hello: [], me: [] };
  for (let i = 0; i < rounds; i++) {
    // Alternate which endpoint goes first so slow drift (heat, WAL growth) does not favour one.
    const order: Array<'hello' | 'me'> = hello ? (i % 2 ? ['me', 'hello'] : ['hello', 'me']) : ['me'];
    for (const which of order) {
      const sample = await measure(which === 'hello' && hello ? hello : me, connections, durationSec);
      result[which].push(sample);
      console.log(`${name}: round ${i + 1}/${rounds} ${which === 'hello' ? 'hello  ' : '/api/me'} ${fmt(sample)}`);
    }
  }
  return result;
}

async function benchLuodi(name: string, db: string, hello: ServerProcess): Promise<DbResult> {
  const server = await startServer(['luodi', db], opts.profile ? ['--cpu-prof', `--cpu-prof-dir=${join(PROFILE_DIR, name)}`] : []);
  cleanups.push(() => server.stop());
  try {
    const headers = await signIn(server.baseUrl, BENCH_ADMIN.username, BENCH_ADMIN.password);
    return await compare(name, { url: `${hello.baseUrl}/`, pid: hello.pid }, { url: `${server.baseUrl}/api/me`, headers, pid: server.pid });
  } finally {
    await server.stop(); // idempotent: the clean-up list may call it again
  }
}

/** A fresh, empty PostgreSQL database for this run (dropped at clean-up); returns its URL. */
async function createPostgresDatabase(adminUrl: string): Promise<string> {
  const name = `luodi_bench_${Date.now().toString(36)}_${process.pid}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  cleanups.push(async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await c.end();
    }
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function runInfo(): RunInfo {
  const cpu = cpus();
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    if (execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim()) commit += ' (with uncommitted changes)';
  } catch {
    // Not a git checkout: the commit stays unknown.
  }
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    node: process.version,
    cpu: `${cpu[0]?.model.trim() ?? 'unknown CPU'} × ${cpu.length}`,
    commit,
    settings,
  };
}

async function main(): Promise<number> {
  const info = runInfo();
  if (opts.url) {
    if (!opts.username || !opts.password) throw new Error('--url needs --username and --password');
    const base = opts.url.replace(/\/+$/, '');
    const headers = await signIn(base, opts.username, opts.password);
    console.log(`Benchmarking GET /api/me of ${base}: there is no hello-world baseline, so no ratio.`);
    const result = await compare('external', null, { url: `${base}/api/me`, headers });
    console.log(`\n${renderResults(info, [result], base)}\n\n(RESULTS.md is not changed for an external target.)`);
    return 0;
  }

  const hello = await startServer(['hello']);
  cleanups.push(() => hello.stop());
  const results: DbResult[] = [];

  const dir = mkdtempSync(join(tmpdir(), 'luodi-bench-'));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  results.push(await benchLuodi('SQLite', join(dir, 'luodi.db'), hello));

  const pgUrl = process.env.LUODI_BENCH_POSTGRES_URL || process.env.LUODI_TEST_POSTGRES_URL;
  if (pgUrl) {
    results.push(await benchLuodi('PostgreSQL', await createPostgresDatabase(pgUrl), hello));
  } else {
    console.log('PostgreSQL: skipped (set LUODI_BENCH_POSTGRES_URL or LUODI_TEST_POSTGRES_URL to a postgres:// URL whose role may CREATE DATABASE)');
    results.push({ name: 'PostgreSQL', hello: [], me: [], skipped: 'no LUODI_BENCH_POSTGRES_URL' });
  }

  const section = renderResults(info, results);
  console.log(`\n${section}\n`);
  if (opts.dry) console.log('--dry: RESULTS.md not changed.');
  else {
    writeResults(RESULTS_MD, section);
    console.log(`Written to ${RESULTS_MD}`);
  }
  const failed = results.filter((r) => (ratioOf(r) ?? 1) < TARGET_RATIO);
  for (const r of failed) console.log(`${r.name}: GET /api/me is below ${TARGET_RATIO * 100} % of hello-world.`);
  return 0;
}

let code = 1;
try {
  code = await main();
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
} finally {
  await cleanUp();
}
process.exit(code);
