import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type TestClock, testClock } from '../clock.ts';
import { describeEachDb } from '../databases.ts';
import { ping, testApp } from '../fixtures.ts';
import { signUp, type TestUser } from '../sessions.ts';
import { chargeRefunded, deliver, invoicePaid } from '../stripe-events.ts';

// The ledger tick locks the entries whose hold ended, then inserts reversals (whose foreign key
// waits on the account row); a refund's webhook locks the account, then the commission. Met at
// once they deadlock, and Postgres aborts one. Found by a review; a test-only trigger widens
// the window. Only Postgres has concurrent transactions to deadlock.
describeEachDb('the ledger tick and a refund at once', (db, engine) => {
  let app: FastifyInstance;
  let clock: TestClock;
  let ana: TestUser;
  let ben: TestUser;
  beforeEach(async () => {
    clock = testClock();
    app = await testApp(db(), { QUALIFY_MIN_VISITORS: '3', PING_RATE_PER_IP: '100000' }, clock);
    ana = await signUp(app, { ip: '203.0.113.1' });
    ben = await signUp(app, { ref: ana.referralCode, ip: '198.51.100.7' });
  });
  afterEach(async () => {
    await db().query('drop trigger if exists slow_liveness on ledger_entries');
    await app.close();
  });

  it.skipIf(engine === 'pglite')(
    'both complete: the side Postgres aborts runs again',
    async () => {
      for (let i = 0; i < 3; i++) {
        expect((await app.inject({ method: 'POST', url: '/v1/pings', payload: ping(ben.widgetId) })).statusCode).toBe(
          204,
        );
      }
      const paid = invoicePaid({
        id: 'in_d',
        customer: 'cus_d',
        accountId: ben.id,
        subscription: 'sub_d',
        paidCents: 10_000,
        paidAt: clock.now(),
        legacy: true,
        charge: 'ch_d',
      });
      expect((await deliver(app, paid)).statusCode).toBe(200);
      clock.advanceDays(31); // the widget went quiet: the tick reverses the bounty for liveness
      await db().query(`create or replace function slow_liveness() returns trigger language plpgsql as
      $$ begin perform pg_sleep(1.5); return new; end $$`);
      await db().query(`create trigger slow_liveness before insert on ledger_entries for each row
      when (new.source_key like 'liveness:%') execute function slow_liveness()`);
      const tick = app.ledger.tick().then(
        () => 'done',
        (err: { code?: string }) => `failed ${err.code}`,
      );
      await new Promise((resolve) => setTimeout(resolve, 400));
      const refund = chargeRefunded({ charge: 'ch_d', amountCents: 10_000, refundedCents: 10_000 }, clock.now());
      const [ticked, webhook] = await Promise.all([tick, deliver(app, refund)]);
      expect(ticked).toBe('done');
      expect(webhook.statusCode, webhook.body).toBe(200);
      const { rows } = await db().query<{ kind: string; cents: number }>(
        `select kind, sum(amount_cents)::int as cents from ledger_entries where account_id = $1
       group by kind order by kind`,
        [ana.id],
      );
      // The bounty taken back for liveness, the commission taken back for the refund: nothing left.
      expect(rows.reduce((sum, r) => sum + r.cents, 0)).toBe(0);
    },
    20_000,
  );
});
