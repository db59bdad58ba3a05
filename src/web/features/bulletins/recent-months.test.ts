import { describe, expect, it } from 'vitest';
import { recentMonths } from './recent-months.js';

describe('recentMonths', () => {
  it('counts back across the new year', () => {
    expect(recentMonths('2026-02-10', 4)).toEqual(['2026-02', '2026-01', '2025-12', '2025-11']);
  });
});
