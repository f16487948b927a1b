-- Payout batches: the operator pays approved payouts from one file (a SEPA credit transfer for
-- bank transfers, a PayPal Payouts batch for PayPal), and records a payout that bounced.

-- A payout the bank or PayPal sent back after it was paid: its entries are available again
-- and the ambassador is told why (services/payouts.ts, returnPayout).
alter table payouts drop constraint payouts_status_check;
alter table payouts add constraint payouts_status_check
  check (status in ('requested', 'approved', 'paid', 'rejected', 'returned'));
alter table payouts add column returned_at timestamptz;
alter table payouts add column returned_by text references accounts (id);
alter table payouts add column return_reason text;

-- One batch holds payouts of one method. States: created (its file can be downloaded), sent
-- (handed to the PayPal Payouts API), paid (its payouts are paid with its reference), or
-- cancelled (its payouts are free for another batch). The totals are written once, from the
-- payouts it holds, in the transaction that creates it.
create table payout_batches (
  id bigint generated always as identity primary key,
  public_id text not null default new_public_id('pb_'),
  method text not null check (method in ('paypal', 'bank_transfer')),
  state text not null check (state in ('created', 'sent', 'paid', 'cancelled')),
  payout_count int not null check (payout_count > 0),
  total_cents bigint not null check (total_cents > 0),
  created_by text not null references accounts (id),
  created_at timestamptz not null,
  -- the first download of its file: cancelling a batch whose file may be at the bank is risky
  file_downloaded_at timestamptz,
  -- a send to the PayPal API in flight (a lease, so a second click does not send it twice)
  send_started_at timestamptz,
  sent_at timestamptz,
  -- PayPal's payout_batch_id and batch_status, once the API accepted the batch
  provider_batch_id text,
  provider_status text,
  -- what the last send was answered, shown to the operator until a send succeeds
  last_error text,
  paid_at timestamptz,
  reference text,
  cancelled_at timestamptz,
  decided_by text references accounts (id)
);
create unique index payout_batches_public_id on payout_batches (public_id);
create index payout_batches_recent on payout_batches (created_at desc, id desc);

-- Which payouts a batch holds, and how much each was when it was put in. released_at is set
-- when the batch is cancelled; a payout is in at most one batch that has not released it.
create table payout_batch_items (
  batch_id bigint not null references payout_batches (id),
  payout_id bigint not null references payouts (id),
  amount_cents int not null check (amount_cents > 0),
  released_at timestamptz,
  primary key (batch_id, payout_id)
);
create unique index payout_batch_items_one_open on payout_batch_items (payout_id) where released_at is null;
