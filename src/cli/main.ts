import { Command } from 'commander';
import { ROLES } from '../core/roles.js';
import { registerAdminCommands } from './commands/accounts.js';
import { registerDataCommands } from './commands/data.js';
import { registerImportCommands, registerLedgerCommands } from './commands/ledger.js';
import { registerReportSlipCommands } from './commands/report-slips.js';
import { registerReportBriefingCommand } from './commands/report-briefing.js';
import { registerReportBulletinCommand } from './commands/report-bulletin.js';
import { registerReportMinutesCommand } from './commands/report-minutes.js';
import { registerServeCommand } from './commands/serve.js';
import { registerTablesCommands } from './commands/tables.js';
import { describeError } from './runtime.js';

/**
 * `luodi` — thin adapters over the same services the HTTP server uses. Human-readable output
 * in Chinese by default; `--json` prints data for scripts.
 */
export function buildCli(): Command {
  const program = new Command('luodi')
    .description('落地 luodi — 重大项目推进平台 / major-project platform')
    .showHelpAfterError('（使用 --help 查看用法 / see --help）')
    .addHelpText('after', `\n环境变量 / environment: LUODI_DB（数据库文件或 postgres:// 地址）, PORT … 见 .env.example\n角色 / roles: ${ROLES.join(', ')}`);
  registerServeCommand(program);
  registerAdminCommands(program);
  registerDataCommands(program);
  registerLedgerCommands(program);
  registerImportCommands(program);
  registerTablesCommands(program);
  registerReportSlipCommands(program);
  registerReportMinutesCommand(program);
  registerReportBriefingCommand(program);
  registerReportBulletinCommand(program);
  return program;
}


export async function main(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (e) {
    process.stderr.write(`错误 / error: ${describeError(e)}\n`);
    process.exitCode = 1;
  }
}
