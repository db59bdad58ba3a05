import type { Writable } from 'node:stream';
import type { Stage } from '../../core/stages.js';
import { LEVEL_LABELS, NATURE_LABELS } from '../../core/schemas/projects.schema.js';
import { YUAN_PER_WAN } from '../../core/money.js';
import { writeXlsxSheet, type CellValue } from '../../xlsx/xlsx-writer.js';
import type { Deps } from '../shared/context.js';
import { projectsRepository, type ProjectFilters, type ProjectScope } from './projects.repository.js';
import { writeTableHead } from '../../xlsx/table-head.js';

/**
 * The ledger (项目台账) in the layout county offices hand over: a title, a note with the units,
 * a two-row grouped header, one section per stage ("一、在谈项目（4个）"), a 小计 row after each
 * section and a 合计 row at the end. After the standard columns comes one column per active
 * extra field (自定义字段) of the deployment; two hidden columns last carry the id and version so
 * that a re-import updates the same records and detects edits made since the export.
 */
/** A project row of the export, keys in snake_case as the database names them (see exportPage). */
type Row = Awaited<ReturnType<typeof projectsRepository.exportPage>>[number];
type ExtraFieldDef = Awaited<ReturnType<typeof projectsRepository.exportExtraFields>>[number];

/** What a cell may need besides its project row; one object reused for every row. */
interface RowContext {
  serial: number;
  supporting: string[];
  extra: Record<string, unknown>;
}

interface Column {
  header: string;
  group?: string;
  width: number;
  value: (r: Row, x: RowContext) => CellValue;
  /** Money columns are summed in 小计 / 合计. */
  sum?: (r: Row) => number;
  numFmt?: string;
  hidden?: boolean;
}

const wan = (yuan: number | null) => (yuan === null ? null : yuan / YUAN_PER_WAN);
const money = (header: string, pick: (r: Row) => number | null): Column => ({
  header,
  group: '投资（万元）',
  width: 13,
  value: (r) => wan(pick(r)),
  sum: (r) => pick(r) ?? 0,
  numFmt: '#,##0.00',
});
const date = (header: string, pick: (r: Row) => string | null): Column => ({ header, group: '时间节点', width: 11, value: pick });

const STANDARD_COLUMNS: Column[] = [
  { header: '序号', width: 6, value: (_r, x) => x.serial },
  { header: '项目代码', width: 26, value: (r) => r.code },
  { header: '项目名称', width: 30, value: (r) => r.name },
  { header: '项目级别', width: 10, value: (r) => (r.level ? (LEVEL_LABELS[r.level as keyof typeof LEVEL_LABELS] ?? r.level) : null) },
  { header: '所属产业', width: 12, value: (r) => r.industry },
  { header: '建设性质', width: 10, value: (r) => (r.nature ? (NATURE_LABELS[r.nature as keyof typeof NATURE_LABELS] ?? r.nature) : null) },
  { header: '建设单位', width: 24, value: (r) => r.builder },
  { header: '建设地点', width: 14, value: (r) => r.location },
  { header: '建设内容及规模', width: 30, value: (r) => r.scale },
  { header: '用地面积（亩）', width: 11, value: (r) => (r.land_area_centimu === null ? null : r.land_area_centimu / 100), numFmt: '#,##0.##' },
  money('总投资', (r) => r.total_investment),
  money('固定资产投资', (r) => r.fixed_asset_investment),
  money('年度计划投资', (r) => r.annual_plan_investment),
  money('本年累计完成投资', (r) => r.ytd_investment),
  money('开工以来累计完成投资', (r) => r.since_start_investment),
  date('计划签约', (r) => r.planned_sign_date),
  date('实际签约', (r) => r.actual_sign_date),
  date('计划开工', (r) => r.planned_start_date),
  date('实际开工', (r) => r.actual_start_date),
  date('计划竣工', (r) => r.planned_completion_date),
  date('实际竣工', (r) => r.actual_completion_date),
  date('计划投产', (r) => r.planned_operation_date),
  date('实际投产', (r) => r.actual_operation_date),
  date('统计入库', (r) => r.stats_entered_date),
  { header: '形象进度', width: 36, value: (r) => r.progress_text },
  { header: '包挂领导', width: 16, value: (r) => (r.leader_name ? (r.leader_title ? `${r.leader_name}（${r.leader_title}）` : r.leader_name) : null) },
  { header: '责任单位', width: 20, value: (r) => r.lead_unit_name },
  { header: '配合单位', width: 24, value: (_r, x) => (x.supporting.length ? x.supporting.join('、') : null) },
  { header: '项目管家', width: 10, value: (r) => r.helper_name },
];

const HIDDEN_COLUMNS: Column[] = [
  { header: '__id', width: 4, value: (r) => r.id, hidden: true },
  { header: '__version', width: 4, value: (r) => r.version, hidden: true },
];

/** The ledger's columns without extra fields (the layout every deployment shares). */
export const LEDGER_COLUMNS: Column[] = [...STANDARD_COLUMNS, ...HIDDEN_COLUMNS];

