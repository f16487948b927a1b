import { utcDay } from '@callbell/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS, utcDayCache } from '../../src/domain/clock.ts';

describe('utcDayCache', () => {
  it('gives the day utcDay gives, for moments in any order', () => {
    // Moments clustered around a few midnights, so sequences cross days both ways.
    const moment = fc
      .tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -2 * DAY_MS, max: 2 * DAY_MS }))
      .map(([base, offset]) => Date.UTC(2026, 10, 24 + base) + offset);
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            moment,
            fc.integer({ min: -8.64e15, max: 8.64e15 }),
            fc.double({ min: -2 * DAY_MS, max: 2 * DAY_MS, noNaN: true }),
          ),
          { maxLength: 50 },
        ),
        (ms) => {
          const dayOf = utcDayCache();
          for (const m of ms) expect(dayOf(m)).toBe(utcDay(m));
        },
      ),
    );
  });

  it('turns at midnight UTC, and back when the clock goes back', () => {
    const dayOf = utcDayCache();
    const midnight = Date.UTC(2026, 10, 25);
    expect(dayOf(midnight - 1)).toBe('2026-11-24');
    expect(dayOf(midnight)).toBe('2026-11-25');
    expect(dayOf(midnight - 1)).toBe('2026-11-24');
    expect(dayOf(Date.UTC(1969, 11, 31, 23, 59))).toBe('1969-12-31');
    expect(dayOf(0)).toBe('1970-01-01');
  });

  it('takes a moment as Date does, and refuses one Date cannot hold', () => {
    const dayOf = utcDayCache();
    expect(dayOf(-0.5)).toBe(utcDay(-0.5)); // truncated to 0
    expect(dayOf(-1000)).toBe('1969-12-31');
    expect(dayOf(Date.UTC(2026, 10, 24, 12))).toBe('2026-11-24');
    expect(() => dayOf(Number.NaN)).toThrow(RangeError);
    expect(() => dayOf(8.64e15 + 1)).toThrow(RangeError);
  });
});
