-- Clicks rolled up per account, so that an ambassador's Rewards summary reads a few rows, not
-- every click it ever had (a distinct count over a million clicks took over a second). Bots
-- are left out, as every figure leaves them out. Both tables are kept in the statement that
-- writes a click (db/queries/clicks.ts insertClick, its one writer; clicks are never updated
-- nor deleted), and filled here from the clicks so far.
--
-- click_totals: non-bot clicks and distinct addresses (salted IP hashes), ever.
-- click_addresses: each address's last non-bot click: an address clicked since a moment iff
-- its last click is since then, so the distinct addresses of the last 30 days are a range count.
create table click_totals (
  account_id text primary key references accounts (id),
  clicks bigint not null,
  addresses bigint not null
);

create table click_addresses (
  account_id text not null references accounts (id),
  ip_hash text not null,
  last_at timestamptz not null,
  primary key (account_id, ip_hash)
);
create index click_addresses_recent on click_addresses (account_id, last_at);

-- The clicks of the last days without their bots: counted from the index alone.
create index clicks_account_human on clicks (account_id, created_at) where not bot;

insert into click_addresses (account_id, ip_hash, last_at)
select account_id, ip_hash, max(created_at) from clicks where not bot group by account_id, ip_hash;

insert into click_totals (account_id, clicks, addresses)
select account_id, count(*), count(distinct ip_hash) from clicks where not bot group by account_id;
