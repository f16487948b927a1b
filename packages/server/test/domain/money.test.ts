import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  apportionCents,
  commissionCents,
  mulDivRoundHalfUp,
  netOfTaxCents,
  refundReversalCents,
} from '../../src/domain/money.ts';

describe('commissionCents (30 % = 3000 bps, half up to the cent)', () => {
  it.each([
    [10_000, 3000, 3000], // €100.00 → €30.00
    [2_900, 3000, 870], // €29.00 → €8.70
    [4_999, 3000, 1500], // €49.99 → €14.997 → €15.00
    [1_005, 3000, 302], // €10.05 → €3.015 → €3.02 (half up, not to even)
    [1_001, 3000, 300], // €10.01 → €3.003 → €3.00
    [5, 3000, 2], // 1.5 cents → 2
    [1, 3000, 0], // 0.3 cents → 0
    [0, 3000, 0],
    [12_345, 0, 0],
    [12_345, 10_000, 12_345],
    [Number.MAX_SAFE_INTEGER, 3000, 2_702_159_776_422_297], // exact where floats would drift
  ])('%i cents at %i bps → %i cents', (net, bps, expected) => {
    expect(commissionCents(net, bps)).toBe(expected);
  });

  it.each([
    [-1, 3000],
    [10.5, 3000],
    [100, -1],
    [100, 10_001],
    [100, 12.5],
    [Number.NaN, 3000],
  ])('refuses %s cents at %s bps', (net, bps) => {
    expect(() => commissionCents(net, bps)).toThrow(RangeError);
  });

  it('is the exact rational value rounded half up, for any amount and rate', () => {
    // v rounds x = net·bps/10000 half up exactly when v − ½ ≤ x < v + ½, that is when
    // −10000 < 20000·v − 2·net·bps ≤ 10000 (the upper end is a tie, which goes up).
    const halfUp = (net: number, bps: number) => {
      const diff = BigInt(commissionCents(net, bps)) * 20_000n - BigInt(net) * BigInt(bps) * 2n;
      return diff > -10_000n && diff <= 10_000n;
    };
    expect(halfUp(5, 1000)).toBe(true); // 0.5 cent, a tie: 1
    expect(commissionCents(5, 1000)).toBe(1);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), fc.integer({ min: 0, max: 10_000 }), (net, bps) =>
        halfUp(net, bps),
      ),
    );
    // Ties on purpose: net·bps an odd multiple of 5000.
    fc.assert(fc.property(fc.integer({ min: 0, max: 1_000_000 }), (k) => halfUp(5 * (2 * k + 1), 1000)));
  });
});

describe('netOfTaxCents', () => {
  it('takes the tax out', () => {
    expect(netOfTaxCents(12_100, 2_100)).toBe(10_000);
  });
  it('refuses more tax than was paid', () => {
    expect(() => netOfTaxCents(100, 101)).toThrow(RangeError);
  });
});

describe('refundReversalCents', () => {
  const base = { commissionCents: 3000, paidCents: 12_100 };

  it.each([
    ['a full refund', 12_100, 0, 3000],
    ['half of the payment', 6_050, 0, 1500],
    ['a second partial refund, reported cumulatively', 9_075, 1500, 750],
    ['the rest, after two partial refunds', 12_100, 2250, 750],
    ['a repeat of an event already counted', 6_050, 1500, 0],
    ['a refund larger than the payment (provider rounding)', 12_200, 0, 3000],
    ['a refund of 1 cent', 1, 0, 0],
  ])('%s', (_name, refundedCents, reversedSoFarCents, expected) => {
    expect(refundReversalCents({ ...base, refundedCents, reversedSoFarCents })).toBe(expected);
  });

  it('however a refund is split and replayed, reversals add up to the refunded share and never exceed the commission', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat({ max: 7 }), { maxLength: 8 }),
        (paidCents, bps, steps, replays) => {
          const commission = commissionCents(paidCents, bps);
          // Cumulative refunded amounts, as the provider reports them (never decreasing).
          let total = 0;
          const cumulative = steps.map((s) => {
            total = Math.min(paidCents, total + (s % (paidCents + 1)));
            return total;
          });
          const events = [...cumulative, ...replays.map((i) => cumulative[i % cumulative.length] as number)];
          let reversed = 0;
          for (const refundedCents of events) {
            const r = refundReversalCents({
              commissionCents: commission,
              paidCents,
              refundedCents,
              reversedSoFarCents: reversed,
            });
            expect(r).toBeGreaterThanOrEqual(0);
            reversed += r;
            expect(reversed).toBeLessThanOrEqual(commission);
          }
          expect(reversed).toBe(mulDivRoundHalfUp(commission, total, paidCents));
          if (total === paidCents) expect(reversed).toBe(commission);
        },
      ),
    );
  });
});

describe('apportionCents', () => {
  it.each([
    [1000, [2000, 2000], [500, 500]],
    [1000, [2000, 1000], [667, 333]],
    [1, [1000, 1000], [1, 0]], // a tie: the earlier share
    [2, [1, 1, 1], [1, 1, 0]],
    [100, [0, 3000], [0, 100]],
    [100, [0, 0], [50, 50]], // no weight at all: equal
    [999, [5], [999]], // one invoice takes it all, whatever its weight
    [999, [0], [999]],
    [0, [3, 4], [0, 0]],
    [7, [], []],
  ])('apportionCents(%i, %j) = %j', (total, weights, shares) => {
    expect(apportionCents(total, weights)).toEqual(shares);
  });

  it('adds up to the total, each share within a cent of its exact part', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 6 }),
        (total, weights) => {
          const shares = apportionCents(total, weights);
          expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
          const sum = weights.reduce((a, b) => a + b, 0);
          for (const [i, share] of shares.entries()) {
            const exact = sum === 0 ? total / weights.length : (total * (weights[i] as number)) / sum;
            expect(share).toBeGreaterThanOrEqual(Math.floor(exact + 1e-9) - 0);
            expect(share).toBeLessThanOrEqual(Math.ceil(exact - 1e-9));
          }
        },
      ),
    );
  });

  it('refuses what is not whole cents', () => {
    expect(() => apportionCents(-1, [1])).toThrow(RangeError);
    expect(() => apportionCents(10, [1.5])).toThrow(RangeError);
  });
});
