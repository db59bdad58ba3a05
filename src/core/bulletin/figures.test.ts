import { describe, expect, it } from 'vitest';
import { bulletinFigures, type BulletinInput, type BulletinProject } from './figures.js';

const wan = (x: number) => x * 10_000;
const project = (name: string, unitName: string, plan: number, done: number, light: BulletinProject['light']): BulletinProject => ({ id: name, name, unitName, stage: 'construction', plan: wan(plan), completed: wan(done), light });

/**
 * A county of two units for the October 2026 bulletin (1–10月: 序时 = 10 ÷ 12 = 83.3 %).
 *   经济区 /r/z/      leads 3 projects: plan 2000万, done 1500万, 1 yellow
 *   经济区办 /r/z/o/  leads 1 project:  plan 1000万, done  400万, 1 red   (rolls up into 经济区)
 *   XX镇 /r/t/        leads 2 projects: plan 1000万, done  900万
 * Whole county: plan 4000万, done 2800万 → 2800 ÷ 4000 = 70.0 %, 70.0 − 83.3 = −13.3 points.
 * 经济区: (1500 + 400) ÷ (2000 + 1000) = 1900 ÷ 3000 = 63.3 %, 63.3 − 83.3 = −20.0 → rank 2.
 * XX镇:   900 ÷ 1000 = 90.0 %, 90.0 − 83.3 = +6.7 → rank 1.
 * Targets 签约 12, 开工 10, 竣工 6 (投产 none); year to date 11, 7, 5, 3:
 *   签约 expected 12 × 10/12 = 10.0, 11 ≥ 10 ahead,   gap 11/12 = 91.7 − 83.3 = +8.3
 *   开工 expected 10 × 10/12 =  8.3,  7 < 8.3 behind, gap 7/10 = 70.0 − 83.3 = −13.3
 *   竣工 expected  6 × 10/12 =  5.0,  5 ≥ 5 ahead,    gap 5/6 = 83.3 − 83.3 = 0
 */
const input: BulletinInput = {
  month: '2026-10',
  asOf: '2026-10-27',
  unit: { id: 'r', name: 'XX县', path: '/r/' },
  rankGroups: [
    { id: 'z', name: '经济区', path: '/r/z/' },
    { id: 't', name: 'XX镇', path: '/r/t/' },
  ],
  rankParentPath: '/r/',
  leadUnits: [
    { path: '/r/z/', plan: wan(2000), completed: wan(1500), projects: 3, red: 0, yellow: 1 },
    { path: '/r/z/o/', plan: wan(1000), completed: wan(400), projects: 1, red: 1, yellow: 0 },
    { path: '/r/t/', plan: wan(1000), completed: wan(900), projects: 2, red: 0, yellow: 0 },
  ],
  flows: { sign: { month: 1, ytd: 11 }, start: { month: 2, ytd: 7 }, complete: { month: 0, ytd: 5 }, operate: { month: 1, ytd: 3 } },
  targets: { sign: 12, start: 10, complete: 6, operate: null, investment: wan(5000) },
  lights: { counts: { red: 1, yellow: 1, green: 4 }, red: [project('港区仓储', '经济区办', 1000, 400, 'red')], yellow: [project('光伏组件', '经济区', 1000, 600, 'yellow')] },
  fast: [project('镇区污水厂', 'XX镇', 500, 450, 'green')],
  slow: [project('港区仓储', '经济区办', 1000, 400, 'red')],
  problems: { newThisMonth: 2, closedThisMonth: 1, open: 3, overdue: 1, byCategory: [{ category: '土地指标', newThisMonth: 2, closedThisMonth: 1, open: 3, overdue: 1 }] },
  annex: { rows: [], total: 0 },
};

describe('bulletin figures (hand-computed October 2026)', () => {
  const f = bulletinFigures(input);

  it('puts investment against 序时', () => {
    expect(f.months).toBe(10);
    expect(f.investment).toEqual({ plan: wan(4000), completed: wan(2800), projects: 6, rate: 70, expected: 83.3, gapPoints: -13.3 });
  });

  it('counts the month’s and the year’s flows against the targets', () => {
    expect(f.flows.sign).toMatchObject({ month: 1, ytd: 11, progress: { target: 12, expected: 10, gapPoints: 8.3, status: 'ahead' } });
    expect(f.flows.start).toMatchObject({ month: 2, ytd: 7, progress: { target: 10, expected: 8.3, gapPoints: -13.3, status: 'behind' } });
    expect(f.flows.complete.progress).toMatchObject({ expected: 5, gapPoints: 0, status: 'ahead' });
    expect(f.flows.operate.progress).toMatchObject({ target: null, actual: 3, status: 'none' });
  });

  it('ranks the units by completion rate, with their lights rolled up', () => {
    expect(f.ranking.map((u) => [u.name, u.rank, u.progress.rate, u.progress.gapPoints, u.red, u.yellow])).toEqual([
      ['XX镇', 1, 90, 6.7, 0, 0],
      ['经济区', 2, 63.3, -20, 1, 1],
    ]);
  });

  it('gives 十快/十慢 their rates (450 ÷ 500 = 90 %, 400 ÷ 1000 = 40 %)', () => {
    expect(f.fast[0]!.rate).toBe(90);
    expect(f.slow[0]!.rate).toBe(40);
  });

  it('words 下一步工作 from what lags', () => {
    expect(f.nextSteps[0]).toContain('低于序时进度13.3个百分点，经济区要');
    expect(f.nextSteps[1]).toBe('加快项目开工。开工7个，距序时目标8.3个尚有差距，各责任单位要逐个项目明确时间节点，推动早开工。');
    expect(f.nextSteps[2]).toContain('红灯项目1个、黄灯项目1个，红灯项目（港区仓储）的责任单位');
    expect(f.nextSteps[3]).toContain('尚有3个问题未销号，其中1个已超期');
    expect(f.nextSteps).toHaveLength(5);
  });

  it('says the pace is kept when ahead and skips lists that are empty', () => {
    const g = bulletinFigures({ ...input, leadUnits: [{ path: '/r/t/', plan: wan(1000), completed: wan(900), projects: 2, red: 0, yellow: 0 }], flows: { ...input.flows, start: { month: 0, ytd: 9 } }, lights: { counts: { red: 0, yellow: 0, green: 2 }, red: [], yellow: [] }, problems: { ...input.problems, open: 0, overdue: 0 } });
    expect(g.nextSteps.map((s) => s.slice(0, 6))).toEqual(['保持投资强度', '压实工作责任']);
    expect(g.ranking.map((u) => [u.name, u.rank])).toEqual([['XX镇', 1]]); // 经济区 leads nothing here
  });
});
