-- The click totals and each address's last click (0023) kept by a trigger on insert into
-- clicks, as the statistics' click rollups are (0024), instead of by the statement of
-- db/queries/clicks.ts insertClick: one mechanism for every rollup of clicks, whoever writes
-- them (a bulk insert of many rows included). What the tables hold is unchanged: bots left
-- out, clicks never updated nor deleted.
--
-- An address is new to the account when its row is inserted rather than updated (xmax = 0):
-- the upsert waits for a concurrent writer's row, so one of two writers sees it new. The
-- totals row is only ever incremented. Rows are taken in key order, addresses before totals,
-- by every writer alike.
create function click_totals_rollup() returns trigger language plpgsql as $$
begin
  with address as (
    insert into click_addresses as a (account_id, ip_hash, last_at)
    select account_id, ip_hash, max(created_at) from added where not bot
    group by account_id, ip_hash
    order by account_id, ip_hash
    on conflict (account_id, ip_hash) do update set last_at = greatest(a.last_at, excluded.last_at)
    returning account_id, (xmax = 0) as fresh
  ), fresh as (
    select account_id, count(*) filter (where fresh) as addresses from address group by account_id
  )
  insert into click_totals as t (account_id, clicks, addresses)
  select n.account_id, n.clicks, coalesce(f.addresses, 0)
  from (select account_id, count(*) as clicks from added where not bot group by account_id) n
  left join fresh f on f.account_id = n.account_id
  order by n.account_id
  on conflict (account_id) do update set clicks = t.clicks + excluded.clicks, addresses = t.addresses + excluded.addresses;
  return null;
end
$$;

create trigger clicks_totals_rollup after insert on clicks
  referencing new table as added for each statement execute function click_totals_rollup();
