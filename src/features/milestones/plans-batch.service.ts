import type { Kysely } from 'kysely';
import { AppError } from '../../core/errors.js';
import { generatePlan, PlanError, type PlannedNode } from '../../core/schedule/plan.js';
import { ISO_DATE_RE } from '../../core/schedule/working-days.js';
import { BATCH_PLAN_MAX, BATCH_PLAN_PAGE, BATCH_SKIPPED_SHOWN, type BatchApplyInput, type BatchApplyResult } from '../../core/schemas/milestones.schema.js';
import type { Database } from '../../db/database.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CalendarService } from '../calendar/calendar.service.js';
import { bulkInsert } from '../../db/helpers/bulk-insert.js';
import { filtered } from '../projects/projects.repository.js';
import { scopeOf } from '../projects/projects.service.js';
import type { Actor, Deps } from '../shared/context.js';
import { activeUnits, milestoneRows, ownerUnitsOf, type PlanProject } from './plans.service.js';
import type { TemplatesService } from './templates.service.js';

const PLAN_COLUMNS = ['projectId', 'unitId', 'templateId', 'templateName', 'anchorDate', 'approvedAt', 'approvedBy', 'version', 'createdAt', 'updatedAt'] as const;
const MILESTONE_COLUMNS = [
  'id', 'projectId', 'unitId', 'seq', 'code', 'name', 'kind', 'dependsOn', 'parallelGroup', 'durationDays', 'statutoryDays', 'withinRule', 'statutoryNote', 'stage',
  'plannedStart', 'plannedEnd', 'baselineStart', 'baselineEnd', 'startedOn', 'actualDate', 'ownerUnitId', 'ownerUserId', 'note', 'version', 'createdAt', 'updatedAt',
] as const;
const OWNER_COLUMNS = ['projectId', 'unitId', 'role'] as const;
/** Milestone rows per INSERT: 26 columns × 900 rows stays under SQLite's 32,766 bound parameters. */
const MILESTONE_ROWS_PER_INSERT = 900;

type Candidate = PlanProject & { name: string; plannedSignDate: string | null };

function chunks<T>(list: readonly T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += n) out.push(list.slice(i, i + n));
  return out;
}

/**
 * 批量生成计划: a template applied to every selected project that has no plan yet (the ledger's
 * filters, or ids picked from a list), each from its own signing date or from one given date.
 * Projects that already have a plan, have no anchor date or were dropped are skipped and named.
 * A dry run only counts. Writing goes one transaction per page of projects, with set-based
 * INSERTs (plans, milestones, owner-unit links) and one audit row per page naming its projects.
 */
