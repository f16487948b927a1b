import type { BillingPlan, PaidInvoice, TakenOnPayment } from '../../domain/billing.ts';
import type { DisputeFact, PaymentLink, SubscriptionFact } from '../../domain/stripe-facts.ts';
import type { Db } from '../client.ts';
import { storableJson } from '../storable-json.ts';

/**
 * Billing events are applied one at a time, under this transaction-scoped lock. They are few
 * (a handful per customer a month), and serialising them means every event's reconciliation
 * sees every fact committed before it: a refund and its invoice arriving at the same moment
 * on two instances can never each miss the other.
 */
export async function lockBilling(db: Db): Promise<void> {
  await db.query(`select pg_advisory_xact_lock(hashtext('callbell:billing'))`);
}

/**
 * Stores an event once by its id; false if it was stored before (a replay). The payload is
 * stored as `storableJson` writes it: refusing an event whose customer-entered text holds a NUL
 * or half a surrogate pair, or that nests too deep, would lose it (and any refund in it) for good.
 */
export async function insertBillingEvent(
  db: Db,
  e: { id: string; type: string; createdAt: Date; receivedAt: Date; payload: unknown },
): Promise<boolean> {
  const { rows } = await db.query(
    `insert into billing_events (id, type, created_at, received_at, payload) values ($1, $2, $3, $4, $5)
     on conflict (id) do nothing returning id`,
    [e.id, e.type, e.createdAt, e.receivedAt, storableJson(e.payload)],
  );
  return rows.length > 0;
}

/** Marks a stored event as waiting for its customer to be linked to an account. */
export async function parkEvent(db: Db, eventId: string, customerId: string): Promise<void> {
  await db.query('update billing_events set unmatched_customer = $2 where id = $1', [eventId, customerId]);
}

/** The events waiting for this customer, oldest first, released from waiting. */
export async function releaseParked(db: Db, customerId: string): Promise<{ id: string; payload: unknown }[]> {
  const { rows } = await db.query<{ id: string; payload: unknown; createdAt: Date }>(
    `update billing_events set unmatched_customer = null where unmatched_customer = $1
     returning id, payload, created_at as "createdAt"`,
    [customerId],
  );
  return rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
}

/** Whether an account with this id exists. */
export async function accountExists(db: Db, accountId: string): Promise<boolean> {
  const { rows } = await db.query('select 1 from accounts where id = $1', [accountId]);
  return rows.length > 0;
}

/** The account linked to a provider's customer, if any. */
export async function accountOfCustomer(db: Db, customerId: string): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    'select account_id as id from billing_customers where customer_id = $1',
    [customerId],
  );
  return rows[0]?.id ?? null;
}

/**
 * Links a customer to an account, unless it is linked already (to this account or another:
 * the first link stands). An account may have several customers; its first is also kept on
 * accounts.stripe_customer_id. True when the link is new.
 */
export async function linkCustomer(db: Db, accountId: string, customerId: string, now: Date): Promise<boolean> {
  const { rowCount } = await db.query(
    `insert into billing_customers (customer_id, account_id, linked_at) values ($1, $2, $3)
     on conflict (customer_id) do nothing`,
    [customerId, accountId, now],
  );
  if (rowCount === 0) return false;
  await db.query('update accounts set stripe_customer_id = $2 where id = $1 and stripe_customer_id is null', [
    accountId,
    customerId,
  ]);
  return true;
}

/** Stores a paid invoice once; a replay (invoices are final once paid) changes nothing. */
export async function insertInvoice(db: Db, accountId: string, i: PaidInvoice, chargeId: string | null): Promise<void> {
  await db.query(
    `insert into invoices (id, account_id, subscription_id, charge_id, amount_paid_cents, tax_cents, currency, paid_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8)
     on conflict (id) do nothing`,
    [i.id, accountId, i.subscriptionId, chargeId, i.amountPaidCents, i.taxCents, i.currency, i.paidAt],
  );
}

