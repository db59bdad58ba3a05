import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import type { Command } from 'commander';
import type { z } from 'zod';
import { batchesTableQuerySchema, lightsTableQuerySchema, problemsTableQuerySchema, progressTableQuerySchema } from '../../core/schemas/tables.schema.js';
import type { TableJob, TablesService } from '../../features/tables/tables.service.js';
import { Actor } from '../../features/shared/context.js';
import { output, withContainer } from '../runtime.js';

/**
 * `luodi export progress|problems|batches|lights … --out FILE`: the Excel tables of
 * GET /api/tables/*.xlsx, validated by the same schemas. The `export` group is shared with
 * `export ledger`, so it is created only if nobody has yet.
 */
type Options = Record<string, string | boolean | undefined>;

interface TableCommand {
  name: 'progress' | 'problems' | 'batches' | 'lights';
  zh: string;
  schema: z.ZodType;
  /** commander flag → query parameter. */
  options: [flag: string, key: string, help: string][];
}

const TABLES: TableCommand[] = [
  {
    name: 'progress',
    zh: '月度进展表',
    schema: progressTableQuerySchema,
    options: [
      ['--month <YYYY-MM>', 'month', '统计月份（默认本月）/ month (default: this month)'],
      ['--unit <id>', 'unitId', '单位编号（默认全部）/ unit id (default: all)'],
      ['--paper <A3|A4>', 'paper', '纸张（默认 A3）/ paper (default A3)'],
    ],
  },
  {
    name: 'problems',
    zh: '问题清单',
    schema: problemsTableQuerySchema,
    options: [
      ['--view <new|active|closed>', 'view', '本周新增 / 推进中 / 已销号'],
      ['--status <status>', 'status', '状态 / status'],
      ['--category <name>', 'category', '类别 / category'],
      ['--unit <id>', 'unitId', '责任单位编号 / responsible unit id'],
      ['--project <id>', 'projectId', '项目编号 / project id'],
      ['--level <n>', 'level', '升级层级 / escalation level'],
      ['--overdue', 'overdue', '只导出超期 / overdue only'],
    ],
  },
  {
    name: 'batches',
    zh: '五个一统计表',
    schema: batchesTableQuerySchema,
    options: [
      ['--unit <id>', 'unitId', '单位编号（行为其下级单位）/ unit id (rows are its sub-units)'],
      ['--period <month|quarter|year>', 'period', '统计期（默认本月）/ period (default month)'],
      ['--from <YYYY-MM-DD>', 'from', '起始日期 / from'],
      ['--to <YYYY-MM-DD>', 'to', '截止日期 / to'],
    ],
  },
  {
    name: 'lights',
    zh: '亮灯清单',
    schema: lightsTableQuerySchema,
    options: [
      ['--month <YYYY-MM>', 'month', '月份（默认本月）/ month (default: this month)'],
      ['--unit <id>', 'unitId', '单位编号 / unit id'],
    ],
  },
];

/** Commander option names are camelCase of the flag ("--unit" → unit). */
const optionName = (flag: string) => flag.replace(/^--/, '').split(' ')[0]!.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

export function registerTablesCommands(program: Command) {
  const exp = program.commands.find((c) => c.name() === 'export') ?? program.command('export').description('导出 / export');
  for (const table of TABLES) {
    const cmd = exp
      .command(table.name)
      .description(`导出${table.zh}（Excel）/ export the ${table.name} table as .xlsx`)
      .requiredOption('--out <file>', '输出文件 / output .xlsx file')
      .option('--json', '以 JSON 输出 / print JSON');
    for (const [flag, , help] of table.options) cmd.option(flag, help);
    cmd.action(async (o: Options) => {
      const query: Record<string, string> = {};
      for (const [flag, key] of table.options) {
        const v = o[optionName(flag)];
        if (v !== undefined) query[key] = v === true ? 'true' : String(v);
      }
      const parsed = table.schema.safeParse(query);
      if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; '));
      await withContainer(async (c) => {
        const tables: TablesService = c.services.tables;
        const started = Date.now();
        const job: TableJob = await (tables[table.name] as (a: Actor, q: unknown) => Promise<TableJob>)(Actor.cli(), parsed.data);
        const file = resolve(String(o.out));
        await mkdir(dirname(file), { recursive: true });
        const stream = createWriteStream(file);
        const r = await job.write(stream);
        await finished(stream);
        output(o.json === true, { file, name: job.fileName, rows: r.rows, ms: Date.now() - started }, () => `已导出${table.zh}（${r.rows} 行）到 / exported ${r.rows} rows to ${file}`);
      });
    });
  }
}
