import type { LightReason } from './evaluate.js';

type Lang = 'zh' | 'en';
type Figures = LightReason['figures'];

/** One sentence per raised rule, in the words a 调度通报 uses; the figures come from the rule. */
const SENTENCES: Record<LightReason['dimension'], (f: Figures, lang: Lang) => string> = {
  investment: (f, lang) =>
    lang === 'zh'
      ? `年度投资完成率${f.rate}%，序时进度${f.expected}%，落后${f.behind}个百分点`
      : `annual investment ${f.rate}% done against ${f.expected}% due by now: ${f.behind} points behind`,
  start: (f, lang) =>
    lang === 'zh' ? `计划${monthZh(f.plannedMonth)}开工，已超期${f.daysLate}天仍未开工` : `planned to start in ${f.plannedMonth}, not started ${f.daysLate} days later`,
  statistics: (f, lang) => (lang === 'zh' ? `${f.actualStart}开工，${f.days}天仍未统计入库` : `started ${f.actualStart}, not in the statistics ${f.days} days later`),
  milestone: (f, lang) =>
    f.daysLate !== undefined
      ? lang === 'zh'
        ? `节点“${f.name}”计划${f.plannedEnd}完成，已逾期${f.daysLate}天（共${f.count}个逾期节点）`
        : `milestone "${f.name}" was due ${f.plannedEnd}, ${f.daysLate} days overdue (${f.count} overdue)`
      : lang === 'zh'
        ? `节点“${f.name}”将于${f.plannedEnd}到期，尚未启动（${f.count}个临期节点）`
        : `milestone "${f.name}" is due ${f.plannedEnd} and has not started (${f.count} due soon)`,
  problem: (f, lang) =>
    lang === 'zh'
      ? `问题“${f.name}”办结时限${f.deadline}，已超期${f.daysLate}天（共${f.count}个超期问题）`
      : `problem "${f.name}" was due ${f.deadline}, ${f.daysLate} days overdue (${f.count} overdue)`,
  report: (f, lang) =>
    lang === 'zh' ? `${f.periods}进展填报：未报${f.missing}期、迟报${f.late}期` : `progress reports ${f.periods}: ${f.missing} missing, ${f.late} late`,
  trend: (f, lang) => (lang === 'zh' ? `连续${f.months}个月黄灯，转为红灯` : `yellow ${f.months} months in a row, so red`),
};

function monthZh(month: string | number | undefined): string {
  const m = /^(\d{4})-(\d{2})$/.exec(String(month ?? ''));
  return m ? `${m[1]}年${Number(m[2])}月` : String(month ?? '');
}

export function describeReason(reason: LightReason, lang: Lang = 'zh'): string {
  return SENTENCES[reason.dimension](reason.figures, lang);
}
