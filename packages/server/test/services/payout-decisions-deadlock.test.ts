import { expect, it } from 'vitest';
import { insertEntry } from '../../src/db/queries/ledger.ts';
import { approvePayout, requestPayout } from '../../src/services/payouts.ts';
import { freshDb, postgresReachable } from '../databases.ts';

// Operator X decides Y's payout while Y decides X's: each locks the payout's account, then its
// decided_by key check waits on the other's. Postgres aborts one (a review found it); the
// decision runs again. A test-only trigger widens the window.
it.skipIf(!postgresReachable)(
  "two operators approving each other's payouts at once both succeed",
  async () => {
    const { db, drop } = await freshDb('postgres');
    try {
      const now = new Date('2026-11-01T00:00:00Z');
      for (const [id, code] of [
        ['acc_x', 'xxxx'],
        ['acc_y', 'yyyy'],
      ] as const) {
        await db.query('insert into accounts (id, email, referral_code) values ($1, $2, $3)', [
          id,
          `${id}@example.com`,
          code,
        ]);
        await insertEntry(db, {
          accountId: id,
          referralId: null,
          kind: 'commission',
          amountCents: 6000,
          state: 'available',
          sourceKey: `test:${id}`,
          createdAt: now,
          availableAt: now,
        });
      }
      const request = (accountId: string) =>
        requestPayout(db, {
          accountId,
          details: { method: 'paypal', email: 'payee@example.com' },
          key: Buffer.alloc(32, 1),
          minPayoutCents: 5000,
          now,
        });
      const [px, py] = [await request('acc_x'), await request('acc_y')];
      await db.query(`create function slow_payout() returns trigger language plpgsql as
      $$ begin perform pg_sleep(0.7); return new; end $$`);
      await db.query('create trigger slow_payout before update on payouts for each row execute function slow_payout()');
      const results = await Promise.allSettled([
        approvePayout(db, py.id, { adminId: 'acc_x', now }),
        approvePayout(db, px.id, { adminId: 'acc_y', now }),
      ]);
      expect(results.map((r) => (r.status === 'fulfilled' ? r.value.status : String(r.reason)))).toEqual([
        'approved',
        'approved',
      ]);
    } finally {
      await drop();
    }
  },
  20_000,
);
