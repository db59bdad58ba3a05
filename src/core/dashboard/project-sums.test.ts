import { describe, expect, it } from 'vitest';
import { splitProjectSums, type ProjectSumRow } from './project-sums.js';

const row = (over: Partial<ProjectSumRow>): ProjectSumRow => ({ unitId: 'u1', unitName: '经济区', unitPath: '/r/u1/', industry: '新能源', light: 'green', stage: 'construction', plan: 100, completed: 40, totalInvestment: 1000, projects: 1, ...over });

describe('splitProjectSums', () => {
  it('splits one pass into stock, lead units, industries and lights', () => {
    const s = splitProjectSums([
      row({ projects: 2, plan: 200, completed: 80, totalInvestment: 2000 }),
      row({ light: 'red', completed: 10 }),
      row({ unitId: 'u2', unitName: 'XX镇', unitPath: '/r/u2/', industry: '港口物流', light: null, stage: 'signed', plan: 0, completed: 0, totalInvestment: 500 }),
      row({ industry: null, light: 'yellow', stage: 'operating', plan: 50, completed: 50, totalInvestment: 300 }),
    ]);
    expect(s.stock.construction).toEqual({ count: 3, totalInvestment: 3000 });
    expect(s.stock.signed).toEqual({ count: 1, totalInvestment: 500 });
    expect(s.stock.operating).toEqual({ count: 1, totalInvestment: 300 });
    expect(s.stock.reserve).toEqual({ count: 0, totalInvestment: 0 });
    expect(s.byLeadUnit).toEqual([
      { id: 'u1', name: '经济区', path: '/r/u1/', plan: 350, completed: 140, projects: 4, red: 1 },
      { id: 'u2', name: 'XX镇', path: '/r/u2/', plan: 0, completed: 0, projects: 1, red: 0 },
    ]);
    expect(s.byIndustry).toEqual([
      { industry: '新能源', plan: 300, completed: 90, projects: 3 },
      { industry: '港口物流', plan: 0, completed: 0, projects: 1 },
      { industry: null, plan: 50, completed: 50, projects: 1 },
    ]);
    expect(s.lightCounts).toEqual({ green: 2, yellow: 1, red: 1, none: 1 });
  });

  it('counts 终止 projects in the stock only', () => {
    const s = splitProjectSums([row({ stage: 'dropped', light: 'red', projects: 2, totalInvestment: 700 })]);
    expect(s.stock.dropped).toEqual({ count: 2, totalInvestment: 700 });
    expect(s.byLeadUnit).toEqual([]);
    expect(s.byIndustry).toEqual([]);
    expect(s.lightCounts).toEqual({ green: 0, yellow: 0, red: 0, none: 0 });
  });
});
