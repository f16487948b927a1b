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
     ), account as (
       select f.account_id, f.referral_id, an.network, an.network_wide, an.family, an.at_signup, an.logins,
              an.first_seen_at, an.last_seen_at
       from family f join account_networks an on an.account_id = f.account_id
     ), visitor as (
       select f.account_id, f.referral_id, n.network, n.origin, n.first_seen_on
       from family f
       join widgets w on w.account_id = f.account_id
       join widget_networks n on n.widget_id = w.id and n.public_origin
       where f.referral_id is not null
     ), shared as (
       -- seen by two accounts or more: one hash aggregate, no distinct count to sort for
       select wide from (
         select account_id, network_wide as wide from account
         union all
         select account_id, network from visitor
       ) x group by wide having min(account_id) <> max(account_id)
     )
     select a.account_id as "accountId", a.referral_id::text as "referralId", 'account' as source, a.network,
            a.network_wide as wide, a.family, a.at_signup as "atSignup", a.logins, null::text as origin,
            a.first_seen_at as "firstSeenAt", a.last_seen_at as "lastSeenAt", null::text as "seenOn"
     from account a where a.network_wide in (select wide from shared)
     union all
     select v.account_id, v.referral_id::text, 'visitor', null, v.network, null, false, 0, v.origin, null, null,
            to_char(min(v.first_seen_on), 'YYYY-MM-DD')
     from visitor v where v.network in (select wide from shared)
     group by v.account_id, v.referral_id, v.network, v.origin
     order by "accountId", source, wide, origin`,
    [referrerId],
    'family-sightings',
  );
  return rows;
}
