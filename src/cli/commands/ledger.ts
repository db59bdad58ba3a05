import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import type { Command } from 'commander';
import { STAGES, type Stage } from '../../core/stages.js';
import { Actor } from '../../features/shared/context.js';
import { output, withContainer } from '../runtime.js';

export function registerLedgerCommands(program: Command) {
  const exp = program.command('export').description('导出 / export');
  exp
    .command('ledger')
    .description('导出项目台账（Excel，按阶段分节、含小计合计）/ export the project ledger as .xlsx')
    .requiredOption('--out <file>', '输出文件 / output file')
    .option('--stage <stages...>', `只导出这些阶段 / only these stages (${STAGES.join(', ')})`)
    .option('--template', '导出空白导入模板 / a blank import template')
    .option('--json', '以 JSON 输出 / print JSON')
    .action(async (o: { out: string; stage?: string[]; template?: boolean; json?: boolean }) => {
      const bad = (o.stage ?? []).filter((s) => !(STAGES as readonly string[]).includes(s));
      if (bad.length) throw new Error(`未知阶段 / unknown stage: ${bad.join(', ')}（可选 / choose from: ${STAGES.join(', ')}）`);
      await withContainer(async (c) => {
        const file = resolve(o.out);
        await mkdir(dirname(file), { recursive: true });
        const stream = createWriteStream(file);
        const started = Date.now();
        const r = await c.services.projects.exportLedger(Actor.cli(), { archived: 'false', ...(o.stage ? { stage: o.stage as Stage[] } : {}) }, stream, o.template ?? false);
        await finished(stream);
        output(o.json, { file, rows: r.rows, ms: Date.now() - started }, () => `已导出 ${r.rows} 个项目到 / exported ${r.rows} projects to ${file}`);
      });
    });
}

export function registerImportCommands(program: Command) {
  const imp = program.command('import').description('导入 / import');
  imp
    .command('projects')
    .description('导入项目台账（Excel）：先检查，无错误才写入，全部成功或全部不写 / import a project ledger .xlsx, all or nothing')
    .argument('<file>', '台账文件 .xlsx / the ledger file')
    .option('--dry-run', '只检查，不写入 / check only, write nothing')
    .option('--year <year>', '日期缺年份时使用的年份 / year for dates without one', (v) => Number.parseInt(v, 10))
    .option('--json', '以 JSON 输出报告 / print the report as JSON')
    .action(async (file: string, o: { dryRun?: boolean; year?: number; json?: boolean }) => {
      await withContainer(async (c) => {
        const started = Date.now();
        const r = await c.services.ledgerImport.importLedger(Actor.cli(), resolve(file), { dryRun: o.dryRun ?? false, year: o.year });
        const { header: _h, sample: _s, ...report } = r;
        output(o.json, report, () => {
          const lines = [
            `共 ${r.rows} 行项目，可导入 ${r.valid} 行：新增 ${r.created}、更新 ${r.updated}、无变化 ${r.unchanged}；错误 ${r.errors.length}、提醒 ${r.warnings.length}（${Date.now() - started} ms）`,
            ...r.errors.slice(0, 50).map((e) => `  错误 第${e.row}行${e.column ? ` ${e.column}列` : ''}：${e.message}`),
            ...r.warnings.slice(0, 50).map((w) => `  提醒 第${w.row}行${w.column ? ` ${w.column}列` : ''}：${w.message}`),
            r.committed ? '已全部写入 / committed' : o.dryRun ? '检查完成，未写入 / dry run: nothing written' : '有错误，未写入任何数据 / errors found: nothing written',
          ];
          return lines.join('\n');
        });
        if (!r.committed && !o.dryRun) process.exitCode = 1;
      });
    });
}
