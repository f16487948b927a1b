import type { EmailKind, EmailMessage, RenderedEmail } from '../../domain/email-messages.ts';
import type { Db } from '../client.ts';

export const EMAIL_STATUSES = ['queued', 'sent', 'outbox', 'failed'] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

/**
 * Queues a message to an account, unless one with the same key was queued before (a fact is
 * told once, however often the code that tells it runs). Call it inside the transaction of
 * what it tells, so that a rolled-back action sends nothing. Returns whether it was queued.
 */
export async function queueEmail(
  db: Db,
  e: { accountId: string; message: EmailMessage; dedupeKey: string; now: Date },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `insert into emails (account_id, kind, data, dedupe_key, next_attempt_at, created_at)
     values ($1, $2, $3, $4, $5, $5)
     on conflict (dedupe_key) do nothing`,
    [e.accountId, e.message.kind, JSON.stringify(e.message), e.dedupeKey, e.now],
  );
  return rowCount > 0;
}

/** A message taken for delivery, with where it goes. */
export interface ClaimedEmail {
  id: string;
  accountId: string;
  kind: EmailKind;
  message: EmailMessage;
  /** Counting this one. */
  attempts: number;
  to: string;
}

/**
 * Takes up to `limit` queued messages that are due, for this instance alone: each is leased
 * (its next attempt moved to `leaseUntil`), so another instance, or this one after a crash,
 * tries it again only once the lease has run out. Rows another transaction holds are skipped.
 */
export async function claimDueEmails(db: Db, now: Date, leaseUntil: Date, limit: number): Promise<ClaimedEmail[]> {
  const { rows } = await db.query<ClaimedEmail>(
    `update emails e set attempts = e.attempts + 1, next_attempt_at = $2
     from accounts a
     where a.id = e.account_id and e.id in (
       select id from emails where status = 'queued' and next_attempt_at <= $1
       order by next_attempt_at, id limit $3 for update skip locked)
     returning e.id::text, e.account_id as "accountId", e.kind, e.data as message, e.attempts, a.email as "to"`,
    [now, leaseUntil, limit],
  );
  return rows;
}

/**
 * A message delivered: sent through SMTP (its facts and body dropped, the subject kept for the
 * operator's list) or kept in the outbox (everything kept, to be read there). Only the attempt
 * that claimed it last may say so (`attempt`): one whose lease ran out writes nothing.
 */
export async function markDelivered(
  db: Db,
  id: string,
  d: { status: 'sent' | 'outbox'; attempt: number; to: string; rendered: RenderedEmail; now: Date },
): Promise<void> {
  const keep = d.status === 'outbox';
  await db.query(
    `update emails set status = $2, to_address = $3, subject = $4, text_body = $5, html_body = $6, sent_at = $7,
       last_error = null, data = case when $8 then data else '{}'::jsonb end
     where id = $1 and status = 'queued' and attempts = $9`,
    [
      id,
      d.status,
      d.to,
      d.rendered.subject,
      keep ? d.rendered.text : null,
      keep ? d.rendered.html : null,
      d.now,
      keep,
      d.attempt,
    ],
  );
}

/**
 * A failed attempt: tried again at `retryAt`, or, when null, given up as failed. As for a
 * delivery, only the latest attempt writes: a late failure never re-queues a message another
 * attempt has sent since.
 */
export async function markAttemptFailed(
  db: Db,
  id: string,
  f: { error: string; attempt: number; retryAt: Date | null; to: string; subject: string },
): Promise<void> {
  await db.query(
    `update emails set last_error = $2, status = case when $3::timestamptz is null then 'failed' else 'queued' end,
       next_attempt_at = coalesce($3::timestamptz, next_attempt_at), to_address = $4, subject = $5
     where id = $1 and status = 'queued' and attempts = $6`,
    [id, f.error.slice(0, 500), f.retryAt, f.to, f.subject, f.attempt],
  );
}

/** A message as the operator's list shows it. */
export interface EmailSummary {
  id: string;
  accountId: string;
  kind: EmailKind;
  status: EmailStatus;
  to: string;
  subject: string | null;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  nextAttemptAt: Date | null;
}

const SUMMARY_COLUMNS = `e.id::text, e.account_id as "accountId", e.kind, e.status,
  coalesce(e.to_address, a.email) as "to", e.subject, e.attempts, e.last_error as "lastError",
  e.created_at as "createdAt", e.sent_at as "sentAt",
  case when e.status = 'queued' then e.next_attempt_at end as "nextAttemptAt"`;

/** Messages, newest first, in one status or all; `before` pages on by id. */
export async function listEmails(
  db: Db,
  q: { status: EmailStatus | null; limit: number; before: string | null },
): Promise<EmailSummary[]> {
  const { rows } = await db.query<EmailSummary>(
    `select ${SUMMARY_COLUMNS} from emails e join accounts a on a.id = e.account_id
     where ($1::text is null or e.status = $1) and ($2::bigint is null or e.id < $2)
     order by e.id desc limit $3`,
    [q.status, q.before, q.limit],
  );
  return rows;
}

/** How many messages are in each status. */
export async function emailCounts(db: Db): Promise<Record<EmailStatus, number>> {
  const { rows } = await db.query<{ status: EmailStatus; n: number }>(
    'select status, count(*)::int as n from emails group by status',
  );
  const counts = { queued: 0, sent: 0, outbox: 0, failed: 0 };
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}

/** One message with its body (null once sent through SMTP). */
export async function findEmail(
  db: Db,
  id: string,
): Promise<(EmailSummary & { text: string | null; html: string | null }) | null> {
  const { rows } = await db.query<EmailSummary & { text: string | null; html: string | null }>(
    `select ${SUMMARY_COLUMNS}, e.text_body as text, e.html_body as html
     from emails e join accounts a on a.id = e.account_id where e.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

/** A failed message queued again, due now, with its tries counted afresh; null unless it had failed. */
export async function retryFailedEmail(db: Db, id: string, now: Date): Promise<EmailSummary | null> {
  const { rows } = await db.query<{ id: string }>(
    `update emails set status = 'queued', next_attempt_at = $2, attempts = 0 where id = $1 and status = 'failed' returning id::text`,
    [id, now],
  );
  return rows[0] ? findEmail(db, id) : null;
}
