/**
 * Proving an address and recovering an account: one-time links sent by e-mail. Only a hash of
 * each token is stored; the e-mail carries the token itself.
 */
import type { Db } from '../db/client.ts';
import {
  insertAccountToken,
  retireAccountTokens,
  type TokenOutcome,
  type TokenPurpose,
  useAccountToken,
} from '../db/queries/account-tokens.ts';
import { queueEmail } from '../db/queries/emails.ts';
import { DAY_MS } from '../domain/clock.ts';
import { RESET_TTL_MINUTES, VERIFY_TTL_HOURS } from '../domain/email-messages.ts';
import { hashPassword, randomToken, sha256Hex } from '../domain/secrets.ts';
import { HttpError } from '../errors.ts';

/**
 * A new one-time link for the account's address: its token stored as a hash, the message that
 * carries the token queued (call inside the transaction of what asked for it).
 */
async function sendLink(
  db: Db,
  account: { id: string; email: string },
  link: { purpose: TokenPurpose; ttlMs: number; now: Date },
): Promise<void> {
  const token = randomToken();
  const tokenHash = sha256Hex(token);
  await insertAccountToken(db, {
    tokenHash,
    accountId: account.id,
    purpose: link.purpose,
    email: account.email,
    createdAt: link.now,
    expiresAt: new Date(link.now.getTime() + link.ttlMs),
  });
  const kind = link.purpose === 'verify_email' ? 'verify_email' : 'password_reset';
  await queueEmail(db, {
    accountId: account.id,
    message: { kind, token },
    dedupeKey: `${kind}:${tokenHash}`,
    now: link.now,
  });
}

/** Queues the "confirm your address" message with a new link (call inside the signup's transaction). */
export const sendVerification = (db: Db, account: { id: string; email: string }, now: Date): Promise<void> =>
  sendLink(db, account, { purpose: 'verify_email', ttlMs: (VERIFY_TTL_HOURS / 24) * DAY_MS, now });

const REFUSALS: Record<Exclude<TokenOutcome, { ok: true }>['why'], string> = {
  unknown: 'This link is not valid. Ask for a new one.',
  used: 'This link has been used already. Ask for a new one if you still need it.',
  expired: 'This link has expired. Ask for a new one.',
  email_changed: 'This link was sent to an address the account no longer uses. Ask for a new one.',
};

const refuse = (outcome: Exclude<TokenOutcome, { ok: true }>, code: string) =>
  new HttpError(400, `${code}_${outcome.why}`, REFUSALS[outcome.why]);

/** Confirms an address from its link; answers the account it belongs to. */
export async function verifyEmail(db: Db, token: string, now: Date): Promise<{ accountId: string; email: string }> {
  return db.transaction(async (tx) => {
    const outcome = await useAccountToken(tx, sha256Hex(token), 'verify_email', now);
    if (!outcome.ok) throw refuse(outcome, 'token');
    await tx.query('update accounts set email_verified_at = coalesce(email_verified_at, $2) where id = $1', [
      outcome.accountId,
      now,
    ]);
    return { accountId: outcome.accountId, email: outcome.email };
  });
}

/**
 * Queues a reset link for the account with this address, if there is one that can log in.
 * Answers nothing either way, so the route cannot tell anyone which addresses have accounts.
 */
export async function requestPasswordReset(db: Db, email: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string; email: string }>(
      'select id, email from accounts where lower(email) = lower($1) and password_hash is not null',
      [email],
    );
    const account = rows[0];
    if (account) await sendLink(tx, account, { purpose: 'reset_password', ttlMs: RESET_TTL_MINUTES * 60_000, now });
  });
}

/**
 * Sets a new password from a reset link. In one transaction: the link is used up (and every
 * other reset link of the account with it), the password replaced, every session ended, and the
 * address counted as confirmed, since the link reached its mailbox. Answers the account, for
 * the route to start its one new session.
 */
export async function resetPassword(db: Db, token: string, password: string, now: Date): Promise<string> {
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const outcome = await useAccountToken(tx, sha256Hex(token), 'reset_password', now);
    if (!outcome.ok) throw refuse(outcome, 'token');
    const { accountId } = outcome;
    await retireAccountTokens(tx, accountId, 'reset_password', now);
    await tx.query(
      'update accounts set password_hash = $2, email_verified_at = coalesce(email_verified_at, $3) where id = $1',
      [accountId, passwordHash, now],
    );
    await tx.query('delete from sessions where account_id = $1', [accountId]);
    return accountId;
  });
}
