import type { Db } from '../client.ts';

export type TokenPurpose = 'verify_email' | 'reset_password';

/** Stores a one-time token's hash, for the address it is sent to. */
export async function insertAccountToken(
  db: Db,
  t: { tokenHash: string; accountId: string; purpose: TokenPurpose; email: string; createdAt: Date; expiresAt: Date },
): Promise<void> {
  await db.query(
    `insert into account_tokens (token_hash, account_id, purpose, email, created_at, expires_at)
     values ($1, $2, $3, $4, $5, $6)`,
    [t.tokenHash, t.accountId, t.purpose, t.email, t.createdAt, t.expiresAt],
  );
}

export type TokenOutcome =
  | { ok: true; accountId: string; email: string }
  | { ok: false; why: 'unknown' | 'used' | 'expired' | 'email_changed' };

/**
 * Uses a token once: it must exist for this purpose, be unused, unexpired, and still be for the
 * account's current address. Marks it used in the same statement, so two uses at once cannot
 * both succeed. Call inside the transaction of what it allows.
 */
export async function useAccountToken(
  db: Db,
  tokenHash: string,
  purpose: TokenPurpose,
  now: Date,
): Promise<TokenOutcome> {
  const { rows } = await db.query<{
    accountId: string;
    email: string;
    usedAt: Date | null;
    expiresAt: Date;
    current: string;
  }>(
    `select t.account_id as "accountId", t.email, t.used_at as "usedAt", t.expires_at as "expiresAt", a.email as current
     from account_tokens t join accounts a on a.id = t.account_id
     where t.token_hash = $1 and t.purpose = $2 for update of t`,
    [tokenHash, purpose],
  );
  const t = rows[0];
  if (!t) return { ok: false, why: 'unknown' };
  if (t.usedAt) return { ok: false, why: 'used' };
  if (t.expiresAt.getTime() <= now.getTime()) return { ok: false, why: 'expired' };
  if (t.email.toLowerCase() !== t.current.toLowerCase()) return { ok: false, why: 'email_changed' };
  await db.query('update account_tokens set used_at = $2 where token_hash = $1', [tokenHash, now]);
  return { ok: true, accountId: t.accountId, email: t.email };
}

/** Ends the account's other unused tokens of a purpose (a reset used: older links stop working). */
export async function retireAccountTokens(db: Db, accountId: string, purpose: TokenPurpose, now: Date): Promise<void> {
  await db.query('update account_tokens set used_at = $3 where account_id = $1 and purpose = $2 and used_at is null', [
    accountId,
    purpose,
    now,
  ]);
}
