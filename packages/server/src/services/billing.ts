import type { Db } from '../db/client.ts';
import { lockAccount } from '../db/queries/accounts.ts';
import {
  accountExists,
  accountOfCustomer,
  dequeueInvoices,
  findDispute,
  findInvoice,
  findSubscription,
  insertBillingEvent,
  insertInvoice,
  invoicesOfPayment,
  invoicesOfSubscription,
  linkCustomer,
  linkPayments,
  lockBilling,
  noteSubscriptionEnd,
  parkEvent,
  paymentsOfInvoice,
  queuedInvoices,
  recordChargeTaken,
  releaseParked,
  saveDispute,
  saveSubscription,
  setPlan,
  subscriptionsOfAccount,
  takenOnPayments,
} from '../db/queries/billing.ts';
import {
  entryBySourceKey,
  giveBack,
  insertEntry,
  invoiceAdjustments,
  liveOriginalOfInvoice,
  takeBack,
  takenBackCents,
} from '../db/queries/ledger.ts';
import { referralOfReferee } from '../db/queries/referrals.ts';
import { storableJson } from '../db/storable-json.ts';
import {
  accountPlan,
  commissionAdjustmentCents,
  disputeCounts,
  earnsCommission,
  invoiceCommissionCents,
  keptDisputeStatus,
  reinstatementReason,
  shareOfTaken,
  supersedes,
  takeBackReason,
  takenCents,
} from '../domain/billing.ts';
import { addDays } from '../domain/clock.ts';
import { initialState } from '../domain/ledger.ts';
import {
  type AccountRef,
  type BillingFacts,
  type DisputeFact,
  factsOf,
  readEnvelope,
  type SubscriptionFact,
} from '../domain/stripe-facts.ts';

/**
 * What became of an event: applied; a replay of one stored before; stored but of no use to
 * the programme; stored and waiting for its customer to be linked to an account; or not a
 * usable Stripe event at all (nothing stored).
 */
export type BillingOutcome = 'applied' | 'duplicate' | 'ignored' | 'unmatched' | 'invalid';

export interface BillingResult {
  outcome: BillingOutcome;
  eventId: string | null;
  /** Why an event was ignored, left waiting or refused. */
  reason?: string;
}

/**
 * Applies one verified Stripe event in one transaction: stores it once by its id, records the
 * facts it carries (each fact only ever grows, so order does not matter), then reconciles the
 * ledger from all the facts known, appending only what is missing. A replay changes nothing;
 * a failure leaves nothing.
 */
export async function applyStripeEvent(db: Db, payload: unknown, now: Date): Promise<BillingResult> {
  // Read as it is stored (and so as a parked event is read again): no NUL, no half a surrogate
  // pair in any id or text, nothing nested past what jsonb takes.
  const event: unknown = JSON.parse(storableJson(payload));
  const envelope = readEnvelope(event);
  if (!envelope) {
    return { outcome: 'invalid', eventId: null, reason: 'Not a Stripe event: id, type, created and data.object' };
  }
  const facts = factsOf(envelope);
  if (facts.kind === 'invalid') return { outcome: 'invalid', eventId: envelope.id, reason: facts.reason };
  return db.transaction(async (tx) => {
    await lockBilling(tx);
    const stored = await insertBillingEvent(tx, { ...envelope, receivedAt: now, payload: event });
    if (!stored) return { outcome: 'duplicate', eventId: envelope.id };
    const result = await applyFacts(tx, envelope.id, facts, now);
    return { eventId: envelope.id, ...result };
  });
}

/**
 * Reconciles a batch of the invoices a migration queued (their payments' links were rebuilt,
 * so their shares may have changed), under the billing lock as an event would be; returns how
 * many. The ledger's tick runs it until the queue is empty.
 */
export async function reconcileQueuedInvoices(db: Db, now: Date, batch = 100): Promise<number> {
  return db.transaction(async (tx) => {
    await lockBilling(tx);
    const ids = await queuedInvoices(tx, batch);
    for (const id of ids) await reconcileInvoice(tx, id, now, 'payment');
    await dequeueInvoices(tx, ids);
    return ids.length;
  });
}

type Applied = { outcome: 'applied' | 'ignored' | 'unmatched'; reason?: string };

