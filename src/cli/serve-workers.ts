import cluster, { type Worker } from 'node:cluster';
import type { Config } from '../config.js';
import { createContainer } from '../container.js';

/**
 * `luodi serve` with LUODI_WORKERS > 1: this (primary) process migrates the database once, then
 * forks the workers, which share the port (the primary hands connections out in turn). Each worker
 * is an ordinary instance of the database — sessions, lockouts and job leases already live in it —
 * so the primary only starts, restarts and stops them. Scheduled jobs run in worker 1 only, and
 * the per-IP rate limits are divided between the workers so their sum stays what was configured.
 */
export async function servePrimary(config: Config, announce: (needsSetup: boolean) => void): Promise<void> {
  const container = await createContainer(config);
  const needsSetup = await container.services.setup.needsSetup();
  await container.close();

  const count = config.LUODI_WORKERS;
  const share = (perMinute: number) => String(perMinute === 0 ? 0 : Math.max(1, Math.ceil(perMinute / count)));
  let stopping = false;
  let quickDeaths = 0;
  const fork = (index: number): Worker => {
    const started = Date.now();
    const worker = cluster.fork({
      LUODI_WORKERS: '1',
      LUODI_JOBS: index === 1 && config.LUODI_JOBS ? 'true' : 'false',
      LUODI_RATE_LIMIT_PER_MINUTE: share(config.LUODI_RATE_LIMIT_PER_MINUTE),
      LUODI_LOGIN_RATE_LIMIT_PER_MINUTE: share(config.LUODI_LOGIN_RATE_LIMIT_PER_MINUTE),
    });
    worker.on('exit', (code, signal) => {
      if (stopping) return;
      // A worker that dies at once will die again: stop rather than fork in a loop.
      quickDeaths = Date.now() - started < 10_000 ? quickDeaths + 1 : 0;
      process.stderr.write(`工作进程 ${index} 退出 / worker ${index} exited (${signal ?? code})${quickDeaths >= 3 ? '' : '，重新启动 / restarting'}\n`);
      if (quickDeaths >= 3) return void stop(1);
      setTimeout(() => fork(index), 1000);
    });
    return worker;
  };

  await Promise.all(Array.from({ length: count }, (_, i) => new Promise((resolve) => fork(i + 1).once('listening', resolve))));
  announce(needsSetup);

  async function stop(code = 0) {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
    await Promise.all(workers.map((w) => new Promise<void>((resolve) => (w.once('exit', () => resolve()), w.process.kill('SIGTERM')))));
    process.exit(code);
  }
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}
