/**
 * Clusters: referees of one referrer that share networks with each other or with the referrer.
 * Their money waits for the operator, with the shared networks shown as evidence. Pure: the
 * sightings come from db/queries/network-evidence.ts.
 *
 * Two accounts of the family (the referrer and its referees) are linked when
 * - both signed up or logged in from one network (an IPv4 address, an IPv6 /64), or
 * - a visitor of one's installed widget came from a network the other signed up or logged in
 *   from, or that visited the other's widget too (compared as installs count visitors: an IPv4
 *   address, an IPv6 /48).
 * A cluster is a group of linked accounts holding at least one referee. Two sign-ups that only
 * share an IPv6 /48 are not linked: a carrier may number many subscribers out of one.
 */

export type NetworkFamily = 'ipv4' | 'ipv6' | 'other' | 'unknown';

/** One account seen on one network: at sign-up or log-in, or among its widgets' visitors. */
export interface NetworkSighting {
  accountId: string;
  /** The referral binding the account to the referrer; null for the referrer itself. */
  referralId: string | null;
  source: 'account' | 'visitor';
  /** Hash of the IPv4 address or IPv6 /64 (account sightings); null for visitors. */
  network: string | null;
  /** Hash of the IPv4 address or IPv6 /48. */
  wide: string;
  /** Account sightings: which kind of address it was; null for visitors. */
  family: NetworkFamily | null;
  atSignup: boolean;
  logins: number;
  /** Visitor sightings: the site the widget was seen on. */
  origin: string | null;
  firstSeenAt: Date | null;
  lastSeenAt: Date | null;
  /** Visitor sightings: the UTC day the network was first counted (YYYY-MM-DD), if known. */
  seenOn: string | null;
}

/** A network two or more accounts of a cluster share, with how each was seen on it. */
export interface SharedNetwork {
  /** The salted hash they share; never an address. */
  key: string;
  /** Compared as one subscriber (an IPv4 address, an IPv6 /64) or as installs count (a /48). */
  scope: 'network' | 'wide';
  sightings: NetworkSighting[];
}

export interface NetworkCluster {
  /** Its accounts, the referrer first when it is one of them. */
  accountIds: string[];
  /** The referrals of its referees, in id order. */
  referralIds: string[];
  networks: SharedNetwork[];
}

const byId = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

/** The clusters among a referrer's family, given every sighting of its accounts. */
export function networkClusters(referrerId: string, sightings: readonly NetworkSighting[]): NetworkCluster[] {
  const parent = new Map<string, string>();
  const find = (a: string): string => {
    let root = a;
    while ((parent.get(root) ?? root) !== root) root = parent.get(root) as string;
    parent.set(a, root);
    return root;
  };
  const union = (a: string, b: string) => {
    const [x, y] = [find(a), find(b)];
    if (x !== y) parent.set(x, y);
  };

  const groups = new Map<string, NetworkSighting[]>();
  const add = (key: string, s: NetworkSighting) => {
    const group = groups.get(key) ?? [];
    if (!group.includes(s)) group.push(s);
    groups.set(key, group);
  };
  for (const s of sightings) {
    if (s.source === 'account' && s.network) add(s.network, s);
    // For an IPv4 address both hashes are the same: one group holds both kinds of sighting.
    if (s.source === 'visitor' || s.wide !== s.network) add(s.wide, s);
  }

  const shared: { key: string; scope: SharedNetwork['scope']; sightings: NetworkSighting[]; accounts: string[] }[] = [];
  for (const [key, group] of groups) {
    const accounts = [...new Set(group.map((s) => s.accountId))];
    if (accounts.length < 2) continue;
    const visitors = group.some((s) => s.source === 'visitor');
    const onNetwork = group.filter((s) => s.source === 'account' && s.network === key);
    const accountsOnNetwork = new Set(onNetwork.map((s) => s.accountId));
    // Sign-ups and log-ins on one network link; on one /48 only through a visitor.
    const linked = visitors ? accounts : [...accountsOnNetwork];
    if (linked.length < 2) continue;
    for (const a of linked.slice(1)) union(linked[0] as string, a);
    const scope = accountsOnNetwork.size ? 'network' : 'wide';
    shared.push({ key, scope, sightings: visitors ? group : onNetwork, accounts: linked });
  }

  const referrals = new Map<string, string>();
  for (const s of sightings) if (s.referralId !== null) referrals.set(s.accountId, s.referralId);
  const components = new Map<string, Set<string>>();
  for (const { accounts } of shared) {
    for (const a of accounts) {
      const root = find(a);
      const set = components.get(root) ?? new Set<string>();
      set.add(a);
      components.set(root, set);
    }
  }
  const clusters: NetworkCluster[] = [];
  for (const [root, members] of components) {
    const referralIds = [...members].flatMap((a) => (referrals.has(a) ? [referrals.get(a) as string] : []));
    if (!referralIds.length) continue;
    const accountIds = [...members].sort((a, b) => (a === referrerId ? -1 : b === referrerId ? 1 : 0));
    clusters.push({
      accountIds,
      referralIds: referralIds.sort(byId),
      networks: shared
        .filter((n) => find(n.accounts[0] as string) === root)
        .map(({ key, scope, sightings: seen }) => ({ key, scope, sightings: seen })),
    });
  }
  return clusters.sort((a, b) => byId(a.referralIds[0] as string, b.referralIds[0] as string));
}
