-- One payment can pay several invoices: in the provider's current API a payment intent is
-- attached to each invoice it pays by its own invoice_payment, with the amount it paid there.
-- A link is now one row per (payment, invoice), keeping that amount (null where the event
-- does not give it: the invoice's own amount then stands in), and two invoices may name one
-- charge. A refund or dispute of a shared payment is shared between its invoices in
-- proportion to those amounts (services/billing.ts).
alter table invoice_payments drop constraint invoice_payments_pkey;
alter table invoice_payments add primary key (payment_ref, invoice_id);
alter table invoice_payments add column amount_cents int check (amount_cents >= 0);
alter table invoices drop constraint invoices_charge_id_key;

-- The links the old rule dropped (one invoice per payment: the first to arrive) and what each
-- payment paid on its invoice, rebuilt from the stored events, as the application reads them
-- (domain/stripe-facts.ts): invoice_payment.paid; the charge or payment intent an invoice.paid
-- names (pre-2025) and its paid invoice payments; the invoice a charge or a dispute's expanded
-- charge names (pre-2025). Of two amounts for one link the greater is kept. A shared
-- payment's invoices are reconciled with the payment's next event.
insert into invoice_payments as p (payment_ref, invoice_id, amount_cents)
select distinct on (ref, invoice) ref, invoice, amount
from (
  select o->'id' as invoice_j, j, null::jsonb as amount_j
  from billing_events e
  cross join lateral (select e.payload->'data'->'object' as o) x
  cross join lateral (values (o->'charge'), (o->'payment_intent')) v (j)
  where e.type = 'invoice.paid'
  union all
  select o->'id', j, ip->'amount_paid'
  from billing_events e
  cross join lateral (select e.payload->'data'->'object' as o) x
  cross join lateral jsonb_array_elements(
    case when jsonb_typeof(o->'payments') = 'array' then o->'payments'
         when jsonb_typeof(o->'payments'->'data') = 'array' then o->'payments'->'data'
         else '[]'::jsonb end
  ) ip
  cross join lateral (
    values (ip->'payment'->'charge'), (ip->'payment'->'payment_intent'), (ip->'charge'), (ip->'payment_intent')
  ) v (j)
  where e.type = 'invoice.paid' and jsonb_typeof(ip) = 'object'
    and (not ip ? 'status' or ip->>'status' = 'paid')
  union all
  select o->'invoice', j, o->'amount_paid'
  from billing_events e
  cross join lateral (select e.payload->'data'->'object' as o) x
  cross join lateral (
    values (o->'payment'->'charge'), (o->'payment'->'payment_intent'), (o->'charge'), (o->'payment_intent')
  ) v (j)
  where e.type = 'invoice_payment.paid'
  union all
  select o->'invoice', o->'id', null
  from billing_events e
  cross join lateral (select e.payload->'data'->'object' as o) x
  where e.type = 'charge.refunded'
  union all
  select o->'charge'->'invoice', o->'charge', null
  from billing_events e
  cross join lateral (select e.payload->'data'->'object' as o) x
  where e.type like 'charge.dispute.%' and jsonb_typeof(o->'charge') = 'object'
) found
cross join lateral (
  select nullif(case when jsonb_typeof(found.j) = 'string' then found.j #>> '{}' else found.j->>'id' end, '') as ref,
         nullif(case when jsonb_typeof(found.invoice_j) = 'string' then found.invoice_j #>> '{}'
                     else found.invoice_j->>'id' end, '') as invoice,
         case when jsonb_typeof(found.amount_j) = 'number' and (found.amount_j #>> '{}') ~ '^[0-9]{1,9}$'
              then (found.amount_j #>> '{}')::int end as amount
) r
where ref is not null and invoice is not null
order by ref, invoice, amount desc nulls last
on conflict (payment_ref, invoice_id) do update set amount_cents = greatest(p.amount_cents, excluded.amount_cents);

-- Invoices whose share of a refund or dispute the rebuilt links may change: reconciled by the
-- ledger's next tick (services/billing.ts reconcileQueuedInvoices), which empties this queue.
-- Reconciling an invoice whose share did not change writes nothing.
create table billing_reconcile_queue (invoice_id text primary key);
insert into billing_reconcile_queue (invoice_id)
select distinct p.invoice_id
from invoice_payments p
join invoices i on i.id = p.invoice_id
where exists (select 1 from charge_refunds r where r.charge_id = p.payment_ref or r.payment_intent_id = p.payment_ref)
   or exists (select 1 from charge_disputes d where d.charge_id = p.payment_ref or d.payment_intent_id = p.payment_ref);
