import type { Db } from '../db/client.ts';
import { lockAccount } from '../db/queries/accounts.ts';
import { queueEmail } from '../db/queries/emails.ts';
import {
  availableOutsidePayouts,
  claimableEntries,
  heldEntriesSummary,
  holdEntries,
  insertPayout,
  lockPayout,
  markEntriesPaid,
  openPayoutOf,
  type Payout,
  type PayoutStatus,
  payoutAccount,
  releaseEntries,
  updatePayout,
} from '../db/queries/payouts.ts';
import { retryOnConflict } from '../db/retry.ts';
import { sqlState } from '../db/sqlstate.ts';
import { euros } from '../domain/money.ts';
import { detailsHint, encryptDetails, type PayoutDetails } from '../domain/payout-details.ts';
import { HttpError } from '../errors.ts';

/** A payout's amount disagrees with its entries: a bug, never the client's fault; the transaction rolls back. */
export class PayoutIntegrityError extends Error {}

const isUniqueViolation = (err: unknown): boolean => sqlState(err) === '23505';

/** Queues the message that tells the ambassador where its payout stands (inside the move's transaction). */
async function tellAmbassador(tx: Db, p: Payout, now: Date): Promise<Payout> {
  const { amountCents, method, detailsHint } = p;
  const message =
    p.status === 'paid'
      ? ({ kind: 'payout_paid', amountCents, method, detailsHint, reference: p.reference ?? '' } as const)
      : p.status === 'rejected'
        ? ({ kind: 'payout_rejected', amountCents, reason: p.rejectReason ?? '' } as const)
        : ({
            kind: p.status === 'approved' ? 'payout_approved' : 'payout_requested',
            amountCents,
            method,
            detailsHint,
          } as const);
  await queueEmail(tx, { accountId: p.accountId, message, dedupeKey: `payout_${p.status}:${p.id}`, now });
  return p;
}

/**
 * Requests the whole available balance as a payout. In one transaction: lock the account (so
 * two requests of one account run one after the other), refuse if a request is open, the
 * balance is under the minimum, or it is not the amount the ambassador confirmed
 * (`expectedAmountCents`, when given), insert the payout, and mark exactly the entries it sums
 * as held by it, checking that what was marked adds up to the amount stored.
 */
export async function requestPayout(
  db: Db,
  input: {
    accountId: string;
    details: PayoutDetails;
    key: Buffer;
    minPayoutCents: number;
    now: Date;
    expectedAmountCents?: number | undefined;
  },
): Promise<Payout> {
  const { accountId, details, now } = input;
  const detailsEncrypted = encryptDetails(details, input.key, accountId);
  try {
    return await db.transaction(async (tx) => {
      if (!(await lockAccount(tx, accountId))) throw new HttpError(404, 'not_found', 'No such account');
      const open = await openPayoutOf(tx, accountId);
      if (open) {
        throw new HttpError(
          409,
          'payout_open',
          `Your payout of ${euros(open.amountCents)} requested on ${open.requestedAt.toISOString().slice(0, 10)} is still being processed`,
        );
      }
      const entries = await claimableEntries(tx, accountId);
      const amountCents = entries.reduce((sum, e) => sum + e.amountCents, 0);
      // A zero minimum still needs something to pay: the payouts table refuses an empty payout.
      if (amountCents < Math.max(input.minPayoutCents, 1)) {
        throw new HttpError(
          409,
          'below_minimum',
          `Payouts start at ${euros(input.minPayoutCents)} available; you have ${euros(amountCents)} available`,
        );
      }
      // Money that became available, or was taken back, since the amount was shown: the
      // ambassador confirms the amount that would actually be paid.
      const expected = input.expectedAmountCents;
      if (expected !== undefined && expected !== amountCents) {
        throw new HttpError(
          409,
          'amount_changed',
          `Your available balance is now ${euros(amountCents)}, not ${euros(expected)}: check the new amount and request it again`,
        );
      }
      const payout = await insertPayout(tx, {
        accountId,
        amountCents,
        method: details.method,
        detailsEncrypted,
        detailsHint: detailsHint(details),
        requestedAt: now,
      });
      const held = await holdEntries(
        tx,
        payout.id,
        accountId,
        entries.map((e) => e.id),
      );
      if (held.count !== entries.length || held.sumCents !== payout.amountCents) {
        throw new PayoutIntegrityError(
          `payout ${payout.id}: ${payout.amountCents} cents stored, ${held.sumCents} held in ${held.count}/${entries.length} entries`,
        );
      }
      return tellAmbassador(tx, payout, now);
    });
  } catch (err) {
    // The partial unique index payouts_one_open is the last line: it holds even if the lock did not.
    if (isUniqueViolation(err)) throw new HttpError(409, 'payout_open', 'You already have a payout being processed');
    throw err;
  }
}

