import type { PayoutMethod } from '../../domain/payout-details.ts';
import type { Db } from '../client.ts';

export const PAYOUT_STATUSES = ['requested', 'approved', 'paid', 'rejected', 'returned'] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

/**
 * A payout as its ambassador sees it: never the details, only their hint. Its `id` is the public
 * one (`po_…`, see domain/public-ids.ts); the bigint key stays inside the SQL of this module.
 */
export interface Payout {
  id: string;
  accountId: string;
  amountCents: number;
  method: PayoutMethod;
  detailsHint: string;
  status: PayoutStatus;
  reference: string | null;
  rejectReason: string | null;
  requestedAt: Date;
  decidedAt: Date | null;
  paidAt: Date | null;
  /** Sent back by the bank or PayPal after it was paid: when, and why. */
  returnedAt: Date | null;
  returnReason: string | null;
}

/** A payout as the operator's queue sees it: with the encrypted details and who asked. */
export interface QueuedPayout extends Payout {
  email: string;
  detailsEncrypted: string;
  /**
   * The account's available balance outside any payout, now: new earnings, or clawbacks that
   * arrived after the request (negative), which paying this payout in full would overpay.
   */
  otherAvailableCents: number;
  /** The batch that holds it (`pb_…`): one still to be paid, or the one that paid it; null if none. */
  batchId: string | null;
}

const PAYOUT_COLUMNS = `p.public_id as id, p.account_id as "accountId", p.amount_cents as "amountCents", p.method,
  p.details_hint as "detailsHint", p.status, p.reference, p.reject_reason as "rejectReason",
  p.requested_at as "requestedAt", p.decided_at as "decidedAt", p.paid_at as "paidAt",
  p.returned_at as "returnedAt", p.return_reason as "returnReason"`;

/** The account's open payout (requested or approved), if any. */
export async function openPayoutOf(db: Db, accountId: string): Promise<Payout | null> {
  const { rows } = await db.query<Payout>(
    `select ${PAYOUT_COLUMNS} from payouts p where p.account_id = $1 and p.status in ('requested', 'approved')`,
    [accountId],
  );
  return rows[0] ?? null;
}

/** The entries a payout request would take: available and held by no payout, locked. */
export async function claimableEntries(db: Db, accountId: string): Promise<{ id: string; amountCents: number }[]> {
  const { rows } = await db.query<{ id: string; amountCents: number }>(
    `select id::text, amount_cents as "amountCents" from ledger_entries
     where account_id = $1 and state = 'available' and payout_id is null
     order by id for update`,
    [accountId],
  );
  return rows;
}

export interface NewPayout {
  accountId: string;
  amountCents: number;
  method: PayoutMethod;
  detailsEncrypted: string;
  detailsHint: string;
  requestedAt: Date;
}

/** Inserts a requested payout. */
export async function insertPayout(db: Db, p: NewPayout): Promise<Payout> {
  const { rows } = await db.query<Payout>(
    `insert into payouts as p (account_id, amount_cents, method, details_encrypted, details_hint, status, requested_at)
     values ($1, $2, $3, $4, $5, 'requested', $6)
     returning ${PAYOUT_COLUMNS}`,
    [p.accountId, p.amountCents, p.method, p.detailsEncrypted, p.detailsHint, p.requestedAt],
  );
  return rows[0] as Payout;
}

/** The bigint key of the payout with this public id, for the ledger's payout_id. */
const PAYOUT_KEY = '(select k.id from payouts k where k.public_id = $1)';

/**
 * Marks exactly these entries as held by the payout, if they are still available and unheld;
 * returns how many were marked and their sum, for the caller to compare with the payout.
 */
export async function holdEntries(
  db: Db,
  payoutId: string,
  accountId: string,
  entryIds: string[],
): Promise<{ count: number; sumCents: number }> {
  const { rows } = await db.query<{ count: number; sumCents: number }>(
    `with held as (
       update ledger_entries set payout_id = ${PAYOUT_KEY}
       where account_id = $2 and id = any($3::bigint[]) and state = 'available' and payout_id is null
       returning amount_cents
     )
     select count(*)::int as count, coalesce(sum(amount_cents), 0)::int as "sumCents" from held`,
    [payoutId, accountId, entryIds],
  );
  return rows[0] ?? { count: 0, sumCents: 0 };
}

