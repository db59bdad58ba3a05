import { describe, expect, it } from 'vitest';
import { calendarOf, workingDaysBetween } from './working-days.js';
import { SHIPPED_CALENDAR } from './calendar-cn.js';
import { addMonths, checkPlan, generatePlan, milestoneStatus, orderNodes, PlanError } from './plan.js';
import { FAST_TRACK_TEMPLATE, INDUSTRIAL_TEMPLATE, INFRASTRUCTURE_TEMPLATE } from './templates.js';
import { templateNodeSchema } from '../schemas/milestones.schema.js';

const cal = calendarOf(SHIPPED_CALENDAR);
const node = (x: Parameters<typeof templateNodeSchema.parse>[0]) => templateNodeSchema.parse(x);

describe('plan generation', () => {
  it('chains nodes through dependencies on working days', () => {
    const nodes = [
      node({ code: 'a', name: 'A', kind: 'approval', durationDays: 0 }),
      node({ code: 'b', name: 'B', kind: 'approval', durationDays: 3, dependsOn: ['a'] }),
      node({ code: 'c', name: 'C', kind: 'approval', durationDays: 2, dependsOn: ['b'] }),
    ];
    // Anchor Thu 2026-09-17: B runs Fri 18, Sun 20 (调休), Mon 21; C Tue 22 – Wed 23.
    expect(generatePlan(nodes, 'a', '2026-09-17', cal)).toEqual([
      { code: 'a', start: '2026-09-17', end: '2026-09-17' },
      { code: 'b', start: '2026-09-18', end: '2026-09-21' },
      { code: 'c', start: '2026-09-22', end: '2026-09-23' },
    ]);
  });

  it('starts a parallel group together after the latest prerequisite of any member', () => {
    const nodes = [
      node({ code: 'a', name: 'A', kind: 'approval', durationDays: 0 }),
      node({ code: 'slow', name: 'S', kind: 'approval', durationDays: 10, dependsOn: ['a'] }),
      node({ code: 'p1', name: 'P1', kind: 'approval', durationDays: 5, dependsOn: ['a'], parallelGroup: 'g' }),
      node({ code: 'p2', name: 'P2', kind: 'approval', durationDays: 2, dependsOn: ['slow'], parallelGroup: 'g' }),
      node({ code: 'z', name: 'Z', kind: 'construction', durationDays: 0, dependsOn: ['p1', 'p2'] }),
    ];
    const plan = new Map(generatePlan(nodes, 'a', '2026-03-02', cal).map((p) => [p.code, p]));
    expect(plan.get('slow')).toEqual({ code: 'slow', start: '2026-03-03', end: '2026-03-16' });
    expect(plan.get('p1')!.start).toBe('2026-03-17');
    expect(plan.get('p2')!.start).toBe('2026-03-17');
    expect(plan.get('p1')!.end).toBe('2026-03-23');
    expect(plan.get('z')!.start).toBe('2026-03-24');
  });

  it('refuses unknown prerequisites and cycles', () => {
    expect(() => orderNodes([node({ code: 'a', name: 'A', kind: 'approval', durationDays: 1, dependsOn: ['x'] })])).toThrow(PlanError);
    expect(() =>
      orderNodes([node({ code: 'a', name: 'A', kind: 'approval', durationDays: 1, dependsOn: ['b'] }), node({ code: 'b', name: 'B', kind: 'approval', durationDays: 1, dependsOn: ['a'] })]),
    ).toThrow(/环|Circular/);
  });

  it('plans the industrial template from a signing date with 能评 and 环评 before 开工', () => {
    const plan = generatePlan(INDUSTRIAL_TEMPLATE.nodes, 'sign', '2026-05-29', cal);
    const at = new Map(plan.map((p) => [p.code, p]));
    expect(plan.map((p) => p.code)).toEqual(INDUSTRIAL_TEMPLATE.nodes.map((x) => x.code));
    expect(at.get('eia')!.start).toBe(at.get('energy')!.start);
    expect(at.get('start')!.start > at.get('construction-permit')!.end).toBe(true);
    expect(at.get('start')!.start > at.get('energy')!.end).toBe(true);
    expect(at.get('production')!.end > at.get('acceptance')!.end).toBe(true);
    const nodes = INDUSTRIAL_TEMPLATE.nodes.map((n) => ({ ...n, plannedStart: at.get(n.code)!.start, plannedEnd: at.get(n.code)!.end }));
    expect(checkPlan(nodes, cal)).toEqual([]);
  });

  it('issues the four permits together at the land sale on the fast track, and starts sooner', () => {
    const fast = new Map(generatePlan(FAST_TRACK_TEMPLATE.nodes, 'sign', '2026-05-29', cal).map((p) => [p.code, p]));
    const std = new Map(generatePlan(INDUSTRIAL_TEMPLATE.nodes, 'sign', '2026-05-29', cal).map((p) => [p.code, p]));
    const permits = ['land-cert', 'land-plan-permit', 'eng-plan-permit', 'construction-permit'].map((c) => fast.get(c)!.start);
    expect(new Set(permits).size).toBe(1);
    expect(permits[0]! > fast.get('land-sale')!.end).toBe(true);
    expect(workingDaysBetween(cal, fast.get('start')!.start, std.get('start')!.start)).toBeGreaterThan(20);
  });

  it('plans infrastructure without a signing node', () => {
    const plan = generatePlan(INFRASTRUCTURE_TEMPLATE.nodes, 'approval', '2026-03-02', cal);
    expect(plan.some((p) => p.code === 'sign')).toBe(false);
    expect(plan[0]).toEqual({ code: 'approval', start: '2026-03-02', end: '2026-03-02' });
  });
});

describe('plan checks and status', () => {
  const base = { dependsOn: [] as string[], statutoryDays: null, within: null };
  it('warns when a node overruns its statutory limit, 开工 is late after the permit, or order is broken', () => {
    const warnings = checkPlan(
      [
        { ...base, code: 'eia', name: '环评', statutoryDays: 60, plannedStart: '2026-03-02', plannedEnd: '2026-06-30' },
        { ...base, code: 'construction-permit', name: '施工许可证', plannedStart: '2026-03-02', plannedEnd: '2026-03-10' },
        { ...base, code: 'start', name: '开工', dependsOn: ['eia'], within: { after: 'construction-permit', months: 3 }, plannedStart: '2026-06-20', plannedEnd: '2026-06-20' },
      ],
      cal,
    );
    expect(warnings.map((w) => `${w.code}:${w.kind}`)).toEqual(['eia:statutory-days', 'start:within', 'start:dependency-order']);
  });

  it('derives 未开始 / 进行中 / 已完成 / 逾期', () => {
    const m = { plannedStart: '2026-03-02', plannedEnd: '2026-03-10', actualDate: null, startedOn: null };
    expect(milestoneStatus(m, '2026-03-01')).toBe('not-started');
    expect(milestoneStatus(m, '2026-03-05')).toBe('in-progress');
    expect(milestoneStatus(m, '2026-03-10')).toBe('in-progress');
    expect(milestoneStatus(m, '2026-03-11')).toBe('overdue');
    expect(milestoneStatus({ ...m, actualDate: '2026-03-12' }, '2026-03-11')).toBe('done');
  });

  it('adds calendar months clamped to the month end', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
  });
});
