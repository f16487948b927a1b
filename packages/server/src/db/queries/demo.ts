import type { Db } from '../client.ts';

/** A paid invoice as the demo console shows it: who paid, what was taken back, what it earned. */
export interface DemoInvoice {
  id: string;
  accountId: string;
  email: string;
  subscriptionId: string | null;
  amountPaidCents: number;
  paidAt: Date;
  /** The payment intent or charge that paid it, if the events named one. */
  paymentRef: string | null;
  refundedCents: number;
  disputeStatus: string | null;
  /** The referrer's commission on it, if any: amount and state. */
  commissionCents: number | null;
  commissionState: string | null;
}

/** The newest paid invoices (or the one with `id`), with their refunds, demo dispute and commission. */
export async function demoInvoices(db: Db, q: { limit: number; id?: string }): Promise<DemoInvoice[]> {
  const { rows } = await db.query<DemoInvoice>(
    `select i.id, i.account_id as "accountId", a.email, i.subscription_id as "subscriptionId",
            i.amount_paid_cents as "amountPaidCents", i.paid_at as "paidAt", p.ref as "paymentRef",
            coalesce((select sum(r.refunded_cents) from charge_refunds r
                      where r.charge_id in (select payment_ref from invoice_payments where invoice_id = i.id)
                         or r.payment_intent_id in (select payment_ref from invoice_payments where invoice_id = i.id)),
                     0)::int as "refundedCents",
            (select d.status from charge_disputes d where d.dispute_id = 'dp_demo_' || i.id) as "disputeStatus",
            c.amount_cents as "commissionCents", c.state as "commissionState"
     from invoices i
     join accounts a on a.id = i.account_id
     left join lateral (select payment_ref as ref from invoice_payments where invoice_id = i.id
                        order by payment_ref like 'pi_%' desc, payment_ref limit 1) p on true
     left join lateral (select amount_cents, state from ledger_entries
                        where invoice_id = i.id and kind = 'commission' and parent_id is null
                        order by id limit 1) c on true
     where $2::text is null or i.id = $2
     order by i.paid_at desc, i.id desc limit $1`,
    [q.limit, q.id ?? null],
  );
  return rows;
}

/** One of them, or null. */
export async function demoInvoice(db: Db, id: string): Promise<DemoInvoice | null> {
  return (await demoInvoices(db, { limit: 1, id }))[0] ?? null;
}

/** Subscriptions that grant a plan now, for the console's cancel button. */
export async function runningSubscriptions(
  db: Db,
): Promise<{ id: string; accountId: string; email: string; plan: string; status: string; startedAt: Date | null }[]> {
  const { rows } = await db.query<{
    id: string;
    accountId: string;
    email: string;
    plan: string;
    status: string;
    startedAt: Date | null;
  }>(
    `select s.id, s.account_id as "accountId", a.email, s.plan, s.status, s.started_at as "startedAt"
     from subscriptions s join accounts a on a.id = s.account_id
     where s.status in ('active', 'trialing', 'past_due') and s.plan <> 'free'
     order by s.started_at desc nulls last, s.id`,
  );
  return rows;
}

/** The earnings whose hold ends by `until` (originals: what they carry ends with them). */
export async function holdsEndingBy(db: Db, until: Date): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `select id::text from ledger_entries where state = 'pending' and parent_id is null and hold_until <= $1`,
    [until],
  );
  return rows.map((r) => r.id);
}

/** How many of these entries are in each state. */
export async function statesOf(db: Db, ids: string[]): Promise<Record<string, number>> {
  const { rows } = await db.query<{ state: string; n: number }>(
    'select state, count(*)::int as n from ledger_entries where id = any($1::bigint[]) group by state',
    [ids],
  );
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}
