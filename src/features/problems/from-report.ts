import { chinaDate } from '../../core/business-date.js';
import { PROBLEM_CATEGORY_LABELS } from '../../core/schemas/reports.schema.js';
import { addCalendarDays } from '../../core/schedule/working-days.js';
import type { ProblemsRaisedHandler } from '../reports/reports.service.js';
import type { Deps } from '../shared/context.js';
import type { ProblemsService } from './problems.service.js';

/** A problem raised in a report is due this many calendar days after acceptance, until the coordinator sets its deadline. */
export const RAISED_PROBLEM_DAYS = 14;

/**
 * 进展填报 → 问题清单: when 项目办 accepts a report, each problem it raised becomes a 问题 item
 * of the project, worked by the reporting unit under the project's 包挂领导, in the same
 * transaction (accepting twice cannot happen, so neither can duplicates). The report's category
 * maps to the 问题清单 category of the same Chinese name; one the deployment has renamed files
 * under the last category (其他 by default).
 */
export function problemsFromReports(deps: Deps, problems: ProblemsService): ProblemsRaisedHandler {
  return async (trx, actor, report, raised) => {
    const { categories } = await problems.categories(trx);
    const leader = await trx
      .selectFrom('projects')
      .innerJoin('users', 'users.id', 'projects.leaderUserId')
      .select('users.id')
      .where('projects.id', '=', report.projectId)
      .where('users.disabled', '=', 0)
      .executeTakeFirst();
    const deadline = addCalendarDays(chinaDate(deps.clock.now()), RAISED_PROBLEM_DAYS);
    for (const p of raised) {
      await problems.createWithin(trx, actor, {
        projectId: report.projectId,
        scopeUnitId: null,
        category: categories.includes(PROBLEM_CATEGORY_LABELS[p.category].zh) ? PROBLEM_CATEGORY_LABELS[p.category].zh : categories[categories.length - 1]!,
        description: p.description,
        raisedBy: `${report.period} 进展填报`,
        leaderId: leader?.id ?? null,
        unitId: report.unitId,
        ownerUserId: null,
        supportingUnitIds: [],
        deadline,
      });
    }
  };
}
