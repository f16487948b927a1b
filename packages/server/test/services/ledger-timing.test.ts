// Holds end to the second against the real clock: an entry whose hold is over becomes
// available at once, not at the next minute's tick, and holds that ended while the server was
// down end when it starts.
import type { FastifyInstance } from 'fastify';
import { afterEach, expect, it } from 'vitest';
import { describeEachDb } from '../databases.ts';
import { testApp } from '../fixtures.ts';
import { as, signUp } from '../sessions.ts';
import { deliver, invoicePaid, subscriptionEvent } from '../stripe-events.ts';

describeEachDb('the ledger on the real clock', (db) => {
  let app: FastifyInstance;
  afterEach(() => app?.close());

  const available = async (user: { cookie: string; csrfToken: string }) =>
    (await as(app, user)({ url: '/api/rewards' })).json().balances.availableCents as number;

  it('makes a commission whose hold is over available within moments of the invoice', async () => {
    app = await testApp(db(), { HOLD_DAYS: '0' }); // no test clock: the system's
    const ana = await signUp(app, { email: 'ana@example.com', ip: '203.0.113.1' });
    const ben = await signUp(app, { email: 'ben@example.org', ref: ana.referralCode, ip: '198.51.100.2' });
    const now = new Date();
    const sub = { id: 'sub_t', customer: 'cus_t', accountId: ben.id, status: 'active', lookupKey: 'pro_monthly' };
    expect((await deliver(app, subscriptionEvent('created', sub, now))).statusCode).toBe(200);
    const invoice = { id: 'in_t', customer: 'cus_t', accountId: ben.id, subscription: 'sub_t', paidCents: 10_000 };
    expect((await deliver(app, invoicePaid({ ...invoice, paidAt: now }))).statusCode).toBe(200);
    const until = Date.now() + 5000;
    while ((await available(ana)) !== 3000 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(await available(ana)).toBe(3000);
  });

  it('ends at start-up the holds that ended while it was down', async () => {
    app = await testApp(db(), { HOLD_DAYS: '0' });
    const ana = await signUp(app, { email: 'ana@example.com', ip: '203.0.113.1' });
    const ben = await signUp(app, { email: 'ben@example.org', ref: ana.referralCode, ip: '198.51.100.2' });
    await app.close();
    // Written while no server ran: pending, its hold over.
    const { rows } = await db().query<{ id: string }>('select id::text from referrals where referee_id = $1', [ben.id]);
    await db().query(
      `insert into ledger_entries (account_id, referral_id, kind, amount_cents, state, source_key, hold_until, created_at)
       values ($1, $2, 'commission', 1500, 'pending', 'test:down', now() - interval '1 hour', now() - interval '31 days')`,
      [ana.id, rows[0]?.id],
    );
    app = await testApp(db(), { HOLD_DAYS: '0' });
    await app.ready();
    const until = Date.now() + 5000;
    while ((await available(ana)) !== 1500 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(await available(ana)).toBe(1500);
  });
});
