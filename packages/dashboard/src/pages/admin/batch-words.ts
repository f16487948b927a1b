/** How the payout batches are put into words, and what a selection of payouts adds up to. Pure. */
import type { ResponseOf } from '../../api/client.ts';
import type { Tone } from '../../components/Badge.tsx';
import { euros, PAYOUT_METHOD_IN_TEXT, plural } from '../../format.ts';
import type { QueuedPayout } from './words.ts';

export type BatchList = ResponseOf<'/api/admin/payout-batches'>;
export type PayoutBatch = BatchList['batches'][number];
type Method = PayoutBatch['method'];

export const BATCH_STATE: Record<PayoutBatch['state'], { label: string; tone: Tone }> = {
  created: { label: 'To pay', tone: 'warning' },
  sent: { label: 'Sent to PayPal', tone: 'info' },
  paid: { label: 'Paid', tone: 'success' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
};

/** "3 bank transfers", "1 PayPal payout". */
export const payoutsOf = (n: number, method: Method): string =>
  method === 'paypal' ? plural(n, 'PayPal payout') : plural(n, 'bank transfer');

/** What the batch's file is, for its download link. */
export const FILE_KIND: Record<Method, string> = {
  bank_transfer: 'SEPA transfer file (XML)',
  paypal: 'PayPal bulk-upload file (CSV)',
};

/** A payout the operator may put into a batch: approved, in none yet, readable, not its own. */
export const batchable = (p: QueuedPayout, operatorId: string | undefined): boolean =>
  p.status === 'approved' && p.batchId === null && p.detailsReadable && p.accountId !== operatorId;

export interface Selection {
  count: number;
  totalCents: number;
  /** The one method of the selection, or null when it mixes both (a batch holds one). */
  method: Method | null;
  words: string;
}

/** The selected payouts, counted and added up in cents. */
export function selectionOf(selected: readonly QueuedPayout[]): Selection {
  const totalCents = selected.reduce((sum, p) => sum + p.amountCents, 0);
  const methods = new Set(selected.map((p) => p.method));
  const method = methods.size === 1 ? ([...methods][0] ?? null) : null;
  const words =
    selected.length === 0
      ? 'No payout selected'
      : method
        ? `${payoutsOf(selected.length, method)} selected: ${euros(totalCents)}`
        : `${plural(selected.length, 'payout')} selected: ${euros(totalCents)}, by bank transfer and PayPal`;
  return { count: selected.length, totalCents, method, words };
}

/** What to do with a batch in its state, in a sentence. */
export function nextStep(b: PayoutBatch, paypalApi: boolean): string {
  if (b.state === 'created') {
    return b.method === 'bank_transfer'
      ? 'Download the SEPA file and upload it to your bank; once the bank has executed it, mark the batch paid.'
      : paypalApi
        ? 'Send it through the PayPal Payouts API, or download the CSV and upload it on PayPal’s Payouts page; then mark it paid.'
        : 'Download the CSV and upload it on PayPal’s Payouts page; once PayPal has paid it, mark the batch paid.';
  }
  if (b.state === 'sent') return 'PayPal has the batch. Once PayPal shows it paid, mark it paid here.';
  if (b.state === 'paid') {
    return `Its payouts are paid${b.reference ? ` with the reference ${b.reference}` : ''}. A payout that comes back is marked returned in the queue.`;
  }
  return 'Its payouts went back to the queue, approved, and can go into another batch.';
}

/** The payout's method in a sentence: "by bank transfer". */
export const byMethod = (m: Method): string => `by ${PAYOUT_METHOD_IN_TEXT[m]}`;
