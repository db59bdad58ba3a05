import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { createContainer } from '../../container.js';
import { buildApp } from '../../http/app.js';
import { startScheduler } from '../../jobs/scheduler.js';

export function registerServeCommand(program: Command) {
  program
    .command('serve')
    .description('迁移数据库并启动平台（网页与接口同一端口）/ migrate and serve the web app and API')
    .action(async () => {
      const config = loadConfig();
      const container = await createContainer(config);
      const app = await buildApp(container);
      const stopJobs = config.LUODI_JOBS ? startScheduler(container, app.log) : async () => undefined;
      const address = await app.listen({ port: config.PORT, host: config.HOST });
      const needsSetup = await container.services.setup.needsSetup();
      app.log.info(`落地 luodi ${config.version} 已启动 / started on ${address} (${container.deps.dbKind})`);
      process.stderr.write(
        `\n  落地 luodi 已启动 / running: http://localhost:${config.PORT}  (${container.deps.dbKind})\n` +
          (needsSetup ? '  首次使用：请在浏览器中打开上面的地址创建系统管理员 / first run: open it to create the administrator\n\n' : '\n'),
      );
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
