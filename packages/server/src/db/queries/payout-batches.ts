import type { PayoutMethod } from '../../domain/payout-details.ts';
import type { Db } from '../client.ts';
import type { PayoutStatus } from './payouts.ts';

export const BATCH_STATES = ['created', 'sent', 'paid', 'cancelled'] as const;
export type BatchState = (typeof BATCH_STATES)[number];

/** A payout batch; its `id` is the public one (`pb_…`), the bigint key stays in this module's SQL. */
export interface PayoutBatch {
  id: string;
  method: PayoutMethod;
  state: BatchState;
  payoutCount: number;
  totalCents: number;
  createdBy: string;
  createdAt: Date;
  fileDownloadedAt: Date | null;
  sendStartedAt: Date | null;
  sentAt: Date | null;
  providerBatchId: string | null;
  providerStatus: string | null;
  lastError: string | null;
  paidAt: Date | null;
  reference: string | null;
  cancelledAt: Date | null;
  decidedBy: string | null;
}

/** A payout as a batch holds it: what the file needs (the details still encrypted) and where it stands. */
export interface BatchPayout {
  id: string;
  accountId: string;
  email: string;
  amountCents: number;
  method: PayoutMethod;
  detailsHint: string;
  detailsEncrypted: string;
  status: PayoutStatus;
}

// total_cents is a bigint: read as text, so both drivers hand back the same, and made a number once.
const BATCH_COLUMNS = `b.public_id as id, b.method, b.state, b.payout_count as "payoutCount",
  b.total_cents::text as "totalCents", b.created_by as "createdBy", b.created_at as "createdAt",
  b.file_downloaded_at as "fileDownloadedAt", b.send_started_at as "sendStartedAt", b.sent_at as "sentAt",
  b.provider_batch_id as "providerBatchId", b.provider_status as "providerStatus", b.last_error as "lastError",
  b.paid_at as "paidAt", b.reference, b.cancelled_at as "cancelledAt", b.decided_by as "decidedBy"`;

const toBatch = (row: Omit<PayoutBatch, 'totalCents'> & { totalCents: string }): PayoutBatch => {
  const totalCents = Number(row.totalCents);
  if (!Number.isSafeInteger(totalCents)) throw new RangeError(`batch ${row.id}: total ${row.totalCents} cents`);
  return { ...row, totalCents };
};

const BATCH_KEY = '(select k.id from payout_batches k where k.public_id = $1)';

const BATCH_PAYOUT_COLUMNS = `p.public_id as id, p.account_id as "accountId", a.email, p.amount_cents as "amountCents",
  p.method, p.details_hint as "detailsHint", p.details_encrypted as "detailsEncrypted", p.status`;

/**
 * The payouts with these public ids, locked for the rest of the transaction in the order of
 * their keys, so two batches made at once from overlapping payouts wait for each other instead
 * of deadlocking. Ids that match no payout are left out.
 */
export async function lockPayoutsForBatch(db: Db, ids: readonly string[]): Promise<BatchPayout[]> {
  const { rows } = await db.query<BatchPayout>(
    `select ${BATCH_PAYOUT_COLUMNS} from payouts p join accounts a on a.id = p.account_id
     where p.public_id = any($1::text[]) order by p.id for update of p`,
    [ids],
  );
  return rows;
}

/**
 * Which of these payouts an open batch holds (one that has not released them), and which batch.
 * Its own statement, so that it sees what a batch made while this transaction waited for the
 * payouts' locks has committed.
 */
export async function openBatchesOf(db: Db, payoutIds: readonly string[]): Promise<Map<string, string>> {
  const { rows } = await db.query<{ payoutId: string; batchId: string }>(
    `select p.public_id as "payoutId", b.public_id as "batchId"
     from payout_batch_items i join payouts p on p.id = i.payout_id join payout_batches b on b.id = i.batch_id
     where p.public_id = any($1::text[]) and i.released_at is null`,
    [payoutIds],
  );
  return new Map(rows.map((r) => [r.payoutId, r.batchId]));
}

