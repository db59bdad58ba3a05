import { chinaDate } from '../../core/business-date.js';
import { AppError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { evaluateLight, type LightInput } from '../../core/lights/evaluate.js';
import { DEFAULT_LIGHT_RULES, lightRulesSchema, type LightColor, type LightRule } from '../../core/lights/light-rules.js';
import { addCalendarDays } from '../../core/schedule/working-days.js';
import { resolvePlanCurve } from '../../core/schedule/pace.js';
import { elapsedMonths, timeProgressShare } from '../../core/schedule/time-progress.js';
import { planCurvesRepository } from '../plan-curves/plan-curves.repository.js';
import { stageSchema } from '../../core/stages.js';
import type { Db } from '../../db/database.js';
import type { AuditService } from '../audit/audit.service.js';
import { inScope } from '../projects/projects.repository.js';
import { scopeOf } from '../projects/projects.service.js';
import { settingsRepository } from '../settings/settings.repository.js';
import type { Actor, Deps } from '../shared/context.js';
import { lightsRepository, type ChangedProjects } from './lights.repository.js';

const RULES_KEY = 'lights.rules';
const SCAN_KEY = 'lights.scanned-at';
/** How far each change scan looks back before the previous one. */
const SCAN_OVERLAP_MS = 5 * 60_000;
/** Projects recomputed per run of the change-driven job; the rest wait for the next minute. */
export const DIRTY_BATCH = 5_000;

/**
 * Facts that other features own (open problems, report rounds) reach the rules through sources
 * registered at wiring time, so this feature does not import theirs. A source answers for the
 * given projects (all live projects when `ids` is null).
 */
export interface LightSource {
  facts(db: Db, ids: readonly string[] | null, today: string): Promise<Map<string, Partial<Pick<LightInput, 'problems' | 'reports'>>>>;
  /** Projects whose facts in this source changed after `since`. */
  changed: ChangedProjects;
}

export interface RecomputeResult {
  projects: number;
  changed: number;
  colors: Record<LightColor, number>;
}

export function createLightsService(deps: Deps, audit: AuditService) {
  const sources: LightSource[] = [];
  const changeQueries: ChangedProjects[] = [];

  async function readRules(db: Db): Promise<{ rules: LightRule[]; version: number }> {
    const row = await settingsRepository.find(db, RULES_KEY);
    if (!row) return { rules: DEFAULT_LIGHT_RULES.map((r) => ({ ...r, thresholds: { ...r.thresholds } })), version: 0 };
    const parsed = lightRulesSchema.safeParse(JSON.parse(row.value));
    return { rules: parsed.success ? parsed.data : [...DEFAULT_LIGHT_RULES], version: row.version };
  }

  async function recompute(ids: readonly string[] | null, asOf?: string): Promise<RecomputeResult> {
    const db = deps.db;
    const now = deps.clock.now();
    const today = asOf ?? chinaDate(now);
    const month = today.slice(0, 7);
    const year = Number(today.slice(0, 4));
    const { rules } = await readRules(db);
    const lookAhead = Math.max(0, ...rules.filter((r) => r.enabled && r.kind === 'milestone-due').map((r) => r.thresholds.withinDays ?? 0));
    const streak = Math.max(1, ...rules.filter((r) => r.enabled && r.kind === 'yellow-streak').map((r) => r.thresholds.months ?? 1));

    // Everything is read before the write transaction (SQLite has one connection; PG a pool).
    const [projects, milestones, history, current, pace, ...extra] = await Promise.all([
      lightsRepository.projects(db, ids),
      lightsRepository.openMilestones(db, ids, addCalendarDays(today, lookAhead)),
      lightsRepository.history(db, ids, month, streak),
      lightsRepository.current(db, ids, month),
      planCurvesRepository.paceData(db, year),
      ...sources.map((s) => s.facts(db, ids, today)),
    ]);
    const msByProject = groupBy(milestones, (m) => m.projectId);
    const historyByProject = groupBy(history, (h) => h.projectId);
    const currentByProject = new Map(current.map((c) => [c.projectId, c]));
    const months = elapsedMonths(year, today);

    const inserts: Parameters<typeof lightsRepository.insertLights>[1] = [];
    const updates: { id: string; patch: Parameters<typeof lightsRepository.updateLight>[2] }[] = [];
    const mirror = new Map<LightColor | null, string[]>();
    const colors: Record<LightColor, number> = { green: 0, yellow: 0, red: 0 };
    const computedAt = now.toISOString();

    for (const p of projects) {
      const input: LightInput = {
        stage: stageSchema.catch('reserve').parse(p.stage),
        investment:
          p.annualPlanInvestment && p.annualPlanInvestment > 0
            ? { annualPlan: p.annualPlanInvestment, completedThisYear: p.ytdInvestment ?? 0, timeShare: timeProgressShare(months, resolvePlanCurve(pace.projectCurves.get(p.id), pace.unitPaths.get(p.unitId) ?? '', pace.unitCurves).curve) }
            : null,
        plannedStart: p.plannedStartDate,
        actualStart: p.actualStartDate,
        statsEnteredAt: p.statsEnteredDate,
        milestones: (msByProject.get(p.id) ?? []).map((m) => ({ name: m.name, plannedEnd: m.plannedEnd, started: m.startedOn !== null })),
        problems: [],
        reports: [],
        previousColors: (historyByProject.get(p.id) ?? []).map((h) => h.color),
      };
      for (const part of extra) Object.assign(input, part.get(p.id) ?? {});
      const result = evaluateLight(input, rules, today);
      const color = result?.color ?? null;
      if (color !== p.light) mirror.set(color, [...(mirror.get(color) ?? []), p.id]);
      if (!result) continue;
      colors[result.color]++;
      const reasons = JSON.stringify(result.reasons);
      const stored = currentByProject.get(p.id);
      if (!stored) inserts.push({ id: newId(), projectId: p.id, month, unitId: p.unitId, color: result.color, reasons, computedAt });
      else if (stored.color !== result.color || stored.reasons !== reasons) updates.push({ id: stored.id, patch: { color: result.color, reasons, computedAt, unitId: p.unitId } });
    }

    await db.transaction().execute(async (trx) => {
      await lightsRepository.insertLights(trx, inserts);
      for (const u of updates) await lightsRepository.updateLight(trx, u.id, u.patch);
      await lightsRepository.setProjectColors(trx, mirror);
    });
    return { projects: projects.length, changed: inserts.length + updates.length, colors };
  }

  return {
    /** Adds a source of facts owned by another feature (see LightSource). */
    addSource(source: LightSource) {
      sources.push(source);
      changeQueries.push(source.changed);
    },

    getRules: () => readRules(deps.db),

    /** Version 0 means the shipped rules are in force. Every live project is queued for recompute. */
    async updateRules(actor: Actor, expectedVersion: number, rules: LightRule[]) {
      // The rules are the whole county's or zone's: only a coordinator at the root unit changes them.
      if (scopeOf(actor)) throw new AppError('FORBIDDEN');
      const at = deps.clock.now().toISOString();
      const version = await deps.db.transaction().execute(async (trx) => {
        const current = await readRules(trx);
        if (current.version !== expectedVersion) throw new AppError('VERSION_CONFLICT', { current });
        const value = JSON.stringify(rules);
        if (current.version === 0) await settingsRepository.insert(trx, RULES_KEY, value, at, actor.userId);
        // Saved by someone else since it was read (PostgreSQL's read committed lets both reach here).
        else if (!(await settingsRepository.updateVersioned(trx, RULES_KEY, expectedVersion, value, at, actor.userId))) throw new AppError('VERSION_CONFLICT', { current });
        await audit.record(trx, actor, { action: 'lights.rules.update', objectType: 'setting', objectId: RULES_KEY, before: current.rules, after: rules });
        await lightsRepository.queueAll(trx, at);
        return current.version + 1;
      });
      return { rules, version };
    },

    /**
     * Recomputes every live project (nightly, and on demand). `asOf` (YYYY-MM-DD) evaluates the
     * rules on that day and records that month's lights: the demo uses it to give last month a
     * light history, as the nightly job would have left one.
     */
    recomputeAll: (asOf?: string) => recompute(null, asOf),

    recompute: (projectIds: readonly string[]) => recompute(projectIds),

    /** "Refresh now" from the web: every live project the coordinator can see; audited with the counts. */
    async recomputeInScope(actor: Actor): Promise<RecomputeResult> {
      const scope = scopeOf(actor);
      const ids = scope
        ? (await deps.db.selectFrom('projects').select('id').where('archived', '=', 0).where((eb) => inScope(eb, scope)).execute()).map((r) => r.id)
        : null;
      const result = await recompute(ids);
      await audit.record(deps.db, actor, { action: 'lights.recompute', objectType: 'project-lights', after: result });
      return result;
    },

    /**
     * The change-driven pass (every minute): queues the projects whose rows changed since the
     * last scan — the scan windows overlap a little, so a transaction that committed late is
     * not missed — then recomputes the queue.
     */
    async refreshChanged(): Promise<RecomputeResult> {
      const at = deps.clock.now().toISOString();
      const last = await lightsRepository.readWatermark(deps.db, SCAN_KEY);
      if (last) {
        const since = new Date(Date.parse(last) - SCAN_OVERLAP_MS).toISOString();
        await lightsRepository.queueChangedSince(deps.db, since, at, changeQueries);
      }
      await lightsRepository.writeWatermark(deps.db, SCAN_KEY, at);
      const ids = await lightsRepository.takeDirty(deps.db, DIRTY_BATCH);
      if (ids.length === 0) return { projects: 0, changed: 0, colors: { green: 0, yellow: 0, red: 0 } };
      return recompute(ids);
    },

  };
}
export type LightsService = ReturnType<typeof createLightsService>;

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}
