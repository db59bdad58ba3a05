import cluster from 'node:cluster';
import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { createContainer } from '../../container.js';
import { buildApp } from '../../http/app.js';
import { startScheduler } from '../../jobs/scheduler.js';
import { servePrimary } from '../serve-workers.js';

export function registerServeCommand(program: Command) {
  program
    .command('serve')
    .description('迁移数据库并启动平台（网页与接口同一端口）/ migrate and serve the web app and API')
    .action(async () => {
      const config = loadConfig();
      const announce = (needsSetup: boolean, detail: string) =>
        void process.stderr.write(
          `\n  落地 luodi 已启动 / running: http://localhost:${config.PORT}  (${config.dbKind}${detail})\n` +
            (needsSetup ? '  首次使用：请在浏览器中打开上面的地址创建系统管理员 / first run: open it to create the administrator\n\n' : '\n'),
        );
      if (config.LUODI_WORKERS > 1 && cluster.isPrimary) {
        return servePrimary(config, (needsSetup) => announce(needsSetup, `, ${config.LUODI_WORKERS} 个工作进程 / workers`));
      }
      const container = await createContainer(config);
      const app = await buildApp(container);
      const stopJobs = config.LUODI_JOBS ? startScheduler(container, app.log) : async () => undefined;
      const address = await app.listen({ port: config.PORT, host: config.HOST });
      const worker = cluster.worker?.id;
      app.log.info(`落地 luodi ${config.version} 已启动 / started on ${address} (${container.deps.dbKind}${worker ? `, worker ${worker}` : ''})`);
      if (!worker) announce(await container.services.setup.needsSetup(), '');
      let stopping = false;
      const stop = async () => {
        if (stopping) return;
        stopping = true;
        await stopJobs();
        await app.close();
        await container.close();
        process.exit(0);
      };
      process.on('SIGINT', () => void stop());
      process.on('SIGTERM', () => void stop());
    });
}
