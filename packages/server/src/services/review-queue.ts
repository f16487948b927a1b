import type { Db } from '../db/client.ts';
import {
  type ReferralForReview,
  type Review,
  referralForReview,
  reviewRows,
  withEvidence,
} from '../db/queries/referral-review.ts';
import { clustersOf, type ReviewCluster } from '../db/queries/review-clusters.ts';

/**
 * The operator's referral queue: referrals with their evidence, and the network clusters they
 * belong to (domain/network-clusters.ts), so that a cluster is seen, and decided, as one.
 */

export type QueuedReferral = ReferralForReview & {
  /** The cluster (below) the referral belongs to; null when it shares no network. */
  clusterId: string | null;
};

function withClusters(referrals: ReferralForReview[], clusters: ReviewCluster[]) {
  const listed = new Set(referrals.map((r) => r.id));
  const shown = clusters.filter((c) => c.referralIds.some((id) => listed.has(id)));
  const clusterOf = new Map(shown.flatMap((c) => c.referralIds.map((id) => [id, c.id] as const)));
  return {
    referrals: referrals.map((r): QueuedReferral => ({ ...r, clusterId: clusterOf.get(r.id) ?? null })),
    clusters: shown,
  };
}

/** Referrals in one review state, oldest first, and the clusters they are in. */
export async function reviewQueue(
  db: Db,
  review: Review,
): Promise<{ referrals: QueuedReferral[]; clusters: ReviewCluster[] }> {
  const rows = await reviewRows(db, review);
  // The evidence and the clusters both start from the rows: asked for at once.
  const [referrals, clusters] = await Promise.all([
    withEvidence(db, rows),
    clustersOf(
      db,
      rows.map((r) => r.referrerId),
    ),
  ]);
  return withClusters(referrals, clusters);
}

/** Referrals by id (as decided just now), with their clusters; an id not found is left out. */
export async function reviewedReferrals(
  db: Db,
  ids: readonly string[],
): Promise<{ referrals: QueuedReferral[]; clusters: ReviewCluster[] }> {
  const referrals: ReferralForReview[] = [];
  for (const id of ids) {
    const referral = await referralForReview(db, id);
    if (referral) referrals.push(referral);
  }
  return withClusters(
    referrals,
    await clustersOf(
      db,
      referrals.map((r) => r.referrerId),
    ),
  );
}