/** An account's payouts, newest first. */
export async function payoutsOf(db: Db, accountId: string, limit = 100): Promise<Payout[]> {
  const { rows } = await db.query<Payout>(
    `select ${PAYOUT_COLUMNS} from payouts p where p.account_id = $1 order by p.requested_at desc, p.id desc limit $2`,
    [accountId, limit],
  );
  return rows;
}

/**
 * What an account (an SQL expression for its id) has available outside any payout: negative
 * once clawbacks exceed new earnings.
 */
const availableOutside = (account: string) => `(select coalesce(sum(e.amount_cents), 0) from ledger_entries e
  where e.account_id = ${account} and e.state = 'available' and e.payout_id is null)::int`;

export async function availableOutsidePayouts(db: Db, accountId: string): Promise<number> {
  const { rows } = await db.query<{ cents: number }>(`select ${availableOutside('$1')} as cents`, [accountId]);
  return rows[0]?.cents ?? 0;
}

/** Whose payout this is, without locking it; null if there is none with this id. */
export async function payoutAccount(db: Db, id: string): Promise<string | null> {
  const { rows } = await db.query<{ accountId: string }>(
    'select account_id as "accountId" from payouts where public_id = $1',
    [id],
  );
  return rows[0]?.accountId ?? null;
}

/** A payout's encrypted details and whose they are; null if there is none with this id. */
export async function payoutDetails(
  db: Db,
  id: string,
): Promise<{ accountId: string; detailsEncrypted: string } | null> {
  const { rows } = await db.query<{ accountId: string; detailsEncrypted: string }>(
    'select account_id as "accountId", details_encrypted as "detailsEncrypted" from payouts where public_id = $1',
    [id],
  );
  return rows[0] ?? null;
}

/** The operator's queue: payouts in these statuses, oldest first, with the account's e-mail. */
export async function payoutQueue(db: Db, statuses: readonly PayoutStatus[], limit = 200): Promise<QueuedPayout[]> {
  const { rows } = await db.query<QueuedPayout>(
    `select ${PAYOUT_COLUMNS}, a.email, p.details_encrypted as "detailsEncrypted",
            ${availableOutside('p.account_id')} as "otherAvailableCents",
            (select b.public_id from payout_batch_items i join payout_batches b on b.id = i.batch_id
             where i.payout_id = p.id and i.released_at is null) as "batchId"
     from payouts p join accounts a on a.id = p.account_id
     where p.status = any($1::text[]) order by p.requested_at, p.id limit $2`,
    [statuses, limit],
  );
  return rows;
}

/** How many payouts wait for the operator: requested (to approve) and approved (to send). */
export async function openPayoutCounts(db: Db): Promise<{ requested: number; approved: number }> {
  const { rows } = await db.query<{ requested: number; approved: number }>(
    `select (count(*) filter (where status = 'requested'))::int as requested,
            (count(*) filter (where status = 'approved'))::int as approved
     from payouts where status in ('requested', 'approved')`,
  );
  return rows[0] ?? { requested: 0, approved: 0 };
}

/** A payout, locked for the rest of the transaction; null if there is none with this id. */
export async function lockPayout(db: Db, id: string): Promise<Payout | null> {
  const { rows } = await db.query<Payout>(`select ${PAYOUT_COLUMNS} from payouts p where p.public_id = $1 for update`, [
    id,
  ]);
  return rows[0] ?? null;
}

