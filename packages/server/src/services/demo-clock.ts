import type { Db } from '../db/client.ts';
import { type Clock, DAY_MS } from '../domain/clock.ts';

/** The demo's programme clock: real time moved forward by what the operator has skipped. */
export interface DemoClock extends Clock {
  readonly live: true;
  /** How far ahead of real time it runs. */
  offsetMs(): number;
  /**
   * Moves the programme's time forward for good (it is stored, so a restart keeps it). Sessions
   * move with it, so skipping a month logs nobody out.
   */
  skipDays(days: number): Promise<void>;
}

export const isDemoClock = (clock: Clock): clock is DemoClock => 'skipDays' in clock;

/** The demo clock, as far ahead as it was last left (CALLBELL_DEMO only). */
export async function demoClock(db: Db): Promise<DemoClock> {
  const { rows } = await db.query<{ offset: string }>('select offset_ms::text as offset from demo_clock');
  let offset = Number(rows[0]?.offset ?? 0);
  return {
    live: true,
    now: () => new Date(Date.now() + offset),
    offsetMs: () => offset,
    async skipDays(days) {
      const ms = Math.round(days * DAY_MS);
      const next = await db.transaction(async (tx) => {
        const { rows } = await tx.query<{ offset: string }>(
          `insert into demo_clock (id, offset_ms) values (true, $1)
           on conflict (id) do update set offset_ms = demo_clock.offset_ms + excluded.offset_ms
           returning offset_ms::text as offset`,
          [ms],
        );
        await tx.query(
          'update sessions set expires_at = expires_at + make_interval(secs => $1::double precision / 1000)',
          [ms],
        );
        return Number(rows[0]?.offset ?? 0);
      });
      // Two skips at once may answer out of order; the clock only ever moves forward.
      offset = Math.max(offset, next);
    },
  };
}
