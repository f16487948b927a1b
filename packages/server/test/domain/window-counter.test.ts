import { describe, expect, it } from 'vitest';
import { WindowCounter } from '../../src/rate-limit.ts';

describe('WindowCounter', () => {
  it('allows max hits per key in a window, then says how long to wait', () => {
    const limit = new WindowCounter(2, 60_000);
    expect([limit.hit('a', 0), limit.hit('a', 1000), limit.hit('a', 30_000)]).toEqual([0, 0, 30]);
    expect(limit.hit('b', 30_000)).toBe(0);
    expect(limit.hit('a', 59_999)).toBe(1);
  });

  it('starts counting again when the window ends', () => {
    const limit = new WindowCounter(1, 60_000);
    expect([limit.hit('a', 0), limit.hit('a', 1)]).toEqual([0, 60]);
    expect([limit.hit('a', 60_000), limit.hit('a', 60_001)]).toEqual([0, 60]);
  });

  it('past its capacity, spreads new keys over shared counts: honest traffic passes, a flood does not', () => {
    const limit = new WindowCounter(5, 60_000, 1);
    limit.hit('held', 0);
    expect(limit.saturated).toBe(false);
    const honest = Array.from({ length: 1000 }, (_, i) => limit.hit(`visitor-${i}`, 0));
    expect(honest.filter((wait) => wait > 0)).toEqual([]);
    expect(limit.saturated).toBe(true);
    const repeated = Array.from({ length: 8 }, () => limit.hit('one-more', 0));
    expect(repeated.slice(-2)).toEqual([60, 60]); // one key still cannot go past the limit
    const flood = Array.from({ length: 100_000 }, (_, i) => limit.hit(`invented-${i}`, 0));
    expect(flood.filter((wait) => wait > 0).length).toBeGreaterThan(70_000);
    expect(limit.hit('held', 0)).toBe(0); // the keys it holds keep their own counts
    expect(limit.hit('fresh', 60_000)).toBe(0);
    expect(limit.saturated).toBe(false);
  });

  it('starts a new window when the clock steps backwards, rather than stretching this one', () => {
    const limit = new WindowCounter(1, 60_000);
    expect([limit.hit('a', 100_000), limit.hit('a', 100_001)]).toEqual([0, 60]);
    expect(limit.hit('a', 40_000)).toBe(0);
    expect(limit.hit('a', 40_001)).toBe(60);
  });
});
