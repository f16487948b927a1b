/**
 * Programme news by e-mail, gathered by the ledger's tick: a digest of new earnings and a note
 * when money finishes its hold, each at most once a day per account, and only to accounts that
 * have not turned them off. What an account has been told is a time marked on its row, in the
 * same transaction as the message is queued, so no earning is told twice.
 *
 * Entries are told once they are a couple of minutes old: two transactions (two instances'
 * ticks, two webhooks) may commit in another order than their times, and a mark set past an
 * entry still uncommitted would skip it for good. News older than a week is not looked for.
 */
import type { Db } from '../db/client.ts';
import { queueEmail } from '../db/queries/emails.ts';
import { accountBalances } from '../db/queries/ledger.ts';
import { DAY_MS } from '../domain/clock.ts';
import type { EarningFact } from '../domain/email-messages.ts';
import { maskEmail } from '../domain/rewards-text.ts';

/** How old an entry must be before it is told: longer than any transaction that writes one. */
export const SETTLE_MS = 2 * 60_000;
const LOOKBACK_MS = 7 * DAY_MS;
/** The most earnings a digest lists one by one; the rest are counted. */
const DIGEST_LINES = 10;
const ACCOUNTS_PER_TICK = 200;

/** Queues the digests and "money available" notes that are due; answers how many. */
export async function queueEarningsNews(db: Db, now: Date, minPayoutCents: number): Promise<number> {
  const w = {
    cutoff: new Date(now.getTime() - SETTLE_MS),
    since: new Date(now.getTime() - LOOKBACK_MS),
    dayAgo: new Date(now.getTime() - DAY_MS),
  };
  let queued = 0;
  const { rows: digests } = await db.query<{ id: string }>(
    `select distinct e.account_id as id
     from ledger_entries e join accounts a on a.id = e.account_id
     where e.created_at > $1 and e.created_at <= $2 and e.parent_id is null
       and e.kind in ('install_bounty', 'commission', 'reinstatement')
       and e.created_at > coalesce(a.earnings_told_through, '-infinity'::timestamptz)
       and a.notify_earnings and (a.earnings_told_at is null or a.earnings_told_at <= $3)
     limit $4`,
    [w.since, w.cutoff, w.dayAgo, ACCOUNTS_PER_TICK],
  );
  for (const { id } of digests) if (await digest(db, id, now, w)) queued++;

  const { rows: matured } = await db.query<{ id: string }>(
    `select distinct e.account_id as id
     from ledger_entries e join accounts a on a.id = e.account_id
     where e.available_at > $1 and e.available_at <= $2 and e.parent_id is null and e.hold_until is not null
       and e.available_at > coalesce(a.available_told_through, '-infinity'::timestamptz)
       and a.notify_earnings and (a.available_told_at is null or a.available_told_at <= $3)
     limit $4`,
    [w.since, w.cutoff, w.dayAgo, ACCOUNTS_PER_TICK],
  );
  for (const { id } of matured) if (await availableNote(db, id, now, w, minPayoutCents)) queued++;
  return queued;
}

interface Window {
  /** Entries up to this time are told. */
  cutoff: Date;
  /** Entries before this are no longer looked for. */
  since: Date;
  dayAgo: Date;
}

interface Marks {
  notify: boolean;
  earningsThrough: Date | null;
  earningsAt: Date | null;
  availableThrough: Date | null;
  availableAt: Date | null;
}

/** The account's marks, locked; null when it no longer wants news. */
async function lockMarks(tx: Db, accountId: string): Promise<Marks | null> {
  const { rows } = await tx.query<Marks>(
    `select notify_earnings as notify, earnings_told_through as "earningsThrough", earnings_told_at as "earningsAt",
            available_told_through as "availableThrough", available_told_at as "availableAt"
     from accounts where id = $1 for update`,
    [accountId],
  );
  const marks = rows[0];
  return marks?.notify ? marks : null;
}

/** The later of a mark and the lookback: where this tick's reading starts. */
const from = (mark: Date | null, since: Date) => (mark && mark > since ? mark : since);

