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

  it('counts the keys past its capacity together, so a flood of new keys is limited as one', () => {
    const limit = new WindowCounter(2, 60_000, 2);
    limit.hit('a', 0);
    limit.hit('b', 0);
    expect([limit.hit('c', 0), limit.hit('d', 0), limit.hit('e', 0)]).toEqual([0, 0, 60]);
    expect(limit.hit('a', 0)).toBe(0); // the keys it holds keep their own counts
    expect(limit.hit('f', 60_000)).toBe(0); // a new window holds new keys again
  });

  it('starts a new window when the clock steps backwards, rather than stretching this one', () => {
    const limit = new WindowCounter(1, 60_000);
    expect([limit.hit('a', 100_000), limit.hit('a', 100_001)]).toEqual([0, 60]);
    expect(limit.hit('a', 40_000)).toBe(0);
    expect(limit.hit('a', 40_001)).toBe(60);
  });
});
