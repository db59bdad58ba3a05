import type { Writable } from 'node:stream';
import type { PipelineFigures } from '../../core/pipeline.js';
import { PIPELINE_STAGES, STAGE_LABELS, type PipelineStage } from '../../core/stages.js';
import { writeXlsxSheet } from '../../xlsx/xlsx-writer.js';
import { rowValues, sheetOptions, STYLE, writeTableHead, yi, type TableColumn } from './table-layout.js';

/**
 * 五个一统计表: one row per sub-unit of the chosen unit (plus 本级, the projects it leads itself),
 * and per stage 储备/在谈/签约/开工/竣工/投产 the stock now (个数, 总投资 亿元) and the flow in the
 * period (本期新增: projects that moved forward into the stage). The figures are the projects
 * feature's five-batch figures (core/pipeline.ts through ProjectsService.pipeline) for each unit's
 * subtree; 本级 is the unit's own figures less its sub-units', so the rows add up to 合计 exactly.
 */
export interface BatchesRow {
  serial: number | null;
  unitName: string;
  figures: Pick<PipelineFigures, 'stock' | 'flows'>;
}

function stageColumns(stage: PipelineStage): TableColumn<BatchesRow>[] {
  const group = STAGE_LABELS[stage].zh;
  return [
    { header: '个数', group, width: 7, value: (r) => r.figures.stock[stage].count },
    { header: '总投资（亿元）', group, width: 11, value: (r) => yi(r.figures.stock[stage].totalInvestment), numFmt: '#,##0.00' },
    { header: '本期新增', group, width: 8, value: (r) => r.figures.flows[stage] },
  ];
}

const sumOf = (r: BatchesRow, pick: (s: PipelineStage) => number) => PIPELINE_STAGES.reduce((a, s) => a + pick(s), 0);

export const BATCH_COLUMNS: TableColumn<BatchesRow>[] = [
  { header: '序号', width: 6, value: (r) => r.serial },
  { header: '单位', width: 22, value: (r) => r.unitName },
  ...PIPELINE_STAGES.flatMap(stageColumns),
  { header: '个数', group: '合计', width: 7, value: (r) => sumOf(r, (s) => r.figures.stock[s].count) },
  { header: '总投资（亿元）', group: '合计', width: 11, value: (r) => yi(sumOf(r, (s) => r.figures.stock[s].totalInvestment)), numFmt: '#,##0.00' },
];

/** Figures of `a` less those of `b` (本级 = the unit less its sub-units). */
export function subtractFigures(a: BatchesRow['figures'], parts: BatchesRow['figures'][]): BatchesRow['figures'] {
  const stock = structuredClone(a.stock);
  const flows = { ...a.flows };
  for (const p of parts) {
    for (const s of Object.keys(stock) as (keyof typeof stock)[]) {
      stock[s].count -= p.stock[s].count;
      stock[s].totalInvestment -= p.stock[s].totalInvestment;
      flows[s] -= p.flows[s];
    }
  }
  return { stock, flows };
}

export async function writeBatchesTable(out: Writable, rows: BatchesRow[], total: BatchesRow, head: { title: string; note: string }): Promise<{ rows: number }> {
  await writeXlsxSheet(out, '五个一统计表', sheetOptions(BATCH_COLUMNS, { frozenColumns: 2, paper: 'A4' }), async (sheet) => {
    writeTableHead(sheet, BATCH_COLUMNS, head.title, head.note);
    sheet.add({ rows: rows.map((r) => rowValues(BATCH_COLUMNS, r)), style: STYLE.data });
    sheet.add({ rows: [rowValues(BATCH_COLUMNS, total)], style: STYLE.total });
  });
  return { rows: rows.length };
}
