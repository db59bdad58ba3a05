import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { bulletinPeriodSchema } from '../../core/schemas/bulletins.schema.js';
import { Actor } from '../../features/shared/context.js';
import { output, withContainer } from '../runtime.js';

/**
 * `luodi report bulletin --month YYYY-MM [--unit ID] --out FILE`: the 调度通报 of a unit subtree
 * (default the whole county) from live data, as .docx with the template texts. Drafts to review
 * and send live in the web app (调度通报); this is for scripts and a quick look.
 */
export function registerReportBulletinCommand(program: Command) {
  const report = program.commands.find((c) => c.name() === 'report') ?? program.command('report').description('生成公文格式报表 / print official documents (.docx)');
  report
    .command('bulletin')
    .description('月度调度通报（Word）/ the monthly dispatch bulletin (.docx)')
    .requiredOption('--month <YYYY-MM>', '通报月份 / the month reported')
    .option('--unit <id>', '单位（默认全县）/ unit subtree (default: the root unit)')
    .requiredOption('--out <file>', '输出文件 / output .docx file')
    .option('--json', '以 JSON 输出 / print JSON')
    .action(async (o: { month: string; unit?: string; out: string; json?: boolean }) => {
      const month = bulletinPeriodSchema.safeParse(o.month);
      if (!month.success) throw new Error('月份格式应为 YYYY-MM / the month must be YYYY-MM');
      await withContainer(async (c) => {
        const started = performance.now();
        const { fileName, content, figures } = await c.services.bulletins.renderLive(Actor.cli(), o.unit, month.data);
        await writeFile(o.out, content);
        const ms = Math.round(performance.now() - started);
        output(
          o.json,
          { file: o.out, name: fileName, bytes: content.length, ms, investment: figures.investment, lights: figures.lights.counts, annexRows: figures.annex.rows.length, annexTotal: figures.annex.total },
          () => `已生成调度通报 / written: ${o.out}（${fileName}，${content.length} 字节，${ms} ms）`,
        );
      });
    });
}
