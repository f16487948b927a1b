// A payout request and a refund's clawback of the same ambassador queue on the account row:
// neither reads the ledger behind the other's back. Postgres only: PGlite has one connection,
// so a transaction held open there would block the test itself.
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { entryBySourceKey, type LedgerEntry, takeBack } from '../../src/db/queries/ledger.ts';
import { type TestClock, testClock } from '../clock.ts';
import { describeEachDb } from '../databases.ts';
import { testApp } from '../fixtures.ts';
import { as, signUp, type TestUser } from '../sessions.ts';
import { chargeRefunded, deliver, invoicePaid, invoicePaymentPaid } from '../stripe-events.ts';

const START = '2026-03-01T10:00:00Z';

describeEachDb('payouts and clawbacks of one ambassador', (db, engine) => {
  let app: FastifyInstance;
  let clock: TestClock;
  let referrer: TestUser;
  // One app for the suite, its clock set back before each test (as payouts.test.ts does): the
  // races are between transactions in the database, which is emptied between tests, not in the
  // app's memory. Each test's referrer and referee sign up from addresses of that test's own, so
  // the sign-up limit per address never carries over, and the payout limit counts per account,
  // new in each test.
  let shared: FastifyInstance;
  let n = 0;
  beforeAll(async () => {
    clock = testClock(START);
    shared = await testApp(db(), { MIN_PAYOUT_CENTS: '1000', SESSION_DAYS: '365' }, clock);
  });
  afterAll(() => shared.close());
  beforeEach(async () => {
    clock.set(START);
    app = shared;
    n++;
    referrer = await signUp(app, { ip: `203.0.113.${100 + n}` });
    const referee = await signUp(app, { ref: referrer.referralCode, ip: `198.51.100.${100 + n}` });
    const paid = invoicePaid({
      id: 'in_race',
      customer: 'cus_race',
      accountId: referee.id,
      subscription: 'sub_race',
      paidCents: 10_000,
      paidAt: clock.now(),
      paymentIntent: 'pi_race',
    });
    for (const e of [paid, invoicePaymentPaid('in_race', 'pi_race', clock.now())]) {
      expect((await deliver(app, e)).statusCode).toBe(200);
    }
    clock.advanceDays(30);
    await app.ledger.tick(); // the €30 commission is available
  });
  afterEach(async () => {
    if (app !== shared) await app.close();
  });

  const settledWithin = (p: Promise<unknown>, ms: number) =>
    Promise.race([p.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), ms))]);

  // Both take the account row first, then entries: a refund and a payout request at the same
  // moment queue, in either order, and never deadlock (the other order, commission row first,
  // did: the clawback's foreign key waits on the account row the payout holds).
  it.each([1, 2, 3, 4, 5, 6])('a refund and a payout request at once both finish (round %i)', async () => {
    const refund = chargeRefunded(
      { charge: 'ch_race', paymentIntent: 'pi_race', amountCents: 10_000, refundedCents: 10_000 },
      clock.now(),
    );
    const [billing, payout] = await Promise.all([
      deliver(app, refund),
      as(app, referrer)({ method: 'POST', url: '/api/payouts', payload: { method: 'paypal', email: 'a@example.com' } }),
    ]);
    expect(billing.statusCode, billing.body).toBe(200);
    expect([201, 409], payout.body).toContain(payout.statusCode);
    const balances = (await as(app, referrer)({ method: 'GET', url: '/api/rewards' })).json().balances;
    // Either the payout took the €30 first (and the clawback leaves -€30 available), or the
    // clawback came first and there was nothing to pay.
    expect(balances).toEqual(
      expect.objectContaining(
        payout.statusCode === 201
          ? { processingCents: 3000, availableCents: -3000 }
          : { processingCents: 0, availableCents: 0 },
      ),
    );
  });

  it.skipIf(engine === 'pglite')('a payout requested while a clawback is being written sees it', async () => {
    // The billing side, as it runs: the account row, then the commission, then the clawback.
    let release = () => {};
    let locked = () => {};
    const lockedNow = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const billing = db().transaction(async (tx) => {
      await tx.query('select id from accounts where id = $1 for update', [referrer.id]);
      const commission = (await entryBySourceKey(tx, 'commission:in_race', true)) as LedgerEntry;
      locked();
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      await takeBack(tx, commission, { cents: 3000, sourceKey: 'takeback:test', reason: 'Refunded', now: clock.now() });
    });
    await lockedNow;
    const request = as(
      app,
      referrer,
    )({
      method: 'POST',
      url: '/api/payouts',
      payload: { method: 'paypal', email: 'ana@example.com' },
    });
    expect(await settledWithin(request, 400)).toBe(false);
    release();
    await billing;
    const res = await request;
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error).toBe('below_minimum');
  });
});
