import type { FlagReason } from '../../domain/attribution.ts';
import { networkClusters } from '../../domain/network-clusters.ts';
import { maskEmail } from '../../domain/rewards-text.ts';
import type { Db } from '../client.ts';
import { queueEmail } from './emails.ts';
import { familySightings } from './network-evidence.ts';

/**
 * Sends referrals to the operator on evidence found after sign-up (a network cluster, an
 * install whose page was not found): each one not yet reviewed is flagged with `reason`, its
 * pending entries go on hold with it (domain/ledger.ts: only pending money moves; available
 * and paid money stays), and its referrer hears that it waits for a person, not why. Referrals
 * already flagged or decided are left as they are: an operator's decision stands. Returns the
 * ids flagged now.
 */
export async function holdReferrals(
  db: Db,
  referralIds: readonly string[],
  reason: FlagReason,
  now: Date,
): Promise<string[]> {
  if (!referralIds.length) return [];
  const { rows } = await db.query<{ id: string; referrerId: string; refereeEmail: string }>(
    `update referrals r set review = 'flagged', flagged_reason = $2
     from accounts a
     where a.id = r.referee_id and r.id = any($1::bigint[]) and r.review = 'none'
     returning r.id::text, r.referrer_id as "referrerId", a.email as "refereeEmail"`,
    [referralIds, reason],
  );
  if (!rows.length) return [];
  const held = rows.map((r) => r.id);
  await db.query(
    `update ledger_entries set state = 'on_hold' where referral_id = any($1::bigint[]) and state = 'pending'`,
    [held],
  );
  for (const r of rows) {
    await queueEmail(db, {
      accountId: r.referrerId,
      message: { kind: 'referral_held', referee: maskEmail(r.refereeEmail) },
      dedupeKey: `referral_held:${r.id}`,
      now,
    });
  }
  return held;
}

/**
 * Weighs a referrer's family for network clusters (domain/network-clusters.ts) and sends the
 * referrals of every cluster to the operator. Returns the ids flagged now.
 */
export async function holdClusters(db: Db, referrerId: string, now: Date): Promise<string[]> {
  const clusters = networkClusters(referrerId, await familySightings(db, referrerId));
  return holdReferrals(
    db,
    clusters.flatMap((c) => c.referralIds),
    'network_cluster',
    now,
  );
}
