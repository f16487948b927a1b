/**
 * Programme news by e-mail, gathered by the ledger's tick: a digest of new earnings and a note
 * when money finishes its hold, each at most once a day per account, and only to accounts that
 * have not turned them off. What an account has been told is marked on its row, in the same
 * transaction as the message is queued, so no earning is told twice or skipped.
 */
import type { Db } from '../db/client.ts';
import { queueEmail } from '../db/queries/emails.ts';
import { accountBalances } from '../db/queries/ledger.ts';
import { DAY_MS } from '../domain/clock.ts';
import type { EarningFact } from '../domain/email-messages.ts';
import { maskEmail } from '../domain/rewards-text.ts';

/** The most earnings a digest lists one by one; the rest are counted. */
const DIGEST_LINES = 10;
const ACCOUNTS_PER_TICK = 200;

/** Queues the digests and "money available" notes that are due; answers how many. */
export async function queueEarningsNews(db: Db, now: Date, minPayoutCents: number): Promise<number> {
  const dayAgo = new Date(now.getTime() - DAY_MS);
  let queued = 0;
  const { rows: digests } = await db.query<{ id: string }>(
    `select a.id from accounts a
     where a.notify_earnings and (a.earnings_told_at is null or a.earnings_told_at <= $1)
       and exists (select 1 from ledger_entries e where e.account_id = a.id and e.parent_id is null
                   and e.kind in ('install_bounty', 'commission', 'reinstatement')
                   and e.id > coalesce(a.earnings_told_through, 0))
     limit $2`,
    [dayAgo, ACCOUNTS_PER_TICK],
  );
  for (const { id } of digests) if (await digest(db, id, now, dayAgo)) queued++;

  const { rows: matured } = await db.query<{ id: string }>(
    `select a.id from accounts a
     where a.notify_earnings and (a.available_told_at is null or a.available_told_at <= $1)
       and exists (select 1 from ledger_entries e where e.account_id = a.id and e.parent_id is null
                   and e.hold_until is not null and e.available_at is not null
                   and e.available_at > coalesce(a.available_told_through, '-infinity'::timestamptz))
     limit $2`,
    [dayAgo, ACCOUNTS_PER_TICK],
  );
  for (const { id } of matured) if (await availableNote(db, id, now, dayAgo, minPayoutCents)) queued++;
  return queued;
}

interface Marks {
  notify: boolean;
  earningsThrough: string | null;
  earningsAt: Date | null;
  availableThrough: Date | null;
  availableAt: Date | null;
}

/** The account's marks, locked; null when it no longer wants news or was told within the day. */
async function lockMarks(tx: Db, accountId: string): Promise<Marks | null> {
  const { rows } = await tx.query<Marks>(
    `select notify_earnings as notify, earnings_told_through::text as "earningsThrough", earnings_told_at as "earningsAt",
            available_told_through as "availableThrough", available_told_at as "availableAt"
     from accounts where id = $1 for update`,
    [accountId],
  );
  const marks = rows[0];
  return marks?.notify ? marks : null;
}

async function digest(db: Db, accountId: string, now: Date, dayAgo: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const marks = await lockMarks(tx, accountId);
    if (!marks || (marks.earningsAt && marks.earningsAt > dayAgo)) return false;
    const { rows } = await tx.query<{
      id: string;
      kind: EarningFact['kind'];
      amountCents: number;
      state: string;
      holdUntil: Date | null;
      referee: string | null;
    }>(
      `select e.id::text, e.kind, e.amount_cents as "amountCents", e.state, e.hold_until as "holdUntil",
              ra.email as referee
       from ledger_entries e
       left join referrals r on r.id = e.referral_id
       left join accounts ra on ra.id = r.referee_id
       where e.account_id = $1 and e.parent_id is null and e.kind in ('install_bounty', 'commission', 'reinstatement')
         and e.id > $2
       order by e.id`,
      [accountId, marks.earningsThrough ?? '0'],
    );
    const last = rows.at(-1);
    if (!last) return false;
    // Taken back already (a refund the same day): nothing to celebrate.
    const told = rows.filter((e) => e.state !== 'reversed' && e.amountCents > 0);
    let queued = false;
    if (told.length) {
      const earnings: EarningFact[] = told.slice(0, DIGEST_LINES).map((e) => ({
        kind: e.kind,
        amountCents: e.amountCents,
        referee: e.referee ? maskEmail(e.referee) : null,
        holdUntil: e.state === 'on_hold' || !e.holdUntil ? null : e.holdUntil.toISOString(),
      }));
      queued = await queueEmail(tx, {
        accountId,
        message: {
          kind: 'earnings_digest',
          earnings,
          more: told.length - earnings.length,
          totalCents: told.reduce((sum, e) => sum + e.amountCents, 0),
        },
        dedupeKey: `earnings_digest:${accountId}:${last.id}`,
        now,
      });
    }
    await tx.query('update accounts set earnings_told_through = $2, earnings_told_at = $3 where id = $1', [
      accountId,
      last.id,
      queued ? now : marks.earningsAt,
    ]);
    return queued;
  });
}

async function availableNote(
  db: Db,
  accountId: string,
  now: Date,
  dayAgo: Date,
  minPayoutCents: number,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const marks = await lockMarks(tx, accountId);
    if (!marks || (marks.availableAt && marks.availableAt > dayAgo)) return false;
    // What finished its hold since the last note: the originals and what they carried with them
    // (reversals inside the hold); a clawback is news of another kind.
    const { rows } = await tx.query<{ cents: number; through: Date | null }>(
      `select coalesce(sum(amount_cents), 0)::int as cents, max(available_at) as through
       from ledger_entries
       where account_id = $1 and kind <> 'clawback' and available_at is not null
         and available_at > coalesce($2::timestamptz, '-infinity'::timestamptz) and available_at <= $3`,
      [accountId, marks.availableThrough, now],
    );
    const { cents, through } = rows[0] ?? { cents: 0, through: null };
    if (!through) return false;
    let queued = false;
    if (cents > 0) {
      const { availableCents } = await accountBalances(tx, accountId);
      queued = await queueEmail(tx, {
        accountId,
        message: { kind: 'money_available', amountCents: cents, availableCents, minPayoutCents },
        dedupeKey: `money_available:${accountId}:${through.toISOString()}`,
        now,
      });
    }
    await tx.query('update accounts set available_told_through = $2, available_told_at = $3 where id = $1', [
      accountId,
      through,
      queued ? now : marks.availableAt,
    ]);
    return queued;
  });
}
