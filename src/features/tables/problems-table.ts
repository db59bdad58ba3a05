import type { Writable } from 'node:stream';
import { chinaDate } from '../../core/business-date.js';
import { PROBLEM_STATUS_NAMES } from '../../core/dispatch/problems.js';
import type { Problem } from '../../core/schemas/problems.schema.js';
import type { ProblemsTableQuery } from '../../core/schemas/tables.schema.js';
import { writeXlsxSheet } from '../../xlsx/xlsx-writer.js';
import type { ProblemsService } from '../problems/problems.service.js';
import type { Actor, Deps } from '../shared/context.js';
import { rowValues, sheetOptions, STYLE, writeTableHead, type TableColumn } from './table-layout.js';
import { tablesRepository } from './tables.repository.js';

/**
 * 问题清单 in the layout of a weekly 调度: one row per problem with who owns it and by when, its
 * state and escalation, and what has been done (进展/销号情况: the 销号 note once closed, else the
 * latest note of its history). The rows are the problems page's list with the same filters and
 * order, read through the problems service a page at a time (so its data scope applies).
 */
interface ProblemRow {
  serial: number;
  p: Problem;
  supporting: string | null;
  progress: string | null;
}

export const PROBLEM_COLUMNS: TableColumn<ProblemRow>[] = [
  { header: '序号', width: 6, value: (r) => r.serial },
  { header: '项目', width: 24, value: (r) => r.p.projectName ?? (r.p.scopeUnitName ? `${r.p.scopeUnitName}（区域性问题）` : null) },
  { header: '类别', width: 12, value: (r) => r.p.category },
  { header: '问题描述', width: 36, value: (r) => r.p.description },
  { header: '提出单位/人', group: '提出', width: 14, value: (r) => r.p.raisedBy },
  { header: '提出日期', group: '提出', width: 11, value: (r) => chinaDate(new Date(r.p.createdAt)) },
  { header: '责任领导', width: 10, value: (r) => r.p.leaderName },
  { header: '责任单位', width: 16, value: (r) => r.p.unitName },
  { header: '责任人', width: 10, value: (r) => r.p.ownerUserName },
  { header: '配合单位', width: 18, value: (r) => r.supporting },
  { header: '办结时限', width: 11, value: (r) => r.p.deadline },
  { header: '状态', width: 12, value: (r) => PROBLEM_STATUS_NAMES[r.p.status].zh + (r.p.overdueDays > 0 ? `（超期${r.p.overdueDays}个工作日）` : '') },
  { header: '升级层级', width: 12, value: (r) => r.p.escalationLevelName ?? (r.p.escalationLevel > 0 ? `第${r.p.escalationLevel}级` : null) },
  { header: '进展/销号情况', width: 36, value: (r) => r.progress },
];

const PAGE_SIZE = 500;

export async function writeProblemsTable(deps: Deps, problems: ProblemsService, actor: Actor, out: Writable, q: ProblemsTableQuery, head: { title: string; note: string }): Promise<{ rows: number }> {
  let written = 0;
  let overdue = 0;
  let closed = 0;
  await writeXlsxSheet(out, '问题清单', sheetOptions(PROBLEM_COLUMNS, { frozenColumns: 2, paper: 'A4' }), async (sheet) => {
    writeTableHead(sheet, PROBLEM_COLUMNS, head.title, head.note);
    for (let page = 1; ; page++) {
      // The service's own list (scope, filters, order); offset pages are fine at a county's hundreds of problems.
      const { items } = await problems.list(actor, { ...q, page, pageSize: PAGE_SIZE });
      if (items.length === 0) break;
      const [units, notes] = await Promise.all([
        tablesRepository.unitNames(deps.db, [...new Set(items.flatMap((p) => p.supportingUnitIds))]),
        tablesRepository.latestProblemNotes(deps.db, items.filter((p) => p.status !== 'closed').map((p) => p.id)),
      ]);
      const rows = items.map((p) => {
        if (p.overdueDays > 0) overdue++;
        if (p.status === 'closed') closed++;
        const supporting = p.supportingUnitIds.map((id) => units.get(id)).filter((n): n is string => !!n);
        const row: ProblemRow = {
          serial: ++written,
          p,
          supporting: supporting.length ? supporting.join('、') : null,
          progress: p.status === 'closed' ? `已销号${p.closedAt ? `（${chinaDate(new Date(p.closedAt))}）` : ''}：${p.closeNote ?? ''}` : (notes.get(p.id) ?? null),
        };
        return rowValues(PROBLEM_COLUMNS, row);
      });
      sheet.add({ rows, style: STYLE.data });
      await sheet.drain();
      if (items.length < PAGE_SIZE) break;
    }
    const summary = `合计：${written}项，其中已销号${closed}项、超期${overdue}项`;
    sheet.add({ rows: [[summary]], style: STYLE.total, merges: [[1, 1, 1, PROBLEM_COLUMNS.length]] });
  });
  return { rows: written };
}
