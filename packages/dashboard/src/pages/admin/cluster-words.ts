/** How the operator's page puts network clusters into words. Pure. */
import { plural } from '../../format.ts';
import type { ReferralCluster, ReferralQueue } from './words.ts';

type ClusterNetwork = ReferralCluster['networks'][number];
type Sighting = ClusterNetwork['seen'][number];

/** What kind of network two accounts share; never an address (the server keeps none). */
export const NETWORK_KIND: Record<ClusterNetwork['kind'], string> = {
  ipv4: 'IPv4 address',
  ipv6_64: 'IPv6 /64 (one subscriber)',
  visitors: 'network of visitors',
  earlier: 'sign-up address (kept before networks were)',
  other: 'no address',
};

/** How an account was seen on a network, in words. */
export function howSeen(s: Sighting): string {
  switch (s.how) {
    case 'signup':
      return 'signed up from it';
    case 'login':
      return `logged in from it (${plural(s.logins, 'time')})`;
    case 'signup_and_login':
      return `signed up and logged in from it (${plural(s.logins, 'log-in')})`;
    case 'visitor':
      return s.origin ? `a visitor of its widget on ${s.origin} came from it` : 'a visitor of its widget came from it';
  }
}

/** When an account was first seen there: a moment, or a day for visitors; null if not known. */
export function seenWhen(s: Sighting): string | null {
  return s.firstSeenAt ?? s.seenOn ?? null;
}

/** "3 accounts share 2 networks". */
export function clusterSummary(c: ReferralCluster): string {
  return `${plural(c.members.length, 'account')} share ${plural(c.networks.length, 'network')}`;
}

/**
 * The queue with a decision's answer folded in: its referrals and clusters replace the ones
 * with their ids, the rest stays as it was.
 */
export function withAnswer(queue: ReferralQueue, answer: ReferralQueue): ReferralQueue {
  const referrals = new Map(answer.referrals.map((r) => [r.id, r]));
  const clusters = new Map(answer.clusters.map((c) => [c.id, c]));
  return {
    referrals: queue.referrals.map((r) => referrals.get(r.id) ?? r),
    clusters: [
      ...queue.clusters.map((c) => clusters.get(c.id) ?? c),
      ...answer.clusters.filter((c) => !queue.clusters.some((q) => q.id === c.id)),
    ],
  };
}
