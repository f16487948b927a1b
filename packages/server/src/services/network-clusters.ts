import type { Db } from '../db/client.ts';
import { recordAccountNetwork } from '../db/queries/network-evidence.ts';
import { holdClusters } from '../db/queries/referral-holds.ts';
import type { EvidenceNetwork } from '../domain/network.ts';

/**
 * Network clusters (domain/network-clusters.ts) are weighed whenever the evidence of a family
 * grows: an account signs up or logs in from a network new to it, a referee's widget
 * qualifies; and once more just before money becomes available (db/queries/ledger.ts
 * matureDue). A family found clustered sends its referrals to the operator's review.
 */

/**
 * Weighs the families `accountId` belongs to: its referrer's, and its own if it has referred
 * anyone. Each in a transaction of its own. Returns the referral ids flagged now.
 */
export async function reviewFamiliesOf(db: Db, accountId: string, now: Date): Promise<string[]> {
  const { rows } = await db.query<{ referrerId: string }>(
    `select referrer_id as "referrerId" from referrals where referee_id = $1
     union
     select $1::text where exists (select 1 from referrals where referrer_id = $1)`,
    [accountId],
  );
  const held: string[] = [];
  for (const { referrerId } of rows) {
    held.push(...(await db.transaction((tx) => holdClusters(tx, referrerId, now))));
  }
  return held;
}

/** A log-in's network: recorded, and, when it is new for the account, weighed. */
export async function loggedInFrom(
  db: Db,
  accountId: string,
  seen: EvidenceNetwork | null,
  now: Date,
): Promise<string[]> {
  if (!seen) return [];
  const isNew = await recordAccountNetwork(db, accountId, seen, 'login', now);
  return isNew ? reviewFamiliesOf(db, accountId, now) : [];
}
