import { compareLedgerDates, type LedgerDate } from './ledger-dates.js';
import type { LedgerStage } from './ledger-enums.js';
import type { DateKey, FieldKey } from './ledger-fields.js';
import { makeIssue, yuanAsWan, type LedgerIssue } from './ledger-issues.js';
import type { LedgerValues, ResolvedColumn } from './ledger-values.js';

/**
 * Rules that need only the row itself (duplicates and subtotals are in ledger-parse.ts):
 * - 本年累计完成 / 年度计划 / 固定资产投资 larger than 总投资 → warning;
 * - a 完成率 column that disagrees with 本年累计完成 ÷ 年度计划 by more than one point → warning;
 * - a project at the 开工 stage (from its stage column or its section, e.g. "三、新开工项目") with
 *   no actual start date → warning 'started-without-start-date';
 * - planned (or actual) 签约 ≤ 开工 ≤ 竣工 ≤ 投产 → warning when out of order.
 */
export interface ValidateContext {
  columns: readonly ResolvedColumn[];
  sectionStage: LedgerStage | null;
  sectionTitle: string | null;
}

const ORDER_SETS: ReadonlyArray<ReadonlyArray<readonly [DateKey, string, string]>> = [
  [
    ['plannedSignDate', '计划签约时间', 'planned signing'],
    ['plannedStartDate', '计划开工时间', 'planned start'],
    ['plannedCompletionDate', '计划竣工时间', 'planned completion'],
    ['plannedOperationDate', '计划投产时间', 'planned operation'],
  ],
  [
    ['actualSignDate', '实际签约时间', 'actual signing'],
    ['actualStartDate', '实际开工时间', 'actual start'],
    ['actualCompletionDate', '实际竣工时间', 'actual completion'],
    ['actualOperationDate', '实际投产时间', 'actual operation'],
  ],
];

export function validateRow(rowNumber: number, values: LedgerValues, ctx: ValidateContext, issues: LedgerIssue[]): void {
  const at = (field: FieldKey): { row: number; column: string | null; field: FieldKey } => ({
    row: rowNumber,
    column: ctx.columns.find((c) => c.field === field || c.auto?.actual === field || c.auto?.planned === field)?.letter ?? null,
    field,
  });
  const total = values.totalInvestment;
  if (total !== undefined) {
    if (values.ytdInvestment !== undefined && values.ytdInvestment > total) issues.push(makeIssue('ytd-exceeds-total', at('ytdInvestment'), { ytd: yuanAsWan(values.ytdInvestment), total: yuanAsWan(total) }));
    if (values.sinceStartInvestment !== undefined && values.sinceStartInvestment > total) issues.push(makeIssue('since-start-exceeds-total', at('sinceStartInvestment'), { since: yuanAsWan(values.sinceStartInvestment), total: yuanAsWan(total) }));
    if (values.annualPlanInvestment !== undefined && values.annualPlanInvestment > total) issues.push(makeIssue('plan-exceeds-total', at('annualPlanInvestment'), { plan: yuanAsWan(values.annualPlanInvestment), total: yuanAsWan(total) }));
    if (values.fixedAssetInvestment !== undefined && values.fixedAssetInvestment > total) issues.push(makeIssue('fixed-exceeds-total', at('fixedAssetInvestment'), { fixed: yuanAsWan(values.fixedAssetInvestment), total: yuanAsWan(total) }));
  }
  if (values.ytdInvestment !== undefined && values.sinceStartInvestment !== undefined && values.ytdInvestment > values.sinceStartInvestment) {
    issues.push(makeIssue('ytd-exceeds-since-start', at('ytdInvestment'), { ytd: yuanAsWan(values.ytdInvestment), since: yuanAsWan(values.sinceStartInvestment) }));
  }
  const rate = values.annualCompletionRate;
  if (rate !== undefined && values.ytdInvestment !== undefined && values.annualPlanInvestment !== undefined && values.annualPlanInvestment > 0) {
    const computed = Math.round((values.ytdInvestment / values.annualPlanInvestment) * 10_000);
    if (Math.abs(computed - rate) > 100) issues.push(makeIssue('completion-rate-mismatch', at('annualCompletionRate'), { rate: `${rate / 100}%`, computed: `${computed / 100}%` }));
  }
  if (values.stage === 'construction' && values.actualStartDate === undefined) {
    const bySection = ctx.sectionStage === 'construction' && ctx.sectionTitle;
    const reason = bySection ? `分组“${ctx.sectionTitle}”` : '阶段列';
    const reasonEn = bySection ? `section "${ctx.sectionTitle}"` : 'stage column';
    issues.push(makeIssue('started-without-start-date', at('actualStartDate'), { reason, reasonEn }));
  }
  for (const set of ORDER_SETS) {
    // Each date against the next one present; one issue per set at most.
    for (let i = 0; i < set.length; i++) {
      const [ka, la, ea] = set[i] as readonly [DateKey, string, string];
      const a = values[ka];
      const later = a ? set.slice(i + 1).find(([kb]) => values[kb] !== undefined) : undefined;
      if (!a || !later) continue;
      const [kb, lb, eb] = later;
      const b = values[kb] as LedgerDate;
      if (compareLedgerDates(a, b) > 0) {
        issues.push(makeIssue('dates-out-of-order', at(kb), { first: la, firstEn: ea, second: lb, secondEn: eb, a: a.value, b: b.value }));
        break;
      }
    }
  }
}