type PayoutAction = 'approve' | 'pay' | 'reject';

/** Which statuses each of the operator's actions may start from. */
export const PAYOUT_MOVES: Record<PayoutAction, readonly PayoutStatus[]> = {
  approve: ['requested'],
  // Paying needs an approval first: a second look before money leaves (by another operator
  // where there is one; a lone operator approves and pays, so this is not enforced).
  pay: ['approved'],
  reject: ['requested', 'approved'],
};

async function movePayout(
  db: Db,
  id: string,
  action: PayoutAction,
  adminId: string,
  apply: (tx: Db, payout: Payout) => Promise<Payout>,
): Promise<Payout> {
  // Two operators deciding each other's payouts at once can deadlock (each holds one account
  // row while the other's decided_by key check waits on it): the transaction is run again.
  return retryOnConflict(() =>
    db.transaction(async (tx) => {
      // The account first, then the payout, as requests and billing's take-backs lock them: no
      // clawback can land between what a decision checks and the decision.
      const owner = await payoutAccount(tx, id);
      if (owner) await lockAccount(tx, owner);
      const payout = await lockPayout(tx, id);
      if (!payout) throw new HttpError(404, 'not_found', `No payout ${id}`);
      // The operator is an ambassador too; its own money is decided by another operator.
      if (payout.accountId === adminId) {
        throw new HttpError(403, 'own_payout', 'An operator cannot decide a payout of their own account');
      }
      if (!PAYOUT_MOVES[action].includes(payout.status)) {
        throw new HttpError(
          409,
          'invalid_transition',
          `Payout ${id} is ${payout.status}: it cannot be ${pastTense[action]}`,
        );
      }
      return apply(tx, payout);
    }),
  );
}

const pastTense: Record<PayoutAction, string> = { approve: 'approved', pay: 'marked paid', reject: 'rejected' };

/**
 * The operator approves a requested payout, unless clawbacks since the request leave the account
 * owing: sending it would pay out more than it earned net, so the operator rejects it and the
 * ambassador can ask for what remains. (Recording a payment is never refused: that money has
 * already left, and a debt from a clawback after approval is netted against later earnings.)
 */
export function approvePayout(db: Db, id: string, by: { adminId: string; now: Date }): Promise<Payout> {
  return movePayout(db, id, 'approve', by.adminId, async (tx, payout) => {
    const outside = await availableOutsidePayouts(tx, payout.accountId);
    if (outside < 0) {
      throw new HttpError(
        409,
        'overpays',
        `Clawbacks since the request leave this account at ${euros(outside)} outside the payout: it would pay ${euros(payout.amountCents)} for ${euros(payout.amountCents + outside)} earned net. Reject it instead`,
      );
    }
    const approved = await updatePayout(tx, id, { status: 'approved', decidedBy: by.adminId, decidedAt: by.now });
    return tellAmbassador(tx, approved, by.now);
  });
}

/** The operator has sent the money: the payout is paid and the entries it holds become 'paid'. */
export function markPayoutPaid(
  db: Db,
  id: string,
  input: { reference: string; adminId: string; now: Date },
): Promise<Payout> {
  return movePayout(db, id, 'pay', input.adminId, async (tx, payout) => {
    const held = await heldEntriesSummary(tx, id);
    if (held.notAvailable || held.sumCents !== payout.amountCents) {
      throw new PayoutIntegrityError(`payout ${id}: ${payout.amountCents} cents, its entries sum ${held.sumCents}`);
    }
    if ((await markEntriesPaid(tx, id)) !== held.count) throw new PayoutIntegrityError(`payout ${id}: entries moved`);
    const paid = await updatePayout(tx, id, {
      status: 'paid',
      decidedBy: input.adminId,
      paidAt: input.now,
      reference: input.reference,
    });
    return tellAmbassador(tx, paid, input.now);
  });
}

/** The operator rejects a payout: its entries are released, so the balance is available again. */
export function rejectPayout(
  db: Db,
  id: string,
  input: { reason: string; adminId: string; now: Date },
): Promise<Payout> {
  return movePayout(db, id, 'reject', input.adminId, async (tx) => {
    await releaseEntries(tx, id);
    const rejected = await updatePayout(tx, id, {
      status: 'rejected',
      decidedBy: input.adminId,
      decidedAt: input.now,
      rejectReason: input.reason,
    });
    return tellAmbassador(tx, rejected, input.now);
  });
}
