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

  it('lets keys past its capacity through uncounted, and keeps counting the ones it holds', () => {
    const limit = new WindowCounter(1, 60_000, 2);
    limit.hit('a', 0);
    limit.hit('b', 0);
    expect([limit.hit('c', 0), limit.hit('c', 0)]).toEqual([0, 0]);
    expect(limit.hit('a', 0)).toBe(60);
    expect(limit.hit('c', 60_000)).toBe(0);
    expect(limit.hit('c', 60_000)).toBe(60);
  });
});
