import type { Db } from '../db/client.ts';
import {
  type BatchPayout,
  batchItemsSummary,
  batchPayouts,
  claimSend,
  closeBatch,
  findBatch,
  finishSend,
  insertBatch,
  lockPayoutsForBatch,
  markFileDownloaded,
  openBatchesOf,
  type PayoutBatch,
} from '../db/queries/payout-batches.ts';
import { retryOnConflict } from '../db/retry.ts';
import { sqlState } from '../db/sqlstate.ts';
import { decryptDetails, type PayoutDetails } from '../domain/payout-details.ts';
import { type PaypalItem, paypalCsv, paypalPayoutRequest } from '../domain/paypal-batch.ts';
import { type SepaDebtor, type SepaTransfer, sepaCreditTransfer, sepaId } from '../domain/sepa-transfer.ts';
import { HttpError } from '../errors.ts';
import { markBatchPayoutPaid, PayoutIntegrityError } from './payouts.ts';
import { createPaypalPayout, type PaypalConfig, PaypalError } from './paypal-payouts.ts';

/**
 * Payout batches: the operator puts approved payouts of one method into a batch, downloads its
 * file (SEPA XML or PayPal CSV) or sends it to the PayPal Payouts API, then marks it paid (every
 * payout in it is paid through the same path as one paid alone) or cancels it (its payouts are
 * free again). Every step is one transaction; a payout is in one open batch at most.
 */

const METHOD_WORDS = { paypal: 'PayPal', bank_transfer: 'bank transfer' } as const;

/** The SEPA debtor is needed for a bank-transfer batch; without it the operator is told what to set. */
function requireDebtor(debtor: SepaDebtor | null): SepaDebtor {
  if (debtor) return debtor;
  throw new HttpError(
    409,
    'sepa_not_configured',
    'Bank transfers are paid from your own account: set SEPA_DEBTOR_NAME and SEPA_DEBTOR_IBAN (and SEPA_DEBTOR_BIC if your bank asks for it) and restart the server',
  );
}

const remittance = (payoutId: string) => `Callbell rewards payout ${sepaId(payoutId)}`;

/** The payouts' details, decrypted; a payout whose details cannot be read stops the batch. */
function withDetails(payouts: readonly BatchPayout[], key: Buffer): { payout: BatchPayout; details: PayoutDetails }[] {
  return payouts.map((payout) => {
    try {
      return { payout, details: decryptDetails(payout.detailsEncrypted, key, payout.accountId) };
    } catch {
      throw new HttpError(
        409,
        'details_unreadable',
        `The payment details of payout ${payout.id} cannot be read: take it out of the batch and reject it`,
      );
    }
  });
}

function sepaFile(batchId: string, at: Date, debtor: SepaDebtor, payouts: readonly BatchPayout[], key: Buffer) {
  const transfers: SepaTransfer[] = withDetails(payouts, key).map(({ payout, details }) => {
    if (details.method !== 'bank_transfer') throw new PayoutIntegrityError(`payout ${payout.id} is not a transfer`);
    return {
      endToEndId: sepaId(payout.id),
      name: details.holderName,
      iban: details.iban,
      amountCents: payout.amountCents,
      remittance: remittance(payout.id),
    };
  });
  try {
    return sepaCreditTransfer({ messageId: sepaId(batchId), at, debtor, transfers });
  } catch (err) {
    // The package's own checks (a name too long, an IBAN it refuses): the operator can act on them.
    const message = err instanceof Error ? err.message : String(err);
    throw new HttpError(409, 'not_payable', `The SEPA file cannot be made: ${message}`);
  }
}

function paypalItems(payouts: readonly BatchPayout[], key: Buffer): PaypalItem[] {
  return withDetails(payouts, key).map(({ payout, details }) => {
    if (details.method !== 'paypal') throw new PayoutIntegrityError(`payout ${payout.id} is not a PayPal payout`);
    return { payoutId: payout.id, email: details.email, amountCents: payout.amountCents };
  });
}

/**
 * Puts these approved payouts into a new batch. In one transaction: lock them (in key order),
 * refuse any that is unknown, not approved, the operator's own, of another method than the
 * rest, already in a batch, or whose details cannot be made into the file; then write the
 * batch with the count and total of exactly those payouts, checked against its items.
 */
