import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { Actor } from '../../features/shared/context.js';
import { output, withContainer } from '../runtime.js';

/**
 * `luodi report minutes --meeting ID --out FILE`: the 会议纪要 of a closed meeting as .docx, the
 * same document GET /api/meetings/:id/minutes serves. Joins the shared `report` group.
 */
export function registerReportMinutesCommand(program: Command) {
  const report = program.commands.find((c) => c.name() === 'report') ?? program.command('report').description('生成公文格式报表 / print official documents (.docx)');
  report
    .command('minutes')
    .description('已结束会议的会议纪要（Word）/ the minutes of a closed meeting (.docx)')
    .requiredOption('--meeting <id>', '会议编号 / meeting id')
    .requiredOption('--out <file>', '输出文件 / output .docx file')
    .option('--json', '以 JSON 输出 / print JSON')
    .action(async (o: { meeting: string; out: string; json?: boolean }) => {
      await withContainer(async (c) => {
        const { fileName, content } = await c.services.minutes.minutes(Actor.cli(), o.meeting);
        await writeFile(o.out, content);
        output(o.json, { file: o.out, name: fileName, bytes: content.length }, () => `已生成会议纪要 / written: ${o.out}（${fileName}，${content.length} 字节）`);
      });
    });
}
