import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { accountBalances, type LedgerEntry, listEntries } from '../../src/db/queries/ledger.ts';
import { addDays } from '../../src/domain/clock.ts';
import { balancesOf } from '../../src/domain/ledger.ts';
import { applyStripeEvent } from '../../src/services/billing.ts';
import { type TestClock, testClock } from '../clock.ts';
import { describeEachDb, truncateAll } from '../databases.ts';
import { testApp } from '../fixtures.ts';
import { propertyRuns } from '../property-runs.ts';
import {
  chargeRefunded,
  disputeEvent,
  event,
  invoicePaid,
  invoicePaymentPaid,
  type StripeJson,
  subscriptionEvent,
} from '../stripe-events.ts';

/** Random histories per run; `FC_RUNS=2000` searches further (each takes up to a few seconds). */
const RUNS = propertyRuns(process.env.FC_RUNS);

/**
 * Random invoices, refunds, disputes (won, lost or open) and subscription changes for one referred account,
 * applied through the service in a random order with random duplicates and random time
 * passing (holds ending in between), must always leave the ledger as the rules say: each
 * invoice's net effect is the commission on what was paid less what was taken back, never
 * a commission twice, and balances that are sums of the entries.
 */

const BASE = new Date('2026-03-01T10:00:00Z');
const REFERRER = 'acc_referrer';
const REFEREE = 'acc_referee';
const CUSTOMER = 'cus_referee';

const invoiceArb = fc.record({
  paid: fc.integer({ min: 0, max: 20_000 }),
  taxPct: fc.integer({ min: 0, max: 25 }),
  sub: fc.constantFrom(0, 1, null),
  paidDay: fc.integer({ min: 0, max: 60 }),
  legacy: fc.boolean(),
  withMetadata: fc.boolean(),
  currency: fc.constantFrom('eur', 'eur', 'eur', 'usd'),
  /** Cumulative refunds as reported, each taken modulo (paid + 1). */
  refunds: fc.array(fc.nat(20_000), { maxLength: 3 }),
  /** Each taken modulo (paid + 1); its outcome, if any, arrives in any order with the rest. */
  disputes: fc.array(
    fc.record({
      amount: fc.nat(20_000),
      outcome: fc.constantFrom(null, 'won', 'lost'),
      withdrawn: fc.boolean(),
    }),
    { maxLength: 2 },
  ),
});

const scenarioArb = fc.record({
  rateBps: fc.constantFrom(3000, 2500, 3333, 10_000),
  /** Whether the first two invoices were paid by one payment, whose refunds and disputes they share. */
  shared: fc.boolean(),
  review: fc.constantFrom('none', 'none', 'flagged', 'rejected'),
  invoices: fc.array(invoiceArb, { minLength: 1, maxLength: 4 }),
  updates: fc.uniqueArray(
    fc.record({
      minute: fc.integer({ min: 0, max: 10_000 }),
      sub: fc.constantFrom(0, 1),
      status: fc.constantFrom('active', 'trialing', 'past_due', 'unpaid', 'incomplete'),
      lookupKey: fc.constantFrom('pro_monthly', 'business'),
      withMetadata: fc.boolean(),
    }),
    { selector: (u) => u.minute, maxLength: 4 },
  ),
  deletions: fc.array(fc.record({ sub: fc.constantFrom(0, 1), endDay: fc.integer({ min: 0, max: 60 }) }), {
    maxLength: 2,
  }),
  /** Sort keys (a permutation), duplicates and days passing before each delivery. */
  seed: fc.array(
    fc.record({ key: fc.double({ noNaN: true }), dup: fc.boolean(), days: fc.constantFrom(0, 0, 0, 7, 31) }),
    {
      minLength: 64,
      maxLength: 64,
    },
  ),
});
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;
type InvoiceSpec = Scenario['invoices'][number];

const subId = (k: number) => `sub_p${k}`;
const taxOf = (i: InvoiceSpec) => Math.floor((i.paid * i.taxPct) / 100);
const day = (d: number) => addDays(BASE, d);

/** Invoices 0 and 1 when they share one payment (the scenario says so and has both), else none. */
const sharing = (s: Scenario): InvoiceSpec[] => (s.shared && s.invoices.length >= 2 ? s.invoices.slice(0, 2) : []);
const isShared = (s: Scenario, k: number) => k < sharing(s).length;

