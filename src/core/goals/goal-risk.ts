import { YUAN_PER_WAN } from '../money.js';
import type { FlowMetric, RiskLevel } from '../schemas/goals.schema.js';
import { TYPES_WITHOUT_SIGNING, stageIndex, type Stage } from '../stages.js';

/**
 * Which projects still expected this year are at risk of missing a target (pure). A candidate
 * for a flow metric has not entered the stage yet and plans to this year:
 *  - high:   its planned date has passed; or it is due within a month while the step before is
 *            not done (due to start next week, still not signed);
 *  - medium: due within a month;
 *  - low:    planned later this year.
 * A month-only plan ("2026-06") is due from the 1st and late after the last day of the month.
 */
export interface RiskVerdict {
  risk: RiskLevel;
  reasonCode: 'overdue' | 'due-not-ready' | 'due-soon' | 'planned-not-ready' | 'planned' | 'no-investment' | 'investment-behind';
  /** "中文 / English". */
  reason: string;
}

/** How soon "due soon" is, in days. */
export const DUE_SOON_DAYS = 30;

const VERB: Record<FlowMetric, { zh: string; en: string }> = {
  sign: { zh: '签约', en: 'sign' },
  start: { zh: '开工', en: 'start' },
  complete: { zh: '竣工', en: 'complete' },
  operate: { zh: '投产', en: 'go into production' },
};

/** The step that must be done before the stage, and how to say it is missing. */
const PREREQUISITE: Record<FlowMetric, { stage: Stage; zh: string; en: string }> = {
  sign: { stage: 'negotiating', zh: '尚未进入在谈', en: 'not in negotiation yet' },
  start: { stage: 'signed', zh: '尚未签约', en: 'not signed yet' },
  complete: { stage: 'construction', zh: '尚未开工', en: 'not started yet' },
  operate: { stage: 'construction', zh: '尚未开工', en: 'not started yet' },
};

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** First and last day a planned date ("2026-06" or "2026-06-15") covers. */
export function plannedSpan(planned: string): { from: string; to: string } {
  if (planned.length > 7) return { from: planned, to: planned };
  const [y, m] = planned.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${planned}-01`, to: `${planned}-${String(last).padStart(2, '0')}` };
}

/** Whether the project has done the step before the metric's stage. */
export function isReady(metric: FlowMetric, stage: Stage, projectType: string | null): boolean {
  if (metric === 'start' && (TYPES_WITHOUT_SIGNING as readonly string[]).includes(projectType ?? '')) return true;
  return stageIndex(stage) >= stageIndex(PREREQUISITE[metric].stage);
}

export function candidateRisk(metric: FlowMetric, p: { stage: Stage; projectType: string | null; plannedDate: string }, today: string): RiskVerdict {
  const span = plannedSpan(p.plannedDate);
  const verb = VERB[metric];
  const pre = PREREQUISITE[metric];
  const ready = isReady(metric, p.stage, p.projectType);
  const when = p.plannedDate;
  if (span.to < today) {
    return { risk: 'high', reasonCode: 'overdue', reason: `计划${verb.zh}时间 ${when} 已过，仍未${verb.zh} / planned to ${verb.en} by ${when}; not done yet` };
  }
  if (span.from <= addDays(today, DUE_SOON_DAYS)) {
    return ready
      ? { risk: 'medium', reasonCode: 'due-soon', reason: `计划 ${when} ${verb.zh}，已不足一个月 / due to ${verb.en} ${when}, within a month` }
      : { risk: 'high', reasonCode: 'due-not-ready', reason: `计划 ${when} ${verb.zh}，但${pre.zh} / due to ${verb.en} ${when} but ${pre.en}` };
  }
  return ready
    ? { risk: 'low', reasonCode: 'planned', reason: `计划 ${when} ${verb.zh} / planned to ${verb.en} ${when}` }
    : { risk: 'low', reasonCode: 'planned-not-ready', reason: `计划 ${when} ${verb.zh}，${pre.zh} / planned to ${verb.en} ${when}, ${pre.en}` };
}

const wan = (yuan: number) => (yuan / YUAN_PER_WAN).toLocaleString('zh-CN', { maximumFractionDigits: 2 });
const pct = (share: number) => (Math.round(share * 1000) / 10).toFixed(1);

/**
 * A project behind its own investment 序时 (本年计划投资 × the share due by now), or null when it
 * is on pace. More than 20 points behind, or nothing invested while something is due, is high.
 */
export function investmentRisk(p: { annualPlanInvestment: number; ytdInvestment: number | null }, share: number): RiskVerdict | null {
  if (p.annualPlanInvestment <= 0 || share <= 0) return null;
  const done = p.ytdInvestment ?? 0;
  if (done <= 0) {
    return { risk: 'high', reasonCode: 'no-investment', reason: `年度计划投资 ${wan(p.annualPlanInvestment)} 万元，尚未完成投资 / plans ${wan(p.annualPlanInvestment)} 万元 this year; nothing invested yet` };
  }
  const rate = done / p.annualPlanInvestment;
  const gap = (rate - share) * 100;
  if (gap >= 0) return null;
  return {
    risk: gap < -20 ? 'high' : 'medium',
    reasonCode: 'investment-behind',
    reason: `完成年度计划的 ${pct(rate)}%，低于序时 ${pct(share)}% / ${pct(rate)} % of the annual plan done, below the ${pct(share)} % due by now`,
  };
}

const RISK_ORDER: Record<RiskLevel, number> = { high: 0, medium: 1, low: 2 };

/** Highest risk first, then the earliest planned date, then by name. */
export function byRisk<T extends { risk: RiskLevel; plannedDate: string | null; name: string }>(a: T, b: T): number {
  return RISK_ORDER[a.risk] - RISK_ORDER[b.risk] || (a.plannedDate ?? '').localeCompare(b.plannedDate ?? '') || a.name.localeCompare(b.name, 'zh-Hans-CN');
}
