import { formatYi } from '../money.js';

/**
 * 汇报材料 (a briefing draft for a meeting like the 经济区重大项目情况汇报会): plain official prose
 * built from figures by fixed templates — no external service, nothing invented. Each function
 * turns one part of the facts into sentences; src/documents/briefing.ts lays them out. The draft
 * is meant to be edited afterwards, so it states figures plainly and leaves judgement to people.
 */

export interface BriefingProject {
  name: string;
  unit: string;
  /** The planned date the project is pushed towards (YYYY-MM-DD), or the actual date of a recent event. */
  date: string | null;
  /** 元 */
  investment: number | null;
}

/** One goal metric: actual against target and 序时 (expected by now). */
export interface BriefingMetric {
  actual: number | null;
  target: number | null;
  expected: number | null;
  status: 'ahead' | 'behind' | 'none';
}

export interface BriefingProblem {
  projectName: string | null;
  category: string;
  description: string;
  unit: string;
  person: string | null;
  leader: string | null;
  deadline: string;
  /** 0 = not escalated; otherwise the ladder's level and its name (分管领导 …). */
  escalationLevel: number;
  levelName: string | null;
  overdueDays: number;
}

export interface BriefingFacts {
  unitName: string;
  /** YYYY-MM-DD: the 成文日期 (the meeting the draft is for), which anchors the recent and near windows. */
  date: string;
  /** YYYY-MM-DD the figures are as of (today when generated); defaults to `date`. */
  asOf?: string;
  /** Days back that count as "recently" for signings, starts and completions. */
  recentDays: number;
  stock: Record<'reserve' | 'negotiating' | 'signed' | 'construction' | 'completed' | 'operating', { count: number; totalInvestment: number }>;
  /** Year flows against the unit's goal (签约/开工/竣工/投产). */
  flows: Record<'sign' | 'start' | 'complete' | 'operate', BriefingMetric>;
  pools: Record<'negotiatingPool' | 'reservePool', BriefingMetric>;
  investment: { plan: number; completed: number; rate: number | null; expected: number; gapPoints: number | null };
  /** Units below the one reported on, by 完成率 best first (those with a plan). */
  units: { name: string; rate: number | null; gapPoints: number | null }[];
  recent: { signed: BriefingProject[]; started: BriefingProject[]; completed: BriefingProject[] };
  push: { toSign: BriefingProject[]; toStart: BriefingProject[]; toFinish: BriefingProject[] };
  problems: BriefingProblem[];
}

const FLOW_NAMES = { sign: '签约', start: '开工', complete: '竣工', operate: '投产' } as const;

/** 元 → "12.35亿元"; small sums in 万元 so a 500万 project does not read as 0.05亿元. */
export function money(yuan: number): string {
  return Math.abs(yuan) >= 100_000_000 ? `${formatYi(yuan)}亿元` : `${(yuan / 10_000).toLocaleString('zh-CN', { maximumFractionDigits: 0 })}万元`;
}

/** "2026年6月" from YYYY-MM-DD (a planned date reads as a month in prose). */
export const monthOf = (iso: string) => `${iso.slice(0, 4)}年${Number(iso.slice(5, 7))}月`;

/** "A、B" or, past `max` names, "A、B、C等5个项目". */
export function nameList(names: string[], max = 3): string {
  if (names.length === 0) return '';
  const shown = names.slice(0, max).join('、');
  return names.length > max ? `${shown}等${names.length}个项目` : shown;
}