export function createPlansBatchService(deps: Deps, audit: AuditService, templates: TemplatesService, calendar: CalendarService) {
  /** The selection: counts by kind, the candidates without a plan (at most MAX + 1), the first skipped ones. */
  async function select(actor: Actor, input: BatchApplyInput) {
    const { unitId, ...rest } = input.filters;
    const unitPath = unitId ? ((await deps.db.selectFrom('units').select('path').where('id', '=', unitId).executeTakeFirst())?.path ?? '\u0000') : undefined;
    const base = () => {
      let q = filtered(deps.db, { ...rest, archived: 'false', unitPath }, scopeOf(actor)).leftJoin('projectPlans as pp', 'pp.projectId', 'projects.id');
      if (input.projectIds) q = q.where('projects.id', 'in', input.projectIds);
      return q;
    };
    const [counts, candidates, planned] = await Promise.all([
      base()
        .select((eb) => [
          eb.fn.countAll<number>().as('matched'),
          eb.fn.sum<number>(eb.case().when('pp.projectId', 'is not', null).then(1).else(0).end()).as('hasPlan'),
          eb.fn.sum<number>(eb.case().when(eb.and([eb('pp.projectId', 'is', null), eb('projects.stage', '=', 'dropped')])).then(1).else(0).end()).as('dropped'),
        ])
        .executeTakeFirstOrThrow(),
      base()
        .where('pp.projectId', 'is', null)
        .where('projects.stage', '!=', 'dropped')
        .select(['projects.id', 'projects.name', 'projects.unitId', 'projects.stage', 'projects.actualSignDate', 'projects.plannedSignDate', 'projects.actualStartDate', 'projects.actualCompletionDate', 'projects.actualOperationDate'])
        .orderBy('projects.id')
        .limit(BATCH_PLAN_MAX + 1)
        .execute(),
      base().where((eb) => eb.or([eb('pp.projectId', 'is not', null), eb('projects.stage', '=', 'dropped')])).select(['projects.id', 'projects.name', 'pp.projectId as planOf']).orderBy('projects.name').limit(BATCH_SKIPPED_SHOWN).execute(),
    ]);
    return { counts: { matched: Number(counts.matched), hasPlan: Number(counts.hasPlan ?? 0), dropped: Number(counts.dropped ?? 0) }, candidates: candidates as Candidate[], planned };
  }

  /** The project's anchor under the rule; null when it has none (skipped). */
  function anchorOf(p: Candidate, input: BatchApplyInput): string | null {
    if (input.anchor === 'date') return input.anchorDate;
    for (const d of [p.actualSignDate, p.plannedSignDate]) if (d && ISO_DATE_RE.test(d)) return d;
    return input.anchorDate;
  }

  return {
    async apply(actor: Actor, input: BatchApplyInput): Promise<BatchApplyResult> {
      const template = await templates.get(input.templateId);
      if (template.archived) throw new AppError('VALIDATION_FAILED', { field: 'templateId', reason: '模板已停用 / the template is archived' });
      const { counts, candidates, planned } = await select(actor, input);
      const anchored = candidates.map((p) => ({ p, anchor: anchorOf(p, input) }));
      const todo = anchored.filter((a): a is { p: Candidate; anchor: string } => a.anchor !== null);
      const noAnchor = anchored.filter((a) => a.anchor === null).map((a) => a.p);
      const tooMany = candidates.length > BATCH_PLAN_MAX;
      const skipped = [
        ...noAnchor.map((p) => ({ id: p.id, name: p.name, reason: 'no-anchor' as const })),
        ...planned.map((p) => ({ id: p.id, name: p.name, reason: p.planOf ? ('has-plan' as const) : ('dropped' as const) })),
      ].slice(0, BATCH_SKIPPED_SHOWN);
      const result: BatchApplyResult = {
        dryRun: input.dryRun,
        matched: counts.matched,
        generated: todo.length,
        skippedHasPlan: counts.hasPlan,
        skippedNoAnchor: noAnchor.length,
        skippedDropped: counts.dropped,
        tooMany,
        limit: BATCH_PLAN_MAX,
        batches: 0,
        skipped,
      };
      if (input.dryRun) return result;
      if (tooMany) throw new AppError('VALIDATION_FAILED', { field: 'filters', reason: `一次最多为 ${BATCH_PLAN_MAX} 个项目生成计划，请缩小筛选范围 / at most ${BATCH_PLAN_MAX} plans per request: narrow the filters` });

      // Generated once per distinct anchor date: a portfolio shares a few hundred dates at most.
      const cal = await calendar.load();
      const byAnchor = new Map<string, PlannedNode[]>();
      const planFor = (anchor: string) => {
        let plan = byAnchor.get(anchor);
        if (!plan) {
          try {
            plan = generatePlan(template.nodes, template.anchorCode, anchor, cal);
          } catch (e) {
            if (e instanceof PlanError) throw new AppError('VALIDATION_FAILED', { field: 'templateId', reason: `${e.zh} / ${e.en}` });
            throw e;
          }
          byAnchor.set(anchor, plan);
        }
        return plan;
      };
      const owners = ownerUnitsOf(template, await activeUnits(deps.db));
      let generated = 0;
      for (const page of chunks(todo, BATCH_PLAN_PAGE)) {
        const now = deps.clock.now().toISOString();
        generated += await deps.db.transaction().execute((trx) => writePage(trx, page, now));
        result.batches++;
      }
      result.generated = generated;
      result.skippedHasPlan += todo.length - generated;
      return result;

      /** One page in one transaction; a project planned meanwhile (another request) is left alone. */
      async function writePage(trx: Kysely<Database>, page: { p: Candidate; anchor: string }[], now: string): Promise<number> {
        const ids = page.map((a) => a.p.id);
        const taken = new Set((await trx.selectFrom('projectPlans').select('projectId').where('projectId', 'in', ids).execute()).map((r) => r.projectId));
        const fresh = page.filter((a) => !taken.has(a.p.id));
        if (fresh.length === 0) return 0;
        const plans = fresh.map(({ p, anchor }) => [p.id, p.unitId, template.id, template.name, anchor, null, null, 1, now, now]);
        for (const part of chunks(plans, 250)) await bulkInsert(trx, 'projectPlans', PLAN_COLUMNS)(part);
        const insertMilestones = bulkInsert(trx, 'milestones', MILESTONE_COLUMNS);
        const links: unknown[][] = [];
        let rows: unknown[][] = [];
        for (const { p, anchor } of fresh) {
          const ms = milestoneRows(p, template, planFor(anchor), owners, now);
          for (const m of ms) rows.push(MILESTONE_COLUMNS.map((c) => m[c] ?? null));
          // Owner units see the project, as in a single apply (milestonesRepository.syncOwnerUnits).
          for (const u of new Set(ms.map((m) => m.ownerUnitId))) if (u && u !== p.unitId) links.push([p.id, u, 'milestone-owner']);
          if (rows.length >= MILESTONE_ROWS_PER_INSERT) {
            await insertMilestones(rows);
            rows = [];
          }
        }
        if (rows.length) await insertMilestones(rows);
        const freshIds = fresh.map((a) => a.p.id);
        await trx.deleteFrom('projectUnits').where('projectId', 'in', freshIds).where('role', '=', 'milestone-owner').execute();
        for (const part of chunks(links, 1000)) await bulkInsert(trx, 'projectUnits', OWNER_COLUMNS)(part);
        await audit.record(trx, actor, {
          action: 'plan.apply-batch',
          objectType: 'project',
          unitId: actor.unitId,
          after: { template: template.name, anchor: input.anchor, anchorDate: input.anchorDate, count: fresh.length, projectIds: freshIds },
          detail: `${fresh.length} plans`,
        });
        return fresh.length;
      }
    },
  };
}
export type PlansBatchService = ReturnType<typeof createPlansBatchService>;
