import type { AffiliateStatus } from '../../domain/api-keys.ts';
import type { Db } from '../client.ts';

export type { AffiliateStatus };

/** An account's request for the affiliate platform, and the operator's decision. */
export interface AffiliateRequest {
  accountId: string;
  status: AffiliateStatus;
  message: string | null;
  requestedAt: Date;
  decidedAt: Date | null;
  rejectReason: string | null;
  /** Set when the operator withdrew an approval; decidedAt stays the approval's time. */
  withdrawnAt: Date | null;
  withdrawReason: string | null;
}

/** A request as the operator's queue shows it: with whose it is. */
export interface QueuedRequest extends AffiliateRequest {
  email: string;
}

/** An API key as its owner sees it: never its secret or the secret's hash. */
export interface ApiKeyInfo {
  id: string;
  /** What its owner called it, if anything. */
  name: string | null;
  createdAt: Date;
  revokedAt: Date | null;
  /** The last authenticated use, to the minute. */
  lastUsedAt: Date | null;
}

const KEY_COLUMNS = `id, name, created_at as "createdAt", revoked_at as "revokedAt", last_used_at as "lastUsedAt"`;

const REQUEST_COLUMNS = `ar.account_id as "accountId", ar.status, ar.message, ar.requested_at as "requestedAt",
  ar.decided_at as "decidedAt", ar.reject_reason as "rejectReason", ar.withdrawn_at as "withdrawnAt",
  ar.withdraw_reason as "withdrawReason"`;

/** The account's request, if it ever made one. */
export async function findRequest(db: Db, accountId: string, lock = false): Promise<AffiliateRequest | null> {
  const { rows } = await db.query<AffiliateRequest>(
    `select ${REQUEST_COLUMNS} from affiliate_requests ar where ar.account_id = $1${lock ? ' for update' : ''}`,
    [accountId],
  );
  return rows[0] ?? null;
}

/**
 * Files a request: a first one, or a new one after a rejection or a withdrawal (the old
 * decision is cleared).
 * Returns null, writing nothing, while a request is pending or once it is approved; one
 * statement, so two requests at once cannot both pass.
 */
export async function fileRequest(
  db: Db,
  input: { accountId: string; message: string | null; now: Date },
): Promise<AffiliateRequest | null> {
  const { rows } = await db.query<AffiliateRequest>(
    `insert into affiliate_requests as ar (account_id, status, message, requested_at)
     values ($1, 'requested', $2, $3)
     on conflict (account_id) do update
       set status = 'requested', message = excluded.message, requested_at = excluded.requested_at,
           decided_at = null, decided_by = null, reject_reason = null,
           withdrawn_at = null, withdrawn_by = null, withdraw_reason = null
       where ar.status in ('rejected', 'withdrawn')
     returning ${REQUEST_COLUMNS}`,
    [input.accountId, input.message, input.now],
  );
  return rows[0] ?? null;
}

/**
 * Decides a pending request. Returns the request as decided, or null if there was no pending
 * request for the account (none at all, or already decided: `findRequest` tells which).
 */
export async function decideRequest(
  db: Db,
  input: {
    accountId: string;
    decision: 'approved' | 'rejected';
    reason: string | null;
    decidedBy: string;
    now: Date;
  },
): Promise<AffiliateRequest | null> {
  const { rows } = await db.query<AffiliateRequest>(
    `update affiliate_requests ar
     set status = $2, reject_reason = $3, decided_by = $4, decided_at = $5
     where ar.account_id = $1 and ar.status = 'requested'
     returning ${REQUEST_COLUMNS}`,
    [input.accountId, input.decision, input.reason, input.decidedBy, input.now],
  );
  return rows[0] ?? null;
}

/**
 * Withdraws an approved access and revokes the account's active keys, in one transaction.
 * Returns the request as withdrawn with how many keys were revoked, or null if the account's
 * access was not approved (`findRequest` tells why).
 */
export async function withdrawAccess(
  db: Db,
  input: { accountId: string; reason: string; withdrawnBy: string; now: Date },
): Promise<{ request: AffiliateRequest; keysRevoked: number } | null> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<AffiliateRequest>(
      `update affiliate_requests ar
       set status = 'withdrawn', withdrawn_at = $2, withdrawn_by = $3, withdraw_reason = $4
       where ar.account_id = $1 and ar.status = 'approved'
       returning ${REQUEST_COLUMNS}`,
      [input.accountId, input.now, input.withdrawnBy, input.reason],
    );
    const request = rows[0];
    if (!request) return null;
    const revoked = await tx.query('update api_keys set revoked_at = $2 where account_id = $1 and revoked_at is null', [
      input.accountId,
      input.now,
    ]);
    return { request, keysRevoked: revoked.rowCount };
  });
}

