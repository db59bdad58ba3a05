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
