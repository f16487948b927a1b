import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { checksumIBAN } from 'sepa';
import { beforeEach, expect, it } from 'vitest';
import { insertEntry } from '../../src/db/queries/ledger.ts';
import { HttpError } from '../../src/errors.ts';
import { cancelBatch, createBatch, markBatchPaid } from '../../src/services/payout-batches.ts';
import { approvePayout, requestPayout, returnPayout } from '../../src/services/payouts.ts';
import { describeEachDb } from '../databases.ts';
import { propertyRuns } from '../property-runs.ts';

/** Random histories per run; `FC_RUNS=2000` searches further. */
const RUNS = propertyRuns(process.env.FC_RUNS);

const ACCOUNTS = Array.from({ length: 6 }, (_, i) => `acc_batch_${i}`);
const ADMIN = 'acc_batch_admin';
const KEY = randomBytes(32);
const DEBTOR = { name: 'Callbell', iban: 'DE02120300000000202051', bic: null };

type Op = { t: 'create'; picks: number[] } | { t: 'cancel' | 'pay'; pick: number } | { t: 'return'; pick: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant('create' as const),
      picks: fc.uniqueArray(fc.nat({ max: ACCOUNTS.length - 1 }), { minLength: 1, maxLength: 4 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constantFrom('cancel' as const, 'pay' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('return' as const), pick: fc.nat() }) },
);
/** Steps of one to four operations, each step's operations fired at once. */
const steps = fc.array(fc.array(op, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 });
/** Each account's payout: its amount and how it is paid. */
const payouts = fc.array(fc.record({ cents: fc.integer({ min: 5000, max: 2_000_000 }), paypal: fc.boolean() }), {
  minLength: ACCOUNTS.length,
  maxLength: ACCOUNTS.length,
});

