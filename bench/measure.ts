import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { BENCH_RATE_LIMIT_PER_MINUTE } from './settings.js';

/** One autocannon run, reduced to what RESULTS.md records. */
export interface Sample {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** CPU time (user + system) the server process spent per response, in µs; null off Linux. */
  cpuUsPerReq: number | null;
}

export interface LoadSettings {
  connections: number;
  durationSec: number;
  warmupSec: number;
  rounds: number;
}

export interface Target {
  url: string;
  headers?: Record<string, string>;
  /** The server's process id, to read its CPU time (a child we started). */
  pid?: number;
}

/** A started bench/server.ts child process. */
export interface ServerProcess {
  baseUrl: string;
  pid: number;
  stop(): Promise<void>;
}

const SERVER_TS = fileURLToPath(new URL('./server.ts', import.meta.url));
const running = new Set<ChildProcess>();

/** Starts `node <nodeFlags> bench/server.ts <args>` in a child process and waits for its port. */
export function startServer(args: string[], nodeFlags: string[] = []): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', SERVER_TS, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  running.add(child);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      running.delete(child);
      resolve();
    }),
  );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      const { port } = JSON.parse(line) as { port: number };
      resolve({ baseUrl: `http://127.0.0.1:${port}`, pid: child.pid!, stop });
    });
    child.once('exit', (code) => reject(new Error(`bench server ${args.join(' ')} exited with code ${code} before listening`)));
  });
}

const LUODI_BIN = fileURLToPath(new URL('../bin/luodi.mjs', import.meta.url));

/**
 * `luodi serve` itself, as an operator runs it, with `workers` worker processes (LUODI_WORKERS) on
 * a free port: jobs off, API only, the bench rate limit. The database must already have its users.
 * `pid` is the primary's, which serves nothing: no CPU figure is taken from it.
 */
export async function startServe(dbUrl: string, workers: number): Promise<ServerProcess> {
  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const a = s.address() as AddressInfo;
      s.close(() => resolve(a.port));
    });
  });
  const env = { ...process.env, LUODI_DB: dbUrl, LUODI_WORKERS: String(workers), PORT: String(port), HOST: '127.0.0.1', LUODI_WEB_DIR: '', LUODI_JOBS: 'false', LUODI_LOG_LEVEL: 'silent', LUODI_RATE_LIMIT_PER_MINUTE: String(BENCH_RATE_LIMIT_PER_MINUTE * workers) };
  const child = spawn(process.execPath, [LUODI_BIN, 'serve'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => (running.delete(child), resolve())));
  await new Promise<void>((resolve, reject) => {
    let text = '';
    child.stderr!.on('data', (d: Buffer) => {
      text += d.toString();
      if (text.includes('已启动')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`luodi serve exited with code ${code} before listening: ${text}`)));
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    pid: -1,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Kills every child still running (on an error or Ctrl-C). */
export function killServers(): void {
  for (const child of running) child.kill('SIGTERM');
}

/** Signs in and returns the `cookie` header for authenticated requests; checks GET /api/me answers 200. */
export async function signIn(baseUrl: string, username: string, password: string): Promise<Record<string, string>> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in at ${baseUrl} failed: HTTP ${res.status} ${await res.text()}`);
  const session = res.headers.getSetCookie().find((c) => c.startsWith('luodi_session='));
  if (!session) throw new Error('sign-in answered 200 without a luodi_session cookie');
  const headers = { cookie: session.split(';')[0] ?? session };
  const me = await fetch(`${baseUrl}/api/me`, { headers });
  const body = (await me.json()) as { username?: string };
  if (me.status !== 200 || body.username !== username) throw new Error(`GET /api/me after sign-in: HTTP ${me.status} ${JSON.stringify(body)}`);
  return headers;
}

/**
 * One autocannon run. Throws unless every response was 2xx and no request failed: a fast run
 * of 401s or 429s is meaningless.
 *
 * With `warmupSec`, the run lasts warm-up + duration on the same connections and only responses
 * completed after the warm-up count (latency percentiles, req/s, CPU per request). A separate
 * warm-up run would close its connections, and the measured run would then open 50 new ones
 * against a busy server: Node accepts them a few per event-loop turn, so the last connections'
 * first requests wait seconds and that ramp, not the steady state, would set the p99.
 */
export async function measure(target: Target, connections: number, durationSec: number, warmupSec = 0): Promise<Sample> {
  const started = performance.now();
  const steadyFrom = started + warmupSec * 1000;
  const latencies: number[] = [];
  let cpuBefore = warmupSec > 0 ? null : cpuMs(target.pid);
  const timer = warmupSec > 0 ? setTimeout(() => (cpuBefore = cpuMs(target.pid)), warmupSec * 1000) : undefined;
  const r = await autocannon({
    url: target.url,
    headers: target.headers ?? {},
    connections,
    duration: warmupSec + durationSec,
    setupClient: (client) => {
      client.on('response', (_status: number, _bytes: number, ms: number) => {
        if (performance.now() >= steadyFrom) latencies.push(ms);
      });
    },
  });
  const cpuAfter = cpuMs(target.pid);
  clearTimeout(timer);
  if (r.non2xx > 0 || r.errors > 0 || r.timeouts > 0 || r['2xx'] === 0) {
    const codes = `1xx ${r['1xx']}, 2xx ${r['2xx']}, 3xx ${r['3xx']}, 4xx ${r['4xx']}, 5xx ${r['5xx']}`;
    throw new Error(`invalid run against ${target.url}: ${codes}, errors ${r.errors}, timeouts ${r.timeouts}`);
  }
  if (warmupSec === 0) {
    const cpuUsPerReq = cpuBefore !== null && cpuAfter !== null ? ((cpuAfter - cpuBefore) * 1000) / r['2xx'] : null;
    return { reqPerSec: r.requests.average, p50Ms: r.latency.p50, p99Ms: r.latency.p99, requests: r['2xx'], cpuUsPerReq };
  }
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))] ?? 0);
  const measuredSec = (performance.now() - steadyFrom) / 1000;
  const cpuUsPerReq = cpuBefore !== null && cpuAfter !== null ? ((cpuAfter - cpuBefore) * 1000) / latencies.length : null;
  return { reqPerSec: latencies.length / measuredSec, p50Ms: at(0.5), p99Ms: at(0.99), requests: latencies.length, cpuUsPerReq };
}

/**
 * User + system CPU time of a process in ms, from /proc (Linux; clock ticks assumed 1/100 s).
 * Less sensitive than req/s to other work on a shared machine; null where unavailable.
 */
function cpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * 10 : null;
  } catch {
    return null;
  }
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The median of each figure over the rounds (each figure on its own). */
export function medianSample(samples: Sample[]): Sample {
  return {
    reqPerSec: median(samples.map((s) => s.reqPerSec)),
    p50Ms: median(samples.map((s) => s.p50Ms)),
    p99Ms: median(samples.map((s) => s.p99Ms)),
    requests: median(samples.map((s) => s.requests)),
    cpuUsPerReq: samples.every((s) => s.cpuUsPerReq !== null) ? median(samples.map((s) => s.cpuUsPerReq ?? 0)) : null,
  };
}
