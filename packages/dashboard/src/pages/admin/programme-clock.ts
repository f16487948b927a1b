import { signal } from '@preact/signals';

/**
 * How far the programme's clock runs ahead of this browser's, in ms. The demo's clock can be
 * moved forward by days, and what the server dates by it (a payout request, a message queued)
 * would otherwise read "in 30 days". 0 until the demo console has said what time it is.
 */
export const clockOffsetMs = signal(0);

/** The server said the programme's time is `now` (the demo console's clock). */
export function programmeTimeIs(now: string): void {
  const offset = new Date(now).getTime() - Date.now();
  // Under a minute apart is the browser's own clock or the request's time, not a skipped day.
  clockOffsetMs.value = Math.abs(offset) < 60_000 ? 0 : offset;
}

/** The programme's time now. */
export const programmeNow = (): Date => new Date(Date.now() + clockOffsetMs.value);
