/**
 * Where the programme's time comes from. Hold periods, attribution windows, session expiry and
 * the affiliate review promise all read this clock, so tests move time instead of sleeping.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export const DAY_MS = 86_400_000;

/** `date` moved forward by a number of days. */
export const addDays = (date: Date, days: number): Date => new Date(date.getTime() + days * DAY_MS);
