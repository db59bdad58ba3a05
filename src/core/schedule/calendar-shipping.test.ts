import { describe, expect, it } from 'vitest';
import type { CalendarDay } from './calendar-cn.js';
import { shippingPlan } from './calendar-shipping.js';

const h = (date: string, name: string, provisional = false): CalendarDay => ({ date, kind: 'holiday', name, provisional });
const w = (date: string, name: string): CalendarDay => ({ date, kind: 'workday', name, provisional: false });

describe('shipping the calendar into a database', () => {
  const release1 = [h('2026-10-01', '国庆节'), h('2027-10-01', '国庆节', true)];

  it('writes every shipped year a fresh database lacks', () => {
    expect(shippingPlan(release1, { 2026: 1, 2027: 1 }, new Map(), new Set())).toEqual([
      { year: 2026, revision: 1, replace: false, days: [h('2026-10-01', '国庆节')] },
      { year: 2027, revision: 1, replace: false, days: [h('2027-10-01', '国庆节', true)] },
    ]);
  });

  it('leaves years already at the shipped revision alone', () => {
    expect(shippingPlan(release1, { 2026: 1, 2027: 1 }, new Map([[2026, 1], [2027, 1]]), new Set())).toEqual([]);
    // A database ahead of the release (a downgrade) keeps its data too.
    expect(shippingPlan(release1, { 2026: 1, 2027: 1 }, new Map([[2026, 2], [2027, 1]]), new Set())).toEqual([]);
  });

  it('replaces a provisional year when a later release ships it at a higher revision, keeping hand-edited days', () => {
    const release2 = [h('2026-10-01', '国庆节'), h('2027-10-01', '国庆节'), h('2027-10-02', '国庆节'), w('2027-09-26', '国庆节调休上班')];
    const plan = shippingPlan(release2, { 2026: 1, 2027: 2 }, new Map([[2026, 1], [2027, 1]]), new Set(['2027-10-02']));
    expect(plan).toEqual([{ year: 2027, revision: 2, replace: true, days: [h('2027-10-01', '国庆节'), w('2027-09-26', '国庆节调休上班')] }]);
  });
});