/**
 * Writes a batch of these payouts and its items, the count and the total taken from the payouts
 * themselves in the same statements. Returns the batch and what its items add up to, for the
 * caller to compare.
 */
export async function insertBatch(
  db: Db,
  b: { method: PayoutMethod; payoutIds: readonly string[]; createdBy: string; createdAt: Date },
): Promise<{ batch: PayoutBatch; itemCount: number; itemCents: number }> {
  const { rows } = await db.query<Omit<PayoutBatch, 'totalCents'> & { totalCents: string }>(
    `insert into payout_batches as b (method, state, payout_count, total_cents, created_by, created_at)
     select $1, 'created', count(*), sum(p.amount_cents), $3, $4 from payouts p where p.public_id = any($2::text[])
     returning ${BATCH_COLUMNS}`,
    [b.method, b.payoutIds, b.createdBy, b.createdAt],
  );
  const batch = toBatch(rows[0] as Omit<PayoutBatch, 'totalCents'> & { totalCents: string });
  const items = await db.query<{ count: number; sumCents: string }>(
    `with added as (
       insert into payout_batch_items (batch_id, payout_id, amount_cents)
       select ${BATCH_KEY}, p.id, p.amount_cents from payouts p where p.public_id = any($2::text[])
       returning amount_cents
     )
     select count(*)::int as count, coalesce(sum(amount_cents), 0)::text as "sumCents" from added`,
    [batch.id, b.payoutIds],
  );
  const summary = items.rows[0] ?? { count: 0, sumCents: '0' };
  return { batch, itemCount: summary.count, itemCents: Number(summary.sumCents) };
}

/** A batch, or null; locked for the rest of the transaction with `lock`. */
export async function findBatch(db: Db, id: string, lock = false): Promise<PayoutBatch | null> {
  const { rows } = await db.query<Omit<PayoutBatch, 'totalCents'> & { totalCents: string }>(
    `select ${BATCH_COLUMNS} from payout_batches b where b.public_id = $1${lock ? ' for update' : ''}`,
    [id],
  );
  return rows[0] ? toBatch(rows[0]) : null;
}

/** The payouts a batch holds (released ones too, for a cancelled batch), in the order they were put in. */
export async function batchPayouts(db: Db, batchId: string): Promise<BatchPayout[]> {
  const { rows } = await db.query<BatchPayout>(
    `select ${BATCH_PAYOUT_COLUMNS}
     from payout_batch_items i join payouts p on p.id = i.payout_id join accounts a on a.id = p.account_id
     where i.batch_id = ${BATCH_KEY} order by p.id`,
    [batchId],
  );
  return rows;
}

/** What a batch's items add up to, as stored. */
export async function batchItemsSummary(db: Db, batchId: string): Promise<{ count: number; sumCents: number }> {
  const { rows } = await db.query<{ count: number; sumCents: string }>(
    `select count(*)::int as count, coalesce(sum(amount_cents), 0)::text as "sumCents"
     from payout_batch_items where batch_id = ${BATCH_KEY}`,
    [batchId],
  );
  return { count: rows[0]?.count ?? 0, sumCents: Number(rows[0]?.sumCents ?? 0) };
}

export interface ListedBatch extends PayoutBatch {
  createdByEmail: string;
  payouts: Omit<BatchPayout, 'detailsEncrypted' | 'method'>[];
}

/** The most recent batches (or the one with `onlyId`), newest first, in these states, each with its payouts. */
export async function listBatches(
  db: Db,
  states: readonly BatchState[],
  limit = 50,
  onlyId: string | null = null,
): Promise<ListedBatch[]> {
  const { rows } = await db.query<Omit<PayoutBatch, 'totalCents'> & { totalCents: string; createdByEmail: string }>(
    `select ${BATCH_COLUMNS}, c.email as "createdByEmail"
     from payout_batches b join accounts c on c.id = b.created_by
     where b.state = any($1::text[]) and ($3::text is null or b.public_id = $3)
     order by b.created_at desc, b.id desc limit $2`,
    [states, limit, onlyId],
  );
  if (!rows.length) return [];
  const items = await db.query<Omit<BatchPayout, 'detailsEncrypted' | 'method'> & { batchId: string }>(
    `select b.public_id as "batchId", p.public_id as id, p.account_id as "accountId", a.email,
            p.amount_cents as "amountCents", p.details_hint as "detailsHint", p.status
     from payout_batch_items i join payout_batches b on b.id = i.batch_id
       join payouts p on p.id = i.payout_id join accounts a on a.id = p.account_id
     where b.public_id = any($1::text[]) order by p.id`,
    [rows.map((r) => r.id)],
  );
  return rows.map((r) => ({
    ...toBatch(r),
    createdByEmail: r.createdByEmail,
    payouts: items.rows.filter((i) => i.batchId === r.id).map(({ batchId: _, ...p }) => p),
  }));
}

