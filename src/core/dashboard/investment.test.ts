import { describe, expect, it } from 'vitest';
import { investmentProgress, rankUnits, rollUpToChildren } from './investment.js';

describe('investment progress', () => {
  it('gives 年度完成率, 序时 and the gap in points, one decimal', () => {
    expect(investmentProgress({ plan: 3_000_000, completed: 2_000_000, projects: 2 }, 10 / 12)).toEqual({ plan: 3_000_000, completed: 2_000_000, projects: 2, rate: 66.7, expected: 83.3, gapPoints: -16.6 });
  });
  it('has no rate without a plan', () => {
    expect(investmentProgress({ plan: 0, completed: 5, projects: 1 }, 0.5)).toMatchObject({ rate: null, gapPoints: null, expected: 50 });
  });
});

describe('roll-up and ranking', () => {
  const children = [
    { id: 'a', name: '经济区', path: '/r/a/' },
    { id: 'b', name: 'XX镇', path: '/r/b/' },
  ];
  const rows = [
    { path: '/r/a/', plan: 100, completed: 50, projects: 1, red: 1 },
    { path: '/r/a/x/', plan: 100, completed: 100, projects: 2, red: 0 },
    { path: '/r/b/', plan: 100, completed: 90, projects: 1, red: 0 },
    { path: '/r/', plan: 999, completed: 0, projects: 1, red: 1 }, // the parent's own: not a child's
    { path: '/other/', plan: 1, completed: 1, projects: 1, red: 0 },
  ];
  it('adds each lead unit’s sums to the child it lies under', () => {
    expect(rollUpToChildren(rows, '/r/', children)).toEqual([
      { unitId: 'a', name: '经济区', sums: { plan: 200, completed: 150, projects: 3 }, red: 1 },
      { unitId: 'b', name: 'XX镇', sums: { plan: 100, completed: 90, projects: 1 }, red: 0 },
    ]);
  });
  it('ranks by completion rate, units without a plan last', () => {
    const p = (rate: number | null) => ({ progress: { plan: 1, completed: 1, projects: 1, rate, expected: 50, gapPoints: null } });
    expect(rankUnits([{ n: 'x', ...p(40) }, { n: 'y', ...p(null) }, { n: 'z', ...p(90) }]).map((u) => [u.n, u.rank])).toEqual([['z', 1], ['x', 2], ['y', null]]);
  });
});
