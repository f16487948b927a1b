import { expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { accountBalances } from '../../src/db/queries/ledger.ts';
import { describeEachDb } from '../databases.ts';
import { seedOwners } from '../fixtures.ts';

/** What the balances summed before ledger_balances (migration 0026): every entry of the account. */
async function rawBalances(db: Db, accountId: string) {
  const { rows } = await db.query(
    `select
       coalesce(sum(amount_cents) filter (where state = 'pending'), 0)::int as "pendingCents",
       coalesce(sum(amount_cents) filter (where state = 'on_hold'), 0)::int as "onHoldCents",
       coalesce(sum(amount_cents) filter (where state = 'available' and payout_id is null), 0)::int as "availableCents",
       coalesce(sum(amount_cents) filter (where state = 'available' and payout_id is not null), 0)::int as "processingCents",
       coalesce(sum(amount_cents) filter (where state = 'paid'), 0)::int as "paidCents",
       coalesce(-sum(amount_cents) filter (where kind = 'reversal'), 0)::int as "reversedCents",
       coalesce(-sum(amount_cents) filter (where kind = 'clawback'), 0)::int as "clawedBackCents",
       coalesce(sum(amount_cents) filter (where kind = 'reinstatement'), 0)::int as "reinstatedCents"
     from ledger_entries where account_id = $1`,
    [accountId],
  );
  return rows[0];
}

describeEachDb('ledger balances rollup', (db) => {
  it('sums as the entries do through inserts, state moves and payouts, several writers at once', async () => {
    await seedOwners(db());
    const check = async () => {
      for (const accountId of ['acc_free', 'acc_paid'])
        expect(await accountBalances(db(), accountId)).toEqual(await rawBalances(db(), accountId));
    };
    await check();
    await db().query(
      `insert into ledger_entries (account_id, kind, amount_cents, state, source_key, created_at)
       select (array['acc_free', 'acc_paid'])[1 + k % 2], (array['commission', 'install_bounty', 'reinstatement'])[1 + k % 3],
              k * 10, (array['pending', 'on_hold', 'available', 'paid'])[1 + k % 4], 'k:' || k, now()
       from generate_series(1, 60) k`,
    );
    await db().query(
      `insert into ledger_entries (account_id, kind, amount_cents, state, source_key, parent_id, created_at)
       select account_id, case when id % 2 = 0 then 'reversal' else 'clawback' end, -amount_cents / 2,
              case when id % 2 = 0 then 'reversed' else 'available' end, 'child:' || id, id, now()
       from ledger_entries where id % 5 = 0`,
    );
    await check();
    const { rows } = await db().query<{ id: string }>(
      `insert into payouts (account_id, amount_cents, method, details_encrypted, details_hint, status, requested_at)
       values ('acc_paid', 100, 'paypal', 'x', 'x', 'requested', now()) returning id::text`,
    );
    const payout = rows[0]?.id;
    // Concurrent statements: maturing, holding, a payout taking entries, and new entries.
    await Promise.all([
      db().query(`update ledger_entries set state = 'available' where state = 'pending' and id % 3 = 0`),
      db().query(`update ledger_entries set state = 'on_hold' where state = 'pending' and id % 3 = 1`),
      db().query(`update ledger_entries set payout_id = $1 where account_id = 'acc_paid' and state = 'available'`, [
        payout,
      ]),
      db().query(
        `insert into ledger_entries (account_id, kind, amount_cents, state, source_key, created_at)
         values ('acc_paid', 'commission', 999, 'pending', 'late', now())`,
      ),
    ]);
    await check();
    await db().query(`update ledger_entries set state = 'paid' where payout_id = $1`, [payout]);
    await db().query(`update ledger_entries set state = state where id % 2 = 0`);
    await check();
    await db().query(`update ledger_entries set state = 'available', payout_id = null where payout_id = $1`, [payout]);
    await db().query(`update ledger_entries set state = 'reversed' where id % 7 = 0 or parent_id % 7 = 0`);
    await check();
  });
});
