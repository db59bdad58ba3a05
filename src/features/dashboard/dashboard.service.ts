import { chinaDate } from '../../core/business-date.js';
import { investmentProgress, rankUnits, rollUpToChildren } from '../../core/dashboard/investment.js';
import { splitProjectSums } from '../../core/dashboard/project-sums.js';
import type { Dashboard, DashboardQuery } from '../../core/schemas/dashboard.schema.js';
import { elapsedMonths, timeProgressShare } from '../../core/schedule/time-progress.js';
import type { GoalsService } from '../goals/goals.service.js';
import type { LightsQueries } from '../lights/lights.queries.js';
import type { DispatchSettingsService } from '../problems/dispatch-settings.service.js';
import { scopeOf, type ProjectsService } from '../projects/projects.service.js';
import type { Actor, Deps } from '../shared/context.js';
import { unitInView } from '../units/unit-in-view.js';
import { unitsRepository } from '../units/units.repository.js';
import { dashboardRepository, type DashboardView } from './dashboard.repository.js';

/** Rows in each list of the cockpit (十快/十慢 are ten by name). */
const LIST_SIZE = 10;
const n = (v: unknown) => Number(v ?? 0);

/** 驾驶舱: one request gathers every figure of the leaders' screen for a unit subtree and period. */
export function createDashboardService(deps: Deps, projects: ProjectsService, goals: GoalsService, lightQueries: LightsQueries, dispatchSettings: DispatchSettingsService) {
  return {
    async get(actor: Actor, q: DashboardQuery): Promise<Dashboard> {
      const db = deps.db;
      const today = chinaDate(deps.clock.now());
      const year = Number(today.slice(0, 4));
      const unit = await unitInView(db, actor, q.unit);
      const view: DashboardView = { scope: scopeOf(actor), unitPath: q.unit ? unit.path : undefined };
      const share = timeProgressShare(elapsedMonths(year, today));

      const [pipeline, sumRows, red, fast, slow, overdue, children, problems, tours, ladder] = await Promise.all([
        projects.flows(actor, { unitId: q.unit, period: q.period }),
        dashboardRepository.projectSums(db, view),
        lightQueries.page(actor, { color: 'red', ...(q.unit ? { unitId: q.unit } : {}), page: 1, pageSize: LIST_SIZE }),
        dashboardRepository.paced(db, view, true, LIST_SIZE),
        dashboardRepository.paced(db, view, false, LIST_SIZE),
        dashboardRepository.overdueActions(db, view, today, LIST_SIZE),
        unitsRepository.activeChildren(db, unit.id),
        dashboardRepository.openProblems(db, view, today),
        dashboardRepository.siteTours(db, view, today, LIST_SIZE),
        dispatchSettings.ladder(),
      ]);

      const { stock, byLeadUnit, byIndustry, lightCounts: counts } = splitProjectSums(sumRows);
      const total = byLeadUnit.reduce((s, r) => ({ plan: s.plan + r.plan, completed: s.completed + r.completed, projects: s.projects + r.projects }), { plan: 0, completed: 0, projects: 0 });
      // A unit without sub-units (an office, a town) is ranked by the units that lead its projects.
      const groups = children.length > 0 ? children : byLeadUnit;
      const byUnit = rankUnits(rollUpToChildren(byLeadUnit, children.length > 0 ? unit.path : '', groups).map((c) => ({ unitId: c.unitId, name: c.name, red: c.red, progress: investmentProgress(c.sums, share) })));
      const paced = (rows: typeof fast) =>
        rows.map((r) => ({ ...r, annualPlanInvestment: n(r.annualPlanInvestment), ytdInvestment: n(r.ytdInvestment), rate: Math.round((n(r.ytdInvestment) / n(r.annualPlanInvestment)) * 1000) / 10 }));

      // The goal counts lead units' projects only. An unscoped view counts exactly those, so its own
      // figures serve; a scoped one also sees projects its unit supports, so the goals service counts.
      const goal = view.scope
        ? ((await goals.list(actor, { year, unitId: unit.id })).items.find((g) => g.unitId === unit.id) ?? null)
        : await goals.progressOf(unit, {
            sign: pipeline.yearLiveFlows.signed,
            start: pipeline.yearLiveFlows.construction,
            complete: pipeline.yearLiveFlows.completed,
            operate: pipeline.yearLiveFlows.operating,
            investment: total.completed,
            negotiatingPool: stock.negotiating.count,
            reservePool: stock.reserve.count,
          });

      return {
        asOf: today,
        unit: { id: unit.id, name: unit.name },
        period: { kind: q.period, ...pipeline.period },
        pipeline: { stock, flows: pipeline.flows },
        goal,
        investment: {
          total: investmentProgress(total, share),
          byUnit,
          byIndustry: byIndustry
            .map(({ industry, ...sums }) => ({ industry, progress: investmentProgress(sums, share) }))
            .sort((a, b) => b.progress.plan - a.progress.plan),
        },
        lights: { counts, red },
        fast: paced(fast),
        slow: paced(slow),
        overdueActions: { count: overdue.count, items: overdue.items.map((i) => ({ ...i, escalationLevel: n(i.escalationLevel) })) },
        problems: {
          open: problems.byLevel.reduce((sum, r) => sum + n(r.n), 0),
          overdue: problems.overdue,
          byCategory: problems.byCategory.map((r) => ({ category: r.category, count: n(r.n) })).sort((a, b) => b.count - a.count || a.category.localeCompare(b.category)),
          byLevel: problems.byLevel
            .map((r) => ({ level: n(r.escalationLevel), name: n(r.escalationLevel) > 0 ? (ladder.levels[n(r.escalationLevel) - 1]?.name ?? null) : null, count: n(r.n) }))
            .sort((a, b) => a.level - b.level),
        },
        siteTours: tours.map((r) => ({ ...r, projects: n(r.projects) })),
      };
    },
  };
}
export type DashboardService = ReturnType<typeof createDashboardService>;
