import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { AppError } from '../../core/errors.js';
import { briefingQuerySchema } from '../../core/schemas/office-documents.schema.js';
import { Actor } from '../../features/shared/context.js';
import { output, withContainer } from '../runtime.js';

/**
 * `luodi report briefing [--unit ID] [--date YYYY-MM-DD] --out FILE`: the 汇报材料 draft of a unit
 * subtree (default the whole county or zone) as .docx, the same document GET
 * /api/documents/briefing serves. Joins the shared `report` group.
 */
export function registerReportBriefingCommand(program: Command) {
  const report = program.commands.find((c) => c.name() === 'report') ?? program.command('report').description('生成公文格式报表 / print official documents (.docx)');
  report
    .command('briefing')
    .description('重大项目推进情况汇报材料（Word 初稿）/ a briefing draft on a unit’s major projects (.docx)')
    .option('--unit <id>', '单位编号（默认全域）/ unit id (default: the whole area)')
    .option('--date <YYYY-MM-DD>', '成文日期（默认今天）/ date of the briefing (default: today)')
    .requiredOption('--out <file>', '输出文件 / output .docx file')
    .option('--json', '以 JSON 输出 / print JSON')
    .action(async (o: { unit?: string; date?: string; out: string; json?: boolean }) => {
      const q = briefingQuerySchema.safeParse({ ...(o.unit ? { unit: o.unit } : {}), ...(o.date ? { date: o.date } : {}) });
      if (!q.success) throw new AppError('VALIDATION_FAILED', { issues: q.error.issues.map((i) => ({ path: i.path.join('.'), message: `--${String(i.path[0])}: ${i.message}` })) });
      await withContainer(async (c) => {
        const { fileName, content } = await c.services.briefing.briefing(Actor.cli(), q.data);
        await writeFile(o.out, content);
        output(o.json, { file: o.out, name: fileName, bytes: content.length }, () => `已生成汇报材料 / written: ${o.out}（${fileName}，${content.length} 字节）`);
      });
    });
}
