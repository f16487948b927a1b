import { describe, expect, it } from 'vitest';
import {
  accountPlan,
  commissionAdjustmentCents,
  disputeCounts,
  earnsCommission,
  invoiceCommissionCents,
  keptDisputeStatus,
  type PaidInvoice,
  reinstatementReason,
  shareOfTaken,
  supersedes,
  takeBackReason,
  takenCents,
} from '../../src/domain/billing.ts';
import {
  factsOf,
  planFromKey,
  planOfSubscription,
  readEnvelope,
  type StripeEventEnvelope,
  type SubscriptionFact,
} from '../../src/domain/stripe-facts.ts';
import {
  chargeRefunded,
  disputeCreated,
  disputeEvent,
  event,
  invoicePaid,
  subscriptionEvent,
} from '../stripe-events.ts';

const at = new Date('2026-03-01T10:00:00Z');
const read = (e: Record<string, unknown>): StripeEventEnvelope => {
  const envelope = readEnvelope(e);
  if (!envelope) throw new Error('not an envelope');
  return envelope;
};
const facts = (e: Record<string, unknown>) => factsOf(read(e));

describe('readEnvelope', () => {
  it.each([
    ['no id', { type: 'invoice.paid', created: 1, data: { object: {} } }],
    ['no type', { id: 'evt_1', created: 1, data: { object: {} } }],
    ['a fractional created', { id: 'evt_1', type: 'x', created: 1.5, data: { object: {} } }],
    ['no data.object', { id: 'evt_1', type: 'x', created: 1, data: {} }],
    ['an array', []],
    ['null', null],
  ])('refuses %s', (_name, value) => {
    expect(readEnvelope(value)).toBeNull();
  });

  it('reads the creation time in seconds', () => {
    expect(read(event('x.y', { id: 'x' }, at)).createdAt).toEqual(at);
  });
});

describe('factsOf: invoices in both API shapes', () => {
  const base = {
    id: 'in_1',
    customer: 'cus_1',
    accountId: 'acc_1',
    subscription: 'sub_1',
    paidCents: 12_100,
    taxCents: 2100,
    paidAt: at,
  };

  it('reads the current shape: parent.subscription_details, total_taxes', () => {
    expect(facts(invoicePaid(base))).toEqual({
      kind: 'invoice_paid',
      account: { accountId: 'acc_1', customerId: 'cus_1' },
      invoice: {
        id: 'in_1',
        subscriptionId: 'sub_1',
        amountPaidCents: 12_100,
        taxCents: 2100,
        currency: 'eur',
        paidAt: at,
        payments: [],
      },
    });
  });

  it('reads the pre-2025 shape: subscription, tax, charge and payment_intent on the invoice', () => {
    const f = facts(invoicePaid({ ...base, legacy: true, charge: 'ch_1', paymentIntent: 'pi_1' }));
    expect(f).toMatchObject({
      kind: 'invoice_paid',
      account: { accountId: 'acc_1', customerId: 'cus_1' },
      invoice: { subscriptionId: 'sub_1', taxCents: 2100, payments: [{ refs: ['ch_1', 'pi_1'], amountCents: null }] },
    });
  });

  it('reads total_tax_amounts when there is no tax field, and payments when included', () => {
    const e = invoicePaid({ ...base, legacy: true });
    const o = (e.data as { object: Record<string, unknown> }).object;
    delete o.tax;
    o.total_tax_amounts = [{ amount: 1000, inclusive: false }, { amount: 100 }];
    o.payments = {
      data: [
        { payment: { type: 'payment_intent', payment_intent: 'pi_9' }, amount_paid: 6000 },
        { payment: { type: 'charge', charge: 'ch_8' }, amount_paid: null },
        // an attempt that moved no money is not a payment of the invoice
        { payment: { type: 'payment_intent', payment_intent: 'pi_open' }, amount_paid: null, status: 'open' },
        { payment: { type: 'payment_intent', payment_intent: 'pi_paid' }, amount_paid: 1, status: 'paid' },
      ],
    };
    expect(facts(e)).toMatchObject({
      invoice: {
        taxCents: 1100,
        payments: [
          { refs: ['pi_9'], amountCents: 6000 },
          { refs: ['ch_8'], amountCents: null },
          { refs: ['pi_paid'], amountCents: 1 },
        ],
      },
    });
  });

  it.each([
    { name: 'fully paid', total: 12_100, paid: 12_100, tax: 2100, expected: 2100 },
    { name: 'half paid by credit', total: 12_100, paid: 6050, tax: 2100, expected: 1050 },
    { name: 'paid 1 cent of it', total: 12_100, paid: 1, tax: 2100, expected: 0 },
    { name: 'overpaid', total: 12_100, paid: 13_000, tax: 2100, expected: 2100 },
    { name: 'nothing paid', total: 12_100, paid: 0, tax: 2100, expected: 0 },
  ])('counts the paid share of the tax: $name', ({ total, paid, tax, expected }) => {
    const f = facts(invoicePaid({ ...base, totalCents: total, paidCents: paid, taxCents: tax }));
    expect(f).toMatchObject({ invoice: { taxCents: expected } });
  });

  it('takes the account from the expanded customer when the subscription says nothing', () => {
    const e = invoicePaid({ ...base, accountId: null });
    const o = (e.data as { object: Record<string, unknown> }).object;
    o.customer = { id: 'cus_1', object: 'customer', metadata: { account_id: 'acc_7' } };
    expect(facts(e)).toMatchObject({ account: { accountId: 'acc_7', customerId: 'cus_1' } });
  });

  it.each([
    ['a negative amount', { amount_paid: -1 }],
    ['a fractional amount', { amount_paid: 10.5 }],
    ['no currency', { currency: null }],
    ['a negative tax', { total_taxes: [{ amount: -5 }] }],
  ])('finds an invoice with %s invalid', (_name, patch) => {
    const e = invoicePaid(base);
    Object.assign((e.data as { object: Record<string, unknown> }).object, patch);
    expect(facts(e).kind).toBe('invalid');
  });
});

