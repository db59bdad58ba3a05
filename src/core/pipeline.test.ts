import { describe, expect, it } from 'vitest';
import { computePipeline, median, periodOf } from './pipeline.js';
import { checkTransition } from './stages.js';

const ev = (projectId: string, fromStage: string | null, toStage: string, date: string) => ({ projectId, fromStage, toStage, date });

describe('five-batch figures', () => {
  const events = [
    ev('a', null, 'reserve', '2025-01-10'),
    ev('a', 'reserve', 'negotiating', '2025-03-10'),
    ev('a', 'negotiating', 'signed', '2026-05-20'),
    ev('a', 'signed', 'construction', '2026-06-25'),
    ev('b', null, 'negotiating', '2026-02-01'),
    ev('b', 'negotiating', 'dropped', '2026-04-01'),
    ev('c', null, 'negotiating', '2025-11-01'),
    ev('c', 'negotiating', 'signed', '2026-05-02'),
    ev('c', 'signed', 'negotiating', '2026-05-10'),
  ];
  const stock = [
    { stage: 'construction', count: 1, totalInvestment: 500_000_000 },
    { stage: 'negotiating', count: 1, totalInvestment: null },
    { stage: 'dropped', count: 1, totalInvestment: 10 },
  ];
  const f = computePipeline(events, stock, periodOf('quarter', '2026-05-15'));

  it('reports stock and investment per stage', () => {
    expect(f.stock.construction).toEqual({ count: 1, totalInvestment: 500_000_000 });
    expect(f.stock.negotiating).toEqual({ count: 1, totalInvestment: 0 });
    expect(f.stock.reserve).toEqual({ count: 0, totalInvestment: 0 });
  });

  it('counts forward flows within the period only, once per project', () => {
    expect(f.period).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(f.flows.signed).toBe(2);
    expect(f.flows.construction).toBe(1);
    expect(f.flows.negotiating).toBe(0); // c moved back: not a flow
  });

  it('computes conversion from each stage to the next', () => {
    const negToSigned = f.conversion.find((c) => c.from === 'negotiating')!;
    expect(negToSigned).toMatchObject({ entered: 3, converted: 2 });
    expect(negToSigned.rate).toBeCloseTo(2 / 3);
    expect(f.conversion.find((c) => c.from === 'completed')!.rate).toBeNull();
  });

  it('takes the median of finished stays', () => {
    expect(f.medianDwellDays.reserve).toBe(59);
    expect(f.medianDwellDays.signed).toBe(22); // a: 36 days, c: 8 days → 22
    expect(f.medianDwellDays.operating).toBeNull();
    expect(median([1, 2, 3])).toBe(2);
  });

  it('knows calendar periods', () => {
    expect(periodOf('month', '2026-02-10')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(periodOf('year', '2026-02-10')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });
});

describe('stage transitions', () => {
  const industrial = { projectType: 'industrial', actualSignDate: null };
  it('refuses 开工 before 签约 for an industrial project, allows it for infrastructure', () => {
    expect(checkTransition('negotiating', 'construction', industrial, null).ok).toBe(false);
    expect(checkTransition('reserve', 'construction', { projectType: 'infrastructure', actualSignDate: null }, null)).toMatchObject({ ok: true, skipped: ['negotiating', 'signed'] });
    expect(checkTransition('negotiating', 'construction', { ...industrial, actualSignDate: '2026-05' }, null).ok).toBe(true);
  });

  it('needs a reason to move back, drop or revive', () => {
    expect(checkTransition('construction', 'signed', industrial, '').ok).toBe(false);
    expect(checkTransition('construction', 'signed', industrial, '施工许可证被撤销')).toMatchObject({ ok: true, backwards: true });
    expect(checkTransition('negotiating', 'dropped', industrial, undefined).ok).toBe(false);
    expect(checkTransition('dropped', 'negotiating', industrial, '重新洽谈').ok).toBe(true);
    expect(checkTransition('signed', 'signed', industrial, 'x').ok).toBe(false);
  });
});
