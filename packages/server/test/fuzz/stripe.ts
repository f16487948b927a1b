import fc from 'fast-check';
import {
  chargeRefunded,
  disputeCreated,
  invoicePaid,
  invoicePaymentPaid,
  type StripeJson,
  subscriptionEvent,
} from '../stripe-events.ts';

/**
 * Stripe events of every kind the webhook applies, for the accounts the test knows, so that a
 * signed one gets past verification and is stored and applied, hostile parts and all.
 */
export function stripeEvents(accountIds: readonly string[]): fc.Arbitrary<StripeJson> {
  return fc
    .record({
      kind: fc.constantFrom('invoice', 'payment', 'refund', 'dispute', 'subscription'),
      // Few ids, so that refunds and disputes meet the invoices they are about.
      n: fc.integer({ min: 1, max: 4 }).map(String),
      accountId: fc.constantFrom(...accountIds, null),
      cents: fc.integer({ min: 0, max: 1_000_000 }),
      at: fc.date({
        min: new Date('2020-01-01T00:00:00Z'),
        max: new Date('2030-01-01T00:00:00Z'),
        noInvalidDate: true,
      }),
      legacy: fc.boolean(),
    })
    .map(({ kind, n, accountId, cents, at, legacy }) => {
      const invoice = {
        id: `in_${n}`,
        customer: `cus_${n}`,
        accountId,
        subscription: `sub_${n}`,
        paidCents: cents,
        paidAt: at,
        paymentIntent: `pi_${n}`,
        legacy,
      };
      switch (kind) {
        case 'invoice':
          return invoicePaid(invoice);
        case 'payment':
          return invoicePaymentPaid(invoice.id, invoice.paymentIntent, at);
        case 'refund':
          return chargeRefunded(
            { charge: `ch_${n}`, paymentIntent: invoice.paymentIntent, amountCents: cents, refundedCents: cents },
            at,
          );
        case 'dispute':
          return disputeCreated({ charge: `ch_${n}`, paymentIntent: invoice.paymentIntent, amountCents: cents }, at);
        default:
          return subscriptionEvent(
            'created',
            { id: `sub_${n}`, customer: `cus_${n}`, accountId, status: 'active' },
            at,
          );
      }
    });
}
