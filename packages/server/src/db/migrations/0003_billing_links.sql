-- Billing, as the provider's current API shapes its events. Since Stripe's 2025-03-31 version
-- an invoice no longer names its charge and a charge no longer names its invoice: an
-- invoice_payment links the invoice to a payment intent (or a bare charge), and refunds and
-- disputes name the charge and its payment intent. Older versions put `charge` and
-- `payment_intent` on the invoice and `invoice` on the charge. Either way the link is stored
-- here, keyed by the payment, so that a refund, its invoice and the link meet in any order.
create table invoice_payments (
  -- a charge (ch_…) or a payment intent (pi_…)
  payment_ref text primary key,
  invoice_id text not null
);
create index invoice_payments_invoice on invoice_payments (invoice_id);

-- A refund or dispute names its charge and, in current versions, the charge's payment intent.
alter table charge_refunds add column payment_intent_id text;
create index charge_refunds_payment_intent on charge_refunds (payment_intent_id);

-- An event that names only a customer nobody is linked to yet (no account_id in its metadata)
-- waits here, stored, until an event links that customer to an account; it is applied then.
alter table billing_events add column unmatched_customer text;
create index billing_events_unmatched on billing_events (unmatched_customer) where unmatched_customer is not null;
