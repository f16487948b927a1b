-- Evidence for money safety (issue 15): the networks each account signs up and logs in from,
-- when each install's visitor networks were first seen, and the check that an installed page
-- carries the widget's snippet. Networks are kept as salted hashes (domain/network.ts,
-- domain/secrets.ts ipHasher), never as addresses.

-- One row per account and network: an IPv4 address or an IPv6 /64 (`network`), with the same
-- address's IPv4 address or IPv6 /48 (`network_wide`), which is how install visitors are
-- counted (widget_networks.network), so the two can be compared.
create table account_networks (
  account_id text not null references accounts (id) on delete cascade,
  network text not null,
  network_wide text not null,
  -- 'unknown' for the rows carried over from accounts.signup_ip_hash below
  family text not null check (family in ('ipv4', 'ipv6', 'other', 'unknown')),
  at_signup boolean not null default false,
  logins int not null default 0,
  first_seen_at timestamptz not null,
  last_seen_at timestamptz not null,
  primary key (account_id, network)
);
-- Qualification leaves out the referrer's networks (db/queries/pings.ts): looked up by account.
create index account_networks_wide on account_networks (account_id, network_wide);

-- Sign-ups before this release kept the hash of their whole address. For an IPv4 address that
-- is the hash of its network too; for an IPv6 one it matches only the same address again.
insert into account_networks (account_id, network, network_wide, family, at_signup, first_seen_at, last_seen_at)
select id, signup_ip_hash, signup_ip_hash, 'unknown', true, created_at, created_at
from accounts where signup_ip_hash is not null and signup_ip_hash <> ''
on conflict do nothing;

-- When a visitor network was first counted for an install (the ping's UTC day), for the
-- operator's evidence. Rows from before this release have none.
alter table widget_networks add column first_seen_on date;

-- Once a widget qualifies on an origin, the platform fetches the pages its pings named and
-- looks for its snippet (plugins/install-checks.ts). `checking` until found or until the last
-- try; an install bounty becomes available only when its referee's page was found carrying
-- the snippet, or when the operator approved the referral by hand.
create table install_checks (
  widget_id text primary key references widgets (id) on delete cascade,
  origin text not null,
  state text not null check (state in ('checking', 'found', 'not_found')),
  attempts int not null default 0,
  -- the next try (null once settled); a try in flight pushes it on by its lease
  next_attempt_at timestamptz,
  last_attempt_at timestamptz,
  -- what the last try fetched and what came of it: a code (domain/install-verification.ts)
  -- and the same in words
  checked_url text,
  outcome text,
  detail text,
  found_url text,
  found_at timestamptz,
  created_at timestamptz not null
);
create index install_checks_due on install_checks (next_attempt_at) where state = 'checking';

-- Install bounties already waiting: their pages are checked once this release runs.
insert into install_checks (widget_id, origin, state, next_attempt_at, created_at)
select distinct on (w.id) w.id, coalesce(w.qualified_origin, ''), 'checking', now(), now()
from ledger_entries e join widgets w on w.id = e.widget_id
where e.kind = 'install_bounty' and e.parent_id is null and e.state in ('pending', 'on_hold')
on conflict do nothing;