async function applyFacts(tx: Db, eventId: string, facts: BillingFacts, now: Date): Promise<Applied> {
  switch (facts.kind) {
    case 'invoice_paid': {
      const accountId = await resolveAccount(tx, facts.account, now);
      if (!accountId) return park(tx, eventId, facts.account);
      const { invoice } = facts;
      const refs = invoice.payments.flatMap((p) => p.refs);
      await insertInvoice(tx, accountId, invoice, refs.find((r) => r.startsWith('ch_')) ?? null);
      await linkPayments(tx, invoice.id, invoice.payments);
      await reconcileSharers(tx, invoice.id, now);
      return { outcome: 'applied' };
    }
    case 'invoice_payment':
      await linkPayments(tx, facts.invoiceId, [facts.payment]);
      await reconcileSharers(tx, facts.invoiceId, now);
      return { outcome: 'applied' };
    case 'charge':
      await recordChargeTaken(tx, { ...facts, now });
      await reconcileCharge(tx, facts, now, 'payment');
      return { outcome: 'applied' };
    case 'dispute': {
      // A give-back in this event is the dispute's win only if it is won; else a link it made.
      const cause = disputeCounts(await recordDispute(tx, facts.dispute, now)) ? 'payment' : 'dispute';
      await reconcileCharge(tx, facts.dispute, now, cause);
      return { outcome: 'applied' };
    }
    case 'subscription': {
      const accountId = await resolveAccount(tx, facts.account, now);
      if (!accountId) return park(tx, eventId, facts.account);
      await applySubscription(tx, accountId, facts.subscription, now);
      return { outcome: 'applied' };
    }
    case 'customer': {
      const accountId = await resolveAccount(tx, facts.account, now);
      return accountId ? { outcome: 'applied' } : { outcome: 'ignored', reason: 'customer of no known account' };
    }
    case 'ignored':
    case 'invalid':
      return { outcome: 'ignored', reason: facts.reason };
  }
}

/**
 * Reconciles an invoice just stored or linked, and every other invoice its payments paid: a
 * refund or dispute of a shared payment is shared by what each invoice was paid, so the others'
 * shares change when an invoice joins the payment or its amount becomes known. All its
 * payments, not only those the event named: storing the invoice gives its weight everywhere.
 */
async function reconcileSharers(tx: Db, invoiceId: string, now: Date): Promise<void> {
  await reconcilePayment(tx, await paymentsOfInvoice(tx, invoiceId), now, 'payment', invoiceId);
}

/**
 * After a refund or dispute of a charge: links the invoice the charge names (pre-2025 shape),
 * then reconciles every invoice its payment paid.
 */
async function reconcileCharge(
  tx: Db,
  c: { chargeId: string; paymentIntentId: string | null; invoiceId: string | null },
  now: Date,
  cause: 'dispute' | 'payment',
): Promise<void> {
  if (c.invoiceId) await linkPayments(tx, c.invoiceId, [{ refs: [c.chargeId], amountCents: null }]);
  await reconcilePayment(tx, c.paymentIntentId ? [c.chargeId, c.paymentIntentId] : [c.chargeId], now, cause);
}

/** Reconciles every invoice the payment named by `refs` paid, and `also` if it is not one of them. */
async function reconcilePayment(
  tx: Db,
  refs: string[],
  now: Date,
  cause: 'dispute' | 'payment',
  also?: string,
): Promise<void> {
  const invoices = await invoicesOfPayment(tx, refs);
  if (also && !invoices.includes(also)) invoices.push(also);
  for (const id of invoices) await reconcileInvoice(tx, id, now, cause);
}

/** Stores a dispute's status as the one further along of what is stored and what came. */
async function recordDispute(tx: Db, incoming: DisputeFact, now: Date): Promise<string> {
  const stored = await findDispute(tx, incoming.id);
  const status = stored ? keptDisputeStatus(stored.status, incoming.status) : incoming.status;
  await saveDispute(
    tx,
    { ...incoming, status, amountCents: Math.max(stored?.amountCents ?? 0, incoming.amountCents) },
    now,
  );
  return status;
}

async function park(tx: Db, eventId: string, account: AccountRef): Promise<Applied> {
  if (!account.customerId) return { outcome: 'ignored', reason: 'names no account and no customer' };
  await parkEvent(tx, eventId, account.customerId);
  return { outcome: 'unmatched', reason: `customer ${account.customerId} is not linked to an account yet` };
}

/**
 * The account an event belongs to (see domain/billing.ts). When an event first links a
 * customer to an account, the events that were waiting for that customer are applied now.
 */
async function resolveAccount(tx: Db, ref: AccountRef, now: Date): Promise<string | null> {
  let accountId = ref.accountId && (await accountExists(tx, ref.accountId)) ? ref.accountId : null;
  if (!accountId && ref.customerId) accountId = await accountOfCustomer(tx, ref.customerId);
  if (accountId && ref.customerId && (await linkCustomer(tx, accountId, ref.customerId, now))) {
    for (const parked of await releaseParked(tx, ref.customerId)) {
      const envelope = readEnvelope(parked.payload);
      if (envelope) await applyFacts(tx, parked.id, factsOf(envelope), now);
    }
  }
  return accountId;
}

