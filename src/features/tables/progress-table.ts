import type { Writable } from 'node:stream';
import { completionRate, cumulativeAt, type AcceptedMonth } from '../../core/reports/report-rules.js';
import type { CellValue } from '../../xlsx/xlsx-writer.js';
import { writeXlsxSheet } from '../../xlsx/xlsx-writer.js';
import type { ProjectScope } from '../projects/projects.repository.js';
import type { Deps } from '../shared/context.js';
import { rowValues, sheetOptions, STYLE, wan, WAN_FMT, writeSection, writeTableHead, type TableColumn } from './table-layout.js';
import { tablesRepository, type ProgressSection } from './tables.repository.js';

/**
 * 月度进展表: the monthly progress table of a unit subtree, one section per batch in the order a
 * 调度会 reads them (新开工, 续建, 竣工, 投产, then the projects not yet started), each with its
 * 小计, and a 合计 row. Figures come from accepted progress reports (进展填报): 本月完成 is the month's
 * accepted report; 本年累计 and 开工以来累计 are the sums of accepted reports up to the month
 * (core/reports cumulativeAt, the rule the reports feature uses). A project without any accepted
 * report this year shows the ledger's 本年累计 (an imported figure) when the month is in the
 * current year.
 */
export interface ProgressRow {
  serial: number;
  name: string;
  builder: string | null;
  scale: string | null;
  totalInvestment: number | null;
  annualPlanInvestment: number | null;
  monthInvestment: number | null;
  ytd: number | null;
  sinceStart: number | null;
  rate: number | null;
  progressText: string | null;
  problems: string | null;
  leadUnitName: string | null;
  leader: string | null;
  light: string | null;
}

const LIGHT_NAMES: Record<string, string> = { red: '红灯', yellow: '黄灯', green: '绿灯' };

const money = (header: string, group: string, pick: (r: ProgressRow) => number | null): TableColumn<ProgressRow> => ({ header, group, width: 12, value: (r) => wan(pick(r)), numFmt: WAN_FMT });

export const PROGRESS_COLUMNS: TableColumn<ProgressRow>[] = [
  { header: '序号', width: 6, value: (r) => r.serial || null },
  { header: '项目名称', width: 28, value: (r) => r.name },
  { header: '建设单位', width: 20, value: (r) => r.builder },
  { header: '建设内容及规模', width: 30, value: (r) => r.scale },
  money('总投资', '计划投资（万元）', (r) => r.totalInvestment),
  money('年度计划投资', '计划投资（万元）', (r) => r.annualPlanInvestment),
  money('本月完成', '完成投资（万元）', (r) => r.monthInvestment),
  money('本年累计完成', '完成投资（万元）', (r) => r.ytd),
  { header: '年度完成率（%）', width: 10, value: (r) => r.rate, numFmt: '0.0' },
  money('开工以来累计完成', '开工以来（万元）', (r) => r.sinceStart),
  { header: '形象进度', width: 36, value: (r) => r.progressText },
  { header: '存在问题', width: 30, value: (r) => r.problems },
  { header: '责任单位', width: 16, value: (r) => r.leadUnitName },
  { header: '包挂领导', width: 14, value: (r) => r.leader },
  { header: '亮灯', width: 7, value: (r) => r.light },
];

export const SECTIONS: { key: ProgressSection; title: string }[] = [
  { key: 'new', title: '新开工项目' },
  { key: 'continuing', title: '续建项目' },
  { key: 'completed', title: '竣工项目' },
  { key: 'operating', title: '投产项目' },
  { key: 'signed', title: '签约项目' },
  { key: 'negotiating', title: '在谈项目' },
  { key: 'reserve', title: '储备项目' },
];

const PAGE_SIZE = 1000;

/** Sums of a set of rows, in 元. */
interface Sums {
  total: number;
  plan: number;
  month: number;
  ytd: number;
  sinceStart: number;
}
const zero = (): Sums => ({ total: 0, plan: 0, month: 0, ytd: 0, sinceStart: 0 });

function sumRow(label: string, s: Sums): CellValue[] {
  const r: ProgressRow = {
    serial: 0,
    name: label,
    builder: null,
    scale: null,
    totalInvestment: s.total,
    annualPlanInvestment: s.plan,
    monthInvestment: s.month,
    ytd: s.ytd,
    sinceStart: s.sinceStart,
    rate: completionRate(s.ytd, s.plan),
    progressText: null,
    problems: null,
    leadUnitName: null,
    leader: null,
    light: null,
  };
  return rowValues(PROGRESS_COLUMNS, r);
}