/** The first download of a batch's file is remembered (a cancel then warns); later ones change nothing. */
export async function markFileDownloaded(db: Db, id: string, at: Date): Promise<void> {
  await db.query(
    'update payout_batches set file_downloaded_at = $2 where public_id = $1 and file_downloaded_at is null',
    [id, at],
  );
}

/**
 * Takes the batch for a send to PayPal, unless it is not `created` or another send started less
 * than `leaseMs` ago: at most one send at a time, and one that died is tried again later.
 */
export async function claimSend(db: Db, id: string, now: Date, leaseMs: number): Promise<PayoutBatch | null> {
  const { rows } = await db.query<Omit<PayoutBatch, 'totalCents'> & { totalCents: string }>(
    `update payout_batches b set send_started_at = $2
     where b.public_id = $1 and b.state = 'created' and (b.send_started_at is null or b.send_started_at <= $3)
     returning ${BATCH_COLUMNS}`,
    [id, now, new Date(now.getTime() - leaseMs)],
  );
  return rows[0] ? toBatch(rows[0]) : null;
}

/** The send is over: accepted by PayPal (the batch is sent), or refused (what PayPal said is kept). */
export async function finishSend(
  db: Db,
  id: string,
  outcome: { at: Date; providerBatchId: string; providerStatus: string } | { error: string },
): Promise<PayoutBatch | null> {
  const { rows } =
    'error' in outcome
      ? await db.query<Omit<PayoutBatch, 'totalCents'> & { totalCents: string }>(
          `update payout_batches b set send_started_at = null, last_error = $2
           where b.public_id = $1 and b.state = 'created' returning ${BATCH_COLUMNS}`,
          [id, outcome.error],
        )
      : await db.query<Omit<PayoutBatch, 'totalCents'> & { totalCents: string }>(
          `update payout_batches b set state = 'sent', sent_at = $2, provider_batch_id = $3, provider_status = $4,
             send_started_at = null, last_error = null
           where b.public_id = $1 and b.state = 'created' returning ${BATCH_COLUMNS}`,
          [id, outcome.at, outcome.providerBatchId, outcome.providerStatus],
        );
  return rows[0] ? toBatch(rows[0]) : null;
}

/** Moves a locked batch to paid or cancelled; a cancelled batch releases its payouts. */
export async function closeBatch(
  db: Db,
  id: string,
  change: { state: 'paid'; at: Date; by: string; reference: string } | { state: 'cancelled'; at: Date; by: string },
): Promise<PayoutBatch> {
  if (change.state === 'cancelled') {
    await db.query(`update payout_batch_items set released_at = $2 where batch_id = ${BATCH_KEY}`, [id, change.at]);
  }
  const { rows } = await db.query<Omit<PayoutBatch, 'totalCents'> & { totalCents: string }>(
    `update payout_batches b set state = $2, decided_by = $3,
       paid_at = case when $2 = 'paid' then $4::timestamptz else b.paid_at end,
       cancelled_at = case when $2 = 'cancelled' then $4::timestamptz else b.cancelled_at end,
       reference = coalesce($5, b.reference), send_started_at = null
     where b.public_id = $1 returning ${BATCH_COLUMNS}`,
    [id, change.state, change.by, change.at, change.state === 'paid' ? change.reference : null],
  );
  return toBatch(rows[0] as Omit<PayoutBatch, 'totalCents'> & { totalCents: string });
}
