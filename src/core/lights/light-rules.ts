import { z } from 'zod';

/**
 * 亮灯预警 rules as data. A rule belongs to one dimension, raises one colour (its severity) and
 * reads its own thresholds; coordinators may change thresholds, switch rules off, or add a
 * second rule of the same kind with other figures. A project's light is the worst colour any
 * enabled rule raises (green when none does), and every raised rule says why, with its figures.
 *
 * Defaults follow domain.md §3 (银川 2025, 海口/江东): investment vs 序时, start, 统计入库 after
 * start, milestones, problems past deadline, missing or late reports, two yellows in a row.
 */
export const LIGHT_COLORS = ['green', 'yellow', 'red'] as const;
export type LightColor = (typeof LIGHT_COLORS)[number];
export type Severity = Exclude<LightColor, 'green'>;

export const LIGHT_COLOR_NAMES: Record<LightColor, { zh: string; en: string }> = {
  green: { zh: '绿灯', en: 'Green' },
  yellow: { zh: '黄灯', en: 'Yellow' },
  red: { zh: '红灯', en: 'Red' },
};

/**
 * What each rule kind measures, and the thresholds it reads (all non-negative integers):
 * - investment-lag: 年度完成率 below 序时 by at least `minPoints` and at most `maxPoints` 百分点
 *   (maxPoints absent = no upper bound); the gap is rounded to 0.1 point first, as reports print
 *   it, so "more than 30" is minPoints 30.1 and no gap falls between two rules;
 * - start-late: not started `afterMonths` months after the planned start month has ended;
 * - stats-late: started, not 统计入库 `afterMonths` months after the actual start;
 * - milestone-due: an open milestone not yet started that is due within `withinDays` days;
 * - milestone-overdue: an open milestone at least `overdueDays` days past its planned date (0 = any);
 * - problem-overdue: an open problem at least `overdueDays` days past its deadline;
 * - report-missing: the last `rounds` report rounds all missing or late (`lateCounts` 1 = late
 *   reports count as missing, 0 = only missing ones count);
 * - yellow-streak: yellow now and yellow in each of the previous `months` months.
 */
export const RULE_KINDS = [
  'investment-lag',
  'start-late',
  'stats-late',
  'milestone-due',
  'milestone-overdue',
  'problem-overdue',
  'report-missing',
  'yellow-streak',
] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export const RULE_KIND_DIMENSION: Record<RuleKind, LightDimension> = {
  'investment-lag': 'investment',
  'start-late': 'start',
  'stats-late': 'statistics',
  'milestone-due': 'milestone',
  'milestone-overdue': 'milestone',
  'problem-overdue': 'problem',
  'report-missing': 'report',
  'yellow-streak': 'trend',
};

/** The thresholds each kind needs (non-negative; only investment points take one decimal); a rule missing one is refused when saved. */
export const RULE_KIND_THRESHOLDS: Record<RuleKind, readonly string[]> = {
  'investment-lag': ['minPoints'],
  'start-late': ['afterMonths'],
  'stats-late': ['afterMonths'],
  'milestone-due': ['withinDays'],
  'milestone-overdue': ['overdueDays'],
  'problem-overdue': ['overdueDays'],
  'report-missing': ['rounds', 'lateCounts'],
  'yellow-streak': ['months'],
};

export const LIGHT_DIMENSIONS = ['investment', 'start', 'statistics', 'milestone', 'problem', 'report', 'trend'] as const;
export type LightDimension = (typeof LIGHT_DIMENSIONS)[number];

export const LIGHT_DIMENSION_NAMES: Record<LightDimension, { zh: string; en: string }> = {
  investment: { zh: '投资进度', en: 'Investment' },
  start: { zh: '开工', en: 'Start' },
  statistics: { zh: '统计入库', en: 'Statistics entry' },
  milestone: { zh: '节点', en: 'Milestones' },
  problem: { zh: '问题', en: 'Problems' },
  report: { zh: '填报', en: 'Reports' },
  trend: { zh: '连续预警', en: 'Trend' },
};

