import { describe, expect, it } from 'vitest';
import { SHIPPED_CALENDAR } from './calendar-cn.js';
import { addWorkingDays, calendarOf, isWorkingDay, onOrAfterWorkingDay, workingDaysBetween } from './working-days.js';

const cal = calendarOf(SHIPPED_CALENDAR);

describe('working days on the 2026 official calendar', () => {
  it('treats 调休 Saturdays as working days and holiday weekdays as rest days', () => {
    expect(isWorkingDay(cal, '2026-02-14')).toBe(true); // Saturday, 春节 make-up day
    expect(isWorkingDay(cal, '2026-02-28')).toBe(true); // Saturday, 春节 make-up day
    expect(isWorkingDay(cal, '2026-02-16')).toBe(false); // Monday in 春节
    expect(isWorkingDay(cal, '2026-02-23')).toBe(false); // Monday, last 春节 day
    expect(isWorkingDay(cal, '2026-09-20')).toBe(true); // Sunday, 国庆 make-up day
    expect(isWorkingDay(cal, '2026-10-10')).toBe(true); // Saturday, 国庆 make-up day
    expect(isWorkingDay(cal, '2026-10-08')).toBe(true); // Thursday after 国庆
    expect(isWorkingDay(cal, '2026-11-28')).toBe(false); // ordinary Saturday
  });

  it('counts a 办结时限 across the Spring Festival', () => {
    // Received Thursday 12 Feb: Fri 13, Sat 14 (调休) are working days; 15–23 is the holiday.
    expect(addWorkingDays(cal, '2026-02-12', 1)).toBe('2026-02-13');
    expect(addWorkingDays(cal, '2026-02-12', 2)).toBe('2026-02-14');
    expect(addWorkingDays(cal, '2026-02-12', 3)).toBe('2026-02-24');
    expect(addWorkingDays(cal, '2026-02-12', 5)).toBe('2026-02-26');
    // 24, 25, 26, 27 (Tue–Fri) and Sat 28 (调休) → 5 working days; then Mon 2 March.
    expect(addWorkingDays(cal, '2026-02-23', 5)).toBe('2026-02-28');
    expect(addWorkingDays(cal, '2026-02-23', 6)).toBe('2026-03-02');
    expect(workingDaysBetween(cal, '2026-02-12', '2026-02-28')).toBe(7);
  });

  it('counts across National Day with its two make-up days', () => {
    // Fri 18 Sep → Sun 20 (调休) is the next working day, then 21–24 (25–27 中秋), 28–30, then 8 Oct.
    expect(addWorkingDays(cal, '2026-09-18', 1)).toBe('2026-09-20');
    expect(addWorkingDays(cal, '2026-09-18', 5)).toBe('2026-09-24');
    expect(addWorkingDays(cal, '2026-09-24', 1)).toBe('2026-09-28');
    expect(addWorkingDays(cal, '2026-09-30', 1)).toBe('2026-10-08');
    expect(addWorkingDays(cal, '2026-09-30', 3)).toBe('2026-10-10'); // Sat 10 Oct is a working day
    expect(addWorkingDays(cal, '2026-09-30', 4)).toBe('2026-10-12');
    expect(addWorkingDays(cal, '2026-10-12', -3)).toBe('2026-10-08');
    expect(addWorkingDays(cal, '2026-10-12', -4)).toBe('2026-09-30');
    expect(workingDaysBetween(cal, '2026-09-18', '2026-10-12')).toBe(12);
  });

  it('moves a date that falls on a rest day to the next working day', () => {
    expect(onOrAfterWorkingDay(cal, '2026-10-01')).toBe('2026-10-08');
    expect(addWorkingDays(cal, '2026-10-03', 0)).toBe('2026-10-08');
    expect(addWorkingDays(cal, '2026-10-09', 0)).toBe('2026-10-09');
  });

  it('ships 2027 as provisional statutory holidays', () => {
    const d2027 = SHIPPED_CALENDAR.filter((d) => d.date.startsWith('2027'));
    expect(d2027.length).toBeGreaterThan(0);
    expect(d2027.every((d) => d.provisional && d.kind === 'holiday')).toBe(true);
    expect(isWorkingDay(cal, '2027-02-08')).toBe(false); // 正月初三, a Monday
  });
});
