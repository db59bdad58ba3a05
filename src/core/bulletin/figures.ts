import { investmentProgress, rankUnits, rollUpToChildren, type InvestmentProgress } from '../dashboard/investment.js';
import { pacedProgress } from '../goals/goal-progress.js';
import type { MetricProgress } from '../schemas/goals.schema.js';
import { timeProgressShare, type PlanCurve } from '../schedule/time-progress.js';

/**
 * 调度通报 figures (domain.md §3), pure. The service feeds already-aggregated rows — sums per
 * lead unit, flow counts, light and problem counts, short project lists — so a 50,000-project
 * county never travels into JS; this function turns them into what the bulletin prints:
 * investment against 序时, the month's and the year's starts and completions against targets,
 * the unit ranking, the light lists, 十快/十慢, the problems and the template sentences of
 * 下一步工作. Money is integer 元.
 */

/** The flows a bulletin reports: 签约 / 开工 / 竣工 / 投产. */
export const BULLETIN_FLOWS = ['sign', 'start', 'complete', 'operate'] as const;
export type BulletinFlow = (typeof BULLETIN_FLOWS)[number];
export const FLOW_NAMES: Record<BulletinFlow, string> = { sign: '签约', start: '开工', complete: '竣工', operate: '投产' };

/** One project as the bulletin lists it (light lists, 十快十慢, the annex). */
export interface BulletinProject {
  id: string;
  name: string;
  unitName: string;
  stage: string;
  plan: number;
  completed: number;
  light: 'red' | 'yellow' | 'green' | null;
  /** Why it is red or yellow, worded (from the light's reasons). */
  reason?: string | null;
  actualStartDate?: string | null;
  actualCompletionDate?: string | null;
}

export interface BulletinInput {
  /** YYYY-MM: the month reported (1–M月 figures). */
  month: string;
  /** YYYY-MM-DD: the day the figures were read (stocks and open problems are as of then). */
  asOf: string;
  unit: { id: string; name: string; path: string };
  /** The units ranked: the bulletin unit's children (or, without any, the lead units themselves). */
  rankGroups: { id: string; name: string; path: string }[];
  /** Path the ranked groups hang under ('' when the lead units are ranked themselves). */
  rankParentPath: string;
  /** Sums per lead unit in the subtree (live projects). */
  leadUnits: { path: string; plan: number; completed: number; projects: number; red: number; yellow: number }[];
  /** Distinct projects entering each stage in the month, and from 1 January to the month's end. */
  flows: Record<BulletinFlow, { month: number; ytd: number }>;
  /** The unit's annual goal, if one is set. */
  targets: (Record<BulletinFlow, number | null> & { investment: number | null; quarters?: number[] | null }) | null;
  planCurve?: PlanCurve | null;
  lights: { counts: { red: number; yellow: number; green: number }; red: BulletinProject[]; yellow: BulletinProject[] };
  fast: BulletinProject[];
  slow: BulletinProject[];
  problems: {
    newThisMonth: number;
    closedThisMonth: number;
    open: number;
    overdue: number;
    byCategory: { category: string; newThisMonth: number; closedThisMonth: number; open: number; overdue: number }[];
  };
  /** Annex rows (already capped) and how many qualified in all. */
  annex: { rows: BulletinProject[]; total: number };
}

export interface UnitRank {
  unitId: string;
  name: string;
  rank: number | null;
  progress: InvestmentProgress;
  red: number;
  yellow: number;
}

export interface BulletinFigures {
  month: string;
  year: number;
  /** Months 1..M reported. */
  months: number;
  asOf: string;
  unit: { id: string; name: string };
  investment: InvestmentProgress;
  flows: Record<BulletinFlow, { month: number; ytd: number; progress: MetricProgress }>;
  ranking: UnitRank[];
  lights: BulletinInput['lights'];
  fast: (BulletinProject & { rate: number | null })[];
  slow: (BulletinProject & { rate: number | null })[];
  problems: BulletinInput['problems'];
  annex: BulletinInput['annex'];
  /** 下一步工作: one sentence per concern the data shows. */
  nextSteps: string[];
}

const rate = (p: { plan: number; completed: number }) => (p.plan > 0 ? Math.round((p.completed / p.plan) * 1000) / 10 : null);
const names = (ps: readonly { name: string }[], max = 5) => ps.slice(0, max).map((p) => p.name).join('、') + (ps.length > max ? '等' : '');