export async function writeProgressTable(
  deps: Deps,
  out: Writable,
  opts: { scope: ProjectScope | null; unitPath: string | null; month: string; currentMonth: string; paper: 'A3' | 'A4'; title: string; note: string },
): Promise<{ rows: number }> {
  const year = opts.month.slice(0, 4);
  const yearStart = `${year}-01-01`;
  const ledgerYtdApplies = opts.currentMonth.startsWith(year);
  const counts = await tablesRepository.sectionCounts(deps.db, opts.scope, opts.unitPath, yearStart);
  let written = 0;
  await writeXlsxSheet(out, '月度进展表', sheetOptions(PROGRESS_COLUMNS, { frozenColumns: 2, paper: opts.paper }), async (sheet) => {
    writeTableHead(sheet, PROGRESS_COLUMNS, opts.title, opts.note);
    const total = zero();
    let serial = 0;
    let index = 0;
    for (const section of SECTIONS) {
      const count = counts.get(section.key) ?? 0;
      // An office table lists the batches it has; empty ones are left out.
      if (count === 0) continue;
      writeSection(sheet, index++, `${section.title}（${count}个）`);
      const sub = zero();
      let after: { name: string; id: string } | null = null;
      for (;;) {
        const page = await tablesRepository.progressPage(deps.db, opts.scope, opts.unitPath, section.key, yearStart, after, PAGE_SIZE);
        if (page.length === 0) break;
        const ids = page.map((p) => p.id);
        const [accepted, problems] = await Promise.all([tablesRepository.acceptedReports(deps.db, ids, opts.month), tablesRepository.openProblems(deps.db, ids)]);
        const months = new Map<string, AcceptedMonth[]>();
        const reports = new Map<string, { investment: number | null; progressText: string | null }>();
        for (const a of accepted) {
          if (a.period === opts.month) reports.set(a.projectId, a);
          const m: AcceptedMonth = { period: a.period, investment: a.investment };
          const list = months.get(a.projectId);
          if (list) list.push(m);
          else months.set(a.projectId, [m]);
        }
        const rows = page.map((p) => {
          const report = reports.get(p.id);
          const history = months.get(p.id) ?? [];
          const plan = p.annualPlanInvestment === null ? null : Number(p.annualPlanInvestment);
          const reportedThisYear = history.some((h) => h.period.startsWith(year) && h.period <= opts.month);
          const cum = history.length ? cumulativeAt(history, opts.month, plan) : null;
          const ytd = reportedThisYear ? cum!.ytd : ledgerYtdApplies && p.ytdInvestment !== null ? Number(p.ytdInvestment) : null;
          const row: ProgressRow = {
            serial: ++serial,
            name: p.name,
            builder: p.builder,
            scale: p.scale,
            totalInvestment: p.totalInvestment === null ? null : Number(p.totalInvestment),
            annualPlanInvestment: plan,
            monthInvestment: report?.investment ?? null,
            ytd,
            sinceStart: cum && cum.sinceStart ? cum.sinceStart : null,
            rate: completionRate(ytd, plan),
            progressText: report?.progressText ?? p.progressText,
            problems: problems.get(p.id)?.join('；') ?? null,
            leadUnitName: p.leadUnitName,
            leader: p.leaderName ? (p.leaderTitle ? `${p.leaderName}（${p.leaderTitle}）` : p.leaderName) : null,
            light: p.light ? (LIGHT_NAMES[p.light] ?? p.light) : null,
          };
          sub.total += row.totalInvestment ?? 0;
          sub.plan += plan ?? 0;
          sub.month += row.monthInvestment ?? 0;
          sub.ytd += ytd ?? 0;
          sub.sinceStart += row.sinceStart ?? 0;
          return rowValues(PROGRESS_COLUMNS, row);
        });
        sheet.add({ rows, style: STYLE.data });
        written += rows.length;
        // Let the reader (a download, a disk) set the pace before the next page.
        await sheet.drain();
        if (page.length < PAGE_SIZE) break;
        const last = page[page.length - 1]!;
        after = { name: last.name, id: last.id };
      }
      sheet.add({ rows: [sumRow('小计', sub)], style: STYLE.subtotal });
      for (const k of Object.keys(total) as (keyof Sums)[]) total[k] += sub[k];
    }
    sheet.add({ rows: [sumRow('合计', total)], style: STYLE.total });
  });
  return { rows: written };
}