async function applySubscription(tx: Db, accountId: string, incoming: SubscriptionFact, now: Date): Promise<void> {
  const existing = await findSubscription(tx, incoming.id);
  if (!existing || supersedes(incoming, existing))
    await saveSubscription(tx, existing?.accountId ?? accountId, incoming);
  else if (incoming.endedAt) await noteSubscriptionEnd(tx, incoming.id, incoming.endedAt);
  const owner = existing?.accountId ?? accountId;
  await setPlan(tx, owner, accountPlan(await subscriptionsOfAccount(tx, owner)));
  // An end learnt late may show that an invoice already counted was paid after it.
  if (incoming.endedAt) {
    for (const invoiceId of await invoicesOfSubscription(tx, incoming.id)) await reconcileInvoice(tx, invoiceId, now);
  }
}

/**
 * Brings an invoice's ledger entries in line with everything known about it: its commission
 * (once, by source key) if it earns one, and what refunds, open or lost disputes or a
 * late-learnt end of its subscription take back, cumulatively (of a payment that paid other
 * invoices too, its share); when a dispute is won or that share shrinks, the difference is
 * given back (a reinstatement). Each change is worked out from what was already written, so
 * replays and reorders never count twice.
 */
async function reconcileInvoice(
  tx: Db,
  invoiceId: string,
  now: Date,
  /** What the event changed, which a give-back's reason names: a dispute, or a payment's links. */
  cause: 'dispute' | 'payment' = 'payment',
): Promise<void> {
  const invoice = await findInvoice(tx, invoiceId);
  if (!invoice) return; // its facts wait; the invoice's own event reconciles them
  const referral = await referralOfReferee(tx, invoice.accountId);
  if (!referral) return;
  const commission = invoiceCommissionCents(invoice, referral.commissionRateBps);
  if (commission === 0) return;
  const endedAt = invoice.subscriptionId ? (await findSubscription(tx, invoice.subscriptionId))?.endedAt : null;
  const earns = earnsCommission(invoice, endedAt ?? null);
  const sourceKey = `commission:${invoice.id}`;
  // The referrer's account row first, as a payout request takes it: a take-back and a payout
  // of the same money queue on it, so a payout never sums entries behind a clawback's back.
  await lockAccount(tx, referral.referrerId);
  let entry = await entryBySourceKey(tx, sourceKey, true);
  if (!entry) {
    const state = initialState(referral.review);
    if (!earns || !state) return;
    entry = await insertEntry(tx, {
      accountId: referral.referrerId,
      referralId: referral.id,
      kind: 'commission',
      amountCents: commission,
      state,
      sourceKey,
      invoiceId: invoice.id,
      reason: `${referral.commissionRateBps / 100} % of invoice ${invoice.id}`,
      createdAt: now,
      holdUntil: addDays(now, referral.holdDays),
    });
    if (!entry) return; // cannot happen under the billing lock; never write twice regardless
  }
  const { refundedCents, disputedCents, sharedWith } = shareOfTaken(invoice.id, await takenOnPayments(tx, invoice.id));
  const taken = takenCents({ paidCents: invoice.amountPaidCents, refundedCents, disputedCents, earns });
  const so = await invoiceAdjustments(tx, invoice.id);
  const change = commissionAdjustmentCents({
    commissionCents: entry.amountCents,
    paidCents: invoice.amountPaidCents,
    takenCents: taken,
    takenBackSoFarCents: so.takenBackCents,
  });
  if (change === 0) return;
  // The group money moves in: the commission's while it is not reversed, else the group a
  // reinstatement started after it was; with none left, a reinstatement starts one.
  const group = (await liveOriginalOfInvoice(tx, invoice.id)) ?? entry;
  // Each write's key is unique: `taken` only grows until something is given back (a dispute
  // won, or a smaller share of a payment other invoices turn out to share), and after that the
  // count of writes so far tells apart two writes at the same amount taken. Replays and
  // reorders still never count twice: the change is worked out from what was written.
  if (change > 0) {
    await takeBack(tx, group, {
      // never more than the group holds (it always does: the others are reversed, net zero)
      cents: Math.min(change, group.amountCents - (await takenBackCents(tx, group.id))),
      sourceKey: so.reinstatements ? `takeback:${invoice.id}:${taken}:${so.writes}` : `takeback:${invoice.id}:${taken}`,
      reason: takeBackReason({ invoiceId: invoice.id, refundedCents, disputedCents, earns, sharedWith }),
      now,
    });
    return;
  }
  const state = initialState(referral.review);
  await giveBack(tx, group, {
    cents: -change,
    sourceKey: `reinstate:${invoice.id}:${taken}:${so.writes}`,
    reason: reinstatementReason({ invoiceId: invoice.id, cause, sharedWith }),
    now,
    fresh: state ? { state, holdUntil: addDays(now, referral.holdDays) } : null,
  });
}