export function bulletinFigures(d: BulletinInput): BulletinFigures {
  const year = Number(d.month.slice(0, 4));
  const months = Number(d.month.slice(5, 7));
  const share = timeProgressShare(months, d.planCurve);
  const totals = d.leadUnits.reduce((s, r) => ({ plan: s.plan + r.plan, completed: s.completed + r.completed, projects: s.projects + r.projects }), { plan: 0, completed: 0, projects: 0 });
  const investment = investmentProgress(totals, share);

  const flows = {} as BulletinFigures['flows'];
  for (const f of BULLETIN_FLOWS) {
    const target = d.targets?.[f] ?? null;
    flows[f] = { ...d.flows[f], progress: pacedProgress(f, target, d.flows[f].ytd, months, { quarters: d.targets?.quarters ?? null }) };
  }

  // Yellow counts ride along the red ones through the same roll-up.
  const rows = d.leadUnits.map((r) => ({ ...r }));
  const reds = rollUpToChildren(rows, d.rankParentPath, d.rankGroups);
  const yellows = rollUpToChildren(rows.map((r) => ({ ...r, red: r.yellow })), d.rankParentPath, d.rankGroups);
  // Units without projects in scope have nothing to rank (a county office has dozens of such units).
  const ranking = rankUnits(reds.map((c, i) => ({ unitId: c.unitId, name: c.name, red: c.red, yellow: yellows[i]!.red, progress: investmentProgress(c.sums, share) })).filter((u) => u.progress.projects > 0));

  const nextSteps: string[] = [];
  const behind = ranking.filter((u) => u.progress.gapPoints !== null && u.progress.gapPoints < 0);
  if (investment.gapPoints !== null && investment.gapPoints < 0) {
    nextSteps.push(`全力追赶投资进度。目前年度投资完成率低于序时进度${Math.abs(investment.gapPoints).toFixed(1)}个百分点，${behind.length ? `${names(behind)}要` : '各单位要'}对照年度计划倒排工期、挂图作战，确保年底前完成年度投资任务。`);
  } else if (investment.rate !== null) {
    nextSteps.push(`保持投资强度。目前年度投资完成率超过序时进度，各单位要巩固良好势头，推动项目多形成实物工作量。`);
  }
  const lagging = BULLETIN_FLOWS.filter((f) => flows[f].progress.status === 'behind');
  if (lagging.length) {
    nextSteps.push(`加快项目${lagging.map((f) => FLOW_NAMES[f]).join('、')}。${lagging.map((f) => `${FLOW_NAMES[f]}${flows[f].ytd}个，距序时目标${flows[f].progress.expected}个尚有差距`).join('；')}，各责任单位要逐个项目明确时间节点，推动早${lagging.map((f) => FLOW_NAMES[f]).join('、早')}。`);
  }
  if (d.lights.counts.red + d.lights.counts.yellow > 0) {
    nextSteps.push(`抓好亮灯项目整改。本月红灯项目${d.lights.counts.red}个、黄灯项目${d.lights.counts.yellow}个，${d.lights.red.length ? `红灯项目（${names(d.lights.red)}）` : '亮灯项目'}的责任单位要分析原因、制定整改措施，项目办将跟踪督办，连续亮灯的提请县领导约谈。`);
  }
  if (d.problems.open > 0) {
    nextSteps.push(`加大问题协调力度。目前尚有${d.problems.open}个问题未销号，其中${d.problems.overdue}个已超期，责任单位要按照问题清单、责任清单限时办结，超期问题按督办程序逐级提级。`);
  }
  nextSteps.push('压实工作责任。各单位要按时报送项目进展，确保数据真实准确，项目办将每月通报推进情况。');

  return {
    month: d.month,
    year,
    months,
    asOf: d.asOf,
    unit: { id: d.unit.id, name: d.unit.name },
    investment,
    flows,
    ranking,
    lights: d.lights,
    fast: d.fast.map((p) => ({ ...p, rate: rate(p) })),
    slow: d.slow.map((p) => ({ ...p, rate: rate(p) })),
    problems: d.problems,
    annex: d.annex,
    nextSteps,
  };
}
