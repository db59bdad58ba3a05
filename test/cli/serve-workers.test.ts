import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/config.js';
import { databaseVariants, type TestDatabase } from '../helpers/databases.js';

const BIN = join(packageRoot(), 'bin/luodi.mjs');

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** The worker processes of a primary (its direct children). */
const childrenOf = (pid: number): number[] => {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
};

const until = async (what: string, ok: () => boolean | Promise<boolean>, ms = 60_000) => {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

describe.each(databaseVariants())('luodi serve with LUODI_WORKERS=2 on $name', (variant) => {
  let db: TestDatabase;
  let primary: ChildProcess;
  let base: string;
  let stderr = '';
  beforeAll(async () => {
    db = await variant.create();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    primary = spawn(process.execPath, [BIN, 'serve'], {
      env: { ...process.env, LUODI_DB: db.url, LUODI_WORKERS: '2', PORT: String(port), HOST: '127.0.0.1', LUODI_WEB_DIR: '', LUODI_LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    primary.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    await until('the started line', () => stderr.includes('已启动'), 120_000);
  }, 150_000);
  afterAll(async () => {
    if (primary.exitCode === null) primary.kill('SIGKILL');
    await db.drop();
  });

  it('serves from two worker processes and says so once', async () => {
    expect(stderr.match(/已启动/g)).toHaveLength(1);
    expect(stderr).toContain('2 个工作进程 / workers');
    expect(childrenOf(primary.pid!)).toHaveLength(2);
    for (let i = 0; i < 20; i++) {
      const res = await fetch(`${base}/api/health`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { status: string }).status).toBe('ok');
    }
  });

  it('replaces a worker that dies', { timeout: 90_000 }, async () => {
    const [victim] = childrenOf(primary.pid!);
    process.kill(victim!, 'SIGKILL');
    await until('a new worker', () => {
      const now = childrenOf(primary.pid!);
      return now.length === 2 && !now.includes(victim!);
    });
    await until('the new worker to serve', async () => (await fetch(`${base}/api/health`).catch(() => null))?.status === 200);
  });

  it('stops the workers with the primary', { timeout: 60_000 }, async () => {
    const workers = childrenOf(primary.pid!);
    const exited = new Promise<number | null>((resolve) => primary.once('exit', (code) => resolve(code)));
    primary.kill('SIGTERM');
    expect(await exited).toBe(0);
    for (const w of workers) expect(() => process.kill(w, 0)).toThrow();
  });
});