/** Every event the scenario's facts produce, in no particular order. */
function eventsOf(s: Scenario): StripeJson[] {
  const out: StripeJson[] = [
    event('customer.created', { id: CUSTOMER, object: 'customer', metadata: { account_id: REFEREE } }, BASE),
  ];
  const both = sharing(s);
  const sharedPi = both.some((i) => !i.legacy) ? 'pi_shared' : null;
  const sharedPaid = both.reduce((sum, i) => sum + i.paid, 0);
  s.invoices.forEach((i, k) => {
    const id = `in_p${k}`;
    const shared = isShared(s, k);
    const charge = shared ? 'ch_shared' : `ch_p${k}`;
    const pi = i.legacy ? null : shared ? sharedPi : `pi_p${k}`;
    // The shared payment's refunds and disputes name the charge and its payment intent; each
    // amount is taken modulo what the whole payment paid.
    const [refundPi, paymentPaid] = shared ? [sharedPi, sharedPaid] : [pi, i.paid];
    out.push(
      invoicePaid({
        id,
        customer: CUSTOMER,
        accountId: i.withMetadata ? REFEREE : null,
        subscription: i.sub === null ? null : subId(i.sub),
        paidCents: i.paid,
        taxCents: taxOf(i),
        currency: i.currency,
        paidAt: day(i.paidDay),
        legacy: i.legacy,
        charge: i.legacy ? charge : null,
        paymentIntent: pi,
      }),
    );
    if (pi) out.push(invoicePaymentPaid(id, pi, day(i.paidDay), undefined, shared ? i.paid : undefined));
    for (const r of i.refunds) {
      const refunded = r % (paymentPaid + 1);
      out.push(
        chargeRefunded({ charge, paymentIntent: refundPi, amountCents: paymentPaid, refundedCents: refunded }, BASE),
      );
    }
    i.disputes.forEach((d, j) => {
      const dispute = {
        id: `dp_p${k}_${j}`,
        charge,
        paymentIntent: refundPi,
        amountCents: d.amount % (paymentPaid + 1),
      };
      out.push(disputeEvent('created', dispute, BASE));
      if (d.withdrawn) out.push(disputeEvent('funds_withdrawn', dispute, BASE));
      if (d.outcome) out.push(disputeEvent('closed', { ...dispute, status: d.outcome }, BASE));
      if (d.outcome === 'won') out.push(disputeEvent('funds_reinstated', dispute, BASE));
    });
  });
  for (const u of s.updates) {
    const sub = { id: subId(u.sub), customer: CUSTOMER, accountId: u.withMetadata ? REFEREE : null };
    out.push(
      subscriptionEvent(
        'updated',
        { ...sub, status: u.status, lookupKey: u.lookupKey },
        addDays(BASE, u.minute / 1440),
      ),
    );
  }
  for (const d of s.deletions) {
    const sub = { id: subId(d.sub), customer: CUSTOMER, status: 'canceled', endedAt: day(d.endDay) };
    out.push(subscriptionEvent('deleted', sub, day(d.endDay)));
  }
  return out;
}

/**
 * Invoice k's part (0 or 1) of `total` taken on the payment two invoices share: by what each
 * paid, rounded down, the cent left over to the larger remainder (the first on a tie); equal
 * halves when neither paid anything.
 */
function shareOf(s: Scenario, k: number, total: number): number {
  const [w0, w1] = sharing(s).map((i) => i.paid) as [number, number];
  const weights = w0 + w1 === 0 ? [1, 1] : [w0, w1];
  const sum = (weights[0] as number) + (weights[1] as number);
  const base = weights.map((w) => Math.floor((total * w) / sum));
  const left = total - (base[0] as number) - (base[1] as number);
  const [r0, r1] = weights.map((w) => (total * w) % sum) as [number, number];
  const gets = r0 >= r1 ? 0 : 1;
  return (base[k] as number) + (left > 0 && gets === k ? 1 : 0);
}

/** What the rules say each invoice nets its referrer, worked out independently of the code. */
function expectedNet(s: Scenario, i: InvoiceSpec, k: number): number {
  if (s.review === 'rejected' || i.currency !== 'eur' || i.sub === null) return 0;
  const ends = s.deletions.filter((d) => d.sub === i.sub).map((d) => d.endDay);
  const earns = !ends.length || i.paidDay < Math.min(...ends);
  const commission = Math.floor(((i.paid - taxOf(i)) * s.rateBps) / 10_000 + 0.5);
  if (!commission || !earns) return 0;
  let refunded: number;
  let disputed: number;
  if (isShared(s, k)) {
    // The payment's refunds (cumulative: the greatest counts) and each of its disputes, shared.
    const both = sharing(s);
    const paid = both.reduce((sum, x) => sum + x.paid, 0);
    refunded = shareOf(s, k, Math.max(0, ...both.flatMap((x) => x.refunds.map((r) => r % (paid + 1)))));
    disputed = both
      .flatMap((x) => x.disputes)
      .filter((d) => d.outcome !== 'won')
      .reduce((sum, d) => sum + shareOf(s, k, d.amount % (paid + 1)), 0);
  } else {
    refunded = Math.max(0, ...i.refunds.map((r) => r % (i.paid + 1)));
    // a won dispute gives back what it took; a lost or open one stays taken
    disputed = i.disputes.filter((d) => d.outcome !== 'won').reduce((sum, d) => sum + (d.amount % (i.paid + 1)), 0);
  }
  const taken = Math.min(i.paid, refunded + disputed);
  return commission - Math.min(commission, Math.floor((commission * taken) / i.paid + 0.5));
}

