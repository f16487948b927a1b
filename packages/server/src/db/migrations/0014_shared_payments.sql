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
