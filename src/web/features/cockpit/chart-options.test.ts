import { describe, expect, it } from 'vitest';
import type { Dashboard } from '../../../core/schemas/dashboard.schema.js';
import { industryOption, lightsOption, pipelineOption, problemsOption, unitInvestmentOption } from './chart-options.js';

const progress = (plan: number, completed: number, rate: number | null, gapPoints: number | null) => ({ plan, completed, projects: 1, rate, expected: 83.3, gapPoints });
const stock = (count: number) => ({ count, totalInvestment: 0 });
const d = {
  asOf: '2026-11-27',
  unit: { id: 'root', name: 'XX县' },
  period: { kind: 'year', from: '2026-01-01', to: '2026-12-31' },
  pipeline: {
    stock: { reserve: stock(5), negotiating: stock(4), signed: stock(3), construction: stock(2), completed: stock(1), operating: stock(0), dropped: stock(1) },
    flows: { reserve: 1, negotiating: 2, signed: 3, construction: 0, completed: 0, operating: 0, dropped: 0 },
  },
  goal: null,
  investment: {
    total: progress(400_000_000, 220_000_000, 55, -28.3),
    byUnit: [
      { unitId: 'zone', name: '经济区', rank: 1, red: 0, progress: progress(1, 1, 90, 6.7) },
      { unitId: 'town', name: 'XX镇', rank: 2, red: 1, progress: progress(1, 1, 40, -43.3) },
      { unitId: 'none', name: '无计划', rank: null, red: 0, progress: progress(0, 0, null, null) },
    ],
    byIndustry: [
      { industry: '新能源', progress: progress(250_000_000, 150_000_000, 60, -23.3) },
      { industry: null, progress: progress(0, 0, null, null) },
    ],
  },
  lights: { counts: { green: 2, yellow: 1, red: 3, none: 0 }, red: [] },
  fast: [],
  slow: [],
  overdueActions: { count: 0, items: [] },
  problems: { open: 5, overdue: 1, byCategory: [{ category: '土地指标', count: 3 }, { category: '资金', count: 2 }], byLevel: [] },
  siteTours: [],
} as unknown as Dashboard;

type Series = { data: { value: number; link: string; itemStyle?: { color: string } }[]; markLine?: { data: { xAxis: number }[] } }[];

describe('cockpit chart options', () => {
  it('shows stock and flow per pipeline stage, each bar opening that stage’s projects in the unit', () => {
    const o = pipelineOption(d, 'zh', 'zone');
    expect((o.xAxis as { data: string[] }).data).toEqual(['储备', '在谈', '签约', '开工', '竣工', '投产']);
    const [s, f] = o.series as Series;
    expect(s!.data.map((x) => x.value)).toEqual([5, 4, 3, 2, 1, 0]);
    expect(f!.data.map((x) => x.value)).toEqual([1, 2, 3, 0, 0, 0]);
    expect(s!.data[2]!.link).toBe('/projects?stage=signed&unitId=zone');
  });
  it('ranks units by completion rate against the 序时 line, colouring those behind', () => {
    const o = unitInvestmentOption(d, 'zh');
    expect((o.yAxis as { data: string[] }).data).toEqual(['经济区', 'XX镇']);
    const [bar] = o.series as Series;
    expect(bar!.data.map((x) => [x.value, x.itemStyle!.color])).toEqual([
      [90, '#389e0d'],
      [40, '#cf1322'],
    ]);
    expect(bar!.markLine!.data[0]!.xAxis).toBe(83.3);
    expect(bar!.data[1]!.link).toBe('/projects?unitId=town');
  });
  it('gives investment by industry in 亿元, leaving out industries with nothing planned or done', () => {
    const o = industryOption(d, 'en', null);
    expect((o.xAxis as { data: string[] }).data).toEqual(['新能源']);
    const [plan, done] = o.series as Series;
    expect([plan!.data[0]!.value, done!.data[0]!.value]).toEqual([2.5, 1.5]);
    expect(plan!.data[0]!.link).toBe('/projects?industry=%E6%96%B0%E8%83%BD%E6%BA%90');
  });
  it('slices the lights by colour, each slice opening that colour’s list', () => {
    const o = lightsOption(d, 'zh', null);
    const [pie] = o.series as { data: { name: string; value: number; link: string }[] }[];
    expect(pie!.data.map((x) => [x.name, x.value, x.link])).toEqual([
      ['红灯', 3, '/lights?color=red'],
      ['黄灯', 1, '/lights?color=yellow'],
      ['绿灯', 2, '/lights?color=green'],
    ]);
  });
  it('bars the unsolved problems by category, each bar opening that category’s list in the unit', () => {
    const o = problemsOption(d, 'zh', 'zone');
    expect((o.yAxis as { data: string[] }).data).toEqual(['土地指标', '资金']);
    const [bar] = o.series as Series;
    expect(bar!.data.map((x) => x.value)).toEqual([3, 2]);
    expect(bar!.data[1]!.link).toBe('/problems?view=active&category=%E8%B5%84%E9%87%91&unitId=zone');
  });
});
