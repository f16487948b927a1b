import type { CheckOutcome, InstallCheck } from '../../domain/install-verification.ts';
import type { Db } from '../client.ts';

// The install checks (plugins/install-checks.ts): one per widget, queued when it qualifies.

const CHECK_COLUMNS = `origin, state, attempts, next_attempt_at as "nextAttemptAt", last_attempt_at as "lastAttemptAt",
  checked_url as "checkedUrl", outcome, detail, found_url as "foundUrl", found_at as "foundAt"`;

/** A widget's install check, or null if none was queued. */
export async function installCheckOf(db: Db, widgetId: string): Promise<InstallCheck | null> {
  const { rows } = await db.query<InstallCheck>(`select ${CHECK_COLUMNS} from install_checks where widget_id = $1`, [
    widgetId,
  ]);
  return rows[0] ?? null;
}

/** Queues the check of a widget that qualified on `origin`, due at `at`; once per widget. */
export async function queueInstallCheck(db: Db, widgetId: string, origin: string, at: Date): Promise<void> {
  await db.query(
    `insert into install_checks (widget_id, origin, state, next_attempt_at, created_at)
     values ($1, $2, 'checking', $3, $3) on conflict (widget_id) do nothing`,
    [widgetId, origin, at],
  );
}

/**
 * Queues a check for each install bounty whose hold has ended and whose widget has none (a
 * bounty written before checks existed, or while a previous release ran): otherwise it would
 * wait for a check that never comes.
 */
export async function queueMissingChecks(db: Db, now: Date): Promise<number> {
  return (
    await db.query(
      `insert into install_checks (widget_id, origin, state, next_attempt_at, created_at)
       select distinct w.id, coalesce(w.qualified_origin, ''), 'checking', $1::timestamptz, $1::timestamptz
       from ledger_entries e join widgets w on w.id = e.widget_id
       where e.state = 'pending' and e.parent_id is null and e.kind = 'install_bounty' and e.hold_until <= $1
         and not exists (select 1 from install_checks c where c.widget_id = e.widget_id)
       on conflict (widget_id) do nothing`,
      [now],
    )
  ).rowCount;
}

export interface ClaimedCheck {
  widgetId: string;
  origin: string;
  /** This try's number, from 1. */
  attempt: number;
}

/**
 * Takes up to `limit` checks that are due, for this instance: each is counted as tried and
 * put off until `leaseUntil`, so another instance (or this one, if it dies meanwhile) takes
 * it again only then.
 */
export async function claimDueChecks(db: Db, now: Date, leaseUntil: Date, limit: number): Promise<ClaimedCheck[]> {
  const { rows } = await db.query<ClaimedCheck>(
    `update install_checks c set attempts = c.attempts + 1, next_attempt_at = $2, last_attempt_at = $1
     from (select widget_id from install_checks where state = 'checking' and next_attempt_at <= $1
           order by next_attempt_at, widget_id limit $3 for update skip locked) due
     where c.widget_id = due.widget_id
     returning c.widget_id as "widgetId", c.origin, c.attempts as attempt`,
    [now, leaseUntil, limit],
  );
  return rows;
}

/** The paths pings named on a widget's origin, most recently pinged first (raw pings, kept 35 days). */
export async function pathsPinged(db: Db, widgetId: string, origin: string, limit: number): Promise<string[]> {
  const { rows } = await db.query<{ path: string }>(
    `select path from pings where widget_id = $1 and origin = $2
     group by path order by max(received_at) desc, path limit $3`,
    [widgetId, origin, limit],
  );
  return rows.map((r) => r.path);
}

/**
 * Records a try: `found`, a try to repeat at `retryAt`, or the last (retryAt null: not found).
 * Only the try that holds the check writes: `attempt` must still be its count.
 */
export async function recordCheckTry(
  db: Db,
  widgetId: string,
  t: {
    attempt: number;
    outcome: CheckOutcome;
    checkedUrl: string | null;
    detail: string;
    now: Date;
    retryAt: Date | null;
  },
): Promise<boolean> {
  const found = t.outcome === 'found';
  const state = found ? 'found' : t.retryAt ? 'checking' : 'not_found';
  const { rowCount } = await db.query(
    `update install_checks set state = $3, outcome = $4, checked_url = $5, detail = $6,
       next_attempt_at = $7, found_url = case when $8 then $5 else found_url end,
       found_at = case when $8 then $9::timestamptz else found_at end
     where widget_id = $1 and attempts = $2 and state = 'checking'`,
    [widgetId, t.attempt, state, t.outcome, t.checkedUrl, t.detail, found ? null : t.retryAt, found, t.now],
  );
  return rowCount > 0;
}