describe('factsOf: charges, disputes, payments, customers', () => {
  it('reads a refund with its payment intent and, in the old shape, its invoice', () => {
    const e = chargeRefunded(
      { charge: 'ch_1', paymentIntent: 'pi_1', amountCents: 1000, refundedCents: 400, invoice: 'in_1' },
      at,
    );
    expect(facts(e)).toEqual({
      kind: 'charge',
      chargeId: 'ch_1',
      paymentIntentId: 'pi_1',
      invoiceId: 'in_1',
      refundedCents: 400,
    });
  });

  it('reads a dispute; an inquiry moves no money and is ignored', () => {
    const d = { id: 'dp_1', charge: 'ch_1', paymentIntent: 'pi_1', amountCents: 700 };
    expect(facts(disputeCreated(d, at))).toEqual({
      kind: 'dispute',
      dispute: {
        id: 'dp_1',
        chargeId: 'ch_1',
        paymentIntentId: 'pi_1',
        invoiceId: null,
        amountCents: 700,
        status: 'needs_response',
      },
    });
    const inquiry = disputeCreated({ charge: 'ch_1', amountCents: 700, status: 'warning_needs_response' }, at);
    expect(facts(inquiry).kind).toBe('ignored');
    expect(facts(disputeEvent('closed', { ...d, status: 'warning_closed' }, at)).kind).toBe('ignored');
  });

  it.each([
    ['updated', 'under_review', 'under_review'],
    ['closed', 'won', 'won'],
    ['closed', 'lost', 'lost'],
    ['funds_withdrawn', 'needs_response', 'needs_response'],
    ['funds_reinstated', 'won', 'won'],
    // Stripe also reinstates the refunded part of a partially refunded payment whose dispute was
    // lost: the dispute's own status decides, never the event's name.
    ['funds_reinstated', 'lost', 'lost'],
  ] as const)('reads charge.dispute.%s (status %s) as %s', (type, status, expected) => {
    const e = disputeEvent(type, { id: 'dp_1', charge: 'ch_1', amountCents: 700, status }, at);
    expect(facts(e)).toMatchObject({ kind: 'dispute', dispute: { id: 'dp_1', status: expected, amountCents: 700 } });
  });

  it('finds a dispute without an id, a charge or an amount invalid', () => {
    const e = disputeEvent('closed', { charge: 'ch_1', amountCents: 700, status: 'won' }, at);
    delete ((e.data as { object: Record<string, unknown> }).object as Record<string, unknown>).id;
    expect(facts(e).kind).toBe('invalid');
    expect(facts(disputeEvent('closed', { charge: '', amountCents: 700 }, at)).kind).toBe('invalid');
    expect(facts(disputeEvent('closed', { charge: 'ch_1', amountCents: -1 }, at)).kind).toBe('invalid');
  });

  it('reads the charge, its payment intent and, in the old shape, its invoice from an expanded charge', () => {
    const e = event(
      'charge.dispute.created',
      {
        id: 'dp_1',
        amount: 500,
        status: 'needs_response',
        charge: { id: 'ch_1', payment_intent: 'pi_1', invoice: 'in_1' },
      },
      at,
    );
    expect(facts(e)).toMatchObject({ dispute: { chargeId: 'ch_1', paymentIntentId: 'pi_1', invoiceId: 'in_1' } });
  });

  it('reads the link an invoice_payment makes, with what it paid on its invoice', () => {
    const e = event('invoice_payment.paid', { invoice: 'in_1', payment: { type: 'charge', charge: 'ch_1' } }, at);
    expect(facts(e)).toEqual({
      kind: 'invoice_payment',
      invoiceId: 'in_1',
      payment: { refs: ['ch_1'], amountCents: null },
    });
    const shared = event(
      'invoice_payment.paid',
      { invoice: 'in_2', amount_paid: 2500, payment: { type: 'payment_intent', payment_intent: 'pi_1' } },
      at,
    );
    expect(facts(shared)).toEqual({
      kind: 'invoice_payment',
      invoiceId: 'in_2',
      payment: { refs: ['pi_1'], amountCents: 2500 },
    });
    // An amount too large to store is as good as unknown: the link is kept.
    const huge = event(
      'invoice_payment.paid',
      { invoice: 'in_4', amount_paid: 3_000_000_000, payment_intent: 'pi_4' },
      at,
    );
    expect(facts(huge)).toMatchObject({ payment: { refs: ['pi_4'], amountCents: null } });
    // Some versions put the payment's ids on the invoice payment itself.
    const flat = event('invoice_payment.paid', { invoice: 'in_3', amount_paid: 10, payment_intent: 'pi_2' }, at);
    expect(facts(flat)).toMatchObject({ payment: { refs: ['pi_2'], amountCents: 10 } });
  });

  it('reads a customer’s account link, and ignores types it does not use', () => {
    const e = event('customer.updated', { id: 'cus_1', metadata: { account_id: 'acc_1' } }, at);
    expect(facts(e)).toEqual({ kind: 'customer', account: { accountId: 'acc_1', customerId: 'cus_1' } });
    expect(facts(event('invoice.finalized', { id: 'in_1' }, at)).kind).toBe('ignored');
  });
});

