import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { beforeEach, expect, it } from 'vitest';
import { insertEntry } from '../../src/db/queries/ledger.ts';
import { HttpError } from '../../src/errors.ts';
import { approvePayout, markPayoutPaid, rejectPayout, requestPayout } from '../../src/services/payouts.ts';
import { describeEachDb } from '../databases.ts';
import { propertyRuns } from '../property-runs.ts';

/** Random histories per run; `FC_RUNS=2000` searches further (each takes up to a few seconds). */
const RUNS = propertyRuns(process.env.FC_RUNS);

const ACCOUNTS = ['acc_prop_a', 'acc_prop_b'] as const;
const ADMIN = 'acc_prop_admin';
const MIN_PAYOUT_CENTS = 5000;
const KEY = randomBytes(32);
const DETAILS = { method: 'paypal', email: 'ambassador@example.com' } as const;

type Op =
  | { t: 'earn'; acc: number; cents: number }
  | { t: 'clawback'; acc: number; cents: number }
  | { t: 'request'; acc: number }
  | { t: 'approve' | 'pay' | 'reject'; pick: number };

const acc = fc.integer({ min: 0, max: ACCOUNTS.length - 1 });
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ t: fc.constant('earn' as const), acc, cents: fc.integer({ min: 1, max: 4000 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ t: fc.constant('clawback' as const), acc, cents: fc.integer({ min: 1, max: 3000 }) }),
  },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('request' as const), acc }) },
  {
    weight: 2,
    arbitrary: fc.record({ t: fc.constantFrom('approve' as const, 'pay' as const, 'reject' as const), pick: fc.nat() }),
  },
);
/** Steps of one to four operations, each step's operations fired at once. */
const steps = fc.array(fc.array(op, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 12 });

