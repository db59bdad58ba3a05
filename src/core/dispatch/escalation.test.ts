import { describe, expect, it } from 'vitest';
import { calendarOf } from '../schedule/working-days.js';
import { DEFAULT_LADDER, climbTo, dueLevel, levelThresholds, nextLevel, recipientsAt, type EscalationLadder } from './escalation.js';

// 2026-10-01..07 National Day holidays, 2026-10-10 (Saturday) a make-up working day.
const cal = calendarOf([
  ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ date: `2026-10-${d}`, kind: 'holiday' as const })),
  { date: '2026-10-10', kind: 'workday' },
]);
const plain = calendarOf([]);

describe('escalation ladder', () => {
  it('sums the waits into thresholds (default 0, 3, 8, 13 working days overdue)', () => {
    expect(levelThresholds(DEFAULT_LADDER)).toEqual([0, 3, 8, 13]);
  });

  it('stays at 0 until the deadline has passed, then climbs to level 1 the next calendar day', () => {
    expect(dueLevel(plain, DEFAULT_LADDER, '2026-11-06', '2026-11-06')).toBe(0);
    expect(dueLevel(plain, DEFAULT_LADDER, '2026-11-06', '2026-11-07')).toBe(1); // a Saturday still counts for level 1
  });

  it('counts working days for the higher levels (a weekend does not push an item up)', () => {
    // Deadline Friday 11-06: Mon 09 = 1, Tue 10 = 2, Wed 11 = 3 working days overdue.
    expect(dueLevel(plain, DEFAULT_LADDER, '2026-11-06', '2026-11-10')).toBe(1);
    expect(dueLevel(plain, DEFAULT_LADDER, '2026-11-06', '2026-11-11')).toBe(2);
    expect(dueLevel(plain, DEFAULT_LADDER, '2026-11-06', '2026-11-18')).toBe(3); // 8 working days
    expect(dueLevel(plain, DEFAULT_LADDER, '2026-11-06', '2026-11-25')).toBe(4); // 13
    expect(dueLevel(plain, DEFAULT_LADDER, '2026-11-06', '2027-06-01')).toBe(4); // never past the top
  });

  it('uses the working calendar: the 国庆 holidays do not count, the make-up Saturday does', () => {
    // Deadline 09-30: 10-08 (Thu) = 1, 10-09 = 2, 10-10 (make-up Saturday) = 3.
    expect(dueLevel(cal, DEFAULT_LADDER, '2026-09-30', '2026-10-07')).toBe(1);
    expect(dueLevel(cal, DEFAULT_LADDER, '2026-09-30', '2026-10-09')).toBe(1);
    expect(dueLevel(cal, DEFAULT_LADDER, '2026-09-30', '2026-10-10')).toBe(2);
  });

  it('climbs only upward, and a second run on the same day does nothing (idempotent)', () => {
    const item = { deadline: '2026-11-06', escalationLevel: 0 };
    const to = climbTo(plain, DEFAULT_LADDER, item, '2026-11-11');
    expect(to).toBe(2);
    expect(climbTo(plain, DEFAULT_LADDER, { ...item, escalationLevel: to! }, '2026-11-11')).toBeNull();
    // Escalated by hand to 3 already: the job leaves it.
    expect(climbTo(plain, DEFAULT_LADDER, { ...item, escalationLevel: 3 }, '2026-11-11')).toBeNull();
  });

  it('offers the next level for a manual escalation until the top', () => {
    expect(nextLevel(DEFAULT_LADDER, 0)).toBe(1);
    expect(nextLevel(DEFAULT_LADDER, 3)).toBe(4);
    expect(nextLevel(DEFAULT_LADDER, 4)).toBeNull();
  });

  it('resolves each level to people: leader, unit head (or the unit staff), project leader, named users', () => {
    const ladder: EscalationLadder = { ...DEFAULT_LADDER, levels: DEFAULT_LADDER.levels.map((l, i) => (i === 3 ? { ...l, userIds: ['secretary', 'mayor'] } : l)), unitHeads: { land: 'land-head' } };
    const ctx = { leaderId: 'vice', unitId: 'land', projectLeaderId: 'county-leader', unitStaffIds: ['s1', 's2'] };
    expect(recipientsAt(ladder, 1, ctx)).toEqual(['vice']);
    expect(recipientsAt(ladder, 2, ctx)).toEqual(['land-head']);
    expect(recipientsAt(ladder, 2, { ...ctx, unitId: 'water' })).toEqual(['s1', 's2']);
    expect(recipientsAt(ladder, 3, ctx)).toEqual(['county-leader']);
    expect(recipientsAt(ladder, 3, { ...ctx, projectLeaderId: null })).toEqual([]);
    expect(recipientsAt(ladder, 4, ctx)).toEqual(['secretary', 'mayor']);
    expect(recipientsAt(ladder, 5, ctx)).toEqual([]);
  });
});