async function digest(db: Db, accountId: string, now: Date, w: Window): Promise<boolean> {
  return db.transaction(async (tx) => {
    const marks = await lockMarks(tx, accountId);
    if (!marks || (marks.earningsAt && marks.earningsAt > w.dayAgo)) return false;
    const { rows } = await tx.query<{
      kind: EarningFact['kind'];
      netCents: number;
      state: string;
      holdUntil: Date | null;
      referee: string | null;
    }>(
      // Net of what was taken back already (a refund the same day): the digest tells what stands.
      `select e.kind, e.state, e.hold_until as "holdUntil", ra.email as referee,
              (e.amount_cents + coalesce((select sum(c.amount_cents) from ledger_entries c where c.parent_id = e.id), 0))::int
                as "netCents"
       from ledger_entries e
       left join referrals r on r.id = e.referral_id
       left join accounts ra on ra.id = r.referee_id
       where e.account_id = $1 and e.parent_id is null and e.kind in ('install_bounty', 'commission', 'reinstatement')
         and e.created_at > $2 and e.created_at <= $3
       order by e.created_at, e.id`,
      [accountId, from(marks.earningsThrough, w.since), w.cutoff],
    );
    if (!rows.length) return false;
    const told = rows.filter((e) => e.state !== 'reversed' && e.netCents > 0);
    let queued = false;
    if (told.length) {
      const earnings: EarningFact[] = told.slice(0, DIGEST_LINES).map((e) => ({
        kind: e.kind,
        amountCents: e.netCents,
        referee: e.referee ? maskEmail(e.referee) : null,
        holdUntil: e.state === 'on_hold' || !e.holdUntil ? null : e.holdUntil.toISOString(),
      }));
      queued = await queueEmail(tx, {
        accountId,
        message: {
          kind: 'earnings_digest',
          earnings,
          more: told.length - earnings.length,
          totalCents: told.reduce((sum, e) => sum + e.netCents, 0),
        },
        dedupeKey: `earnings_digest:${accountId}:${w.cutoff.toISOString()}`,
        now,
      });
    }
    await tx.query('update accounts set earnings_told_through = $2, earnings_told_at = $3 where id = $1', [
      accountId,
      w.cutoff,
      queued ? now : marks.earningsAt,
    ]);
    return queued;
  });
}

async function availableNote(db: Db, accountId: string, now: Date, w: Window, minPayoutCents: number) {
  return db.transaction(async (tx) => {
    const marks = await lockMarks(tx, accountId);
    if (!marks || (marks.availableAt && marks.availableAt > w.dayAgo)) return false;
    // What finished its hold since the last note: the originals and what they carried with them
    // (reversals inside the hold); a clawback is news of another kind.
    const { rows } = await tx.query<{ cents: number; found: number }>(
      `select coalesce(sum(amount_cents), 0)::int as cents, count(*)::int as found
       from ledger_entries
       where account_id = $1 and kind <> 'clawback' and available_at > $2 and available_at <= $3`,
      [accountId, from(marks.availableThrough, w.since), w.cutoff],
    );
    const { cents, found } = rows[0] ?? { cents: 0, found: 0 };
    if (!found) return false;
    let queued = false;
    if (cents > 0) {
      const { availableCents } = await accountBalances(tx, accountId);
      const { rows: state } = await tx.query<{ emailConfirmed: boolean; payoutOpen: boolean }>(
        `select a.email_verified_at is not null as "emailConfirmed",
                exists (select 1 from payouts p where p.account_id = a.id and p.status in ('requested', 'approved'))
                  as "payoutOpen"
         from accounts a where a.id = $1`,
        [accountId],
      );
      queued = await queueEmail(tx, {
        accountId,
        message: {
          kind: 'money_available',
          amountCents: cents,
          availableCents,
          minPayoutCents,
          emailConfirmed: state[0]?.emailConfirmed ?? false,
          payoutOpen: state[0]?.payoutOpen ?? false,
        },
        dedupeKey: `money_available:${accountId}:${w.cutoff.toISOString()}`,
        now,
      });
    }
    await tx.query('update accounts set available_told_through = $2, available_told_at = $3 where id = $1', [
      accountId,
      w.cutoff,
      queued ? now : marks.availableAt,
    ]);
    return queued;
  });
}
