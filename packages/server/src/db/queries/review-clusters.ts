import { type NetworkCluster, networkClusters, type SharedNetwork } from '../../domain/network-clusters.ts';
import type { Db } from '../client.ts';
import { familySightings } from './network-evidence.ts';
import type { Review } from './referral-review.ts';

// Network clusters as the operator reviews them: who is in each, and which networks they share,
// with how and when each was seen there. Networks are named by a label and the start of their
// salted hash: enough to tell them apart, never an address.

export type ClusterRole = 'referrer' | 'referee';

export interface ClusterMember {
  accountId: string;
  email: string;
  role: ClusterRole;
  /** The referral binding a referee; null for the referrer. */
  referralId: string | null;
  review: Review | null;
}

export interface ClusterSighting {
  accountId: string;
  email: string;
  role: ClusterRole;
  how: 'signup' | 'login' | 'signup_and_login' | 'visitor';
  logins: number;
  /** Visitors: the site the widget was seen on. */
  origin: string | null;
  firstSeenAt: Date | null;
  lastSeenAt: Date | null;
  /** Visitors: the UTC day the network was first counted, if known. */
  seenOn: string | null;
}

/**
 * `ipv4`: an IPv4 address; `ipv6_64`: an IPv6 /64; `visitors`: a network only visitors were
 * compared on (an IPv4 address or an IPv6 /48); `earlier`: a sign-up address kept before
 * networks were (its hash of the whole address); `other`: not an address at all.
 */
export type ClusterNetworkKind = 'ipv4' | 'ipv6_64' | 'visitors' | 'earlier' | 'other';

export interface ClusterNetwork {
  label: string;
  /** The first characters of the salted hash, to match a network across clusters. */
  hash: string;
  kind: ClusterNetworkKind;
  seen: ClusterSighting[];
}

export interface ReviewCluster {
  /** Stable while its first referral stays in it: `c` and that referral's id. */
  id: string;
  referrerId: string;
  referrerEmail: string;
  referralIds: string[];
  members: ClusterMember[];
  networks: ClusterNetwork[];
}

function kindOf(n: SharedNetwork): ClusterNetworkKind {
  if (n.scope === 'wide') return 'visitors';
  const family = n.sightings.find((s) => s.source === 'account' && s.network === n.key)?.family;
  if (family === 'ipv4') return 'ipv4';
  if (family === 'ipv6') return 'ipv6_64';
  return family === 'unknown' ? 'earlier' : 'other';
}

/** The clusters of these referrers' families, each with its members and shared networks. */
export async function clustersOf(db: Db, referrerIds: readonly string[]): Promise<ReviewCluster[]> {
  const found: { referrerId: string; cluster: NetworkCluster }[] = [];
  for (const referrerId of new Set(referrerIds)) {
    for (const cluster of networkClusters(referrerId, await familySightings(db, referrerId))) {
      found.push({ referrerId, cluster });
    }
  }
  if (!found.length) return [];
  const accountIds = [...new Set(found.flatMap((f) => [f.referrerId, ...f.cluster.accountIds]))];
  const referralIds = found.flatMap((f) => f.cluster.referralIds);
  const [accounts, referralRows] = await Promise.all([
    db.query<{ id: string; email: string }>('select id, email from accounts where id = any($1::text[])', [accountIds]),
    db.query<{ id: string; refereeId: string; review: Review }>(
      `select id::text, referee_id as "refereeId", review from referrals where id = any($1::bigint[])`,
      [referralIds],
    ),
  ]);
  const emails = new Map(accounts.rows.map((a) => [a.id, a.email]));
  const referrals = new Map(referralRows.rows.map((r) => [r.refereeId, r]));
  return found.map(({ referrerId, cluster }) => {
    const roleOf = (accountId: string): ClusterRole => (accountId === referrerId ? 'referrer' : 'referee');
    return {
      id: `c${cluster.referralIds[0]}`,
      referrerId,
      referrerEmail: emails.get(referrerId) ?? '',
      referralIds: cluster.referralIds,
      members: cluster.accountIds.map((accountId) => {
        const referral = referrals.get(accountId);
        return {
          accountId,
          email: emails.get(accountId) ?? '',
          role: roleOf(accountId),
          referralId: referral?.id ?? null,
          review: referral?.review ?? null,
        };
      }),
      networks: cluster.networks.map((n, i) => ({
        label: `Network ${i + 1}`,
        hash: n.key.slice(0, 8),
        kind: kindOf(n),
        seen: n.sightings
          .map((s) => ({
            accountId: s.accountId,
            email: emails.get(s.accountId) ?? '',
            role: roleOf(s.accountId),
            how:
              s.source === 'visitor'
                ? ('visitor' as const)
                : s.atSignup
                  ? s.logins
                    ? ('signup_and_login' as const)
                    : ('signup' as const)
                  : ('login' as const),
            logins: s.logins,
            origin: s.origin,
            firstSeenAt: s.firstSeenAt,
            lastSeenAt: s.lastSeenAt,
            seenOn: s.seenOn,
          }))
          .sort((a, b) => (a.role === b.role ? 0 : a.role === 'referrer' ? -1 : 1)),
      })),
    };
  });
}
