-- Disputes, one row each, so that a dispute the merchant wins gives the commission back. The
-- amount that counts against a charge is the sum of its disputes that are neither won nor
-- prevented (domain/billing.ts disputeCounts); inquiries (warning_*) move no money and are
-- never stored. Events come in any order: the status kept is the furthest along the dispute's
-- life (domain/billing.ts keptDisputeStatus), so a late `needs_response` never undoes a `won`.
create table charge_disputes (
  dispute_id text primary key,
  charge_id text not null,
  payment_intent_id text,
  amount_cents int not null check (amount_cents >= 0),
  status text not null,
  updated_at timestamptz not null
);
create index charge_disputes_charge on charge_disputes (charge_id);
create index charge_disputes_payment_intent on charge_disputes (payment_intent_id);

-- Every dispute event was stored, even those that were not used (updated, closed), so the
-- disputes known so far are rebuilt from them with the same precedence as the application.
-- A won dispute found here is given back the next time its invoice is reconciled.
insert into charge_disputes (dispute_id, charge_id, payment_intent_id, amount_cents, status, updated_at)
select distinct on (dispute_id) dispute_id, charge_id, any_payment_intent, max_amount, status, received_at
from (
  select d.*,
         max(d.amount_cents) over (partition by d.dispute_id) as max_amount,
         max(d.payment_intent_id) over (partition by d.dispute_id) as any_payment_intent,
         case
           when d.status in ('won', 'prevented') then 3
           when d.status like 'appeal\_%' then 2
           when d.status = 'lost' then 1
           else 0
         end as rank
  from (
    select o->>'id' as dispute_id,
           case when jsonb_typeof(o->'charge') = 'string' then o->>'charge' else o->'charge'->>'id' end as charge_id,
           case when jsonb_typeof(o->'payment_intent') = 'string' then o->>'payment_intent'
                else coalesce(o->'payment_intent'->>'id', o->'charge'->>'payment_intent') end as payment_intent_id,
           (o->>'amount')::int as amount_cents,
           coalesce(nullif(o->>'status', ''), 'needs_response') as status,
           e.received_at,
           e.id as event_id
    from billing_events e
    cross join lateral (select e.payload->'data'->'object' as o) p
    where e.type in ('charge.dispute.created', 'charge.dispute.updated', 'charge.dispute.closed',
                     'charge.dispute.funds_withdrawn', 'charge.dispute.funds_reinstated')
      and jsonb_typeof(o->'id') = 'string'
      and jsonb_typeof(o->'amount') = 'number' and (o->>'amount') ~ '^[0-9]{1,9}$'
  ) d
  where d.charge_id is not null and d.status not like 'warning\_%'
) ranked
order by dispute_id, rank desc, received_at, event_id;

-- Whatever charge_refunds.disputed_cents holds beyond the disputes rebuilt above (an event no
-- longer stored) stays counted, as one open dispute per charge. The column is no longer read
-- nor written: charge_disputes is the record of disputes from now on.
insert into charge_disputes (dispute_id, charge_id, payment_intent_id, amount_cents, status, updated_at)
select 'legacy:' || r.charge_id, r.charge_id, r.payment_intent_id,
       r.disputed_cents - coalesce((select sum(d.amount_cents) from charge_disputes d where d.charge_id = r.charge_id), 0),
       'needs_response', r.updated_at
from charge_refunds r
where r.disputed_cents > coalesce((select sum(d.amount_cents) from charge_disputes d where d.charge_id = r.charge_id), 0);

-- A reinstatement gives back what a won dispute had taken: positive, like an earning. The old
-- checks had generated names; they are found by what they check, so this runs the same on
-- every engine whatever they were called.
do $$
declare c record;
begin
  for c in
    select conname from pg_constraint
    where conrelid = 'ledger_entries'::regclass and contype = 'c'
      and pg_get_constraintdef(oid) like '%kind%'
  loop
    execute format('alter table ledger_entries drop constraint %I', c.conname);
  end loop;
end $$;
alter table ledger_entries add constraint ledger_entries_kind_check
  check (kind in ('install_bounty', 'commission', 'reversal', 'clawback', 'reinstatement'));
alter table ledger_entries add constraint ledger_entries_amount_sign_check
  check ((kind in ('install_bounty', 'commission', 'reinstatement') and amount_cents >= 0)
      or (kind in ('reversal', 'clawback') and amount_cents <= 0));