describe('plans', () => {
  it.each([
    ['pro', 'pro'],
    ['pro_monthly', 'pro'],
    ['Business-Yearly', 'business'],
    ['business', 'business'],
    ['professional', null],
    ['enterprise', null],
    ['', null],
    [42, null],
  ])('lookup key %j → %s', (key, plan) => {
    expect(planFromKey(key)).toBe(plan);
  });

  it('prefers the subscription’s metadata.plan, then the best item (price metadata over lookup key)', () => {
    const items = (...prices: Record<string, unknown>[]) => ({ data: prices.map((price) => ({ price })) });
    expect(planOfSubscription({ metadata: { plan: 'business' }, items: items({ lookup_key: 'pro' }) })).toBe(
      'business',
    );
    expect(planOfSubscription({ items: items({ lookup_key: 'pro' }, { lookup_key: 'business_m' }) })).toBe('business');
    expect(planOfSubscription({ items: items({ lookup_key: 'business', metadata: { plan: 'pro' } }) })).toBe('pro');
    expect(planOfSubscription({ items: items({ lookup_key: 'seats' }) })).toBe('free');
    expect(planOfSubscription({ items: { data: [{ plan: { metadata: { plan: 'pro' } } }] } })).toBe('pro');
  });

  it('reads a deletion as ended, at ended_at, else at the event', () => {
    const deleted = facts(subscriptionEvent('deleted', { id: 'sub_1', customer: 'cus_1', status: 'active' }, at));
    expect(deleted).toMatchObject({ subscription: { status: 'canceled', endedAt: at, plan: 'pro' } });
    const endedAt = new Date('2026-02-01T00:00:00Z');
    const cancelled = subscriptionEvent('updated', { id: 'sub_1', customer: 'c', status: 'canceled', endedAt }, at);
    expect(facts(cancelled)).toMatchObject({ subscription: { endedAt } });
    expect(facts(subscriptionEvent('updated', { id: 's', customer: 'c', status: 'unpaid' }, at))).toMatchObject({
      subscription: { endedAt: null },
    });
  });

  it.each([
    [[], 'free'],
    [[{ status: 'active', plan: 'pro', endedAt: null }], 'pro'],
    [[{ status: 'trialing', plan: 'business', endedAt: null }], 'business'],
    [[{ status: 'past_due', plan: 'pro', endedAt: null }], 'pro'],
    [[{ status: 'unpaid', plan: 'pro', endedAt: null }], 'free'],
    [[{ status: 'paused', plan: 'pro', endedAt: null }], 'free'],
    [[{ status: 'canceled', plan: 'business', endedAt: at }], 'free'],
    [
      [
        { status: 'canceled', plan: 'business', endedAt: at },
        { status: 'active', plan: 'pro', endedAt: null },
      ],
      'pro',
    ],
  ] as const)('accountPlan(%j) = %s', (subs, plan) => {
    expect(accountPlan([...subs])).toBe(plan);
  });
});

