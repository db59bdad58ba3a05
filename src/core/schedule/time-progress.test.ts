import { describe, expect, it } from 'vitest';
import { EVEN_CURVE, elapsedMonths, expectedByNow, gapPoints, isValidCurve, timeProgressShare } from './time-progress.js';

describe('序时进度', () => {
  it('counts a month once it has ended', () => {
    expect(elapsedMonths(2026, '2026-01-30')).toBe(0);
    expect(elapsedMonths(2026, '2026-01-31')).toBe(1);
    expect(elapsedMonths(2026, '2026-02-28')).toBe(2);
    expect(elapsedMonths(2026, '2026-11-27')).toBe(10);
    expect(elapsedMonths(2026, '2026-12-31')).toBe(12);
    expect(elapsedMonths(2026, '2025-12-31')).toBe(0);
    expect(elapsedMonths(2026, '2027-03-01')).toBe(12);
    expect(elapsedMonths(2024, '2024-02-29')).toBe(2); // leap year
  });

  // domain.md §5: the worked figures from published reports.
  it('matches 1–10月: 97.2 % completed is 13.8 points over 序时', () => {
    expect(gapPoints(97.2, 100, timeProgressShare(10))).toBe(13.9); // 97.2 − 83.33 = 13.87
    expect(Math.round(timeProgressShare(10) * 1000) / 10).toBe(83.3);
  });
  it('matches 1–8月: 74 % completed is 7.33 points over 66.67 %', () => {
    expect(Math.round(timeProgressShare(8) * 10_000) / 100).toBe(66.67);
    expect(gapPoints(74, 100, timeProgressShare(8))).toBe(7.3);
  });
  it('matches 1–3月: 30.90 % completed is 5.90 points over 25 %', () => {
    expect(timeProgressShare(3)).toBe(0.25);
    expect(gapPoints(30.9, 100, timeProgressShare(3))).toBe(5.9);
  });

  it('uses a monthly plan curve when one is agreed', () => {
    const slowWinter = [200, 500, 1200, 2000, 2900, 3800, 4700, 5600, 6600, 7700, 8900, 10_000];
    expect(isValidCurve(slowWinter)).toBe(true);
    expect(timeProgressShare(2, slowWinter)).toBe(0.05);
    expect(timeProgressShare(12, slowWinter)).toBe(1);
    expect(isValidCurve([100, 50, ...slowWinter.slice(2)])).toBe(false);
    expect(timeProgressShare(6, [1, 2, 3])).toBe(0.5); // invalid curve → even pace
    expect(EVEN_CURVE[11]).toBe(10_000);
  });

  it('splits by quarter when a quarterly target is given', () => {
    expect(expectedByNow(12, 6)).toBe(6);
    expect(expectedByNow(12, 4, { quarters: [1, 5, 3, 3] })).toBeCloseTo(1 + 5 / 3);
    expect(expectedByNow(12, 12, { quarters: [1, 5, 3, 3] })).toBe(12);
    expect(expectedByNow(12, 0, { quarters: [1, 5, 3, 3] })).toBe(0);
  });

  it('reports no gap for a zero target', () => {
    expect(gapPoints(3, 0, 0.5)).toBeNull();
  });
});
