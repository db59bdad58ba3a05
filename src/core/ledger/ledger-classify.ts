import { stageFromText, type LedgerStage } from './ledger-enums.js';
import { isColumnNumberRow } from './ledger-header.js';
import { toHalfWidth, trimAll, type SheetRow } from './ledger-text.js';

/**
 * What a row below the header is. Ledgers mix project rows with:
 * - section rows naming a batch: "一、在谈项目（4个）", "三、新开工项目", "（二）续建项目", or just
 *   "新开工项目" alone in a row — their text sits in one or two cells (a "一" in the 序号 column
 *   and the title in the name column), possibly with the section's sums in the money columns;
 * - subtotal/total rows: 小计 / 合计 / 总计 / 共计 / 汇总 in one of the first cells ("其中：…"
 *   rows under a total are breakdowns);
 * - trailing notes: "注：", "备注：", "填表人：", "审核人：" …, and the lines that follow them;
 * - a repeated header (sheets printed with repeating titles), a column-number row, blank rows.
 */
export type RowClass =
  | { kind: 'blank' }
  | { kind: 'note' }
  | { kind: 'repeat-header' }
  | { kind: 'column-numbers' }
  | { kind: 'aggregate'; scope: 'subtotal' | 'total' | 'breakdown'; label: string }
  | { kind: 'section'; title: string; level: 1 | 2; stage: LedgerStage | null | undefined; expected: number | null }
  | { kind: 'data' };

export interface ClassifyContext {
  nameIndex: number | null;
  codeIndex: number | null;
  /** The bottom header text per column (trimmed), to spot a repeated header. */
  headerTexts: readonly string[];
  /** True once a trailing note ("注：…") has been seen. */
  inTrailer: boolean;
  /** True for the first row after the header (a column-number row may sit there). */
  firstAfterHeader: boolean;
}

const AGG_RE = /^(?:总计|合计|小计|共计|汇总|总合计|全部合计|全县合计|全区合计|全市合计|本页合计|本页小计)(?:[(（][^)）]*[)）])?$|(?:小计|合计|总计)(?:[(（][^)）]*[)）])?$/;
const BREAKDOWN_RE = /^其中[:：]?/;
const NOTE_RE = /^(?:注|备注|说明|附注|填表人|填报人|审核人|制表人|审核|复核人|复核|负责人|单位负责人|统计负责人|分管领导|主要领导|联系人|联系电话|填报日期|制表日期|报送日期|填表日期|填表说明|数据来源|资料来源)\s*\d*\s*[:：]|^注\s*\d*\s*[、.．]/;
const ENUM_ONLY_RE = /^(?:[一二三四五六七八九十]{1,3}[、.．]?|[(（][一二三四五六七八九十]{1,3}[)）]|第[一二三四五六七八九十]{1,3}[部分类批项])$/;
const L1_RE = /^(?:[一二三四五六七八九十]{1,3}\s*[、.．]|第[一二三四五六七八九十]{1,3}[部分类批项])/;
const L2_RE = /^[(（][一二三四五六七八九十]{1,3}[)）]/;
const UNNUMBERED_RE = /(?:项目|类|批|批次)\s*(?:[(（][^)）]*[)）])?$/;
const COUNT_RE = /[(（]\s*(?:共\s*)?(\d+)\s*个|共\s*(\d+)\s*个|(\d+)\s*个项目/;

function compact(s: string): string {
  return toHalfWidth(s).replace(/\s+/g, '');
}

/** The declared number of projects in a section title ("（4个）", "共12个"), or null. */
export function sectionCount(title: string): number | null {
  const m = COUNT_RE.exec(toHalfWidth(title));
  if (!m) return null;
  return Number(m[1] ?? m[2] ?? m[3]);
}

export function classifyRow(row: SheetRow, ctx: ClassifyContext): RowClass {
  const texts: string[] = [];
  let nonEmpty = 0;
  let strings = 0;
  let repeated = 0;
  const cells = row.cells;
  const width = Math.min(cells.length, 1024);
  for (let c = 0; c < width; c++) {
    const v = cells[c];
    if (v === null || v === undefined) continue;
    if (typeof v === 'string') {
      const t = trimAll(v);
      if (t === '') continue;
      nonEmpty++;
      strings++;
      if (texts.length < 2) texts.push(t);
      if (t === ctx.headerTexts[c]) repeated++;
    } else if (typeof v === 'number' && Number.isNaN(v)) {
      continue;
    } else {
      nonEmpty++;
    }
  }
  if (nonEmpty === 0) return { kind: 'blank' };
  if (repeated >= 2 && repeated * 2 >= nonEmpty) return { kind: 'repeat-header' };
  if (ctx.firstAfterHeader && isColumnNumberRow(row)) return { kind: 'column-numbers' };

  const t0 = compact(texts[0] ?? '');
  const t1 = compact(texts[1] ?? '');
  for (const t of [t0, t1]) {
    if (t === '' || t.length > 30) continue;
    if (BREAKDOWN_RE.test(t)) return { kind: 'aggregate', scope: 'breakdown', label: t };
    if (AGG_RE.test(t)) return { kind: 'aggregate', scope: t.includes('小计') ? 'subtotal' : 'total', label: t };
  }
  if (texts.length > 0 && NOTE_RE.test(t0)) return { kind: 'note' };
  const nameText = ctx.nameIndex === null ? '' : textAt(cells, ctx.nameIndex);
  if (ctx.inTrailer && (nonEmpty <= 1 || nameText === '')) return { kind: 'note' };

  // A row with something code-like in the 项目代码 column is a project, whatever else it holds.
  const codeText = ctx.codeIndex === null ? '' : textAt(cells, ctx.codeIndex);
  if (!/\d{4}/.test(codeText) && texts.length > 0 && strings <= 2) {
    const joined = ENUM_ONLY_RE.test(t0) && t1 !== '';
    const lead = joined ? t0 + t1 : t0;
    // The title as written (the compact form only serves the tests).
    const title = joined ? `${texts[0] ?? ''}${texts[1] ?? ''}` : (texts[0] ?? '');
    const level: 1 | 2 | null = L2_RE.test(lead) ? 2 : L1_RE.test(lead) || ENUM_ONLY_RE.test(t0) ? 1 : null;
    const stage = stageFromText(lead);
    if (level !== null && lead.length <= 60) {
      return { kind: 'section', title, level, stage, expected: sectionCount(lead) };
    }
    if (strings === 1 && stage !== undefined && lead.length <= 30 && UNNUMBERED_RE.test(lead)) {
      return { kind: 'section', title, level: 1, stage, expected: sectionCount(lead) };
    }
  }
  return { kind: 'data' };
}

function textAt(cells: SheetRow['cells'], i: number): string {
  const v = cells[i];
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return trimAll(v);
  return typeof v === 'number' && Number.isNaN(v) ? '' : String(v);
}
