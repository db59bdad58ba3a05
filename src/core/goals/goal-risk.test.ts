import { describe, expect, it } from 'vitest';
import { byRisk, candidateRisk, investmentRisk, isReady, plannedSpan } from './goal-risk.js';

const today = '2026-11-27';

describe('risk of missing a target', () => {
  it('reads month-only plans as the whole month', () => {
    expect(plannedSpan('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(plannedSpan('2026-06-15')).toEqual({ from: '2026-06-15', to: '2026-06-15' });
  });

  it('flags a planned date that has passed', () => {
    expect(candidateRisk('start', { stage: 'signed', projectType: 'industrial', plannedDate: '2026-06' }, today)).toEqual({
      risk: 'high',
      reasonCode: 'overdue',
      reason: '计划开工时间 2026-06 已过，仍未开工 / planned to start by 2026-06; not done yet',
    });
    // November has not ended on the 27th: due, not late.
    expect(candidateRisk('start', { stage: 'signed', projectType: 'industrial', plannedDate: '2026-11' }, today).reasonCode).toBe('due-soon');
  });

  it('flags a project due within a month whose step before is not done', () => {
    expect(candidateRisk('start', { stage: 'negotiating', projectType: 'industrial', plannedDate: '2026-12' }, today)).toMatchObject({ risk: 'high', reasonCode: 'due-not-ready', reason: '计划 2026-12 开工，但尚未签约 / due to start 2026-12 but not signed yet' });
    expect(candidateRisk('start', { stage: 'signed', projectType: 'industrial', plannedDate: '2026-12-20' }, today)).toMatchObject({ risk: 'medium', reasonCode: 'due-soon' });
    // Infrastructure starts without a signing.
    expect(candidateRisk('start', { stage: 'negotiating', projectType: 'infrastructure', plannedDate: '2026-12' }, today).risk).toBe('medium');
    expect(candidateRisk('sign', { stage: 'reserve', projectType: null, plannedDate: '2026-12-05' }, today).reasonCode).toBe('due-not-ready');
  });

  it('keeps later plans low', () => {
    expect(candidateRisk('operate', { stage: 'construction', projectType: null, plannedDate: '2027-03' }, '2026-06-01')).toMatchObject({ risk: 'low', reasonCode: 'planned' });
    expect(candidateRisk('complete', { stage: 'signed', projectType: null, plannedDate: '2026-09' }, '2026-06-01')).toMatchObject({ risk: 'low', reasonCode: 'planned-not-ready' });
    expect(isReady('operate', 'completed', null)).toBe(true);
  });

  it('flags projects behind their own investment 序时', () => {
    const share = 10 / 12;
    expect(investmentRisk({ annualPlanInvestment: 1_000_000, ytdInvestment: null }, share)).toMatchObject({ risk: 'high', reasonCode: 'no-investment' });
    expect(investmentRisk({ annualPlanInvestment: 1_000_000, ytdInvestment: 500_000 }, share)).toMatchObject({ risk: 'high', reason: '完成年度计划的 50.0%，低于序时 83.3% / 50.0 % of the annual plan done, below the 83.3 % due by now' });
    expect(investmentRisk({ annualPlanInvestment: 1_000_000, ytdInvestment: 700_000 }, share)?.risk).toBe('medium');
    expect(investmentRisk({ annualPlanInvestment: 1_000_000, ytdInvestment: 900_000 }, share)).toBeNull();
    expect(investmentRisk({ annualPlanInvestment: 1_000_000, ytdInvestment: 0 }, 0)).toBeNull();
  });

  it('sorts the highest risk first', () => {
    const list = [
      { name: 'b', risk: 'low' as const, plannedDate: '2026-12' },
      { name: 'a', risk: 'high' as const, plannedDate: '2026-10' },
      { name: 'c', risk: 'high' as const, plannedDate: '2026-03' },
    ];
    expect(list.sort(byRisk).map((x) => x.name)).toEqual(['c', 'a', 'b']);
  });
});
