import { goodNewsParagraphs, nextStepParagraphs, problemParagraphs, pushParagraphs, situationParagraphs, type BriefingFacts, type BriefingMetric } from '../core/briefing/briefing-text.js';
import type { Block, OfficialDocument } from './official-document.js';

export interface BriefingData extends BriefingFacts {
  /** Who reports (署名), e.g. XX县重大项目推进办公室. */
  office: string;
}

const num = (n: number | null) => (n === null ? '—' : String(n));
const STATUS = { ahead: '达到序时', behind: '滞后', none: '—' } as const;

/** The table of the five batches under 总体情况: target, done, 序时, state. */
function goalTable(f: BriefingFacts): Block {
  const row = (name: string, m: BriefingMetric): string[] => [name, num(m.target), num(m.actual), num(m.expected), STATUS[m.status]];
  return {
    kind: 'table',
    columns: ['指标', '年度目标', '完成', '序时应完成', '状态'],
    widths: [2, 1.3, 1.2, 1.5, 1.3],
    rows: [row('签约项目（个）', f.flows.sign), row('开工项目（个）', f.flows.start), row('竣工项目（个）', f.flows.complete), row('投产项目（个）', f.flows.operate), row('在谈保有（个）', f.pools.negotiatingPool), row('储备保有（个）', f.pools.reservePool)],
  };
}

/**
 * 汇报材料: a briefing draft on a unit's major projects, for a meeting like the 经济区重大项目情况
 * 汇报会 — 总体情况 (figures vs targets and 序时), 主要成效, 重点推进项目 (to sign / to start / to
 * finish), 存在问题 (with owners and escalation) and 下步工作建议. All prose comes from the
 * templates in src/core/briefing; the note says it is a draft to be edited.
 */
export function briefingDocument(d: BriefingData): OfficialDocument {
  const paras = (texts: string[]): Block[] => texts.map((text) => ({ kind: 'paragraph', text }));
  const body: Block[] = [
    { kind: 'paragraph', text: `现将${d.unitName}重大项目推进情况汇报如下：` },
    { kind: 'heading', level: 1, text: '总体情况' },
    ...paras(situationParagraphs(d)),
    goalTable(d),
    { kind: 'heading', level: 1, text: '主要成效' },
    ...paras(goodNewsParagraphs(d)),
    { kind: 'heading', level: 1, text: '重点推进项目' },
    ...pushParagraphs(d).flatMap((p): Block[] => [{ kind: 'heading', level: 2, text: p.heading }, { kind: 'paragraph', text: p.text }]),
    { kind: 'heading', level: 1, text: '存在问题' },
    ...paras(problemParagraphs(d)),
    { kind: 'heading', level: 1, text: '下步工作建议' },
    ...paras(nextStepParagraphs(d).map((t, i) => `${['一', '二', '三', '四', '五', '六'][i] ?? i + 1}是${t}`)),
  ];
  return {
    title: `关于${d.unitName}重大项目推进情况的汇报`,
    body,
    signature: { issuer: d.office, date: d.date },
    note: '（本稿根据调度数据自动生成，供修改完善后使用。）',
  };
}

/** 汇报材料-XX港经济区-2026年5月12日.docx */
export function briefingFileName(d: Pick<BriefingData, 'unitName' | 'date'>): string {
  return `汇报材料-${d.unitName.replace(/[\\/:*?"<>|]/g, '_')}-${d.date}.docx`;
}
