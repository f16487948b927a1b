import {
  aliveAtHoldEnd,
  type Balances,
  bountyAtHoldEnd,
  type EntryKind,
  type EntryState,
  type ReferralReview,
  reinstatementPlacement,
  takeBackKind,
} from '../../domain/ledger.ts';
import type { Db } from '../client.ts';
import { holdClusters, holdReferrals } from './referral-holds.ts';

/** A ledger entry as the application sees it (ids as strings: they are bigints). */
export interface LedgerEntry {
  id: string;
  accountId: string;
  referralId: string | null;
  kind: EntryKind;
  amountCents: number;
  state: EntryState;
  /** What the entry stands for; a second entry with the same key is never written. */
  sourceKey: string;
  parentId: string | null;
  invoiceId: string | null;
  widgetId: string | null;
  reason: string | null;
  createdAt: Date;
  holdUntil: Date | null;
  availableAt: Date | null;
  payoutId: string | null;
}

export const ENTRY_COLUMNS = `id::text, account_id as "accountId", referral_id::text as "referralId", kind,
  amount_cents as "amountCents", state, source_key as "sourceKey", parent_id::text as "parentId",
  invoice_id as "invoiceId", widget_id as "widgetId", reason, created_at as "createdAt",
  hold_until as "holdUntil", available_at as "availableAt", payout_id::text as "payoutId"`;

/** An entry to write: what the caller decides; the rest is optional or set by the database. */
export type NewEntry = Pick<
  LedgerEntry,
  'accountId' | 'referralId' | 'kind' | 'amountCents' | 'state' | 'sourceKey' | 'createdAt'
> &
  Partial<Pick<LedgerEntry, 'parentId' | 'invoiceId' | 'widgetId' | 'reason' | 'holdUntil' | 'availableAt'>>;

/** Appends an entry unless one with its source key exists; returns it, or null if it existed. */
export async function insertEntry(db: Db, e: NewEntry): Promise<LedgerEntry | null> {
  const { rows } = await db.query<LedgerEntry>(
    `insert into ledger_entries (account_id, referral_id, kind, amount_cents, state, source_key, parent_id,
       invoice_id, widget_id, reason, created_at, hold_until, available_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     on conflict (source_key) do nothing
     returning ${ENTRY_COLUMNS}`,
    [
      e.accountId,
      e.referralId,
      e.kind,
      e.amountCents,
      e.state,
      e.sourceKey,
      e.parentId ?? null,
      e.invoiceId ?? null,
      e.widgetId ?? null,
      e.reason ?? null,
      e.createdAt,
      e.holdUntil ?? null,
      e.availableAt ?? null,
    ],
  );
  return rows[0] ?? null;
}

/** An entry by its source key, locked for the rest of the transaction. */
export async function entryBySourceKey(db: Db, sourceKey: string, lock = false): Promise<LedgerEntry | null> {
  const { rows } = await db.query<LedgerEntry>(
    `select ${ENTRY_COLUMNS} from ledger_entries where source_key = $1${lock ? ' for update' : ''}`,
    [sourceKey],
  );
  return rows[0] ?? null;
}

/**
 * What has been taken back from an entry so far (reversals and clawbacks, less what
 * reinstatements gave back to it), as a positive number: the entry's net is its amount less this.
 */
export async function takenBackCents(db: Db, parentId: string): Promise<number> {
  const { rows } = await db.query<{ cents: number }>(
    `select coalesce(-sum(amount_cents), 0)::int as cents from ledger_entries
     where parent_id = $1 and kind in ('reversal', 'clawback', 'reinstatement')`,
    [parentId],
  );
  return rows[0]?.cents ?? 0;
}

/** What billing has adjusted on an invoice's commission so far: entries keyed by these prefixes. */
export interface InvoiceAdjustments {
  /** Taken back less given back, over every group of the invoice, as a positive number. */
  takenBackCents: number;
  /** How many take-backs and reinstatements were written. */
  writes: number;
  reinstatements: number;
}

/**
 * The take-backs (`takeback:` keys) and reinstatements (`reinstate:` keys) billing wrote for an
 * invoice, whichever group they belong to. An operator's rejection takes back too, but under
 * its own key: it is no billing fact and is never given back.
 */