export async function createBatch(
  db: Db,
  input: { payoutIds: readonly string[]; adminId: string; now: Date; key: Buffer; sepaDebtor: SepaDebtor | null },
): Promise<PayoutBatch> {
  const ids = [...new Set(input.payoutIds)];
  if (ids.length === 0) throw new HttpError(400, 'no_payouts', 'Select at least one approved payout');
  try {
    return await retryOnConflict(() =>
      db.transaction(async (tx) => {
        const payouts = await lockPayoutsForBatch(tx, ids);
        const found = new Set(payouts.map((p) => p.id));
        const missing = ids.find((id) => !found.has(id));
        if (missing) throw new HttpError(404, 'not_found', `No payout ${missing}`);
        for (const p of payouts) {
          if (p.accountId === input.adminId) {
            throw new HttpError(403, 'own_payout', `Payout ${p.id} is your own: another operator pays it`);
          }
          if (p.status !== 'approved') {
            throw new HttpError(
              409,
              'not_approved',
              `Payout ${p.id} is ${p.status}: only approved payouts can be put in a batch`,
            );
          }
        }
        const method = payouts[0]?.method ?? 'paypal';
        const other = payouts.find((p) => p.method !== method);
        if (other) {
          throw new HttpError(
            400,
            'mixed_methods',
            `A batch holds payouts of one method: ${payouts[0]?.id} is ${METHOD_WORDS[method]}, ${other.id} ${METHOD_WORDS[other.method]}`,
          );
        }
        const inBatch = await openBatchesOf(tx, ids);
        const [taken, batchId] = [...inBatch][0] ?? [];
        if (taken) throw new HttpError(409, 'in_batch', `Payout ${taken} is already in batch ${batchId}`);
        // The file is made once now, so a batch that could not be paid from it is never written.
        if (method === 'bank_transfer') {
          sepaFile('pb_check', input.now, requireDebtor(input.sepaDebtor), payouts, input.key);
        } else {
          paypalItems(payouts, input.key);
        }
        const made = await insertBatch(tx, { method, payoutIds: ids, createdBy: input.adminId, createdAt: input.now });
        const expected = payouts.reduce((sum, p) => sum + p.amountCents, 0);
        if (
          made.batch.payoutCount !== payouts.length ||
          made.itemCount !== payouts.length ||
          made.batch.totalCents !== expected ||
          made.itemCents !== expected
        ) {
          throw new PayoutIntegrityError(
            `batch ${made.batch.id}: ${made.batch.totalCents} cents in ${made.batch.payoutCount}, items ${made.itemCents} in ${made.itemCount}, payouts ${expected} in ${payouts.length}`,
          );
        }
        return made.batch;
      }),
    );
  } catch (err) {
    // The partial unique index on unreleased items is the last line, should two batches race.
    if (sqlState(err) === '23505') {
      throw new HttpError(409, 'in_batch', 'One of these payouts was put in another batch meanwhile');
    }
    throw err;
  }
}

async function batchOr404(db: Db, id: string, lock = false): Promise<PayoutBatch> {
  const batch = await findBatch(db, id, lock);
  if (!batch) throw new HttpError(404, 'not_found', `No payout batch ${id}`);
  return batch;
}

export interface BatchFile {
  filename: string;
  contentType: string;
  body: string;
}

/**
 * A batch's file: the SEPA credit transfer (executed on the day it is downloaded) or PayPal's
 * bulk-upload CSV. Every download carries the batch's id as the message id, which banks refuse
 * to execute twice. A cancelled batch has no file.
 */
export async function batchFile(
  db: Db,
  id: string,
  input: { now: Date; key: Buffer; sepaDebtor: SepaDebtor | null },
): Promise<BatchFile> {
  const batch = await batchOr404(db, id);
  if (batch.state === 'cancelled') {
    throw new HttpError(409, 'batch_cancelled', `Batch ${id} was cancelled: its payouts are no longer paid from it`);
  }
  const payouts = await batchPayouts(db, id);
  const file: BatchFile =
    batch.method === 'bank_transfer'
      ? {
          filename: `callbell-${id}-sepa.xml`,
          contentType: 'application/xml; charset=utf-8',
          body: sepaFile(id, input.now, requireDebtor(input.sepaDebtor), payouts, input.key),
        }
      : {
          filename: `callbell-${id}-paypal.csv`,
          contentType: 'text/csv; charset=utf-8',
          body: paypalCsv(paypalItems(payouts, input.key)),
        };
  await markFileDownloaded(db, id, input.now);
  return file;
}

/** How long a send to PayPal keeps the batch to itself (its requests time out well before). */
const SEND_LEASE_MS = 2 * 60_000;

/** A send in flight decides the batch's fate first (a send that died long ago no longer counts). */
function refuseWhileSending(batch: PayoutBatch, now: Date): void {
  if (batch.sendStartedAt && now.getTime() - batch.sendStartedAt.getTime() < SEND_LEASE_MS) {
    throw new HttpError(409, 'sending', `Batch ${batch.id} is being sent to PayPal: wait for its answer`);
  }
}

/**
 * Sends a created PayPal batch to the Payouts API. The batch is claimed first (a second send
 * meanwhile is refused), then sent with its id as sender_batch_id and PayPal-Request-Id, so
 * PayPal pays it once whatever is retried. Accepted, it is `sent`, with PayPal's id; refused or
 * unreachable, it stays `created` with the reason kept, to be sent again or cancelled.
 */
