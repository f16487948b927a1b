import type { EvidenceNetwork } from '../../domain/network.ts';
import type { NetworkSighting } from '../../domain/network-clusters.ts';
import type { Db } from '../client.ts';

// The networks accounts sign up and log in from, and their widgets' visitors' networks, as
// salted hashes: the evidence domain/network-clusters.ts weighs.

/**
 * Notes that an account was seen on a network, at sign-up or at a log-in. Returns true when
 * the network is new for the account (evidence that may link it to others).
 */
export async function recordAccountNetwork(
  db: Db,
  accountId: string,
  seen: EvidenceNetwork,
  via: 'signup' | 'login',
  at: Date,
): Promise<boolean> {
  const { rows } = await db.query<{ inserted: boolean }>(
    `insert into account_networks as n (account_id, network, network_wide, family, at_signup, logins, first_seen_at, last_seen_at)
     values ($1, $2, $3, $4, $5, $6, $7, $7)
     on conflict (account_id, network) do update set
       logins = n.logins + excluded.logins,
       at_signup = n.at_signup or excluded.at_signup,
       first_seen_at = least(n.first_seen_at, excluded.first_seen_at),
       last_seen_at = greatest(n.last_seen_at, excluded.last_seen_at)
     returning (xmax = 0) as inserted`,
    [accountId, seen.network, seen.wide, seen.family, via === 'signup', via === 'login' ? 1 : 0, at],
  );
  return rows[0]?.inserted ?? false;
}

type SightingRow = Omit<NetworkSighting, 'seenOn'> & { seenOn: string | null };

/**
 * Every sighting of a referrer's family (the referrer and each account it referred) on a
 * network at least two of them were seen on, compared as installs count visitors (an IPv4
 * address, an IPv6 /48): the only ones that can link two accounts (a /64 or an address shared
 * is a /48 shared too). The referrer's own widgets' visitors are not its evidence.
 *
 * Its cost grows with the family's sightings (a few per account), read by index: a referrer
 * with 10,000 referees is some 60,000 index rows per look.
 */
export async function familySightings(db: Db, referrerId: string): Promise<NetworkSighting[]> {
  const { rows } = await db.query<SightingRow>(
    `with family as (
       select $1::text as account_id, null::bigint as referral_id
       union all
       select referee_id, id from referrals where referrer_id = $1
     ), seen as (
       select f.account_id, f.referral_id, 'account' as source, an.network, an.network_wide as wide,
              an.family, an.at_signup, an.logins, null::text as origin, an.first_seen_at, an.last_seen_at,
              null::text as seen_on
       from family f join account_networks an on an.account_id = f.account_id
       union all
       select f.account_id, f.referral_id, 'visitor', null, n.network, null, false, 0, n.origin, null, null,
              to_char(min(n.first_seen_on), 'YYYY-MM-DD')
       from family f
       join widgets w on w.account_id = f.account_id
       join widget_networks n on n.widget_id = w.id and n.public_origin
       where f.referral_id is not null
       group by f.account_id, f.referral_id, n.network, n.origin
     ), shared as (
       select wide from seen group by wide having count(distinct account_id) > 1
     )
     select s.account_id as "accountId", s.referral_id::text as "referralId", s.source, s.network, s.wide,
            s.family, s.at_signup as "atSignup", s.logins, s.origin, s.first_seen_at as "firstSeenAt",
            s.last_seen_at as "lastSeenAt", s.seen_on as "seenOn"
     from seen s where s.wide in (select wide from shared)
     order by s.account_id, s.source, s.wide, s.origin`,
    [referrerId],
  );
  return rows;
}
