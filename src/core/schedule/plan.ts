import type { TemplateNode } from '../schemas/milestones.schema.js';
import type { MilestoneStatus } from '../schemas/milestones.schema.js';
import { addCalendarDays, addWorkingDays, type WorkCalendar } from './working-days.js';

/**
 * Plan generation (节点计划): a template applied from an anchor date (e.g. the signing date)
 * through the dependencies on the working-day calendar. A node starts on the working day after
 * its last prerequisite ends (the anchor node on the anchor date); nodes of one parallel group
 * (并联) start together, when the last prerequisite of any of them ends; a node of n working days
 * ends on its (n-1)-th working day after its start (an event of 0 days on its start).
 */
export interface PlannedNode {
  code: string;
  start: string;
  end: string;
}

export class PlanError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
  }
}

/** Template nodes in dependency order; throws on an unknown prerequisite or a cycle. */
export function orderNodes<T extends Pick<TemplateNode, 'code' | 'dependsOn' | 'parallelGroup'>>(nodes: readonly T[]): T[] {
  const byCode = new Map(nodes.map((n) => [n.code, n]));
  if (byCode.size !== nodes.length) throw new PlanError('节点代码重复', 'Duplicate node codes');
  for (const n of nodes) {
    for (const d of n.dependsOn) if (!byCode.has(d)) throw new PlanError(`节点“${n.code}”的前置节点“${d}”不存在`, `Node "${n.code}" depends on unknown node "${d}"`);
  }
  // A group member waits for every member's prerequisites: order by the group's union.
  const groupDeps = new Map<string, Set<string>>();
  for (const n of nodes) if (n.parallelGroup) for (const d of n.dependsOn) (groupDeps.get(n.parallelGroup) ?? groupDeps.set(n.parallelGroup, new Set()).get(n.parallelGroup)!).add(d);
  const depsOf = (n: T) => [...new Set([...n.dependsOn, ...(n.parallelGroup ? groupDeps.get(n.parallelGroup) ?? [] : [])])].filter((d) => byCode.get(d)?.parallelGroup !== n.parallelGroup || !n.parallelGroup);
  const out: T[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (n: T) => {
    const s = state.get(n.code);
    if (s === 'done') return;
    if (s === 'visiting') throw new PlanError(`节点依赖成环（${n.code}）`, `Circular dependency at "${n.code}"`);
    state.set(n.code, 'visiting');
    for (const d of depsOf(n)) visit(byCode.get(d)!);
    state.set(n.code, 'done');
    out.push(n);
  };
  nodes.forEach(visit);
  return out;
}

export function generatePlan(nodes: readonly TemplateNode[], anchorCode: string, anchorDate: string, cal: WorkCalendar): PlannedNode[] {
  const groupOf = new Map(nodes.map((n) => [n.code, n.parallelGroup]));
  // A group's prerequisites: every member's, except members of the same group.
  const groupDeps = new Map<string, string[]>();
  for (const n of nodes) {
    if (!n.parallelGroup) continue;
    const outside = n.dependsOn.filter((d) => groupOf.get(d) !== n.parallelGroup);
    groupDeps.set(n.parallelGroup, [...(groupDeps.get(n.parallelGroup) ?? []), ...outside]);
  }
  const end = new Map<string, string>();
  const groupStart = new Map<string, string>();
  const planned = new Map<string, PlannedNode>();
  for (const n of orderNodes(nodes)) {
    let start = n.parallelGroup ? groupStart.get(n.parallelGroup) : undefined;
    if (!start) {
      const deps = n.parallelGroup ? groupDeps.get(n.parallelGroup)! : n.dependsOn;
      const latest = deps.map((d) => end.get(d)!).sort().at(-1);
      if (n.code === anchorCode) start = anchorDate;
      else if (!latest) start = addWorkingDays(cal, anchorDate, 0);
      else start = addWorkingDays(cal, latest, 1);
      if (n.parallelGroup) groupStart.set(n.parallelGroup, start);
    }
    const finish = n.durationDays <= 1 ? start : addWorkingDays(cal, start, n.durationDays - 1);
    end.set(n.code, finish);
    planned.set(n.code, { code: n.code, start, end: finish });
  }
  // The template's order, for display.
  return nodes.map((n) => planned.get(n.code)!);
}

/** A milestone's status on `today`: done once it has an actual date, overdue once its planned end has passed. */
export function milestoneStatus(m: { plannedEnd: string; plannedStart: string; actualDate: string | null; startedOn: string | null }, today: string): MilestoneStatus {
  if (m.actualDate) return 'done';
  if (m.plannedEnd < today) return 'overdue';
  if (m.startedOn || m.plannedStart <= today) return 'in-progress';
  return 'not-started';
}

export interface PlanWarning {
  code: string;
  kind: 'statutory-days' | 'within' | 'dependency-order';
  zh: string;
  en: string;
}

/**
 * Checks a project's plan against the statutory limits its nodes carry and its dependency order
 * (e.g. 能评 must be done before 开工): warnings, not errors — the office may have reasons.
 */
export function checkPlan(
  nodes: readonly { code: string; name: string; dependsOn: readonly string[]; statutoryDays: number | null; within: { after: string; months: number } | null; plannedStart: string; plannedEnd: string }[],
  cal: WorkCalendar,
): PlanWarning[] {
  const byCode = new Map(nodes.map((n) => [n.code, n]));
  const out: PlanWarning[] = [];
  for (const n of nodes) {
    if (n.statutoryDays && n.plannedEnd > addWorkingDays(cal, n.plannedStart, n.statutoryDays)) {
      out.push({ code: n.code, kind: 'statutory-days', zh: `“${n.name}”计划用时超过法定时限 ${n.statutoryDays} 个工作日`, en: `"${n.name}" is planned longer than its statutory ${n.statutoryDays} working days` });
    }
    const ref = n.within ? byCode.get(n.within.after) : undefined;
    if (n.within && ref && n.plannedEnd > addMonths(ref.plannedEnd, n.within.months)) {
      out.push({ code: n.code, kind: 'within', zh: `“${n.name}”应在“${ref.name}”后 ${n.within.months} 个月内`, en: `"${n.name}" is due within ${n.within.months} months of "${ref.name}"` });
    }
    for (const d of n.dependsOn) {
      const dep = byCode.get(d);
      if (dep && dep.plannedEnd > n.plannedStart) {
        out.push({ code: n.code, kind: 'dependency-order', zh: `“${n.name}”计划在前置节点“${dep.name}”完成前开始`, en: `"${n.name}" starts before its prerequisite "${dep.name}" ends` });
      }
    }
  }
  return out;
}

/** The same day `months` later (clamped to the month's end: 1-31 + 1 month = 2-28/29). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export { addCalendarDays };
