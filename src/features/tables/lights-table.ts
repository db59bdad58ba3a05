import type { Writable } from 'node:stream';
import type { LightColor } from '../../core/lights/light-rules.js';
import { STAGE_LABELS, type Stage } from '../../core/stages.js';
import { writeXlsxWorkbook, type SheetSpec } from '../../xlsx/xlsx-writer.js';
import type { LightsQueries } from '../lights/lights.queries.js';
import type { Actor, Deps } from '../shared/context.js';
import { monthZh, rowValues, sheetOptions, STYLE, writeTableHead, type TableColumn } from './table-layout.js';
import { tablesRepository } from './tables.repository.js';

/**
 * 亮灯清单: a 红灯 sheet and a 黄灯 sheet for a month, each project with its unit, leader, the
 * rules raised and the reason sentence (core/lights/describe.ts, as the lights list words it),
 * and since when it has had this colour (the first month of the unbroken run in the light
 * history). Lights are read through the lights feature's own queries, a page at a time.
 */
type LightItem = Awaited<ReturnType<LightsQueries['list']>>['items'][number];
interface LightRow {
  serial: number;
  item: LightItem;
  since: string;
}

export const LIGHT_COLUMNS: TableColumn<LightRow>[] = [
  { header: '序号', width: 6, value: (r) => r.serial },
  { header: '项目名称', width: 28, value: (r) => r.item.name },
  { header: '所处阶段', width: 9, value: (r) => STAGE_LABELS[r.item.stage as Stage]?.zh ?? r.item.stage },
  { header: '责任单位', width: 18, value: (r) => r.item.leadUnitName },
  { header: '包挂领导', width: 12, value: (r) => r.item.leaderName },
  { header: '触发规则', width: 22, value: (r) => r.item.reasons.map((x) => x.name).join('、') || null },
  { header: '亮灯原因', width: 60, value: (r) => r.item.reasons.map((x, i) => (r.item.reasons.length > 1 ? `${i + 1}. ` : '') + x.text.zh).join('\n') || null },
  { header: '亮灯起始', width: 11, value: (r) => monthZh(r.since) },
];

const SHEETS: { color: Exclude<LightColor, 'green'>; name: string; label: string }[] = [
  { color: 'red', name: '红灯清单', label: '红灯' },
  { color: 'yellow', name: '黄灯清单', label: '黄灯' },
];

const PAGE_SIZE = 200;

/** The first month of the unbroken run of `color` that reaches `month` (history newest first). */
export function sinceMonth(month: string, color: string, history: readonly { month: string; color: string }[]): string {
  let since = month;
  let expected = month;
  for (const h of history) {
    expected = previousMonth(expected);
    if (h.month !== expected || h.color !== color) break;
    since = h.month;
  }
  return since;
}

function previousMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export async function writeLightsTable(
  deps: Deps,
  lights: LightsQueries,
  actor: Actor,
  out: Writable,
  q: { month: string; unitId?: string | undefined },
  head: { title: (label: string) => string; note: string },
): Promise<{ rows: number; counts: Record<string, number> }> {
  let written = 0;
  const counts: Record<string, number> = {};
  const sheets: SheetSpec[] = SHEETS.map((s) => ({
    name: s.name,
    options: sheetOptions(LIGHT_COLUMNS, { frozenColumns: 2, paper: 'A4' }),
    fill: async (sheet) => {
      writeTableHead(sheet, LIGHT_COLUMNS, head.title(s.label), head.note);
      let serial = 0;
      for (let page = 1; ; page++) {
        const list = await lights.list(actor, { color: s.color, month: q.month, unitId: q.unitId, page, pageSize: PAGE_SIZE });
        if (list.items.length === 0) break;
        const runs = await tablesRepository.lightRuns(deps.db, list.items.map((i) => i.projectId), list.month);
        const rows = list.items.map((item) => rowValues(LIGHT_COLUMNS, { serial: ++serial, item, since: sinceMonth(list.month, s.color, runs.get(item.projectId) ?? []) }));
        sheet.add({ rows, style: STYLE.data });
        await sheet.drain();
        if (list.items.length < PAGE_SIZE) break;
      }
      counts[s.color] = serial;
      written += serial;
      sheet.add({ rows: [[`合计：${s.label}项目${serial}个`]], style: STYLE.total, merges: [[1, 1, 1, LIGHT_COLUMNS.length]] });
    },
  }));
  await writeXlsxWorkbook(out, sheets);
  return { rows: written, counts };
}
