import type { Kysely } from 'kysely';
import { chinaDate } from '../../core/business-date.js';
import { AppError } from '../../core/errors.js';
import { goalProgress, subtreeTotals, type GoalActuals } from '../../core/goals/goal-progress.js';
import { byRisk, candidateRisk, investmentRisk } from '../../core/goals/goal-risk.js';
import { newId } from '../../core/ids.js';
import { resolvePlanCurve } from '../../core/schedule/pace.js';
import { elapsedMonths, expectedByNow, timeProgressShare } from '../../core/schedule/time-progress.js';
import {
  FLOW_METRICS,
  METRIC_STAGE,
  isFlowMetric,
  isPoolMetric,
  type CandidateProject,
  type CountingProject,
  type Goal,
  type GoalInput,
  type GoalMetric,
  type GoalProjects,
  type GoalQuarters,
  type GoalsList,
} from '../../core/schemas/goals.schema.js';
import type { Stage } from '../../core/stages.js';
import type { Database } from '../../db/database.js';
import { isUniqueViolation } from '../../db/helpers/errors.js';
import { fromJsonText, toJsonText } from '../../db/helpers/json.js';
import { updateVersioned } from '../../db/helpers/versioned.js';
import type { AuditService } from '../audit/audit.service.js';
import { scopePrefix, type Actor, type Deps } from '../shared/context.js';
import { unitsRepository } from '../units/units.repository.js';
import { planCurvesRepository } from '../plan-curves/plan-curves.repository.js';
import { goalsRepository } from './goals.repository.js';

type GoalRow = NonNullable<Awaited<ReturnType<typeof goalsRepository.find>>>;
type GoalListRow = Awaited<ReturnType<typeof goalsRepository.list>>[number];

function toGoal(r: GoalRow): Goal {
  return {
    id: r.id,
    unitId: r.unitId,
    year: r.year,
    signTarget: r.signTarget,
    startTarget: r.startTarget,
    completeTarget: r.completeTarget,
    operateTarget: r.operateTarget,
    investmentTarget: r.investmentTarget === null ? null : Number(r.investmentTarget),
    negotiatingPool: r.negotiatingPool,
    reservePool: r.reservePool,
    quarters: fromJsonText<GoalQuarters>(r.quarters),
    planCurve: fromJsonText<number[]>(r.planCurve),
    note: r.note,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    updatedBy: r.updatedBy,
    updatedByName: r.updatedByName ?? null,
  };
}

/** Depth below the tree's root: 0 for the county or zone itself. */
const depthOf = (path: string) => path.split('/').filter(Boolean).length - 1;
/** The county or zone reads first among units of the same depth, then the office's own order. */
const TYPE_ORDER: Record<string, number> = { county: 0, zone: 1 };

/** Projects that count toward an investment target: the most invested first. */
const byInvestment = (a: { ytdInvestment: number | null; name: string }, b: { ytdInvestment: number | null; name: string }) =>
  (b.ytdInvestment ?? 0) - (a.ytdInvestment ?? 0) || a.name.localeCompare(b.name, 'zh-Hans-CN');

/**
 * 目标: annual targets per unit with live progress against 序时. Actuals come from the stage
 * history (flows), the current stock (pools) and 本年累计完成投资 (investment), each summed over
 * the goal unit's subtree of lead units — in a constant number of statements however many units
 * have goals.
 */