describeEachDb('payout batches under concurrent creation, payment and cancellation (property)', (db) => {
  let seq = 0;
  let now = new Date('2026-03-01T10:00:00Z');
  const tick = () => {
    now = new Date(now.getTime() + 1000);
    return now;
  };
  beforeEach(async () => {
    for (const id of [...ACCOUNTS, ADMIN]) {
      await db().query('insert into accounts (id, email, referral_code) values ($1, $2, $3)', [
        id,
        `${id}@example.com`,
        `code${id.slice(-5).replace('_', 'x')}`,
      ]);
    }
  });

  /** One approved payout per account; answers their public ids. */
  async function approvedPayouts(plan: { cents: number; paypal: boolean }[]): Promise<string[]> {
    const ids: string[] = [];
    for (const [i, accountId] of ACCOUNTS.entries()) {
      const p = plan[i] ?? { cents: 5000, paypal: true };
      await insertEntry(db(), {
        accountId,
        referralId: null,
        kind: 'commission',
        amountCents: p.cents,
        state: 'available',
        sourceKey: `batch-prop:${++seq}`,
        createdAt: tick(),
        availableAt: now,
      });
      const details = p.paypal
        ? ({ method: 'paypal', email: `${accountId}@example.com` } as const)
        : ({
            method: 'bank_transfer',
            iban: checksumIBAN(`DE00${String(i + 1).padStart(18, '0')}`),
            holderName: `Holder ${i}`,
          } as const);
      const payout = await requestPayout(db(), { accountId, details, key: KEY, minPayoutCents: 5000, now: tick() });
      await approvePayout(db(), payout.id, { adminId: ADMIN, now: tick() });
      ids.push(payout.id);
    }
    return ids;
  }

  /** Runs one operation; a refusal (a 4xx HttpError) is a legal outcome, anything else thrown is a bug. */
  async function run(o: Op, payoutIds: string[], batchIds: string[]): Promise<string | 'refused'> {
    const at = tick();
    try {
      if (o.t === 'create') {
        const ids = o.picks.map((k) => payoutIds[k] ?? '');
        const b = await createBatch(db(), { payoutIds: ids, adminId: ADMIN, now: at, key: KEY, sepaDebtor: DEBTOR });
        return b.id;
      }
      if (o.t === 'return') {
        await returnPayout(db(), payoutIds[o.pick % payoutIds.length] ?? '', {
          reason: 'bounced',
          adminId: ADMIN,
          now: at,
        });
        return 'ok';
      }
      if (!batchIds.length) return 'refused';
      const id = batchIds[o.pick % batchIds.length] ?? '';
      if (o.t === 'cancel') await cancelBatch(db(), id, { adminId: ADMIN, now: at });
      else await markBatchPaid(db(), id, { reference: `REF-${id}`, adminId: ADMIN, now: at });
      return 'ok';
    } catch (err) {
      if (err instanceof HttpError && err.statusCode >= 400 && err.statusCode < 500) return 'refused';
      throw err;
    }
  }

  interface Row {
    batch: string;
    state: string;
    method: string;
    total: string;
    count: number;
    payout: string;
    payout_method: string;
    item_cents: number;
    payout_cents: number;
    status: string;
    released: boolean;
    paid_entries: number;
    held_entries: number;
  }
  const rows = async () =>
    (
      await db().query<Row>(
        `select b.public_id as batch, b.state, b.method, b.total_cents::text as total, b.payout_count as count,
                p.public_id as payout, p.method as payout_method, i.amount_cents as item_cents,
                p.amount_cents as payout_cents, p.status, i.released_at is not null as released,
                (select coalesce(sum(e.amount_cents), 0)::int from ledger_entries e
                 where e.payout_id = p.id and e.state = 'paid') as paid_entries,
                (select coalesce(sum(e.amount_cents), 0)::int from ledger_entries e
                 where e.payout_id = p.id) as held_entries
         from payout_batches b join payout_batch_items i on i.batch_id = b.id join payouts p on p.id = i.payout_id
         order by b.id, p.id`,
      )
    ).rows;

  it(
    'no batch pays more than the approved payouts it holds, and no payout is in two open batches',
    async () => {
      /** What the histories did, over all runs: the property must have been put to work. */
      const seen = { created: 0, refused: 0, paid: 0, cancelled: 0 };
      await fc.assert(
        fc.asyncProperty(payouts, steps, async (plan, history) => {
          await db().exec(
            'truncate payout_batch_items, payout_batches, emails, ledger_entries, payouts restart identity',
          );
          const payoutIds = await approvedPayouts(plan);
          const batchIds: string[] = [];
          for (const step of history) {
            const outcomes = await Promise.all(step.map((o) => run(o, payoutIds, [...batchIds])));
            for (const o of outcomes) if (o.startsWith('pb_')) batchIds.push(o);
            seen.refused += outcomes.filter((o) => o === 'refused').length;
            const all = await rows();
            const byBatch = new Map<string, Row[]>();
            for (const r of all) byBatch.set(r.batch, [...(byBatch.get(r.batch) ?? []), r]);
            // Concurrent creations: each payout in one unreleased item at most.
            const held = all.filter((r) => !r.released).map((r) => r.payout);
            expect(new Set(held).size).toBe(held.length);
            for (const [batch, items] of byBatch) {
              const first = items[0] as Row;
              const sum = items.reduce((s, r) => s + r.payout_cents, 0);
              // The total is exactly its payouts' amounts, of one method, as they were put in.
              expect(first.total, batch).toBe(String(sum));
              expect(items.reduce((s, r) => s + r.item_cents, 0)).toBe(sum);
              expect(first.count).toBe(items.length);
              for (const r of items) {
                expect(r.payout_method).toBe(first.method);
                expect(r.released).toBe(r.state === 'cancelled');
                // A payout's amount is what its entries hold: the batch pays no more than was approved.
                if (r.status !== 'returned') expect(r.held_entries).toBe(r.payout_cents);
              }
              if (first.state === 'created' || first.state === 'sent') {
                for (const r of items) expect(r.status).toBe('approved');
              }
              if (first.state === 'paid') {
                for (const r of items) {
                  expect(['paid', 'returned']).toContain(r.status);
                  // Paid means its entries paid, to the cent; returned means none left paid.
                  expect(r.paid_entries).toBe(r.status === 'paid' ? r.payout_cents : 0);
                }
              }
            }
            // Every payout paid was paid by exactly one batch.
            for (const id of payoutIds) {
              const paidBy = all.filter((r) => r.payout === id && r.state === 'paid');
              expect(paidBy.length).toBeLessThanOrEqual(1);
            }
          }
          const states = (await db().query<{ state: string }>('select state from payout_batches')).rows;
          seen.created += states.length;
          seen.paid += states.filter((r) => r.state === 'paid').length;
          seen.cancelled += states.filter((r) => r.state === 'cancelled').length;
        }),
        { numRuns: RUNS },
      );
      expect(seen.created).toBeGreaterThan(0);
      expect(seen.refused).toBeGreaterThan(0);
      expect(seen.paid + seen.cancelled).toBeGreaterThan(0);
    },
    RUNS * 6_000,
  );
});
