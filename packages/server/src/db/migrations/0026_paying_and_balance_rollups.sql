-- Paying referees rolled up for the affiliate statistics (db/queries/stats.ts), which counted
-- them from every invoice of the range (some 56,000 for a 90-day range of an ambassador with
-- 500 paying referees: a third of a second of sorting).
--
-- paid_days: the UTC days on which an account paid an invoice of more than nothing.
-- stats_days (0024) paying: per referrer, group ('all', and the referral's source, campaign and
-- widget) and day, how many of its referees paid that day.
-- paying_last_days: per referrer and group, how many referees paid last on each day; as
-- click_last_days does for addresses, it gives the paying referees of a range after which none
-- paid.
--
-- Invoices and referrals are only ever inserted, and neither the invoice's account, amount and
-- day nor the referral's referee and groups change. A day is counted when its paid_days row is
-- new, which one writer alone sees; and when a referral arrives after its referee's invoices,
-- their days are counted then. Both triggers take an advisory lock per referee first, so that
-- an invoice and the referral of its account written at once do not both miss each other.
create table paid_days (
  account_id text not null references accounts (id),
  day date not null,
  primary key (account_id, day)
);

create table paying_last_days (
  account_id text not null references accounts (id),
  kind text not null check (kind in ('all', 'source', 'campaign', 'widget')),
  grp text,
  day date not null,
  referees bigint not null
);
create unique index paying_last_days_key on paying_last_days (account_id, kind, day, coalesce(grp, ''), (grp is null));

create function paying_stats_rollup() returns trigger language plpgsql as $$
begin
  perform pg_advisory_xact_lock(hashtextextended('paying_stats:' || a.account_id, 0))
  from (select distinct account_id from added where amount_paid_cents > 0 order by account_id) a;

  with fresh as (
    insert into paid_days (account_id, day)
    select distinct account_id, (paid_at at time zone 'UTC')::date from added where amount_paid_cents > 0
    on conflict do nothing
    returning account_id, day
  ), per_day as (
    insert into stats_days as t (account_id, kind, grp, day, paying)
    select r.referrer_id, g.kind, g.grp, f.day, count(*)
    from fresh f
    join referrals r on r.referee_id = f.account_id
    cross join lateral click_groups(r.source, r.campaign, r.widget_id) g
    group by r.referrer_id, g.kind, g.grp, f.day
    order by r.referrer_id, g.kind, f.day, g.grp
    on conflict (account_id, kind, day, coalesce(grp, ''), (grp is null))
    do update set paying = t.paying + excluded.paying
  ), lasts as (
    -- the statement sees paid_days as they were before it: each referee's last day before these
    select f.account_id, max(f.day) as new_last,
           (select max(p.day) from paid_days p where p.account_id = f.account_id) as old_last
    from fresh f group by f.account_id
  ), moves as (
    select account_id, new_last as day, 1 as delta from lasts where old_last is null or new_last > old_last
    union all
    select account_id, old_last, -1 from lasts where new_last > old_last
  )
  insert into paying_last_days as t (account_id, kind, grp, day, referees)
  select r.referrer_id, g.kind, g.grp, m.day, sum(m.delta)
  from moves m
  join referrals r on r.referee_id = m.account_id
  cross join lateral click_groups(r.source, r.campaign, r.widget_id) g
  group by r.referrer_id, g.kind, g.grp, m.day
  order by r.referrer_id, g.kind, m.day, g.grp
  on conflict (account_id, kind, day, coalesce(grp, ''), (grp is null))
  do update set referees = t.referees + excluded.referees;
  return null;
end
$$;

create trigger invoices_paying_rollup after insert on invoices
  referencing new table as added for each statement execute function paying_stats_rollup();