describeEachDb('payouts under concurrent requests, decisions and new money (property)', (db) => {
  let seq = 0;
  let now = new Date('2026-03-01T10:00:00Z');
  beforeEach(async () => {
    for (const id of [...ACCOUNTS, ADMIN]) {
      await db().query('insert into accounts (id, email, referral_code) values ($1, $2, $3)', [
        id,
        `${id}@example.com`,
        id.slice(-4).replace('_', 'x'),
      ]);
    }
  });

  /** Runs one operation; a refusal (HttpError 409) is a legal outcome, anything else thrown is a bug. */
  async function run(o: Op, payoutIds: string[]): Promise<'ok' | 'refused'> {
    now = new Date(now.getTime() + 1000);
    try {
      if (o.t === 'earn' || o.t === 'clawback') {
        await insertEntry(db(), {
          accountId: ACCOUNTS[o.acc] ?? '',
          referralId: null,
          kind: o.t === 'earn' ? 'commission' : 'clawback',
          amountCents: o.t === 'earn' ? o.cents : -o.cents,
          state: 'available',
          sourceKey: `prop:${++seq}`,
          createdAt: now,
          availableAt: now,
        });
      } else if (o.t === 'request') {
        const input = {
          accountId: ACCOUNTS[o.acc] ?? '',
          details: DETAILS,
          key: KEY,
          minPayoutCents: MIN_PAYOUT_CENTS,
          now,
        };
        await requestPayout(db(), input);
      } else {
        if (!payoutIds.length) return 'refused';
        const id = payoutIds[o.pick % payoutIds.length] ?? '';
        const by = { adminId: ADMIN, now };
        if (o.t === 'approve') await approvePayout(db(), id, by);
        else if (o.t === 'pay') await markPayoutPaid(db(), id, { ...by, reference: `REF-${id}` });
        else await rejectPayout(db(), id, { ...by, reason: 'property test' });
      }
      return 'ok';
    } catch (err) {
      if (err instanceof HttpError && err.statusCode === 409) return 'refused';
      throw err;
    }
  }

  interface Snapshot {
    payouts: { id: string; account_id: string; amount_cents: number; status: string }[];
    entries: { id: string; account_id: string; amount_cents: number; state: string; payout_id: string | null }[];
  }
  const snapshot = async (): Promise<Snapshot> => ({
    payouts: (
      await db().query<Snapshot['payouts'][number]>(
        'select p.public_id as id, p.account_id, p.amount_cents, p.status from payouts p order by p.id',
      )
    ).rows,
    entries: (
      await db().query<Snapshot['entries'][number]>(
        `select e.id::text, e.account_id, e.amount_cents, e.state, p.public_id as payout_id
         from ledger_entries e left join payouts p on p.id = e.payout_id order by e.id`,
      )
    ).rows,
  });
  const sum = (xs: { amount_cents: number }[]) => xs.reduce((s, x) => s + x.amount_cents, 0);

  it(
    'never pays more than was made available, never pays an entry twice, and every payout equals its entries',
    async () => {
      await fc.assert(
        fc.asyncProperty(steps, async (batches) => {
          await db().exec('truncate payout_batch_items, payout_batches, ledger_entries, payouts restart identity');
          /** entry id → the payout that paid it, as first seen: it must never change. */
          const paidBy = new Map<string, string>();
          let before = await snapshot();
          for (const batch of batches) {
            const ids = before.payouts.map((p) => p.id);
            const outcomes = await Promise.all(batch.map((o) => run(o, ids)));
            const after = await snapshot();

            for (const [i, account] of ACCOUNTS.entries()) {
              const mine = after.payouts.filter((p) => p.account_id === account);
              const live = mine.filter((p) => p.status !== 'rejected');
              const madeAvailable = after.entries.filter((e) => e.account_id === account && e.amount_cents > 0);
              // The sum of live payouts never exceeds what was ever made available.
              expect(sum(live)).toBeLessThanOrEqual(sum(madeAvailable));
              // One open request per account at most.
              expect(
                mine.filter((p) => p.status === 'requested' || p.status === 'approved').length,
              ).toBeLessThanOrEqual(1);
              // Concurrent requests of one account: one at most succeeds, and one does if it could.
              const requests = batch.flatMap((o, k) => (o.t === 'request' && o.acc === i ? [outcomes[k]] : []));
              expect(requests.filter((r) => r === 'ok').length).toBeLessThanOrEqual(1);
              const requestsOnly = batch.every((o) => o.t === 'request');
              const wasOpen = before.payouts.some(
                (p) => p.account_id === account && (p.status === 'requested' || p.status === 'approved'),
              );
              const couldRequest = sum(
                before.entries.filter((e) => e.account_id === account && e.state === 'available' && !e.payout_id),
              );
              if (requestsOnly && requests.length && !wasOpen && couldRequest >= MIN_PAYOUT_CENTS) {
                expect(requests.filter((r) => r === 'ok')).toHaveLength(1);
              }
            }
            for (const payout of after.payouts) {
              const held = after.entries.filter((e) => e.payout_id === payout.id);
              if (payout.status === 'rejected') {
                expect(held).toEqual([]); // released: its entries are available again
                continue;
              }
              // Every live payout's amount is the sum of its entries, all of its own account.
              expect(sum(held)).toBe(payout.amount_cents);
              expect(held.every((e) => e.account_id === payout.account_id)).toBe(true);
              expect(new Set(held.map((e) => e.state))).toEqual(
                new Set(held.length ? [payout.status === 'paid' ? 'paid' : 'available'] : []),
              );
            }
            for (const e of after.entries) {
              if (e.state !== 'paid') continue;
              expect(e.payout_id).not.toBeNull();
              const first = paidBy.get(e.id);
              if (first)
                expect(e.payout_id).toBe(first); // never paid again by another payout
              else paidBy.set(e.id, e.payout_id ?? '');
            }
            // An entry once paid stays paid.
            for (const id of paidBy.keys()) expect(after.entries.find((e) => e.id === id)?.state).toBe('paid');
            before = after;
          }
        }),
        { numRuns: RUNS },
      );
    },
    RUNS * 4_000,
  );
});