/** Moves a payout to its new status with what the operator gave. */
export async function updatePayout(
  db: Db,
  id: string,
  change: {
    status: PayoutStatus;
    decidedBy: string;
    decidedAt?: Date;
    paidAt?: Date;
    reference?: string;
    rejectReason?: string;
  },
): Promise<Payout> {
  const { rows } = await db.query<Payout>(
    `update payouts p set status = $2, decided_by = $3, decided_at = coalesce($4, p.decided_at),
       approved_by = case when $2 = 'approved' then $3 else p.approved_by end,
       paid_at = coalesce($5, p.paid_at), reference = coalesce($6, p.reference),
       reject_reason = coalesce($7, p.reject_reason)
     where p.public_id = $1
     returning ${PAYOUT_COLUMNS}`,
    [
      id,
      change.status,
      change.decidedBy,
      change.decidedAt ?? null,
      change.paidAt ?? null,
      change.reference ?? null,
      change.rejectReason ?? null,
    ],
  );
  return rows[0] as Payout;
}

/** The entries a payout holds: how many, their sum, and how many are not 'available'. */
export async function heldEntriesSummary(
  db: Db,
  payoutId: string,
): Promise<{ count: number; sumCents: number; notAvailable: number }> {
  const { rows } = await db.query<{ count: number; sumCents: number; notAvailable: number }>(
    `select count(*)::int as count, coalesce(sum(amount_cents), 0)::int as "sumCents",
            (count(*) filter (where state <> 'available'))::int as "notAvailable"
     from ledger_entries where payout_id = ${PAYOUT_KEY}`,
    [payoutId],
  );
  return rows[0] ?? { count: 0, sumCents: 0, notAvailable: 0 };
}

/** The payout was sent: its entries become 'paid'. Returns how many. */
export async function markEntriesPaid(db: Db, payoutId: string): Promise<number> {
  return (
    await db.query(`update ledger_entries set state = 'paid' where payout_id = ${PAYOUT_KEY} and state = 'available'`, [
      payoutId,
    ])
  ).rowCount;
}

/** The payout was rejected: its entries are available again. */
export async function releaseEntries(db: Db, payoutId: string): Promise<number> {
  return (
    await db.query(
      `update ledger_entries set payout_id = null where payout_id = ${PAYOUT_KEY} and state = 'available'`,
      [payoutId],
    )
  ).rowCount;
}

/**
 * A paid payout came back: the entries it paid are available again and held by no payout, so
 * the ambassador can ask for them anew. Returns how many moved and their sum, for the caller to
 * compare with the payout.
 */
export async function returnEntries(db: Db, payoutId: string): Promise<{ count: number; sumCents: number }> {
  const { rows } = await db.query<{ count: number; sumCents: number }>(
    `with back as (
       update ledger_entries set state = 'available', payout_id = null
       where payout_id = ${PAYOUT_KEY} and state = 'paid'
       returning amount_cents
     )
     select count(*)::int as count, coalesce(sum(amount_cents), 0)::int as "sumCents" from back`,
    [payoutId],
  );
  return rows[0] ?? { count: 0, sumCents: 0 };
}

/** Marks a paid payout returned, with who said so and why; who decided and paid it stays recorded. */
export async function markPayoutReturned(
  db: Db,
  id: string,
  r: { returnedBy: string; returnedAt: Date; reason: string },
): Promise<Payout> {
  const { rows } = await db.query<Payout>(
    `update payouts p set status = 'returned', returned_by = $2, returned_at = $3, return_reason = $4
     where p.public_id = $1 and p.status = 'paid'
     returning ${PAYOUT_COLUMNS}`,
    [id, r.returnedBy, r.returnedAt, r.reason],
  );
  return rows[0] as Payout;
}

/** The batch not yet paid or cancelled (created or sent) that holds this payout (`pb_…`), or null. */
export async function openBatchOf(db: Db, payoutId: string): Promise<string | null> {
  const { rows } = await db.query<{ batchId: string }>(
    `select b.public_id as "batchId" from payout_batch_items i join payout_batches b on b.id = i.batch_id
     where i.payout_id = ${PAYOUT_KEY} and i.released_at is null and b.state in ('created', 'sent')`,
    [payoutId],
  );
  return rows[0]?.batchId ?? null;
}
