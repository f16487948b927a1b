import { type Clock, DAY_MS } from '../src/domain/clock.ts';

/** A clock a test sets and moves; it never moves by itself. */
export interface TestClock extends Clock {
  set(at: Date | string): void;
  advanceDays(days: number): void;
  advanceMs(ms: number): void;
}

export function testClock(start: Date | string = '2026-03-01T10:00:00Z'): TestClock {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (at) => {
      t = new Date(at).getTime();
    },
    advanceDays: (days) => {
      t += days * DAY_MS;
    },
    advanceMs: (ms) => {
      t += ms;
    },
  };
}
