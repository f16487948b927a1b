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
  markPayoutReturned,
  openBatchOf,
  openPayoutOf,
  type Payout,
  type PayoutStatus,
  payoutAccount,
  releaseEntries,
  returnEntries,
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
      : p.status === 'returned'
        ? ({ kind: 'payout_returned', amountCents, method, detailsHint, reason: p.returnReason ?? '' } as const)
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

type PayoutAction = 'approve' | 'pay' | 'reject' | 'return';

/** Which statuses each of the operator's actions may start from. */
export const PAYOUT_MOVES: Record<PayoutAction, readonly PayoutStatus[]> = {
  approve: ['requested'],
  // Paying needs an approval first: a second look before money leaves (by another operator
  // where there is one; a lone operator approves and pays, so this is not enforced).
  pay: ['approved'],
  reject: ['requested', 'approved'],
  // The bank or PayPal sent the money back after it was recorded as paid.
  return: ['paid'],
};

type Apply = (tx: Db, payout: Payout) => Promise<Payout>;

/** Locks the payout and checks the move, inside the caller's transaction, then applies it. */
async function decide(
  tx: Db,
  id: string,
  action: PayoutAction,
  adminId: string,
  apply: Apply,
  viaBatch = false,
): Promise<Payout> {
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
  // A payout in a batch leaves with its batch: paid alone it would be paid again with the batch's
  // file, and rejected alone it would stay in a file that may already be at the bank.
  if (!viaBatch && (action === 'pay' || action === 'reject')) {
    const batch = await openBatchOf(tx, id);
    if (batch) {
      throw new HttpError(
        409,
        'in_batch',
        `Payout ${id} is in batch ${batch}: mark the batch paid, or cancel it first`,
      );
    }
  }
  return apply(tx, payout);
}

function movePayout(db: Db, id: string, action: PayoutAction, adminId: string, apply: Apply): Promise<Payout> {
  // Two operators deciding each other's payouts at once can deadlock (each holds one account
  // row while the other's decided_by key check waits on it): the transaction is run again.
  return retryOnConflict(() => db.transaction((tx) => decide(tx, id, action, adminId, apply)));
}

const pastTense: Record<PayoutAction, string> = {
  approve: 'approved',
  pay: 'marked paid',
  reject: 'rejected',
  return: 'marked returned',
};

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

type PaidInput = { reference: string; adminId: string; now: Date };

/** The operator has sent the money: the payout is paid and the entries it holds become 'paid'. */
export function markPayoutPaid(db: Db, id: string, input: PaidInput): Promise<Payout> {
  return movePayout(db, id, 'pay', input.adminId, pay(input));
}

/**
 * The same, for a payout of a batch being marked paid: inside the batch's transaction (which
 * has locked the accounts and the batch), with the same checks, entries and e-mail.
 */
export function markBatchPayoutPaid(tx: Db, id: string, input: PaidInput): Promise<Payout> {
  return decide(tx, id, 'pay', input.adminId, pay(input), true);
}

/** Marks the payout's entries paid, checking they are what it holds, then the payout itself. */
function pay(input: PaidInput): Apply {
  return async (tx, payout) => {
    const id = payout.id;
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
  };
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

/**
 * A paid payout came back (a closed account, a wrong name, an unclaimed PayPal payment): the
 * entries it paid become available again, exactly once (the payout moves from paid to returned
 * under its lock), and the ambassador is told why and asked to correct the details.
 */
export function returnPayout(
  db: Db,
  id: string,
  input: { reason: string; adminId: string; now: Date },
): Promise<Payout> {
  return movePayout(db, id, 'return', input.adminId, async (tx, payout) => {
    const back = await returnEntries(tx, id);
    if (back.sumCents !== payout.amountCents) {
      throw new PayoutIntegrityError(`payout ${id}: ${payout.amountCents} cents paid, ${back.sumCents} returned`);
    }
    const returned = await markPayoutReturned(tx, id, {
      returnedBy: input.adminId,
      returnedAt: input.now,
      reason: input.reason,
    });
    return tellAmbassador(tx, returned, input.now);
  });
}
