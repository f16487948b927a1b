import { utcDay } from '@callbell/protocol';

/**
 * Where the programme's time comes from. Hold periods, attribution windows, session expiry and
 * the affiliate review promise all read this clock, so tests move time instead of sleeping.
 */
export interface Clock {
  now(): Date;
  /**
   * True when the clock moves with real time (the system's, or the demo's, which is the
   * system's moved forward), so that timers set for a moment of it go off then.
   */
  readonly live?: boolean;
}

export const systemClock: Clock = { now: () => new Date(), live: true };

export const DAY_MS = 86_400_000;

/** `date` moved forward by a number of days. */
export const addDays = (date: Date, days: number): Date => new Date(date.getTime() + days * DAY_MS);

/**
 * `utcDay` for a clock read on every ping: the day's string is formatted once per day, not per
 * call (`toISOString` was about 1 µs of each ping's server time). A moment outside the day last
 * formatted, later or earlier (a test's clock goes back), formats its own.
 */
export function utcDayCache(): (ms: number) => string {
  let start = 0;
  let end = 0;
  let day = '';
  return (ms) => {
    const t = Math.trunc(ms); // as Date takes it; NaN stays NaN, and utcDay throws on it
    if (!(t >= start && t < end)) {
      day = utcDay(t);
      start = t - (((t % DAY_MS) + DAY_MS) % DAY_MS);
      end = start + DAY_MS;
    }
    return day;
  };
}