create function paying_referral_rollup() returns trigger language plpgsql as $$
begin
  perform pg_advisory_xact_lock(hashtextextended('paying_stats:' || a.referee_id, 0))
  from (select distinct referee_id from bound order by referee_id) a;

  insert into stats_days as t (account_id, kind, grp, day, paying)
  select r.referrer_id, g.kind, g.grp, p.day, count(*)
  from bound r
  join paid_days p on p.account_id = r.referee_id
  cross join lateral click_groups(r.source, r.campaign, r.widget_id) g
  group by r.referrer_id, g.kind, g.grp, p.day
  order by r.referrer_id, g.kind, p.day, g.grp
  on conflict (account_id, kind, day, coalesce(grp, ''), (grp is null))
  do update set paying = t.paying + excluded.paying;

  insert into paying_last_days as t (account_id, kind, grp, day, referees)
  select r.referrer_id, g.kind, g.grp, p.day, count(*)
  from bound r
  cross join lateral (select max(day) as day from paid_days where account_id = r.referee_id) p
  cross join lateral click_groups(r.source, r.campaign, r.widget_id) g
  where p.day is not null
  group by r.referrer_id, g.kind, g.grp, p.day
  order by r.referrer_id, g.kind, p.day, g.grp
  on conflict (account_id, kind, day, coalesce(grp, ''), (grp is null))
  do update set referees = t.referees + excluded.referees;
  return null;
end
$$;

create trigger referrals_paying_rollup after insert on referrals
  referencing new table as bound for each statement execute function paying_referral_rollup();

insert into paid_days (account_id, day)
select distinct account_id, (paid_at at time zone 'UTC')::date from invoices where amount_paid_cents > 0;

insert into stats_days as t (account_id, kind, grp, day, paying)
select r.referrer_id, g.kind, g.grp, p.day, count(*)
from referrals r
join paid_days p on p.account_id = r.referee_id
cross join lateral click_groups(r.source, r.campaign, r.widget_id) g
group by r.referrer_id, g.kind, g.grp, p.day
on conflict (account_id, kind, day, coalesce(grp, ''), (grp is null))
do update set paying = t.paying + excluded.paying;

insert into paying_last_days (account_id, kind, grp, day, referees)
select r.referrer_id, g.kind, g.grp, p.day, count(*)
from referrals r
join (select account_id, max(day) as day from paid_days group by account_id) p on p.account_id = r.referee_id
cross join lateral click_groups(r.source, r.campaign, r.widget_id) g
group by r.referrer_id, g.kind, g.grp, p.day;

-- The operator's review queue sums what each listed referral holds: its entries on hold only.
create index ledger_on_hold_referral on ledger_entries (referral_id) include (amount_cents, parent_id)
  where state = 'on_hold';

-- An account's balances (db/queries/ledger.ts accountBalances) summed per state, whether a
-- payout holds the entry, and kind: the Rewards summary read every entry of the account for
-- them (18 ms at 100,000 entries, and twice that under load). Entries are inserted and then
-- only move between states and payouts; triggers on insert and on update add what the rows
-- a statement wrote bring, and take away what the rows it changed took with them: increments
-- only, so writers never race. Entries are never deleted (the ledger is append-only).
create table ledger_balances (
  account_id text not null references accounts (id),
  state text not null,
  held boolean not null,
  kind text not null,
  cents bigint not null,
  primary key (account_id, state, held, kind)
);

create function ledger_balances_add() returns trigger language plpgsql as $$
begin
  insert into ledger_balances as b (account_id, state, held, kind, cents)
  select account_id, state, payout_id is not null, kind, sum(amount_cents)
  from added group by 1, 2, 3, 4 order by 1, 2, 3, 4
  on conflict (account_id, state, held, kind) do update set cents = b.cents + excluded.cents;
  return null;
end
$$;

create function ledger_balances_move() returns trigger language plpgsql as $$
begin
  insert into ledger_balances as b (account_id, state, held, kind, cents)
  select account_id, state, held, kind, sum(cents)
  from (
    select account_id, state, payout_id is not null as held, kind, amount_cents as cents from after_rows
    union all
    select account_id, state, payout_id is not null, kind, -amount_cents from before_rows
  ) m
  group by 1, 2, 3, 4 having sum(cents) <> 0 order by 1, 2, 3, 4
  on conflict (account_id, state, held, kind) do update set cents = b.cents + excluded.cents;
  return null;
end
$$;

create trigger ledger_entries_balances_rollup after insert on ledger_entries
  referencing new table as added for each statement execute function ledger_balances_add();
create trigger ledger_entries_balances_move_rollup after update on ledger_entries
  referencing old table as before_rows new table as after_rows for each statement
  execute function ledger_balances_move();

insert into ledger_balances (account_id, state, held, kind, cents)
select account_id, state, payout_id is not null, kind, sum(amount_cents) from ledger_entries group by 1, 2, 3, 4;