export const lightRuleSchema = z
  .object({
    code: z.string().trim().regex(/^[A-Z][A-Z0-9-]{1,31}$/, { message: '规则编码为2–32位大写字母、数字或连字符 / code: 2–32 capital letters, digits or hyphens' }),
    name: z.string().trim().min(1).max(60),
    kind: z.enum(RULE_KINDS),
    severity: z.enum(['yellow', 'red']),
    enabled: z.boolean(),
    thresholds: z.record(z.string(), z.number().min(0).max(10_000)),
  })
  .superRefine((rule, ctx) => {
    for (const key of RULE_KIND_THRESHOLDS[rule.kind]) {
      if (rule.thresholds[key] === undefined) {
        ctx.addIssue({ code: 'custom', path: ['thresholds', key], message: `缺少阈值 ${key} / threshold ${key} is required` });
      }
    }
    for (const [key, value] of Object.entries(rule.thresholds)) {
      const decimals = rule.kind === 'investment-lag' ? 10 : 1;
      if (!Number.isInteger(Math.round(value * decimals * 1e6) / 1e6)) {
        ctx.addIssue({ code: 'custom', path: ['thresholds', key], message: decimals === 10 ? '百分点最多一位小数 / at most one decimal' : '阈值须为整数 / must be a whole number' });
      }
    }
    const { minPoints, maxPoints } = rule.thresholds;
    if (rule.kind === 'investment-lag' && maxPoints !== undefined && minPoints !== undefined && maxPoints < minPoints) {
      ctx.addIssue({ code: 'custom', path: ['thresholds', 'maxPoints'], message: '上限不能小于下限 / maxPoints must not be below minPoints' });
    }
  });
export type LightRule = z.infer<typeof lightRuleSchema>;

export const lightRulesSchema = z.array(lightRuleSchema).max(50).superRefine((rules, ctx) => {
  const seen = new Set<string>();
  rules.forEach((r, i) => {
    if (seen.has(r.code)) ctx.addIssue({ code: 'custom', path: [i, 'code'], message: `规则编码重复：${r.code} / duplicate rule code ${r.code}` });
    seen.add(r.code);
  });
});

/** The shipped rule set (domain.md §3). The 0–10 point band below 序时 stays green, as in 银川. */
export const DEFAULT_LIGHT_RULES: readonly LightRule[] = [
  { code: 'INV-Y', name: '投资低于序时10–30个百分点', kind: 'investment-lag', severity: 'yellow', enabled: true, thresholds: { minPoints: 10, maxPoints: 30 } },
  { code: 'INV-R', name: '投资低于序时30个百分点以上', kind: 'investment-lag', severity: 'red', enabled: true, thresholds: { minPoints: 30.1 } },
  { code: 'START-Y', name: '过计划开工月份未开工', kind: 'start-late', severity: 'yellow', enabled: true, thresholds: { afterMonths: 0 } },
  { code: 'START-R', name: '超计划开工月份3个月未开工', kind: 'start-late', severity: 'red', enabled: true, thresholds: { afterMonths: 3 } },
  { code: 'STAT-Y', name: '开工1个月未入库', kind: 'stats-late', severity: 'yellow', enabled: true, thresholds: { afterMonths: 1 } },
  { code: 'STAT-R', name: '开工2个月未入库', kind: 'stats-late', severity: 'red', enabled: true, thresholds: { afterMonths: 2 } },
  { code: 'MS-Y', name: '节点7天内到期未启动', kind: 'milestone-due', severity: 'yellow', enabled: true, thresholds: { withinDays: 7 } },
  { code: 'MS-R', name: '节点逾期', kind: 'milestone-overdue', severity: 'red', enabled: true, thresholds: { overdueDays: 1 } },
  { code: 'PROB-Y', name: '问题超期未解决', kind: 'problem-overdue', severity: 'yellow', enabled: true, thresholds: { overdueDays: 1 } },
  { code: 'PROB-R', name: '问题超期30天未解决', kind: 'problem-overdue', severity: 'red', enabled: true, thresholds: { overdueDays: 30 } },
  { code: 'REP-Y', name: '进展迟报或漏报', kind: 'report-missing', severity: 'yellow', enabled: true, thresholds: { rounds: 1, lateCounts: 1 } },
  { code: 'REP-R', name: '连续两期未报', kind: 'report-missing', severity: 'red', enabled: true, thresholds: { rounds: 2, lateCounts: 0 } },
  { code: 'TREND-R', name: '连续两月黄灯转红灯', kind: 'yellow-streak', severity: 'red', enabled: true, thresholds: { months: 1 } },
];