/** Requests in a status, oldest first: the operator's queue. */
export async function listRequests(db: Db, status: AffiliateStatus, limit: number): Promise<QueuedRequest[]> {
  const { rows } = await db.query<QueuedRequest>(
    `select ${REQUEST_COLUMNS}, a.email
     from affiliate_requests ar join accounts a on a.id = ar.account_id
     where ar.status = $1
     order by ar.requested_at, ar.account_id
     limit $2`,
    [status, limit],
  );
  return rows;
}

/**
 * How many requests wait for a decision, and how many of those are overdue at `now`: past
 * their due time, `promiseHours` after the request (domain/api-keys.ts `reviewPromise`
 * 'breached'; test/routes/admin-overview.test.ts holds this count to it).
 */
export async function waitingRequestCounts(
  db: Db,
  now: Date,
  promiseHours: number,
): Promise<{ requested: number; overdue: number }> {
  const { rows } = await db.query<{ requested: number; overdue: number }>(
    `select count(*)::int as requested,
       (count(*) filter (where requested_at + make_interval(hours => $2::int) < $1::timestamptz))::int as overdue
     from affiliate_requests where status = 'requested'`,
    [now, promiseHours],
  );
  return rows[0] ?? { requested: 0, overdue: 0 };
}

/** The account's API keys, newest first, revoked ones included. */
export async function listKeys(db: Db, accountId: string): Promise<ApiKeyInfo[]> {
  const { rows } = await db.query<ApiKeyInfo>(
    `select ${KEY_COLUMNS} from api_keys where account_id = $1 order by created_at desc, id`,
    [accountId],
  );
  return rows;
}

/** How many of the account's keys are not revoked. */
export async function countActiveKeys(db: Db, accountId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'select count(*)::int as n from api_keys where account_id = $1 and revoked_at is null',
    [accountId],
  );
  return rows[0]?.n ?? 0;
}

/** Stores a new key: its public id, its name and the hash of its secret. */
export async function insertKey(
  db: Db,
  input: { id: string; accountId: string; name: string | null; secretHash: string; now: Date },
): Promise<ApiKeyInfo> {
  const { rows } = await db.query<ApiKeyInfo>(
    `insert into api_keys (id, account_id, name, secret_hash, created_at) values ($1, $2, $3, $4, $5)
     returning ${KEY_COLUMNS}`,
    [input.id, input.accountId, input.name, input.secretHash, input.now],
  );
  return rows[0] as ApiKeyInfo;
}

/**
 * Revokes one of the account's keys (a second revocation keeps the first time). Null if the
 * account has no key with this id, whoever else may have one.
 */
export async function revokeKey(
  db: Db,
  input: { id: string; accountId: string; now: Date },
): Promise<ApiKeyInfo | null> {
  const { rows } = await db.query<ApiKeyInfo>(
    `update api_keys set revoked_at = coalesce(revoked_at, $3)
     where id = $1 and account_id = $2
     returning ${KEY_COLUMNS}`,
    [input.id, input.accountId, input.now],
  );
  return rows[0] ?? null;
}

/** What authenticating a key needs: its owner, hash, revocation and the owner's access status. */
export async function findKeyForAuth(
  db: Db,
  id: string,
): Promise<{
  id: string;
  accountId: string;
  secretHash: string;
  revoked: boolean;
  access: AffiliateStatus | null;
} | null> {
  const { rows } = await db.query<{
    id: string;
    accountId: string;
    secretHash: string;
    revoked: boolean;
    access: AffiliateStatus | null;
  }>(
    `select k.id, k.account_id as "accountId", k.secret_hash as "secretHash", k.revoked_at is not null as revoked,
            ar.status as access
     from api_keys k left join affiliate_requests ar on ar.account_id = k.account_id
     where k.id = $1`,
    [id],
    'api-key-auth',
  );
  return rows[0] ?? null;
}

/** Notes that a key was used now; at most one write a minute per key. */
export async function touchKey(db: Db, id: string, now: Date): Promise<void> {
  await db.query(
    `update api_keys set last_used_at = $2::timestamptz
     where id = $1 and (last_used_at is null or last_used_at <= $2::timestamptz - interval '1 minute')`,
    [id, now],
  );
}