/** A stored invoice with its account. */
export async function findInvoice(db: Db, id: string): Promise<(PaidInvoice & { accountId: string }) | null> {
  const { rows } = await db.query<PaidInvoice & { accountId: string }>(
    `select id, account_id as "accountId", subscription_id as "subscriptionId", amount_paid_cents as "amountPaidCents",
            tax_cents as "taxCents", currency, paid_at as "paidAt"
     from invoices where id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

/**
 * Links payments (charges or payment intents) to an invoice they paid, with what each paid on
 * it where known. A payment may pay several invoices. Of two amounts for one link the greater
 * is kept, so the order the events came in does not matter.
 */
export async function linkPayments(db: Db, invoiceId: string, links: readonly PaymentLink[]): Promise<void> {
  const refs = links.flatMap((l) => l.refs);
  if (!refs.length) return;
  const amounts = links.flatMap((l) => l.refs.map(() => l.amountCents));
  await db.query(
    `insert into invoice_payments as p (payment_ref, invoice_id, amount_cents)
     select distinct on (ref) ref, $2, amount from unnest($1::text[], $3::int[]) as t (ref, amount)
     order by ref, amount desc nulls last
     on conflict (payment_ref, invoice_id) do update set amount_cents = greatest(p.amount_cents, excluded.amount_cents)`,
    [refs, invoiceId, amounts],
  );
}

/**
 * The charges and payment intents that are one payment with any of `refs`, and the pairs that
 * join them: an invoice of the pre-2025 shape names the charge, one of the current shape the
 * payment intent, and only a refund or dispute (which names both) pairs the two. Followed
 * until nothing new turns up, each hop one indexed lookup per column.
 */
export async function paymentGroup(
  db: Db,
  refs: readonly string[],
): Promise<{ refs: string[]; pairs: [string, string][] }> {
  const group = new Set(refs);
  const pairs = new Map<string, [string, string]>();
  let frontier = [...group];
  // Real payments are a payment intent and its charges (2 hops); the bound only stops a loop.
  for (let hop = 0; hop < 32 && frontier.length; hop++) {
    const { rows } = await db.query<{ chargeId: string; paymentIntentId: string }>(
      `select charge_id as "chargeId", payment_intent_id as "paymentIntentId" from charge_refunds
         where charge_id = any($1::text[]) and payment_intent_id is not null
       union select charge_id, payment_intent_id from charge_refunds where payment_intent_id = any($1::text[])
       union select charge_id, payment_intent_id from charge_disputes
         where charge_id = any($1::text[]) and payment_intent_id is not null
       union select charge_id, payment_intent_id from charge_disputes where payment_intent_id = any($1::text[])`,
      [frontier],
    );
    frontier = [];
    for (const { chargeId, paymentIntentId } of rows) {
      pairs.set(`${chargeId} ${paymentIntentId}`, [chargeId, paymentIntentId]);
      for (const id of [chargeId, paymentIntentId]) {
        if (!group.has(id)) {
          group.add(id);
          frontier.push(id);
        }
      }
    }
  }
  return { refs: [...group], pairs: [...pairs.values()] };
}

/** The invoices a payment paid: those linked to any charge or payment intent of its group. */
export async function invoicesOfPayment(db: Db, paymentRefs: readonly string[]): Promise<string[]> {
  if (!paymentRefs.length) return [];
  const { refs } = await paymentGroup(db, paymentRefs);
  const { rows } = await db.query<{ invoiceId: string }>(
    `select distinct invoice_id as "invoiceId" from invoice_payments where payment_ref = any($1::text[]) order by 1`,
    [refs],
  );
  return rows.map((r) => r.invoiceId);
}

/** Up to `limit` invoices a migration queued for reconciliation, locked for this transaction. */
export async function queuedInvoices(db: Db, limit: number): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    'select invoice_id as id from billing_reconcile_queue order by 1 limit $1 for update',
    [limit],
  );
  return rows.map((r) => r.id);
}

/** Takes reconciled invoices off the queue. */
export async function dequeueInvoices(db: Db, ids: readonly string[]): Promise<void> {
  await db.query('delete from billing_reconcile_queue where invoice_id = any($1::text[])', [ids]);
}

/** The charges and payment intents linked to an invoice. */
export async function paymentsOfInvoice(db: Db, invoiceId: string): Promise<string[]> {
  const { rows } = await db.query<{ ref: string }>(
    'select payment_ref as ref from invoice_payments where invoice_id = $1 order by 1',
    [invoiceId],
  );
  return rows.map((r) => r.ref);
}

/**
 * Records what has been refunded on a charge. The provider reports the cumulative amount and
 * events come in any order, so it only ever grows (the greatest seen). Disputes are recorded
 * one by one in charge_disputes; charge_refunds.disputed_cents is no longer used.
 */
export async function recordChargeTaken(
  db: Db,
  c: { chargeId: string; paymentIntentId: string | null; refundedCents: number; now: Date },
): Promise<void> {
  await db.query(
    `insert into charge_refunds as r (charge_id, payment_intent_id, refunded_cents, updated_at)
     values ($1, $2, $3, $4)
     on conflict (charge_id) do update set
       payment_intent_id = coalesce(r.payment_intent_id, excluded.payment_intent_id),
       refunded_cents = greatest(r.refunded_cents, excluded.refunded_cents),
       updated_at = excluded.updated_at`,
    [c.chargeId, c.paymentIntentId, c.refundedCents, c.now],
  );
}

/** A stored dispute's status and amount, locked for the rest of the transaction. */
export async function findDispute(db: Db, id: string): Promise<{ status: string; amountCents: number } | null> {
  const { rows } = await db.query<{ status: string; amountCents: number }>(
    'select status, amount_cents as "amountCents" from charge_disputes where dispute_id = $1 for update',
    [id],
  );
  return rows[0] ?? null;
}

/** Writes a dispute as the caller decided it (status and amount already merged with the stored ones). */
export async function saveDispute(db: Db, d: DisputeFact, now: Date): Promise<void> {
  await db.query(
    `insert into charge_disputes as d (dispute_id, charge_id, payment_intent_id, amount_cents, status, updated_at)
     values ($1, $2, $3, $4, $5, $6)
     on conflict (dispute_id) do update set
       payment_intent_id = coalesce(d.payment_intent_id, excluded.payment_intent_id),
       amount_cents = excluded.amount_cents, status = excluded.status, updated_at = excluded.updated_at`,
    [d.id, d.chargeId, d.paymentIntentId, d.amountCents, d.status, now],
  );
}

/**
 * What has been refunded (each charge's cumulative total) and disputed (each dispute) on the
 * payments of an invoice, each with the invoices its payment paid and their weights, so that the
 * caller can share it between them (domain/billing.ts shareOfTaken). A payment is a group of
 * charges and payment intents (`paymentGroup`); an invoice's weight in it is what the payment
 * paid on it where an invoice_payment said so, else the invoice's amount paid, else 0 (an
 * invoice linked before its own event came).
 */
export async function takenOnPayments(db: Db, invoiceId: string): Promise<TakenOnPayment[]> {
  const mine = await paymentsOfInvoice(db, invoiceId);
  if (!mine.length) return [];
  const { refs, pairs } = await paymentGroup(db, mine);
  const taken = await db.query<{
    kind: 'refund' | 'dispute';
    key: string;
    status: string | null;
    amountCents: number;
    chargeId: string;
  }>(
    `select 'refund' as kind, charge_id as key, null::text as status, refunded_cents as "amountCents",
            charge_id as "chargeId"
     from charge_refunds where charge_id = any($1::text[])
     union
     select 'refund', charge_id, null, refunded_cents, charge_id from charge_refunds where payment_intent_id = any($1::text[])
     union
     select 'dispute', dispute_id, status, amount_cents, charge_id from charge_disputes where charge_id = any($1::text[])
     union
     select 'dispute', dispute_id, status, amount_cents, charge_id from charge_disputes where payment_intent_id = any($1::text[])
     order by 1, 2`,
    [refs],
  );
  if (!taken.rows.length) return [];
  const links = await db.query<{
    ref: string;
    invoiceId: string;
    amountCents: number | null;
    paidCents: number | null;
  }>(
    `select p.payment_ref as ref, p.invoice_id as "invoiceId", p.amount_cents as "amountCents",
            i.amount_paid_cents as "paidCents"
     from invoice_payments p left join invoices i on i.id = p.invoice_id
     where p.payment_ref = any($1::text[])`,
    [refs],
  );
  // Which payment each charge or payment intent belongs to (union-find over the pairs).
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root) as string;
    return root;
  };
  for (const [a, b] of pairs) {
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent.set(ra, rb);
  }
  // Per payment, per invoice: the greatest amount an invoice_payment gave, else its amount paid.
  const weights = new Map<string, Map<string, { known: number | null; paid: number | null }>>();
  for (const l of links.rows) {
    const payment = find(l.ref);
    const byInvoice = weights.get(payment) ?? new Map<string, { known: number | null; paid: number | null }>();
    weights.set(payment, byInvoice);
    const w = byInvoice.get(l.invoiceId) ?? { known: null, paid: l.paidCents };
    if (l.amountCents !== null) w.known = Math.max(w.known ?? 0, l.amountCents);
    byInvoice.set(l.invoiceId, w);
  }
  return taken.rows.map((t) => ({
    kind: t.kind,
    key: t.key,
    status: t.status,
    amountCents: t.amountCents,
    sharers: [...(weights.get(find(t.chargeId))?.entries() ?? [])].map(([id, w]) => ({
      invoiceId: id,
      weightCents: w.known ?? w.paid ?? 0,
    })),
  }));
}

const SUBSCRIPTION_COLUMNS = `id, status, plan, started_at as "startedAt", ended_at as "endedAt", event_at as "eventAt"`;

/** A stored subscription. */
export async function findSubscription(db: Db, id: string): Promise<(SubscriptionFact & { accountId: string }) | null> {
  const { rows } = await db.query<SubscriptionFact & { accountId: string }>(
    `select ${SUBSCRIPTION_COLUMNS}, account_id as "accountId" from subscriptions where id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

/**
 * Writes a subscription's state. The caller has decided the incoming fact is newer; the end
 * date is kept the earliest ever reported, so a subscription that has ended stays ended.
 */
export async function saveSubscription(db: Db, accountId: string, s: SubscriptionFact): Promise<void> {
  await db.query(
    `insert into subscriptions as s (id, account_id, status, plan, started_at, ended_at, event_at)
     values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (id) do update set
       status = excluded.status, plan = excluded.plan,
       started_at = coalesce(excluded.started_at, s.started_at),
       ended_at = least(s.ended_at, excluded.ended_at),
       event_at = excluded.event_at`,
    [s.id, accountId, s.status, s.plan, s.startedAt, s.endedAt, s.eventAt],
  );
}

/** Keeps the earliest end date reported for a subscription, whatever the order of events. */
export async function noteSubscriptionEnd(db: Db, id: string, endedAt: Date): Promise<void> {
  await db.query('update subscriptions set ended_at = least(ended_at, $2) where id = $1', [id, endedAt]);
}

/** The ids of a subscription's stored invoices. */
export async function invoicesOfSubscription(db: Db, subscriptionId: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    'select id from invoices where subscription_id = $1 order by paid_at, id',
    [subscriptionId],
  );
  return rows.map((r) => r.id);
}

/** The state of every subscription of an account. */
export async function subscriptionsOfAccount(db: Db, accountId: string): Promise<SubscriptionFact[]> {
  const { rows } = await db.query<SubscriptionFact>(
    `select ${SUBSCRIPTION_COLUMNS} from subscriptions where account_id = $1 order by id`,
    [accountId],
  );
  return rows;
}

/** Sets an account's plan; true if it changed. */
export async function setPlan(db: Db, accountId: string, plan: BillingPlan): Promise<boolean> {
  const { rowCount } = await db.query('update accounts set plan = $2 where id = $1 and plan <> $2', [accountId, plan]);
  return rowCount > 0;
}