/**
 * One column per extra field, headed by its label. A choice field stores the option itself,
 * which is what the office reads; a value of another shape than its field (left from an older
 * definition) is still shown rather than lost.
 */
function extraColumn(def: ExtraFieldDef): Column {
  return {
    header: def.label,
    width: def.kind === 'text' ? 20 : 12,
    value: (_r, x) => {
      const v = x.extra[def.key];
      return typeof v === 'string' ? v || null : typeof v === 'number' ? v : typeof v === 'boolean' ? String(v) : null;
    },
  };
}

export function ledgerColumns(extraFields: ExtraFieldDef[]): Column[] {
  return [...STANDARD_COLUMNS, ...extraFields.map(extraColumn), ...HIDDEN_COLUMNS];
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八'];
const SECTION_NAMES: Record<Stage, string> = {
  reserve: '储备项目',
  negotiating: '在谈项目',
  signed: '签约项目',
  construction: '在建项目',
  completed: '竣工项目',
  operating: '投产项目',
  dropped: '终止项目',
};
export const EXPORT_STAGES: Stage[] = ['reserve', 'negotiating', 'signed', 'construction', 'completed', 'operating'];

const PAGE_SIZE = 1000;

/** 小计 / 合计 go in the 项目名称 column (the standard columns come first in every layout). */
const LABEL_COLUMN = STANDARD_COLUMNS.findIndex((c) => c.header === '项目名称');

function sumRow(columns: Column[], label: string, sums: number[]): CellValue[] {
  return columns.map((c, i) => (i === LABEL_COLUMN ? label : c.sum ? (sums[i] ?? 0) / YUAN_PER_WAN : null));
}

function parseExtra(text: string | null): Record<string, unknown> {
  if (!text || text === '{}') return {};
  const v: unknown = JSON.parse(text);
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

export async function exportLedger(
  deps: Deps,
  out: Writable,
  opts: { filters: ProjectFilters; scope: ProjectScope | null; stages: Stage[]; title: string; template?: boolean },
): Promise<{ rows: number }> {
  const counts = new Map((await projectsRepository.summary(deps.db, { ...opts.filters, stage: undefined }, opts.scope)).map((r) => [r.stage, Number(r.count)]));
  const extraFields = await projectsRepository.exportExtraFields(deps.db);
  const columns = ledgerColumns(extraFields);
  // The per-row loop below runs 50,000 times for a county's ledger: the money columns to sum are
  // picked once, and the row's context object is reused.
  const summed = columns.flatMap((c, i) => (c.sum ? [{ i, sum: c.sum }] : []));
  const ctx: RowContext = { serial: 0, supporting: [], extra: {} };
  let written = 0;
  await writeXlsxSheet(out, '项目台账', { columns: columns.map((c) => ({ width: c.width, hidden: c.hidden ?? false, numFmt: c.numFmt })), frozenRows: 4 }, async (sheet) => {
    const today = deps.clock.now().toISOString().slice(0, 10);
    writeTableHead(sheet, columns, opts.title, `填报单位：　　　　　　　截至：${today}　　　　　单位：万元、亩`, columns.filter((c) => !c.hidden).length);
    if (opts.template) return;
    const total = columns.map(() => 0);
    for (const [k, stage] of opts.stages.entries()) {
      sheet.add({ rows: [[`${NUMERALS[k] ?? k + 1}、${SECTION_NAMES[stage]}（${counts.get(stage) ?? 0}个）`]], style: { bold: true, fill: 'FFF2F2F2' }, merges: [[1, 1, 1, 3]] });
      const sub = columns.map(() => 0);
      let after: { name: string; id: string } | null = null;
      for (;;) {
        const page = await projectsRepository.exportPage(deps.db, opts.filters, opts.scope, stage, after, PAGE_SIZE);
        if (page.length === 0) break;
        const supporting = await projectsRepository.supportingNames(deps.db, page.map((r) => r.id));
        const rows = page.map((r) => {
          ctx.serial++;
          ctx.supporting = supporting.get(r.id) ?? [];
          ctx.extra = extraFields.length ? parseExtra(r.extra) : ctx.extra;
          const values = new Array<CellValue>(columns.length);
          for (let i = 0; i < columns.length; i++) values[i] = columns[i]!.value(r, ctx);
          for (const s of summed) sub[s.i]! += s.sum(r);
          return values;
        });
        sheet.add({ rows, style: { border: true } });
        written += rows.length;
        // Let the file's reader (a browser download, a disk) set the pace before the next page.
        await sheet.drain();
        if (page.length < PAGE_SIZE) break;
        const last = page[page.length - 1]!;
        after = { name: last.name, id: last.id };
      }
      sheet.add({ rows: [sumRow(columns, '小计', sub)], style: { bold: true, border: true } });
      sub.forEach((v, i) => (total[i]! += v));
    }
    sheet.add({ rows: [sumRow(columns, '合计', total)], style: { bold: true, border: true, fill: 'FFFFF2CC' } });
  });
  return { rows: written };
}
