-- Ledger entries rolled up for the affiliate statistics (db/queries/stats.ts), into the rows of
-- stats_days (0024): per account, UTC day of the entry and group, the commission and bounty
-- cents written, as domain/stats.ts counts them (a take-back or give-back counts as what its
-- parent is, a reinstatement as a commission). Groups are those of the entry's referral (kind 'source', 'campaign', 'widget'),
-- and 'all' (grp null); an entry of no referral has null groups.
--
-- What an entry counts as never changes: its amount, day, kind, parent and referral are
-- written once (only its state, hold and payout move), and so are a referral's source,
-- campaign and widget. So a trigger on insert keeps the rollup, whoever writes the entries,
-- adding to rows other writers may add to as well (an upsert's increment, no read first).
create function ledger_stats_rollup() returns trigger language plpgsql as $$
begin
  insert into stats_days as t (account_id, kind, grp, day, commission_cents, bounty_cents)
  select e.account_id, g.kind, g.grp, (e.created_at at time zone 'UTC')::date,
         coalesce(sum(e.amount_cents) filter (where m.commission), 0),
         coalesce(sum(e.amount_cents) filter (where not m.commission), 0)
  from added e
  left join ledger_entries p on p.id = e.parent_id
  left join referrals r on r.id = e.referral_id
  cross join lateral (
    select coalesce(p.kind, e.kind) in ('commission', 'reinstatement') as commission
  ) m
  cross join lateral (
    values ('all', null::text), ('source', r.source), ('campaign', r.campaign), ('widget', r.widget_id)
  ) g (kind, grp)
  group by e.account_id, g.kind, g.grp, (e.created_at at time zone 'UTC')::date
  order by e.account_id, g.kind, (e.created_at at time zone 'UTC')::date, g.grp
  on conflict (account_id, kind, day, coalesce(grp, ''), (grp is null))
  do update set commission_cents = t.commission_cents + excluded.commission_cents,
                bounty_cents = t.bounty_cents + excluded.bounty_cents;
  return null;
end
$$;

create trigger ledger_entries_stats_rollup after insert on ledger_entries
  referencing new table as added for each statement execute function ledger_stats_rollup();

insert into stats_days as t (account_id, kind, grp, day, commission_cents, bounty_cents)
select e.account_id, g.kind, g.grp, (e.created_at at time zone 'UTC')::date,
       coalesce(sum(e.amount_cents) filter (where m.commission), 0),
       coalesce(sum(e.amount_cents) filter (where not m.commission), 0)
from ledger_entries e
left join ledger_entries p on p.id = e.parent_id
left join referrals r on r.id = e.referral_id
cross join lateral (select coalesce(p.kind, e.kind) in ('commission', 'reinstatement') as commission) m
cross join lateral (
  values ('all', null::text), ('source', r.source), ('campaign', r.campaign), ('widget', r.widget_id)
) g (kind, grp)
group by e.account_id, g.kind, g.grp, (e.created_at at time zone 'UTC')::date
on conflict (account_id, kind, day, coalesce(grp, ''), (grp is null))
do update set commission_cents = t.commission_cents + excluded.commission_cents,
              bounty_cents = t.bounty_cents + excluded.bounty_cents;