export async function invoiceAdjustments(db: Db, invoiceId: string): Promise<InvoiceAdjustments> {
  const { rows } = await db.query<InvoiceAdjustments>(
    `select coalesce(-sum(amount_cents), 0)::int as "takenBackCents", count(*)::int as writes,
            (count(*) filter (where kind = 'reinstatement'))::int as reinstatements
     from ledger_entries
     where invoice_id = $1 and (source_key like 'takeback:%' or source_key like 'reinstate:%')`,
    [invoiceId],
  );
  return rows[0] ?? { takenBackCents: 0, writes: 0, reinstatements: 0 };
}

/**
 * The original of an invoice's group that is not reversed, locked: its commission, or the
 * reinstatement that started a new group after the commission's was reversed. There is at most
 * one: a new group starts only when every earlier one is reversed.
 */
export async function liveOriginalOfInvoice(db: Db, invoiceId: string): Promise<LedgerEntry | null> {
  const { rows } = await db.query<LedgerEntry>(
    `select ${ENTRY_COLUMNS} from ledger_entries
     where invoice_id = $1 and parent_id is null and kind in ('commission', 'reinstatement') and state <> 'reversed'
     order by id desc limit 1 for update`,
    [invoiceId],
  );
  return rows[0] ?? null;
}

/** An original entry and everything hanging off it become 'reversed' together (a group sums to zero). */
export async function reverseGroup(db: Db, entryId: string): Promise<void> {
  await db.query(`update ledger_entries set state = 'reversed' where id = $1 or parent_id = $1`, [entryId]);
}

/**
 * Takes `cents` back from an entry, as DESIGN.md's hold rule says: a reversal inside the hold
 * (and, if that brings the entry's net to zero, the entry and its reversals become reversed),
 * a clawback after it. Idempotent by `sourceKey`. Call inside a transaction that has locked
 * the parent (entryBySourceKey(..., true)). Returns the new entry, or null if nothing was due.
 */
export async function takeBack(
  db: Db,
  parent: LedgerEntry,
  input: { cents: number; sourceKey: string; reason: string; now: Date },
): Promise<LedgerEntry | null> {
  const kind = takeBackKind(parent.state);
  if (input.cents <= 0 || !kind) return null;
  const inHold = kind === 'reversal';
  const entry = await insertEntry(db, {
    accountId: parent.accountId,
    referralId: parent.referralId,
    kind,
    amountCents: -input.cents,
    state: inHold ? parent.state : 'available',
    sourceKey: input.sourceKey,
    parentId: parent.id,
    invoiceId: parent.invoiceId,
    widgetId: parent.widgetId,
    reason: input.reason,
    createdAt: input.now,
    holdUntil: inHold ? parent.holdUntil : null,
    availableAt: inHold ? null : input.now,
  });
  if (entry && inHold && (await takenBackCents(db, parent.id)) >= parent.amountCents) await reverseGroup(db, parent.id);
  return entry;
}

/**
 * Gives `cents` back to an entry's group (see domain/ledger.ts reinstatementPlacement): in its
 * hold, a reinstatement sharing its state and hold; after it, one available at once; if the
 * group was reversed, a new top-level reinstatement (same account, referral and invoice) in
 * `fresh.state` until `fresh.holdUntil`, or nothing if `fresh` is null (the referral earns
 * nothing now). Idempotent by `sourceKey`. Call inside a transaction that has locked `group`.
 */