describe('supersedes: the newest subscription fact wins, whatever the order', () => {
  const s = (over: Partial<SubscriptionFact>): SubscriptionFact => ({
    id: 'sub_1',
    status: 'active',
    plan: 'pro',
    startedAt: null,
    endedAt: null,
    eventAt: at,
    ...over,
  });
  const later = new Date(at.getTime() + 1000);

  it.each([
    ['a later event', s({ eventAt: later }), s({}), true],
    ['an earlier event', s({}), s({ eventAt: later }), false],
    ['the same fact', s({}), s({}), false],
    ['an end, even from an older event', s({ status: 'canceled', endedAt: at }), s({ eventAt: later }), true],
    ['anything after an end', s({ eventAt: later }), s({ status: 'canceled', endedAt: at }), false],
    ['past_due over active in the same second', s({ status: 'past_due' }), s({}), true],
    ['business over pro in the same second', s({ plan: 'business' }), s({}), true],
  ])('%s → %s', (_name, incoming, existing, expected) => {
    expect(supersedes(incoming, existing)).toBe(expected);
    if (expected) expect(supersedes(existing, incoming)).toBe(false); // a strict order: never both
  });
});

describe('commission rules', () => {
  const invoice = (over: Partial<PaidInvoice> = {}): PaidInvoice => ({
    id: 'in_1',
    subscriptionId: 'sub_1',
    amountPaidCents: 10_000,
    taxCents: 0,
    currency: 'eur',
    paidAt: at,
    ...over,
  });

  it.each([
    [10_000, 0, 3000, 3000],
    [12_100, 2100, 3000, 3000],
    [1005, 0, 3000, 302],
    [1001, 0, 3000, 300],
    [10_000, 0, 2500, 2500],
    [0, 0, 3000, 0],
  ])('%i paid, %i tax at %i bps → %i', (paid, tax, bps, expected) => {
    expect(invoiceCommissionCents(invoice({ amountPaidCents: paid, taxCents: tax }), bps)).toBe(expected);
  });

  it.each([
    ['no end', invoice(), null, true],
    ['paid before the end', invoice(), new Date(at.getTime() + 1), true],
    ['paid at the end', invoice(), at, false],
    ['paid after the end', invoice(), new Date(at.getTime() - 1), false],
    ['no subscription', invoice({ subscriptionId: null }), null, false],
    ['another currency', invoice({ currency: 'usd' }), null, false],
  ])('earnsCommission: %s → %s', (_name, inv, endedAt, expected) => {
    expect(earnsCommission(inv, endedAt)).toBe(expected);
  });

  it.each([
    [{ paidCents: 1000, refundedCents: 0, disputedCents: 0, earns: true }, 0],
    [{ paidCents: 1000, refundedCents: 300, disputedCents: 0, earns: true }, 300],
    [{ paidCents: 1000, refundedCents: 300, disputedCents: 500, earns: true }, 800],
    [{ paidCents: 1000, refundedCents: 700, disputedCents: 1000, earns: true }, 1000],
    [{ paidCents: 1000, refundedCents: 0, disputedCents: 0, earns: false }, 1000],
  ])('takenCents(%j) = %i', (input, expected) => {
    expect(takenCents(input)).toBe(expected);
  });

  it.each([
    [{ refundedCents: 1234, disputedCents: 0, earns: true }, 'Refund on invoice in_1 (€12.34 refunded)'],
    [{ refundedCents: 0, disputedCents: 500, earns: true }, 'Dispute on invoice in_1 (€5.00 disputed)'],
    [
      { refundedCents: 100, disputedCents: 500, earns: true },
      'Refund and dispute on invoice in_1 (€1.00 refunded, €5.00 disputed)',
    ],
    [{ refundedCents: 100, disputedCents: 0, earns: false }, 'Invoice in_1 was paid after the subscription ended'],
  ])('takeBackReason(%j)', (input, reason) => {
    expect(takeBackReason({ invoiceId: 'in_1', ...input })).toBe(reason);
  });

  it.each([
    ['needs_response', true],
    ['under_review', true],
    ['lost', true],
    ['appeal_under_review', true],
    ['something_new', true],
    ['won', false],
    ['prevented', false],
  ])('disputeCounts(%s) = %s', (status, expected) => {
    expect(disputeCounts(status)).toBe(expected);
  });

  it('keeps the status furthest along whatever the order, the stored one on a tie', () => {
    const stages = [['needs_response', 'under_review'], ['lost'], ['appeal_needs_response'], ['won', 'prevented']];
    stages.forEach((earlier, i) => {
      for (const later of stages.slice(i + 1).flat()) {
        for (const e of earlier) {
          expect([keptDisputeStatus(e, later), keptDisputeStatus(later, e)]).toEqual([later, later]);
        }
      }
    });
    expect(keptDisputeStatus('under_review', 'needs_response')).toBe('under_review');
    expect(keptDisputeStatus('won', 'prevented')).toBe('won');
  });

  it.each([
    { taken: 0, soFar: 0, change: 0 },
    { taken: 5000, soFar: 0, change: 1500 },
    { taken: 5000, soFar: 1500, change: 0 },
    { taken: 0, soFar: 1500, change: -1500 }, // the dispute was won
    { taken: 2000, soFar: 3000, change: -2400 }, // a refund of 2000 stays taken
    { taken: 99_999, soFar: 0, change: 3000 }, // never more than the commission
  ])('commissionAdjustmentCents: $taken taken, $soFar so far → $change', ({ taken, soFar, change }) => {
    expect(
      commissionAdjustmentCents({
        commissionCents: 3000,
        paidCents: 10_000,
        takenCents: taken,
        takenBackSoFarCents: soFar,
      }),
    ).toBe(change);
  });

  it('says why a commission is given back', () => {
    expect(reinstatementReason({ invoiceId: 'in_123', cause: 'dispute', sharedWith: ['in_2'] })).toBe(
      "Dispute won: invoice in_123's commission given back",
    );
    expect(reinstatementReason({ invoiceId: 'in_1', cause: 'payment', sharedWith: ['in_2', 'in_3'] })).toBe(
      "Invoice in_1's share of a refund or dispute is smaller now that in_2, in_3 share its payment: commission given back",
    );
    expect(reinstatementReason({ invoiceId: 'in_1', cause: 'payment', sharedWith: [] })).toBe(
      'Invoice in_1: less is taken back than before; commission given back',
    );
  });

  it.each([
    // one invoice: all its own, whatever its weight
    [[{ kind: 'refund', amountCents: 700, sharers: [['in_a', 0]] }], { refundedCents: 700, sharedWith: [] }],
    // two invoices, 3:1; the shares add up to the refund
    [
      [
        {
          kind: 'refund',
          amountCents: 1001,
          sharers: [
            ['in_b', 1000],
            ['in_a', 3000],
          ],
        },
      ],
      { refundedCents: 751, sharedWith: ['in_b'] },
    ],
    // a dispute counts while open, not once won; both shared
    [
      [
        {
          kind: 'dispute',
          status: 'needs_response',
          amountCents: 400,
          sharers: [
            ['in_a', 1],
            ['in_b', 1],
          ],
        },
        {
          kind: 'dispute',
          status: 'won',
          amountCents: 999,
          sharers: [
            ['in_a', 1],
            ['in_b', 1],
          ],
        },
      ],
      { disputedCents: 200, sharedWith: ['in_b'] },
    ],
  ] as const)('shareOfTaken(in_a, %j)', (taken, expected) => {
    const rows = taken.map((t) => ({
      kind: t.kind,
      key: `${t.kind}${t.amountCents}`,
      status: 'status' in t ? t.status : null,
      amountCents: t.amountCents,
      sharers: t.sharers.map(([invoiceId, weightCents]) => ({ invoiceId, weightCents })),
    }));
    expect(shareOfTaken('in_a', rows)).toMatchObject(expected);
    // the other invoice's share is the rest, exactly
    const mine = shareOfTaken('in_a', rows);
    const theirs = shareOfTaken('in_b', rows);
    if (mine.sharedWith.length) {
      const total = (kind: string) =>
        rows
          .filter((r) => r.kind === kind && (r.status === null || r.status !== 'won'))
          .reduce((s, r) => s + r.amountCents, 0);
      expect(mine.refundedCents + theirs.refundedCents).toBe(total('refund'));
      expect(mine.disputedCents + theirs.disputedCents).toBe(total('dispute'));
    }
  });
});