export async function sendBatchToPaypal(
  db: Db,
  id: string,
  input: { now: Date; key: Buffer; paypal: PaypalConfig | null; fetch?: typeof fetch },
): Promise<PayoutBatch> {
  const batch = await batchOr404(db, id);
  if (batch.method !== 'paypal') {
    throw new HttpError(409, 'not_paypal', `Batch ${id} holds bank transfers: download its SEPA file instead`);
  }
  if (!input.paypal) {
    throw new HttpError(
      409,
      'paypal_not_configured',
      'The PayPal Payouts API is not set up: set PAYPAL_CLIENT_ID and PAYPAL_CLIENT_SECRET, or upload the batch’s CSV on PayPal’s Payouts page',
    );
  }
  if (batch.state !== 'created') {
    throw new HttpError(409, 'invalid_transition', `Batch ${id} is ${batch.state}: only a new batch can be sent`);
  }
  const items = paypalItems(await batchPayouts(db, id), input.key);
  const claimed = await claimSend(db, id, input.now, SEND_LEASE_MS);
  if (!claimed) throw new HttpError(409, 'sending', `Batch ${id} is being sent already, or is no longer new`);
  try {
    const sent = await createPaypalPayout(input.paypal, paypalPayoutRequest(id, items), id, input.fetch);
    const done = await finishSend(db, id, {
      at: input.now,
      providerBatchId: sent.batchId,
      providerStatus: sent.status,
    });
    if (!done) throw new HttpError(409, 'invalid_transition', `Batch ${id} changed while it was being sent`);
    return done;
  } catch (err) {
    if (!(err instanceof PaypalError)) throw err;
    await finishSend(db, id, { error: err.message });
    if (err.kind === 'refused') throw new HttpError(409, 'paypal_refused', err.message);
    throw new HttpError(502, 'paypal_unavailable', err.message);
  }
}

/**
 * The money has left: every payout in the batch is marked paid with the batch's reference, by
 * the path one payout takes alone (its entries paid, its e-mail queued), and the batch with them,
 * in one transaction. Accounts are locked first, in order, then each payout.
 */
export function markBatchPaid(
  db: Db,
  id: string,
  input: { reference: string; adminId: string; now: Date },
): Promise<PayoutBatch> {
  return retryOnConflict(() =>
    db.transaction(async (tx) => {
      const batch = await batchOr404(tx, id, true);
      if (batch.state !== 'created' && batch.state !== 'sent') {
        throw new HttpError(409, 'invalid_transition', `Batch ${id} is ${batch.state}: it cannot be marked paid`);
      }
      refuseWhileSending(batch, input.now);
      const payouts = await batchPayouts(tx, id);
      const items = await batchItemsSummary(tx, id);
      const sum = payouts.reduce((s, p) => s + p.amountCents, 0);
      if (items.count !== batch.payoutCount || items.sumCents !== batch.totalCents || sum !== batch.totalCents) {
        throw new PayoutIntegrityError(
          `batch ${id}: ${batch.totalCents} cents, items ${items.sumCents}, payouts ${sum}`,
        );
      }
      const accounts = [...new Set(payouts.map((p) => p.accountId))].sort();
      await tx.query('select id from accounts where id = any($1::text[]) order by id for update', [accounts]);
      for (const p of payouts) {
        await markBatchPayoutPaid(tx, p.id, { reference: input.reference, adminId: input.adminId, now: input.now });
      }
      return closeBatch(tx, id, { state: 'paid', at: input.now, by: input.adminId, reference: input.reference });
    }),
  );
}

/**
 * Cancels a batch that has not been sent: its payouts stay approved and can go into another.
 * A batch sent to PayPal is not cancelled here (PayPal has it): it is marked paid, and a payout
 * PayPal could not pay is marked returned.
 */
export function cancelBatch(db: Db, id: string, input: { adminId: string; now: Date }): Promise<PayoutBatch> {
  return retryOnConflict(() =>
    db.transaction(async (tx) => {
      const batch = await batchOr404(tx, id, true);
      if (batch.state === 'sent') {
        throw new HttpError(
          409,
          'batch_sent',
          `Batch ${id} was sent to PayPal: mark it paid once PayPal has paid it, and mark returned any payout PayPal sends back`,
        );
      }
      if (batch.state !== 'created') {
        throw new HttpError(409, 'invalid_transition', `Batch ${id} is ${batch.state}: it cannot be cancelled`);
      }
      refuseWhileSending(batch, input.now);
      return closeBatch(tx, id, { state: 'cancelled', at: input.now, by: input.adminId });
    }),
  );
}
