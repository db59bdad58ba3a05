import { createHash } from 'node:crypto';
import { chinaDate } from '../../core/business-date.js';
import { addWorkingDays } from '../../core/schedule/working-days.js';
import type { Services } from '../../container.js';
import type { Actor, Deps } from '../shared/context.js';

/**
 * The demo world, part 3: milestone plans on the signed and later projects — anchored on their
 * signing (or, for infrastructure, start) date, approved, then lived: most past milestones done
 * on time, some late, a few of the last two months still open and overdue, and some future ones re-planned with a reason.
 * Deterministic per project name; projects that already have a plan are left alone.
 */
const REPLAN_REASONS = ['用地指标待省厅下达', '环评公示期延长', '设计方案调整，重新报审', '施工单位进场推迟', '设备到货延期'];

/** A stable number in [0, 1) from a text: the demo's "random" choices never change between runs. */
function roll(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0) / 2 ** 32;
}

export async function loadDemoPlans(deps: Deps, services: Services, actor: Actor): Promise<{ created: number; existing: number }> {
  const today = chinaDate(deps.clock.now());
  const cal = await services.calendar.load();
  const templates = await services.templates.list();
  const byKey = new Map(templates.map((t) => [t.shippedKey, t]));
  const candidates = await deps.db
    .selectFrom('projects')
    .leftJoin('projectPlans', 'projectPlans.projectId', 'projects.id')
    .select(['projects.id', 'projects.name', 'projects.projectType', 'projects.actualSignDate', 'projects.actualStartDate', 'projects.stage', 'projectPlans.projectId as planned'])
    .where('projects.stage', 'in', ['signed', 'construction', 'completed', 'operating'])
    .where('projects.archived', '=', 0)
    .orderBy('projects.name')
    .execute();
  const result = { created: 0, existing: 0 };
  for (const p of candidates) {
    if (p.planned) {
      result.existing++;
      continue;
    }
    const infra = p.projectType === 'infrastructure';
    const template = byKey.get(infra ? 'infrastructure' : roll(`${p.name}:fast`) < 0.25 ? 'fast-track' : 'industrial')!;
    const anchor = (infra ? p.actualStartDate : p.actualSignDate) ?? p.actualStartDate ?? p.actualSignDate;
    if (!anchor || !/^\d{4}-\d{2}-\d{2}$/.test(anchor)) continue;
    const anchorDate = infra ? addWorkingDays(cal, anchor, -90) : anchor;
    let plan = await services.plans.apply(actor, p.id, { templateId: template.id, anchorDate, replace: false });
    plan = await services.plans.approve(actor, p.id, plan.plan!.version);
    for (const m of plan.milestones) {
      if (m.actualDate) continue;
      const r = roll(`${p.name}:${m.code}`);
      if (m.plannedEnd < today) {
        // Left open (overdue) only if it fell due in the last two months: offices chase old ones down.
        if (r < 0.25 && m.plannedEnd >= addWorkingDays(cal, today, -40)) continue;
        const late = r > 0.8 ? Math.ceil(r * 12) : 0;
        const actualDate = addWorkingDays(cal, m.plannedEnd, late);
        if (actualDate <= today) await services.plans.complete(actor, m.id, m.version, { actualDate, note: late ? '材料补正后办结' : null });
      } else if (r < 0.3 && m.plannedStart > today) {
        await services.plans.update(actor, m.id, m.version, {
          plannedStart: addWorkingDays(cal, m.plannedStart, 10),
          plannedEnd: addWorkingDays(cal, m.plannedEnd, 10),
          reason: REPLAN_REASONS[Math.floor(r * 40) % REPLAN_REASONS.length]!,
        });
      }
    }
    result.created++;
  }
  return result;
}