/** 2026-05-12 → 2026年5月12日 (as 成文日期 are written; core does not depend on src/documents). */
export const chineseDate = (iso: string) => `${iso.slice(0, 4)}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;

const pct = (n: number) => `${Number(n.toFixed(1))}%`;
const points = (n: number) => `${Number(Math.abs(n).toFixed(1))}个百分点`;

/** 一、总体情况: stock, year flows against targets and 序时, investment against plan and 序时, units. */
export function situationParagraphs(f: BriefingFacts): string[] {
  const s = f.stock;
  const active = (['reserve', 'negotiating', 'signed', 'construction', 'completed', 'operating'] as const).reduce((a, k) => a + s[k].count, 0);
  const total = (['reserve', 'negotiating', 'signed', 'construction', 'completed', 'operating'] as const).reduce((a, k) => a + s[k].totalInvestment, 0);
  const out = [
    `截至${chineseDate(f.asOf ?? f.date)}，${f.unitName}纳入调度的重大项目共${active}个，总投资${money(total)}。其中，储备${s.reserve.count}个、在谈${s.negotiating.count}个、签约待开工${s.signed.count}个、开工在建${s.construction.count}个、竣工${s.completed.count}个、投产${s.operating.count}个。`,
  ];

  const flowSentences = (Object.keys(FLOW_NAMES) as (keyof typeof FLOW_NAMES)[]).map((k) => {
    const m = f.flows[k];
    const actual = m.actual ?? 0;
    if (m.target === null || m.target === 0) return `${FLOW_NAMES[k]}${actual}个`;
    const state = m.status === 'ahead' ? '达到序时进度' : `低于序时进度（序时应完成${m.expected ?? 0}个）`;
    return `${FLOW_NAMES[k]}${actual}个，完成年度目标${m.target}个的${pct((actual / m.target) * 100)}，${state}`;
  });
  out.push(`今年以来，${flowSentences.join('；')}。`);

  const pools = (['negotiatingPool', 'reservePool'] as const)
    .filter((k) => f.pools[k].target)
    .map((k) => {
      const m = f.pools[k];
      const name = k === 'negotiatingPool' ? '在谈' : '储备';
      return `${name}项目${m.actual ?? 0}个，${m.status === 'ahead' ? '达到' : '未达到'}保有${m.target}个的目标`;
    });
  if (pools.length) out.push(`项目梯次方面，${pools.join('，')}。`);

  const inv = f.investment;
  if (inv.plan > 0 && inv.rate !== null && inv.gapPoints !== null) {
    const vs = inv.gapPoints >= 0 ? `高于序时进度（${pct(inv.expected)}）${points(inv.gapPoints)}` : `低于序时进度（${pct(inv.expected)}）${points(inv.gapPoints)}`;
    out.push(`年度计划投资${money(inv.plan)}，累计完成${money(inv.completed)}，完成率${pct(inv.rate)}，${inv.gapPoints === 0 ? `与序时进度（${pct(inv.expected)}）持平` : vs}。`);
  } else {
    out.push(`本年度尚未下达计划投资，累计完成投资${money(inv.completed)}。`);
  }

  const ranked = f.units.filter((u) => u.rate !== null);
  if (ranked.length >= 2) {
    const top = ranked.slice(0, Math.min(2, ranked.length - 1)).map((u) => `${u.name}（${pct(u.rate!)}）`);
    const behind = ranked.filter((u) => (u.gapPoints ?? 0) < 0).slice(-3).map((u) => `${u.name}（${pct(u.rate!)}）`);
    out.push(`分单位看，${top.join('、')}完成率居前${behind.length ? `；${behind.join('、')}低于序时进度，需加快推进` : '，各单位均达到序时进度'}。`);
  }
  return out;
}

/** 二、主要成效: what was signed, started and completed in the last `recentDays` days. */
export function goodNewsParagraphs(f: BriefingFacts): string[] {
  const parts: string[] = [];
  const add = (list: BriefingProject[], verb: string) => {
    if (!list.length) return;
    const inv = list.reduce((a, p) => a + (p.investment ?? 0), 0);
    parts.push(`${nameList(list.map((p) => p.name))}${verb}${inv > 0 ? `，总投资${money(inv)}` : ''}`);
  };
  add(f.recent.signed, '成功签约');
  add(f.recent.started, '开工建设');
  add(f.recent.completed, '竣工');
  if (!parts.length) return [`近${f.recentDays}天内没有新签约、新开工或竣工的项目，需进一步加大推进力度。`];
  return [`近${f.recentDays}天来，${parts.join('；')}。项目推进总体呈现良好势头。`];
}

/** 三、重点推进项目: one paragraph per list (to sign, to start, to finish), null when the list is empty. */
export function pushParagraphs(f: BriefingFacts): { heading: string; text: string }[] {
  const line = (p: BriefingProject, verb: string) => `${p.name}（${p.unit}${p.date ? `，计划${monthOf(p.date)}${verb}` : ''}）`;
  const out: { heading: string; text: string }[] = [];
  if (f.push.toSign.length)
    out.push({
      heading: '推动在谈项目尽快签约',
      text: `${f.push.toSign.map((p) => line(p, '签约')).join('、')}已进入签约窗口。要掌握好谈判底线，尽快解决制约项目落户的用地、规划、配套等问题，细化敲定合作协议，确保按期签约。`,
    });
  if (f.push.toStart.length)
    out.push({
      heading: '力促签约项目早日开工',
      text: `${f.push.toStart.map((p) => line(p, '开工')).join('、')}计划近期开工。要明确专人帮办立项、用地、规划、施工许可等手续，做好开工前各项准备，确保按期开工。`,
    });
  if (f.push.toFinish.length)
    out.push({
      heading: '加快在建项目竣工投产',
      text: `${f.push.toFinish.map((p) => line(p, '竣工')).join('、')}计划年内竣工。要按照序时进度和时间节点倒排工期，协调解决施工中的矛盾和问题，确保早日建成投产。`,
    });
  if (!out.length) out.push({ heading: '项目推进安排', text: '近期没有计划签约、开工或竣工的项目，要加强项目谋划储备和跟踪洽谈，充实项目梯次。' });
  return out;
}

/** 四、存在问题: each open problem with its owners, deadline and escalation level. */
export function problemParagraphs(f: BriefingFacts): string[] {
  if (!f.problems.length) return ['目前没有未解决的问题。'];
  const overdue = f.problems.filter((p) => p.overdueDays > 0).length;
  const lead = `目前尚有${f.problems.length}个问题未解决${overdue ? `，其中${overdue}个已超过解决时限` : ''}，主要是：`;
  return [
    lead,
    ...f.problems.map((p, i) => {
      const owners = [`责任单位${p.unit}`, p.person ? `责任人${p.person}` : null, p.leader ? `责任领导${p.leader}` : null].filter(Boolean).join('，');
      const when = p.overdueDays > 0 ? `原定${chineseDate(p.deadline)}前解决，已逾期${p.overdueDays}天` : `${chineseDate(p.deadline)}前解决`;
      const level = p.escalationLevel > 0 ? `，已升级至${p.levelName ?? `第${p.escalationLevel}级`}督办` : '';
      return `${i + 1}.${p.projectName ? `${p.projectName}：` : ''}${p.description.replace(/[。；;.]$/, '')}（${p.category}）。${owners}，${when}${level}。`;
    }),
  ];
}

/** 五、下步工作: proposals that follow from the figures (behind 序时, lists to push, problems escalated). */
export function nextStepParagraphs(f: BriefingFacts): string[] {
  const out: string[] = [];
  const behindFlows = (Object.keys(FLOW_NAMES) as (keyof typeof FLOW_NAMES)[]).filter((k) => f.flows[k].status === 'behind').map((k) => FLOW_NAMES[k]);
  if ((f.investment.gapPoints ?? 0) < 0 || behindFlows.length) {
    const what = [...behindFlows.map((n) => `${n}`), ...((f.investment.gapPoints ?? 0) < 0 ? ['投资'] : [])].join('、');
    out.push(`对照年度目标和序时进度，${what}进度滞后。要逐项目分析原因，倒排计划、挂图作战，确保按序时进度推进。`);
  }
  const pushCount = f.push.toSign.length + f.push.toStart.length + f.push.toFinish.length;
  if (pushCount) out.push(`对上述${pushCount}个重点推进项目，实行一个项目、一名领导、一个专班、一套方案，每周调度、每月通报，确保签约一批、开工一批、竣工一批。`);
  const high = f.problems.filter((p) => p.escalationLevel >= 2);
  if (high.length) out.push(`对${high.length}个已升级的问题，提请县领导专题协调，明确责任和时限，限期销号。`);
  else if (f.problems.length) out.push(`对${f.problems.length}个未解决问题，落实问题清单、责任清单，逾期未解决的按程序升级督办。`);
  out.push('强化要素保障和调度督办，对进度滞后、问题久拖未决的，按规定予以通报、约谈。');
  return out;
}
