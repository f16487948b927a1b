/**
 * The programme's money arithmetic: integer cents and basis points only, rounded half up to
 * the cent, computed in BigInt so no intermediate product ever loses a cent. Pure: the
 * Rewards engine's ledger is built on these.
 */

/** 10 000 basis points make 100 %. */
export const BPS_WHOLE = 10_000;

const assertCents = (value: number, name: string) => {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${name} must be a whole, non-negative number of cents`);
};

/** `value × numerator / denominator`, rounded half up; all three non-negative integers. */
export function mulDivRoundHalfUp(value: number, numerator: number, denominator: number): number {
  assertCents(value, 'value');
  assertCents(numerator, 'numerator');
  if (!Number.isSafeInteger(denominator) || denominator <= 0)
    throw new RangeError('denominator must be a positive integer');
  const d = BigInt(denominator);
  return Number((BigInt(value) * BigInt(numerator) * 2n + d) / (2n * d));
}

/** The commission on an invoice: its amount excluding tax times the rate, half up. */
export function commissionCents(netCents: number, rateBps: number): number {
  if (!Number.isSafeInteger(rateBps) || rateBps < 0 || rateBps > BPS_WHOLE) {
    throw new RangeError('rateBps must be a whole number from 0 to 10000');
  }
  return mulDivRoundHalfUp(netCents, rateBps, BPS_WHOLE);
}

/** An invoice's amount excluding tax, from what was paid and the tax in it. */
export function netOfTaxCents(paidCents: number, taxCents: number): number {
  assertCents(paidCents, 'paidCents');
  assertCents(taxCents, 'taxCents');
  if (taxCents > paidCents) throw new RangeError('tax cannot exceed the amount paid');
  return paidCents - taxCents;
}

/**
 * What a refund takes back from a commission. Payment providers report the cumulative amount
 * refunded on a charge (partial refunds fire the same event again), so the reversal is the
 * commission's share of everything refunded so far, less what earlier refunds already took:
 * however the refunds are split, together they take back exactly the commission's share, and
 * a full refund takes back the whole commission, never more.
 */
export function refundReversalCents(input: {
  commissionCents: number;
  paidCents: number;
  refundedCents: number;
  reversedSoFarCents: number;
}): number {
  const { commissionCents: commission, paidCents, refundedCents, reversedSoFarCents } = input;
  assertCents(commission, 'commissionCents');
  assertCents(refundedCents, 'refundedCents');
  assertCents(reversedSoFarCents, 'reversedSoFarCents');
  if (!Number.isSafeInteger(paidCents) || paidCents <= 0) throw new RangeError('paidCents must be positive');
  const owed = mulDivRoundHalfUp(commission, Math.min(refundedCents, paidCents), paidCents);
  return Math.max(0, Math.min(commission, owed) - reversedSoFarCents);
}

/**
 * Cents as the decimal a payment file carries: `6010` → `"60.10"`, `5` → `"0.05"`. Built from the
 * integer's digits, never through a float, so no amount can be off by a cent however large.
 */
export function centsDecimal(cents: number): string {
  assertCents(cents, 'cents');
  const digits = String(cents).padStart(3, '0');
  return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** Euros for people: `€50.00`, `-€5.00`. */
export const euros = (cents: number): string =>
  `${cents < 0 ? '-' : ''}€${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;

/**
 * `total` cents shared in proportion to `weights`, in whole cents that add up to `total`
 * exactly: each share is its exact part rounded down, and the cents left over go one each to
 * the largest remainders, the earlier share on a tie. With no weight at all, the shares are
 * equal. A refund of a payment that paid several invoices is shared this way.
 */
export function apportionCents(total: number, weights: readonly number[]): number[] {
  assertCents(total, 'total');
  for (const w of weights) assertCents(w, 'weight');
  const ws = weights.some((w) => w > 0) ? weights.map(BigInt) : weights.map(() => 1n);
  const sum = ws.reduce((a, b) => a + b, 0n);
  if (sum === 0n) return [];
  const exact = ws.map((w) => BigInt(total) * w);
  const shares = exact.map((e) => e / sum);
  let left = BigInt(total) - shares.reduce((a, b) => a + b, 0n);
  const byRemainder = ws
    .map((_, i) => i)
    .sort((a, b) => {
      const ra = (exact[a] as bigint) % sum;
      const rb = (exact[b] as bigint) % sum;
      return ra === rb ? a - b : rb > ra ? 1 : -1;
    });
  for (const i of byRemainder) {
    if (left === 0n) break;
    shares[i] = (shares[i] as bigint) + 1n;
    left--;
  }
  return shares.map(Number);
}