export async function giveBack(
  db: Db,
  group: LedgerEntry,
  input: {
    cents: number;
    sourceKey: string;
    reason: string;
    now: Date;
    fresh: { state: 'pending' | 'on_hold'; holdUntil: Date } | null;
  },
): Promise<LedgerEntry | null> {
  if (input.cents <= 0) return null;
  const placement = reinstatementPlacement(group.state);
  const base = {
    accountId: group.accountId,
    referralId: group.referralId,
    kind: 'reinstatement' as const,
    amountCents: input.cents,
    sourceKey: input.sourceKey,
    invoiceId: group.invoiceId,
    widgetId: group.widgetId,
    reason: input.reason,
    createdAt: input.now,
  };
  if (placement === 'with_hold') {
    return insertEntry(db, { ...base, state: group.state, parentId: group.id, holdUntil: group.holdUntil });
  }
  if (placement === 'available') {
    return insertEntry(db, { ...base, state: 'available', parentId: group.id, availableAt: input.now });
  }
  if (!input.fresh) return null;
  // Top-level, so that it matures, is reviewed and is reversed as an original (matureDue and
  // the operator's review take originals by parent_id is null); its invoice ties it to the rest.
  return insertEntry(db, { ...base, state: input.fresh.state, parentId: null, holdUntil: input.fresh.holdUntil });
}

/**
 * The balances of an account, by state; see domain/ledger.ts balancesOf for the meaning. Read
 * from ledger_balances (migration 0026), the entries' sums its triggers keep per state,
 * payout or none, and kind.
 */
export async function accountBalances(db: Db, accountId: string): Promise<Balances> {
  const { rows } = await db.query<Balances>(
    `select
       coalesce(sum(cents) filter (where state = 'pending'), 0)::int as "pendingCents",
       coalesce(sum(cents) filter (where state = 'on_hold'), 0)::int as "onHoldCents",
       coalesce(sum(cents) filter (where state = 'available' and not held), 0)::int as "availableCents",
       coalesce(sum(cents) filter (where state = 'available' and held), 0)::int as "processingCents",
       coalesce(sum(cents) filter (where state = 'paid'), 0)::int as "paidCents",
       coalesce(-sum(cents) filter (where kind = 'reversal'), 0)::int as "reversedCents",
       coalesce(-sum(cents) filter (where kind = 'clawback'), 0)::int as "clawedBackCents",
       coalesce(sum(cents) filter (where kind = 'reinstatement'), 0)::int as "reinstatedCents"
     from ledger_balances where account_id = $1`,
    [accountId],
  );
  return rows[0] as Balances;
}

/** An account's entries, newest first. */
export async function listEntries(db: Db, accountId: string, limit = 100): Promise<LedgerEntry[]> {
  const { rows } = await db.query<LedgerEntry>(
    `select ${ENTRY_COLUMNS} from ledger_entries where account_id = $1 order by created_at desc, id desc limit $2`,
    [accountId, limit],
  );
  return rows;
}

/**
 * Writes the install bounty of every referee whose widget has qualified and that has none yet
 * (once per referee, whichever widget came first). `refereeId` narrows it to one account.
 * Flagged referrals earn it on hold; rejected ones earn nothing. Returns the new entries.
 */
export async function accrueInstallBounties(db: Db, now: Date, refereeId?: string): Promise<LedgerEntry[]> {
  const { rows } = await db.query<LedgerEntry>(
    `insert into ledger_entries (account_id, referral_id, kind, amount_cents, state, source_key, widget_id,
       reason, created_at, hold_until)
     select r.referrer_id, r.id, 'install_bounty', r.install_bounty_cents,
            case when r.review = 'flagged' then 'on_hold' else 'pending' end,
            'install_bounty:' || r.referee_id, w.id, null, $1::timestamptz,
            $1::timestamptz + make_interval(days => r.hold_days)
     from referrals r
     join lateral (
       select id from widgets where account_id = r.referee_id and qualified_at is not null
       order by qualified_at, id limit 1
     ) w on true
     where r.review <> 'rejected' and r.install_bounty_cents > 0 and ($2::text is null or r.referee_id = $2)
     on conflict (source_key) do nothing
     returning ${ENTRY_COLUMNS}`,
    [now, refereeId ?? null],
  );
  return rows;
}

export interface MaturedSummary {
  available: number;
  reversed: number;
  /** Install bounties whose page was never found: their referrals went to the operator. */
  held: number;
}

type DueEntry = LedgerEntry & {
  referrerId: string | null;
  lastPingAt: Date | null;
  review: ReferralReview;
  checks: number;
  checksFound: boolean | null;
  checksChecking: boolean | null;
};

