import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { Actor } from '../../features/shared/context.js';
import { output, withContainer } from '../runtime.js';

/**
 * `luodi report supervision|reminder --action ID --out FILE`: the 督办单 / 催办单 of an action
 * item as .docx, the same document GET /api/actions/:id/slip serves. The `report` group is
 * shared with other printed reports, so it is created only if nobody has yet.
 */
export function registerReportSlipCommands(program: Command) {
  const report = program.commands.find((c) => c.name() === 'report') ?? program.command('report').description('生成公文格式报表 / print official documents (.docx)');
  for (const [kind, zh] of [
    ['supervision', '督办单'],
    ['reminder', '催办单'],
  ] as const) {
    report
      .command(kind)
      .description(`督办事项的${zh}（Word）/ the ${kind} slip of an action item (.docx)`)
      .requiredOption('--action <id>', '督办事项编号 / action item id')
      .requiredOption('--out <file>', '输出文件 / output .docx file')
      .option('--json', '以 JSON 输出 / print JSON')
      .action(async (o: { action: string; out: string; json?: boolean }) => {
        await withContainer(async (c) => {
          const { fileName, content } = await c.services.actionSlips.slip(Actor.cli(), o.action, kind);
          await writeFile(o.out, content);
          output(o.json, { file: o.out, name: fileName, bytes: content.length }, () => `已生成${zh} / written: ${o.out}（${fileName}，${content.length} 字节）`);
        });
      });
  }
}
