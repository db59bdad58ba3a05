import { describe, expect, it } from 'vitest';
import { newId } from './ids.js';

describe('newId', () => {
  it('is 26 URL-safe characters, unique, and sorts by creation time', () => {
    const a = newId(1_700_000_000_000);
    const b = newId(1_700_000_000_001);
    expect(a).toMatch(/^[0-9a-z]{26}$/);
    expect(a < b).toBe(true);
    expect(new Set(Array.from({ length: 1000 }, () => newId())).size).toBe(1000);
  });

  it('stays unique within one millisecond across many refills of its random pool', () => {
    const ids = Array.from({ length: 20_000 }, () => newId(1_700_000_000_000));
    expect(new Set(ids).size).toBe(ids.length);
    // Every random character is used: the pool is not stuck on a few bytes.
    expect(new Set(ids.map((id) => id[25])).size).toBe(32);
  });
});