/**
 * Ends the hold of every pending entry whose hold is over. A commission becomes available with
 * the reversals it carries. An install bounty follows domain/ledger.ts bountyAtHoldEnd: reversed
 * if the referee's widget was not seen alive when the hold ended; available if one of the
 * referee's pages was found carrying the snippet, or the operator approved the referral; left
 * pending while its page is still being checked (not even taken, so a batch never fills with
 * them); and sent to the operator, on hold, when every check ended without finding it. Safe to
 * run from several instances at once: each entry is claimed with SKIP LOCKED.
 */
export async function matureDue(db: Db, now: Date, livenessDays: number, limit = 500): Promise<MaturedSummary> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<DueEntry>(
      `select e.id::text, e.account_id as "accountId", e.referral_id::text as "referralId", e.kind,
              e.amount_cents as "amountCents", e.hold_until as "holdUntil", e.widget_id as "widgetId",
              r.referrer_id as "referrerId", l.last_ping_at as "lastPingAt", coalesce(r.review, 'none') as review,
              coalesce(c.n, 0) as checks, c.found as "checksFound", c.checking as "checksChecking"
       from ledger_entries e
       left join referrals r on r.id = e.referral_id
       left join lateral (
         select max(w.last_public_ping_at) as last_ping_at from widgets w where w.account_id = r.referee_id
       ) l on true
       left join lateral (
         select count(*)::int as n, bool_or(ic.state = 'found') as found, bool_or(ic.state = 'checking') as checking
         from install_checks ic join widgets w on w.id = ic.widget_id
         where w.account_id = r.referee_id and e.kind = 'install_bounty'
       ) c on true
       where e.state = 'pending' and e.parent_id is null and e.hold_until <= $1
         -- bountyAtHoldEnd's "wait", left out: alive, not approved, no page found, still checking
         and not (e.kind = 'install_bounty' and coalesce(r.review, 'none') <> 'approved'
                  and not coalesce(c.found, false) and (coalesce(c.n, 0) = 0 or c.checking)
                  and coalesce(l.last_ping_at >= e.hold_until - make_interval(days => $3), false))
       order by e.hold_until, e.id limit $2
       for update of e skip locked`,
      [now, limit, livenessDays],
    );
    const summary: MaturedSummary = { available: 0, reversed: 0, held: 0 };
    // The last look before money becomes available: a family whose referees turned out to
    // share networks sends that money to the operator instead.
    const clustered = new Set<string>();
    for (const referrerId of new Set(
      rows.flatMap((e) => (e.review === 'none' && e.referrerId ? [e.referrerId] : [])),
    )) {
      for (const id of await holdClusters(tx, referrerId, now)) clustered.add(id);
    }
    summary.held += clustered.size;
    const toHold: string[] = [];
    for (const e of rows) {
      if (e.referralId && clustered.has(e.referralId)) continue;
      const holdUntil = e.holdUntil ?? now;
      const verdict =
        e.kind === 'install_bounty'
          ? bountyAtHoldEnd({
              alive: aliveAtHoldEnd(e.lastPingAt, holdUntil, livenessDays),
              review: e.review,
              checks: e.checks ? { found: e.checksFound === true, checking: e.checksChecking === true } : null,
            })
          : 'available';
      if (verdict === 'wait') continue;
      if (verdict === 'hold') {
        if (e.referralId) toHold.push(e.referralId);
        continue;
      }
      if (verdict === 'reverse') {
        await insertEntry(tx, {
          accountId: e.accountId,
          referralId: e.referralId,
          kind: 'reversal',
          amountCents: -e.amountCents,
          state: 'reversed',
          sourceKey: `liveness:${e.id}`,
          parentId: e.id,
          widgetId: e.widgetId,
          reason: `The referred widget was not seen in the ${livenessDays} days before the hold ended`,
          createdAt: now,
        });
        await reverseGroup(tx, e.id);
        summary.reversed++;
      } else {
        await tx.query(
          `update ledger_entries set state = 'available', available_at = $2
           where (id = $1 or parent_id = $1) and state = 'pending'`,
          [e.id, now],
        );
        summary.available++;
      }
    }
    summary.held += (await holdReferrals(tx, toHold, 'install_unverified', now)).length;
    return summary;
  });
}