/** The plan the referee should end with: per subscription the latest update unless it ended. */
function expectedPlan(s: Scenario): string {
  let best = 'free';
  for (const k of [0, 1]) {
    if (s.deletions.some((d) => d.sub === k)) continue;
    const latest = s.updates.filter((u) => u.sub === k).sort((a, b) => b.minute - a.minute)[0];
    if (!latest || !['active', 'trialing', 'past_due'].includes(latest.status)) continue;
    const plan = latest.lookupKey === 'business' ? 'business' : 'pro';
    if (plan === 'business' || best === 'free') best = plan;
  }
  return best;
}

async function seed(db: Db, s: Scenario) {
  await db.query(
    `insert into accounts (id, email, referral_code) values ($1, 'referrer@example.com', 'referrer1'),
       ($2, 'referee@example.com', 'referee1')`,
    [REFERRER, REFEREE],
  );
  await db.query(
    `insert into referrals (referrer_id, referee_id, source, install_bounty_cents, commission_rate_bps, hold_days,
       review, created_at)
     values ($1, $2, 'link', 1000, $3, 30, $4, $5)`,
    [REFERRER, REFEREE, s.rateBps, s.review, BASE],
  );
}

describeEachDb('billing events in any order, any number of times', (db) => {
  let app: FastifyInstance;
  let clock: TestClock;
  beforeAll(async () => {
    clock = testClock(BASE);
    app = await testApp(db(), {}, clock);
  });
  afterAll(() => app.close());

  const checkLedger = async (s: Scenario) => {
    const entries: LedgerEntry[] = await listEntries(db(), REFERRER, 10_000);
    s.invoices.forEach((i, k) => {
      const mine = entries.filter((e) => e.invoiceId === `in_p${k}`);
      expect(mine.filter((e) => e.kind === 'commission').length).toBeLessThanOrEqual(1);
      expect(mine.reduce((sum, e) => sum + e.amountCents, 0)).toBe(expectedNet(s, i, k));
    });
    const balances = await accountBalances(db(), REFERRER);
    expect(balances).toEqual(balancesOf(entries));
    const total = entries.reduce((sum, e) => sum + e.amountCents, 0);
    const { pendingCents, onHoldCents, availableCents, processingCents, paidCents } = balances;
    expect(pendingCents + onHoldCents + availableCents + processingCents + paidCents).toBe(total);
  };

  it(
    'always nets each invoice’s commission on what was kept, with consistent balances',
    async () => {
      await fc.assert(
        fc.asyncProperty(scenarioArb, async (s) => {
          await truncateAll(db());
          clock.set(BASE);
          await seed(db(), s);
          const events = eventsOf(s);
          const deliveries = events.flatMap((e, k) => {
            const r = s.seed[k % s.seed.length] ?? { key: 0, dup: false, days: 0 };
            return r.dup
              ? [
                  { e, key: r.key, days: r.days },
                  { e, key: -r.key, days: 0 },
                ]
              : [{ e, key: r.key, days: r.days }];
          });
          deliveries.sort((a, b) => a.key - b.key);
          for (const { e, days } of deliveries) {
            if (days) {
              clock.advanceDays(days);
              await app.ledger.tick();
            }
            const result = await applyStripeEvent(db(), JSON.parse(JSON.stringify(e)), clock.now());
            expect(result.outcome).not.toBe('invalid');
          }
          await checkLedger(s);
          const { rows } = await db().query<{ plan: string }>('select plan from accounts where id = $1', [REFEREE]);
          expect(rows[0]?.plan).toBe(expectedPlan(s));
          const parked = await db().query('select id from billing_events where unmatched_customer is not null');
          expect(parked.rows).toEqual([]);
          clock.advanceDays(100); // every hold over: the net effects and the sums stay the same
          await app.ledger.tick();
          await checkLedger(s);
        }),
        { numRuns: RUNS },
      );
    },
    RUNS * 4_000,
  );
});
