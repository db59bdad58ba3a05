import type { Writable } from 'node:stream';
import { STAGE_LABELS, type Stage } from '../../core/stages.js';
import { LEVEL_LABELS, NATURE_LABELS } from '../../core/schemas/projects.schema.js';
import { YUAN_PER_WAN } from '../../core/money.js';
import { writeXlsxSheet, type CellValue, type SheetWriter } from '../../xlsx/xlsx-writer.js';
import type { Deps } from '../shared/context.js';
import { projectsRepository, type ProjectFilters, type ProjectScope } from './projects.repository.js';

/**
 * The ledger (项目台账) in the layout county offices hand over: a title, a note with the units,
 * a two-row grouped header, one section per stage ("一、在谈项目（4个）"), a 小计 row after each
 * section and a 合计 row at the end. Two hidden columns carry the id and version so that a
 * re-import updates the same records and detects edits made since the export.
 */
type Row = Awaited<ReturnType<typeof projectsRepository.exportPage>>[number];

interface Column {
  header: string;
  group?: string;
  width: number;
  value: (r: Row, extra: { supporting: string[] }) => CellValue;
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

export const LEDGER_COLUMNS: Column[] = [
  { header: '序号', width: 6, value: () => null },
  { header: '项目代码', width: 26, value: (r) => r.code },
  { header: '项目名称', width: 30, value: (r) => r.name },
  { header: '项目级别', width: 10, value: (r) => (r.level ? (LEVEL_LABELS[r.level as keyof typeof LEVEL_LABELS] ?? r.level) : null) },
  { header: '所属产业', width: 12, value: (r) => r.industry },
  { header: '建设性质', width: 10, value: (r) => (r.nature ? (NATURE_LABELS[r.nature as keyof typeof NATURE_LABELS] ?? r.nature) : null) },
  { header: '建设单位', width: 24, value: (r) => r.builder },
  { header: '建设地点', width: 14, value: (r) => r.location },
  { header: '建设内容及规模', width: 30, value: (r) => r.scale },
  { header: '用地面积（亩）', width: 11, value: (r) => (r.landAreaCentimu === null ? null : r.landAreaCentimu / 100), numFmt: '#,##0.##' },
  money('总投资', (r) => r.totalInvestment),
  money('固定资产投资', (r) => r.fixedAssetInvestment),
  money('年度计划投资', (r) => r.annualPlanInvestment),
  money('本年累计完成投资', (r) => r.ytdInvestment),
  date('计划签约', (r) => r.plannedSignDate),
  date('实际签约', (r) => r.actualSignDate),
  date('计划开工', (r) => r.plannedStartDate),
  date('实际开工', (r) => r.actualStartDate),
  date('计划竣工', (r) => r.plannedCompletionDate),
  date('实际竣工', (r) => r.actualCompletionDate),
  date('计划投产', (r) => r.plannedOperationDate),
  date('实际投产', (r) => r.actualOperationDate),
  { header: '形象进度', width: 36, value: (r) => r.progressText },
  { header: '包挂领导', width: 16, value: (r) => (r.leaderName ? (r.leaderTitle ? `${r.leaderName}（${r.leaderTitle}）` : r.leaderName) : null) },
  { header: '责任单位', width: 20, value: (r) => r.leadUnitName },
  { header: '配合单位', width: 24, value: (_r, x) => x.supporting.join('、') || null },
  { header: '项目管家', width: 10, value: (r) => r.helperName },
  { header: '__id', width: 4, value: (r) => r.id, hidden: true },
  { header: '__version', width: 4, value: (r) => r.version, hidden: true },
];

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

function writeHeader(sheet: SheetWriter, title: string, note: string) {
  const visible = LEDGER_COLUMNS.filter((c) => !c.hidden).length;
  sheet.add({ rows: [[title]], style: { bold: true, fontSize: 16, align: 'center' }, merges: [[1, 1, 1, visible]], height: 30 });
  sheet.add({ rows: [[note]], merges: [[1, 1, 1, visible]] });
  const top: CellValue[] = [];
  const sub: CellValue[] = [];
  const merges: [number, number, number, number][] = [];
  LEDGER_COLUMNS.forEach((c, i) => {
    const col = i + 1;
    if (!c.group) {
      top.push(c.header);
      sub.push(null);
      merges.push([1, col, 2, col]);
      return;
    }
    const startsGroup = LEDGER_COLUMNS[i - 1]?.group !== c.group;
    top.push(startsGroup ? c.group : null);
    sub.push(c.header);
    if (startsGroup) {
      let end = i;
      while (LEDGER_COLUMNS[end + 1]?.group === c.group) end++;
      merges.push([1, col, 1, end + 1]);
    }
  });
  sheet.add({ rows: [top, sub], style: { bold: true, fill: 'FFDDEBF7', align: 'center', wrap: true, border: true }, merges, height: 22 });
}

function sumRow(label: string, sums: number[]): CellValue[] {
  return LEDGER_COLUMNS.map((c, i) => (c.header === '项目名称' ? label : c.sum ? (sums[i] ?? 0) / YUAN_PER_WAN : null));
}

export async function exportLedger(
  deps: Deps,
  out: Writable,
  opts: { filters: ProjectFilters; scope: ProjectScope | null; stages: Stage[]; title: string; template?: boolean },
): Promise<{ rows: number }> {
  const counts = new Map((await projectsRepository.summary(deps.db, { ...opts.filters, stage: undefined }, opts.scope)).map((r) => [r.stage, Number(r.count)]));
  let written = 0;
  await writeXlsxSheet(out, '项目台账', { columns: LEDGER_COLUMNS.map((c) => ({ width: c.width, hidden: c.hidden ?? false, numFmt: c.numFmt })), frozenRows: 4 }, async (sheet) => {
    const today = deps.clock.now().toISOString().slice(0, 10);
    writeHeader(sheet, opts.title, `填报单位：　　　　　　　截至：${today}　　　　　单位：万元、亩`);
    if (opts.template) return;
    const total = LEDGER_COLUMNS.map(() => 0);
    let serial = 0;
    for (const [k, stage] of opts.stages.entries()) {
      sheet.add({ rows: [[`${NUMERALS[k] ?? k + 1}、${SECTION_NAMES[stage]}（${counts.get(stage) ?? 0}个）`]], style: { bold: true, fill: 'FFF2F2F2' }, merges: [[1, 1, 1, 3]] });
      const sub = LEDGER_COLUMNS.map(() => 0);
      let after: { name: string; id: string } | null = null;
      for (;;) {
        const page = await projectsRepository.exportPage(deps.db, opts.filters, opts.scope, stage, after, 1000);
        if (page.length === 0) break;
        const supporting = await projectsRepository.supportingNames(deps.db, page.map((r) => r.id));
        for (const r of page) {
          const values = LEDGER_COLUMNS.map((c, i) => {
            if (c.sum) sub[i]! += c.sum(r);
            return c.header === '序号' ? ++serial : c.value(r, { supporting: supporting.get(r.id) ?? [] });
          });
          sheet.add({ rows: [values], style: { border: true } });
          written++;
        }
        const last = page[page.length - 1]!;
        after = { name: last.name, id: last.id };
      }
      sheet.add({ rows: [sumRow('小计', sub)], style: { bold: true, border: true } });
      sub.forEach((v, i) => (total[i]! += v));
    }
    sheet.add({ rows: [sumRow('合计', total)], style: { bold: true, border: true, fill: 'FFFFF2CC' } });
  });
  return { rows: written };
}
