import { describe, expect, it } from 'vitest';
import { calendarOf, isWorkingDay } from '../schedule/working-days.js';
import { completionRate, cumulativeAt, isLateSubmission, isMissing, monthlyPeriod, periodOf, previousMonth, scheduledWeeklyRound, splitMatches, weeklyPeriod } from './report-rules.js';

describe('report periods', () => {
  it('opens a month due on the 25th, clamped to short months', () => {
    expect(monthlyPeriod('2026-11-03')).toEqual({ kind: 'monthly', period: '2026-11', start: '2026-11-01', end: '2026-11-30', dueDate: '2026-11-25' });
    expect(monthlyPeriod('2026-02-10', 30).dueDate).toBe('2026-02-28');
  });
  it('knows ISO weeks across the year boundary', () => {
    expect(weeklyPeriod('2026-11-27')).toMatchObject({ period: '2026-W48', start: '2026-11-23', end: '2026-11-29', dueDate: '2026-11-27' });
    expect(weeklyPeriod('2027-01-01').period).toBe('2026-W53');
    expect(periodOf('weekly', '2026-W48')?.start).toBe('2026-11-23');
    expect(periodOf('weekly', '2026-W60')).toBeNull();
    expect(periodOf('monthly', '2026-13')).toBeNull();
    expect(periodOf('monthly', '2026-01')?.end).toBe('2026-01-31');
  });
  it('opens the weekly round on the week’s first working day, due on Friday or the last working day before it', () => {
    const plain = calendarOf([]);
    const working = (cal: typeof plain) => (d: string) => isWorkingDay(cal, d);
    expect(scheduledWeeklyRound('2026-11-23', working(plain))).toMatchObject({ period: '2026-W48', start: '2026-11-23', dueDate: '2026-11-27' });
    expect(scheduledWeeklyRound('2026-11-29', working(plain))?.period).toBe('2026-W48'); // a late job still opens it
    // Monday a holiday: opened on Tuesday, not before. Friday a holiday: due Thursday.
    const cal = calendarOf([{ date: '2026-11-23', kind: 'holiday' }, { date: '2026-11-27', kind: 'holiday' }]);
    expect(scheduledWeeklyRound('2026-11-23', working(cal))).toBeNull();
    expect(scheduledWeeklyRound('2026-11-24', working(cal))).toMatchObject({ period: '2026-W48', dueDate: '2026-11-26' });
    // 国庆: no working day Monday to Friday, no weekly round.
    const golden = calendarOf(['2026-10-05', '2026-10-06', '2026-10-07', '2026-10-08', '2026-10-09'].map((date) => ({ date, kind: 'holiday' as const })));
    expect(scheduledWeeklyRound('2026-10-07', working(golden))).toBeNull();
  });
  it('steps back a month', () => {
    expect(previousMonth('2026-01')).toBe('2025-12');
    expect(previousMonth('2026-11')).toBe('2026-10');
  });
});

describe('late and missing', () => {
  it('is late only after the due day', () => {
    expect(isLateSubmission('2026-11-25', '2026-11-25')).toBe(false);
    expect(isLateSubmission('2026-11-26', '2026-11-25')).toBe(true);
  });
  it('is missing when not submitted by the due day', () => {
    expect(isMissing('draft', '2026-11-25', '2026-11-26')).toBe(true);
    expect(isMissing('pending', '2026-11-25', '2026-11-25')).toBe(false);
    expect(isMissing('returned', '2026-11-25', '2026-11-30')).toBe(false);
  });
});

describe('cumulative figures', () => {
  const months = [
    { period: '2025-11', investment: 100 },
    { period: '2025-12', investment: 200 },
    { period: '2026-01', investment: 300 },
    { period: '2026-02', investment: null },
    { period: '2026-03', investment: 400 },
  ];
  it('sums the year and everything since the start, up to the period', () => {
    expect(cumulativeAt(months, '2026-02', 1000)).toEqual({ ytd: 300, sinceStart: 600, annualRate: 30 });
    expect(cumulativeAt(months, '2026-03', 1000)).toEqual({ ytd: 700, sinceStart: 1000, annualRate: 70 });
    expect(cumulativeAt(months, '2025-12', null)).toEqual({ ytd: 300, sinceStart: 300, annualRate: null });
  });
  it('rates to one decimal', () => {
    expect(completionRate(1, 3)).toBe(33.3);
    expect(completionRate(5, 0)).toBeNull();
  });
  it('checks the split adds up', () => {
    expect(splitMatches(100, [60, 40, null])).toBe(true);
    expect(splitMatches(100, [60, 30, null])).toBe(false);
    expect(splitMatches(null, [null, null, null])).toBe(true);
    expect(splitMatches(null, [5, null, null])).toBe(false);
  });
});