export function createGoalsService(deps: Deps, audit: AuditService) {
  const today = () => chinaDate(deps.clock.now());

  /** A unit the actor may read goals of, or NOT_FOUND. */
  async function visibleUnit(db: Kysely<Database>, actor: Actor, unitId: string) {
    const unit = await unitsRepository.find(db, unitId);
    const prefix = scopePrefix(actor);
    if (!unit || (prefix && !unit.path.startsWith(prefix))) throw new AppError('NOT_FOUND', { objectType: 'unit', id: unitId });
    return unit;
  }

  async function list(actor: Actor, query: { year: number; unitId?: string | undefined }): Promise<GoalsList> {
    const asOf = today();
    const months = elapsedMonths(query.year, asOf);
    const prefix = query.unitId ? (await visibleUnit(deps.db, actor, query.unitId)).path : scopePrefix(actor);
    const [rows, flows, stock] = await Promise.all([
      goalsRepository.list(deps.db, query.year, prefix),
      goalsRepository.flowsByUnit(deps.db, query.year, prefix),
      goalsRepository.stockByUnit(deps.db, prefix),
    ]);

    // Every lead unit's path comes with its figures, so no separate unit lookup is needed.
    const pathOf = new Map<string, string>();
    const flowRows = new Map<string, { unitId: string; sign: number; start: number; complete: number; operate: number }>();
    for (const f of flows) {
      pathOf.set(f.unitId, f.path);
      const row = flowRows.get(f.unitId) ?? { unitId: f.unitId, sign: 0, start: 0, complete: 0, operate: 0 };
      const metric = FLOW_METRICS.find((m) => METRIC_STAGE[m] === f.toStage);
      if (metric) row[metric] += Number(f.n);
      flowRows.set(f.unitId, row);
    }
    for (const s of stock) pathOf.set(s.unitId, s.path);
    const goalUnits = rows.map((r) => r.unitId);
    const flowTotals = subtreeTotals(pathOf, [...flowRows.values()], FLOW_METRICS, goalUnits);
    const stockTotals = subtreeTotals(
      pathOf,
      stock.map((s) => ({ unitId: s.unitId, negotiating: Number(s.negotiating ?? 0), reserve: Number(s.reserve ?? 0), investment: Number(s.investment ?? 0) })),
      ['negotiating', 'reserve', 'investment'],
      goalUnits,
    );
    // 本年累计完成投资 is a figure of the current year only; other years have none yet.
    const investmentKnown = query.year === Number(asOf.slice(0, 4));

    const items = rows.map((r) => {
      const f = flowTotals.get(r.unitId)!;
      const s = stockTotals.get(r.unitId)!;
      return toItem(r, { ...f, investment: investmentKnown ? s.investment : null, negotiatingPool: s.negotiating, reservePool: s.reserve }, months);
    });
    items.sort((a, b) => a.depth - b.depth || (TYPE_ORDER[a.unitType] ?? 9) - (TYPE_ORDER[b.unitType] ?? 9) || a.sortOrder - b.sortOrder || a.unitName.localeCompare(b.unitName, 'zh-Hans-CN'));
    return { year: query.year, asOf, elapsedMonths: months, timeProgress: timeProgressShare(months), items: items.map(({ sortOrder: _s, ...rest }) => rest) };
  }

  function toItem(r: GoalListRow, actuals: GoalActuals, months: number) {
    const goal = toGoal(r);
    return { unitId: r.unitId, unitName: r.unitName, unitShortName: r.unitShortName, unitType: r.unitType, depth: depthOf(r.unitPath), sortOrder: r.unitSortOrder, goal, metrics: goalProgress(goal, actuals, months) };
  }

  /**
   * One unit's goal of the current year, with progress from actuals its caller has already
   * counted over the unit's subtree (the cockpit counts the same flows and stock for its own
   * figures, so it does not pay for them twice). Null when the unit has no goal.
   */
  async function progressOf(unit: { id: string; path: string }, actuals: GoalActuals) {
    const asOf = today();
    const year = Number(asOf.slice(0, 4));
    const row = (await goalsRepository.list(deps.db, year, unit.path)).find((r) => r.unitId === unit.id);
    if (!row) return null;
    const { sortOrder: _s, ...item } = toItem(row, actuals, elapsedMonths(year, asOf));
    return item;
  }

  async function get(actor: Actor, unitId: string, year: number): Promise<Goal> {
    await visibleUnit(deps.db, actor, unitId);
    const row = await goalsRepository.find(deps.db, unitId, year);
    if (!row) throw new AppError('NOT_FOUND', { objectType: 'goal', unitId, year });
    return toGoal(row);
  }

  /**
   * Creates or replaces a unit's goal for a year. Replacing needs the version last read
   * (If-Match); a coordinator sets targets only within their unit subtree.
   */
  async function put(actor: Actor, unitId: string, year: number, expectedVersion: number | null, input: GoalInput): Promise<{ goal: Goal; created: boolean }> {
    const now = deps.clock.now().toISOString();
    return deps.db.transaction().execute(async (trx) => {
      const unit = await unitsRepository.find(trx, unitId);
      if (!unit) throw new AppError('NOT_FOUND', { objectType: 'unit', id: unitId });
      if (actor.scoped && !unit.path.startsWith(actor.unitPath ?? '\u0000')) {
        throw new AppError('FORBIDDEN', { reason: '只能为本单位及下级单位设定目标 / you can set targets only for your unit and the units below it' });
      }
      if (unit.archived) throw new AppError('VALIDATION_FAILED', { field: 'unitId', reason: '单位已停用 / the unit is archived' });
      const values = {
        signTarget: input.signTarget,
        startTarget: input.startTarget,
        completeTarget: input.completeTarget,
        operateTarget: input.operateTarget,
        investmentTarget: input.investmentTarget,
        negotiatingPool: input.negotiatingPool,
        reservePool: input.reservePool,
        quarters: input.quarters && Object.keys(input.quarters).length ? toJsonText(input.quarters) : null,
        planCurve: toJsonText(input.planCurve),
        note: input.note || null,
        updatedBy: actor.userId,
      };
      const existing = await goalsRepository.find(trx, unitId, year);
      if (!existing) {
        // If-Match on a goal that does not exist names a version nobody can have read.
        if (expectedVersion !== null) throw new AppError('VERSION_CONFLICT', { current: null });
        const id = newId();
        try {
          await goalsRepository.insert(trx, { id, unitId, year, ...values, version: 1, createdAt: now, updatedAt: now });
        } catch (e) {
          // Someone created it a moment ago: the caller is now editing a record they have not seen.
          if (isUniqueViolation(e)) throw new AppError('VERSION_CONFLICT', { current: null });
          throw e;
        }
        const goal = toGoal((await goalsRepository.find(trx, unitId, year))!);
        await audit.record(trx, actor, { action: 'goal.create', objectType: 'goal', objectId: id, unitId, after: goal });
        return { goal, created: true };
      }
      const before = toGoal(existing);
      if (expectedVersion === null) throw new AppError('PRECONDITION_REQUIRED', { current: before });
      if (expectedVersion !== existing.version || !(await updateVersioned(trx, 'goals', existing.id, expectedVersion, values, now))) {
        throw new AppError('VERSION_CONFLICT', { current: before });
      }
      const goal = toGoal((await goalsRepository.find(trx, unitId, year))!);
      await audit.record(trx, actor, { action: 'goal.update', objectType: 'goal', objectId: goal.id, unitId, before, after: goal });
      return { goal, created: false };
    });
  }

  /**
   * The projects behind one figure: those counting toward it, and those still expected this
   * year with their risk of missing it (highest risk first).
   */
  async function projects(actor: Actor, unitId: string, year: number, metric: GoalMetric): Promise<GoalProjects> {
    const unit = await visibleUnit(deps.db, actor, unitId);
    const asOf = today();
    const head = { unitId, unitName: unit.name, year, metric, asOf };
    const stageOf = (s: string) => s as Stage;

    if (isPoolMetric(metric)) {
      const rows = await goalsRepository.inStage(deps.db, METRIC_STAGE[metric], unit.path);
      return { ...head, counting: rows.map((r) => ({ id: r.id, name: r.name, stage: stageOf(r.stage), leadUnitName: r.leadUnitName, date: null, ytdInvestment: r.ytdInvestment })), candidates: [] };
    }

    if (isFlowMetric(metric)) {
      const [entered, expected] = await Promise.all([goalsRepository.entered(deps.db, metric, year, unit.path), goalsRepository.expected(deps.db, metric, year, unit.path)]);
      const counting: CountingProject[] = entered.map((r) => ({ id: r.id, name: r.name, stage: stageOf(r.stage), leadUnitName: r.leadUnitName, date: r.date, ytdInvestment: r.ytdInvestment }));
      const candidates: CandidateProject[] = expected
        .filter((r): r is typeof r & { plannedDate: string } => !!r.plannedDate)
        .map((r) => ({
          id: r.id,
          name: r.name,
          stage: stageOf(r.stage),
          leadUnitName: r.leadUnitName,
          plannedDate: r.plannedDate,
          annualPlanInvestment: r.annualPlanInvestment,
          ytdInvestment: r.ytdInvestment,
          ...candidateRisk(metric, { stage: stageOf(r.stage), projectType: r.projectType, plannedDate: r.plannedDate }, asOf),
        }))
        .sort(byRisk);
      return { ...head, counting, candidates };
    }

    // Investment: 本年累计完成投资 exists for the current year only.
    if (year !== Number(asOf.slice(0, 4))) return { ...head, counting: [], candidates: [] };
    const [rows, goal, pace] = await Promise.all([goalsRepository.investing(deps.db, unit.path), goalsRepository.find(deps.db, unitId, year), planCurvesRepository.paceData(deps.db, year)]);
    // Each project is paced by the one resolver (its own curve → its lead unit's → parents' →
    // months ÷ 12), climbing no higher than the goal unit, as the goal's own row is paced; at the
    // goal unit its quarterly split stands in for a curve.
    const months = elapsedMonths(year, asOf);
    const quarters = fromJsonText<GoalQuarters>(goal?.quarters ?? null)?.investment;
    const target = goal?.investmentTarget ? Number(goal.investmentTarget) : 0;
    const shareOf = (r: { id: string; unitId: string }) => {
      const own = resolvePlanCurve(pace.projectCurves.get(r.id), pace.unitPaths.get(r.unitId) ?? '', pace.unitCurves, unit.path);
      const atGoalUnit = own.source === 'default' || own.unitId === unitId;
      if (atGoalUnit && quarters && target > 0) return expectedByNow(target, months, { quarters }) / target;
      return timeProgressShare(months, own.curve);
    };
    const counting: CountingProject[] = rows
      .filter((r) => (r.ytdInvestment ?? 0) > 0)
      .map((r) => ({ id: r.id, name: r.name, stage: stageOf(r.stage), leadUnitName: r.leadUnitName, date: null, ytdInvestment: r.ytdInvestment }))
      .sort(byInvestment);
    const candidates: CandidateProject[] = [];
    for (const r of rows) {
      const verdict = r.annualPlanInvestment ? investmentRisk({ annualPlanInvestment: r.annualPlanInvestment, ytdInvestment: r.ytdInvestment }, shareOf(r)) : null;
      if (verdict) candidates.push({ id: r.id, name: r.name, stage: stageOf(r.stage), leadUnitName: r.leadUnitName, plannedDate: null, annualPlanInvestment: r.annualPlanInvestment, ytdInvestment: r.ytdInvestment, ...verdict });
    }
    return { ...head, counting, candidates: candidates.sort(byRisk) };
  }

  return { list, progressOf, get, put, projects };
}
export type GoalsService = ReturnType<typeof createGoalsService>;
