import type { Command } from 'commander';
import { ROLE_LABELS, type Role } from '../../core/roles.js';
import { migrateToLatest } from '../../db/connect.js';
import { backupDatabase } from '../../db/helpers/backup.js';
import { loadDemoWorld } from '../../features/demo/demo.service.js';
import { Actor } from '../../features/shared/context.js';
import { output, withContainer } from '../runtime.js';

export function registerDataCommands(program: Command) {
  program
    .command('migrate')
    .description('把数据库升级到最新结构 / bring the database schema up to date')
    .option('--json', '以 JSON 输出 / print JSON')
    .action(async (o: { json?: boolean }) => {
      await withContainer(async (c) => {
        const r = await migrateToLatest(c.deps.db);
        const applied = (r.results ?? []).map((x) => x.migrationName);
        output(o.json, { db: c.deps.dbKind, applied }, () => (applied.length ? `已执行迁移 / applied: ${applied.join(', ')}` : '数据库已是最新 / already up to date'));
      }, { migrate: false });
    });

  program
    .command('demo')
    .description('载入演示数据（XX港经济区），可重复运行 / load the demo world (safe to run twice)')
    .option('--json', '以 JSON 输出 / print JSON')
    .action(async (o: { json?: boolean }) => {
      await withContainer(async (c) => {
        const r = await loadDemoWorld(c.deps, c.services, Actor.cli());
        output(o.json, r, () => {
          const lines = [
            `单位：新建 ${r.unitsCreated} 个，已存在 ${r.unitsExisting} 个 / units created ${r.unitsCreated}, existing ${r.unitsExisting}`,
            `项目：新建 ${r.projectsCreated} 个，已存在 ${r.projectsExisting} 个 / projects created ${r.projectsCreated}, existing ${r.projectsExisting}`,
            `年度目标：新建 ${r.goalsCreated} 个，已存在 ${r.goalsExisting} 个 / goals created ${r.goalsCreated}, existing ${r.goalsExisting}`,
            `节点计划：新建 ${r.plansCreated} 个，已存在 ${r.plansExisting} 个 / milestone plans created ${r.plansCreated}, existing ${r.plansExisting}`,
            `进展填报轮次：新建 ${r.reportRoundsCreated} 个，已存在 ${r.reportRoundsExisting} 个 / report rounds created ${r.reportRoundsCreated}, existing ${r.reportRoundsExisting}`,
            `调度会议：新建 ${r.meetingsCreated} 个，已存在 ${r.meetingsExisting} 个 / meetings created ${r.meetingsCreated}, existing ${r.meetingsExisting}`,
            `问题与批示：新建 ${r.problemsCreated ?? 0} 条 / problems and instructions created ${r.problemsCreated ?? 0}`,
            ...(r.lights ? [`亮灯：红灯 ${r.lights.red} 个，黄灯 ${r.lights.yellow} 个，绿灯 ${r.lights.green} 个 / lights red ${r.lights.red}, yellow ${r.lights.yellow}, green ${r.lights.green}`] : []),
          ];
          if (r.accounts.length) {
            lines.push('', '演示账户（密码只显示这一次，请妥善保存）/ demo accounts (passwords are shown only once):');
            for (const a of r.accounts) lines.push(`  ${a.username.padEnd(16)} ${a.password.padEnd(18)} ${ROLE_LABELS[a.role as Role].zh} · ${a.displayName} · ${a.unit}`);
          }
          if (r.accountsExisting.length) lines.push('', `已存在的账户（密码未改变）/ existing accounts kept: ${r.accountsExisting.join(', ')}`);
          return lines.join('\n');
        });
      });
    });

  program
    .command('backup')
    .description('在线备份数据库 / back up the database while it runs (SQLite: a .db copy; PostgreSQL: pg_dump custom format)')
    .requiredOption('--out <file>', '备份文件路径 / output file')
    .option('--json', '以 JSON 输出 / print JSON')
    .action(async (o: { out: string; json?: boolean }) => {
      await withContainer(async (c) => {
        const r = await backupDatabase(c.handle, o.out);
        output(o.json, r, () => `已备份到 / backed up to ${r.file} (${r.format})`);
      });
    });

  const audit = program.command('audit').description('审计日志 / the audit trail');
  audit
    .command('purge')
    .description('删除早于指定天数的审计记录（至少保留 180 天）/ delete audit rows older than N days (≥ 180)')
    .requiredOption('--older-than-days <days>', '天数 / days', (v) => Number.parseInt(v, 10))
    .option('--json', '以 JSON 输出 / print JSON')
    .action(async (o: { olderThanDays: number; json?: boolean }) => {
      await withContainer(async (c) => {
        const n = await c.services.audit.purge(Actor.cli(), o.olderThanDays);
        output(o.json, { deleted: n }, () => `已删除 ${n} 条审计记录 / deleted ${n} rows`);
      });
    });
}
