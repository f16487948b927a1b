import type { Db } from '../client.ts';

export type Role = 'user' | 'admin';
export type Plan = 'free' | 'pro' | 'business';

/** The signed-in account, as routes see it. */
export interface SessionAccount {
  id: string;
  email: string;
  role: Role;
  plan: Plan;
  referralCode: string;
  /** The owner followed the link sent to the address (needed before a payout). */
  emailVerified: boolean;
}

const ACCOUNT_COLUMNS = `a.id, a.email, a.role, a.plan, a.referral_code as "referralCode",
  (a.email_verified_at is not null) as "emailVerified"`;

export interface NewAccount {
  id: string;
  email: string;
  passwordHash: string;
  role: Role;
  referralCode: string;
  signupIpHash: string;
  createdAt: Date;
  /** Set for an address that needs no proof (the operator's, from configuration). */
  emailVerifiedAt?: Date | null;
}

/** Inserts an account; null if the e-mail or the referral code is taken (checked by `taken`). */
export async function insertAccount(db: Db, a: NewAccount): Promise<SessionAccount | null> {
  const { rows } = await db.query<SessionAccount>(
    `insert into accounts as a (id, email, password_hash, role, referral_code, signup_ip_hash, created_at,
       email_verified_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8)
     on conflict do nothing
     returning ${ACCOUNT_COLUMNS}`,
    [a.id, a.email, a.passwordHash, a.role, a.referralCode, a.signupIpHash, a.createdAt, a.emailVerifiedAt ?? null],
  );
  return rows[0] ?? null;
}

/** Whether an account already uses this e-mail (any case). */
export async function emailTaken(db: Db, email: string): Promise<boolean> {
  const { rows } = await db.query('select 1 from accounts where lower(email) = lower($1)', [email]);
  return rows.length > 0;
}

/** What logging in needs: the account and its password hash. */
export async function findLogin(
  db: Db,
  email: string,
): Promise<(SessionAccount & { passwordHash: string | null }) | null> {
  const { rows } = await db.query<SessionAccount & { passwordHash: string | null }>(
    `select ${ACCOUNT_COLUMNS}, a.password_hash as "passwordHash" from accounts a where lower(a.email) = lower($1)`,
    [email],
  );
  return rows[0] ?? null;
}

/** An account as routes see it, by id. */
export async function findAccount(db: Db, id: string): Promise<SessionAccount | null> {
  const { rows } = await db.query<SessionAccount>(`select ${ACCOUNT_COLUMNS} from accounts a where a.id = $1`, [id]);
  return rows[0] ?? null;
}

/** What the referral checks need of a referrer: who it is, its e-mail and signup network. */
export async function findReferrer(
  db: Db,
  code: string,
): Promise<{ id: string; email: string; signupIpHash: string | null } | null> {
  const { rows } = await db.query<{ id: string; email: string; signupIpHash: string | null }>(
    `select id, email, signup_ip_hash as "signupIpHash" from accounts where referral_code = $1`,
    [code],
  );
  return rows[0] ?? null;
}

/** Starts a session; only the token's hash is stored. */
export async function insertSession(
  db: Db,
  s: { tokenHash: string; accountId: string; csrfToken: string; createdAt: Date; expiresAt: Date },
): Promise<void> {
  await db.query(
    `insert into sessions (token_hash, account_id, csrf_token, created_at, expires_at) values ($1, $2, $3, $4, $5)`,
    [s.tokenHash, s.accountId, s.csrfToken, s.createdAt, s.expiresAt],
  );
}

/** The account behind a live session, with the session's CSRF token. */
export async function findSession(
  db: Db,
  tokenHash: string,
  now: Date,
): Promise<{ account: SessionAccount; csrfToken: string } | null> {
  const { rows } = await db.query<SessionAccount & { csrfToken: string }>(
    `select ${ACCOUNT_COLUMNS}, s.csrf_token as "csrfToken"
     from sessions s join accounts a on a.id = s.account_id
     where s.token_hash = $1 and s.expires_at > $2`,
    [tokenHash, now],
  );
  const row = rows[0];
  if (!row) return null;
  const { csrfToken, ...account } = row;
  return { account, csrfToken };
}

/** Ends a session. */
export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.query('delete from sessions where token_hash = $1', [tokenHash]);
}

/** Removes expired sessions. */
export async function pruneSessions(db: Db, now: Date): Promise<number> {
  return (await db.query('delete from sessions where expires_at <= $1', [now])).rowCount;
}

/**
 * Locks the account's row for the rest of the transaction. Payout requests and the billing
 * take-backs of one ambassador queue here, so neither reads the ledger behind the other's back.
 */
export async function lockAccount(db: Db, accountId: string): Promise<boolean> {
  const { rows } = await db.query('select id from accounts where id = $1 for update', [accountId]);
  return rows.length > 0;
}
