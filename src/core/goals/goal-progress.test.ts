import { describe, expect, it } from 'vitest';
import { goalInputSchema } from '../schemas/goals.schema.js';
import { goalProgress, pacedProgress, poolProgress, subtreeTotals, type GoalTargets } from './goal-progress.js';

const blank: GoalTargets = {
  signTarget: null,
  startTarget: null,
  completeTarget: null,
  operateTarget: null,
  investmentTarget: null,
  negotiatingPool: null,
  reservePool: null,
  quarters: null,
  planCurve: null,
};

describe('goal progress against 序时', () => {
  it('paces a count target by elapsed months (end of October: 10/12)', () => {
    // 12 starts planned, 8 done by 27 November: 序时 10, 66.7 % − 83.3 % = −16.7 百分点.
    expect(pacedProgress('start', 12, 8, 10, {})).toEqual({ target: 12, actual: 8, expected: 10, gapPoints: -16.7, status: 'behind' });
    expect(pacedProgress('sign', 6, 5, 10, {})).toEqual({ target: 6, actual: 5, expected: 5, gapPoints: 0, status: 'ahead' });
    expect(pacedProgress('sign', 10, 9, 10, {})).toMatchObject({ expected: 8.3, gapPoints: 6.7, status: 'ahead' });
  });

  it('matches domain.md §5: 1–8月 74 % of the plan is 7.3 points over', () => {
    const yuan = 100_000_000; // 1 亿元 annual target
    expect(pacedProgress('investment', yuan, 74_000_000, 8, {})).toMatchObject({ expected: 66_666_667, gapPoints: 7.3, status: 'ahead' });
  });

  it('uses the quarterly split when one is given', () => {
    // 2 in Q1, 6 in Q2 …: after May, Q1 in full and 2 of Q2's 3 months.
    expect(pacedProgress('start', 12, 5, 5, { quarters: [2, 6, 2, 2] })).toMatchObject({ expected: 6, gapPoints: -8.3, status: 'behind' });
  });

  it('uses the plan curve for investment only', () => {
    const curve = [200, 500, 1200, 2000, 2900, 3800, 4700, 5600, 6600, 7700, 8900, 10_000];
    expect(pacedProgress('investment', 10_000, 500, 2, { curve })).toMatchObject({ expected: 500, gapPoints: 0, status: 'ahead' });
    expect(pacedProgress('start', 12, 2, 2, { curve })).toMatchObject({ expected: 2, status: 'ahead' });
  });

  it('reports no status without a target or without a figure', () => {
    expect(pacedProgress('sign', null, 3, 10, {})).toEqual({ target: null, actual: 3, expected: null, gapPoints: null, status: 'none' });
    expect(pacedProgress('investment', 1000, null, 10, {})).toMatchObject({ expected: 833, status: 'none', gapPoints: null });
    expect(pacedProgress('sign', 0, 0, 10, {})).toMatchObject({ expected: 0, gapPoints: null, status: 'ahead' });
  });

  it('holds pools to their minimum all year', () => {
    expect(poolProgress(10, 8)).toEqual({ target: 10, actual: 8, expected: 10, gapPoints: -20, status: 'behind' });
    expect(poolProgress(10, 12)).toMatchObject({ gapPoints: 20, status: 'ahead' });
    expect(poolProgress(null, 12)).toMatchObject({ status: 'none' });
  });

  it('computes every metric of a goal', () => {
    const m = goalProgress({ ...blank, startTarget: 12, reservePool: 5, quarters: { start: [3, 3, 3, 3] } }, { sign: 1, start: 9, complete: 0, operate: 0, investment: null, negotiatingPool: 4, reservePool: 4 }, 10);
    expect(m.start).toMatchObject({ expected: 10, status: 'behind' });
    expect(m.reservePool).toMatchObject({ expected: 5, status: 'behind' });
    expect(m.sign.status).toBe('none');
  });

  it('sums unit figures over each goal unit subtree', () => {
    const paths = new Map([
      ['root', '/root/'],
      ['zone', '/root/zone/'],
      ['zb', '/root/zone/zb/'],
      ['town', '/root/town/'],
    ]);
    const rows = [
      { unitId: 'zone', n: 2 },
      { unitId: 'zb', n: 3 },
      { unitId: 'town', n: 5 },
      { unitId: 'ghost', n: 100 },
    ];
    const totals = subtreeTotals(paths, rows, ['n'], ['root', 'zone', 'zb']);
    expect(Object.fromEntries([...totals].map(([k, v]) => [k, v.n]))).toEqual({ root: 10, zone: 5, zb: 3 });
  });
});

describe('goal input', () => {
  it('requires quarters to add up to the annual target, in 万元 for money', () => {
    const r = goalInputSchema.safeParse({ startTarget: 10, investmentTarget: 50_000_000, quarters: { start: [1, 2, 3, 3], investment: [10_000_000, 10_000_000, 10_000_000, 10_000_000] } });
    expect(r.success).toBe(false);
    const messages = r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toEqual([
      'quarters.start: 四个季度之和（9）应等于全年目标（10） / the quarters add up to 9, not the annual target 10',
      'quarters.investment: 四个季度之和（4000 万元）应等于全年目标（5000 万元） / the quarters add up to 4000 万元, not the annual target 5000 万元',
    ]);
    expect(goalInputSchema.safeParse({ startTarget: 10, quarters: { start: [1, 2, 3, 4] } }).success).toBe(true);
  });

  it('needs a target before a split or a curve, a valid curve, and not both for investment', () => {
    const noTarget = goalInputSchema.safeParse({ quarters: { sign: [1, 1, 1, 1] } });
    expect(noTarget.error!.issues[0]!.message).toMatch(/请先填写全年目标/);
    const badCurve = goalInputSchema.safeParse({ investmentTarget: 100, planCurve: [100, 50, 1, 1, 1, 1, 1, 1, 1, 1, 1, 10_000] });
    expect(badCurve.error!.issues[0]!.message).toMatch(/计划曲线须为/);
    const both = goalInputSchema.safeParse({ investmentTarget: 100, quarters: { investment: [25, 25, 25, 25] }, planCurve: Array.from({ length: 12 }, (_, i) => Math.round(((i + 1) * 10_000) / 12)) });
    expect(both.error!.issues[0]!.message).toMatch(/只能按季度分解或按月度曲线/);
  });

  it('fills what was left out with null (PUT replaces the goal whole)', () => {
    expect(goalInputSchema.parse({ signTarget: 3 })).toEqual({
      signTarget: 3,
      startTarget: null,
      completeTarget: null,
      operateTarget: null,
      investmentTarget: null,
      negotiatingPool: null,
      reservePool: null,
      quarters: null,
      planCurve: null,
      note: null,
    });
    expect(goalInputSchema.safeParse({ signTarget: -1 }).success).toBe(false);
    expect(goalInputSchema.safeParse({ signTarget: 1.5 }).success).toBe(false);
    expect(goalInputSchema.safeParse({ colour: 'red' }).success).toBe(false);
  });
});
