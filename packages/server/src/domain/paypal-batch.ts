import { centsDecimal } from './money.ts';

/**
 * A batch of PayPal payouts, in the two forms PayPal takes: the bulk-upload CSV of its Payouts
 * web page, and the body of the Payouts API's create call. Amounts are formatted from integer
 * cents as strings. Pure.
 */

export interface PaypalItem {
  /** The payout's public id: PayPal's "customer ID" / sender_item_id, to trace it back. */
  payoutId: string;
  email: string;
  amountCents: number;
}

/** What the recipient reads beside the money. */
export const paypalNote = (payoutId: string): string => `Callbell rewards payout ${payoutId}`;

/** A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
const field = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/**
 * The bulk-upload file: one line per payout and no header line (PayPal reads every line as a
 * payment): recipient's e-mail, amount (a dot before the cents), currency, customer ID (the
 * payout's id, 30 characters at most, no spaces), note to the recipient, and the wallet.
 */
export function paypalCsv(items: readonly PaypalItem[]): string {
  return items
    .map((i) =>
      [i.email, centsDecimal(i.amountCents), 'EUR', i.payoutId, paypalNote(i.payoutId), 'PAYPAL'].map(field).join(','),
    )
    .map((line) => `${line}\r\n`)
    .join('');
}

/** The Payouts API's create-batch body. `senderBatchId` makes PayPal pay a batch once only. */
export function paypalPayoutRequest(senderBatchId: string, items: readonly PaypalItem[]) {
  return {
    sender_batch_header: {
      sender_batch_id: senderBatchId,
      recipient_type: 'EMAIL',
      email_subject: 'Your Callbell rewards payout',
      email_message: 'Your Callbell rewards have been paid out to this PayPal account.',
    },
    items: items.map((i) => ({
      recipient_type: 'EMAIL',
      amount: { value: centsDecimal(i.amountCents), currency: 'EUR' },
      receiver: i.email,
      note: paypalNote(i.payoutId),
      sender_item_id: i.payoutId,
    })),
  };
}
