-- E-mail: the outbox every message goes through, one-time tokens for verifying an address and
-- resetting a password, and what each account has been told of its earnings.

-- Every message is queued here, in the transaction of what caused it, and sent by a worker
-- (plugins/mail.ts) that takes rows with `for update skip locked`: through SMTP when SMTP_URL is
-- set, else kept here as the outbox. `data` holds the facts the message is rendered from; once a
-- message has gone out through SMTP its data and body are dropped (a reset link is a secret).
create table emails (
  id bigint generated always as identity primary key,
  account_id text not null references accounts (id) on delete cascade,
  kind text not null,
  data jsonb not null default '{}',
  -- a second message for the same fact is never queued ('payout_paid:42')
  dedupe_key text not null unique,
  status text not null default 'queued' check (status in ('queued', 'sent', 'outbox', 'failed')),
  attempts int not null default 0,
  next_attempt_at timestamptz not null,
  last_error text,
  -- as rendered when it was delivered
  to_address text,
  subject text,
  text_body text,
  html_body text,
  created_at timestamptz not null,
  sent_at timestamptz
);
create index emails_due on emails (next_attempt_at) where status = 'queued';
create index emails_recent on emails (created_at desc, id desc);
create index emails_account on emails (account_id, created_at desc);

-- One-time links: only a hash of the token is kept. A token is for the address it was sent to,
-- so it stops working if the account's address changes.
create table account_tokens (
  token_hash text primary key,
  account_id text not null references accounts (id) on delete cascade,
  purpose text not null check (purpose in ('verify_email', 'reset_password')),
  email text not null,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  used_at timestamptz
);
create index account_tokens_account on account_tokens (account_id, purpose);

-- Null until the owner follows the link sent to the address; a payout needs it.
alter table accounts add column email_verified_at timestamptz;
-- The earnings digest and "money available" messages (not the transactional ones).
alter table accounts add column notify_earnings boolean not null default true;
-- What the digest has told: earnings written up to this time, last sent at; and what the
-- "money available" message has told: entries available up to this time, last sent at.
alter table accounts add column earnings_told_through timestamptz;
alter table accounts add column earnings_told_at timestamptz;
alter table accounts add column available_told_through timestamptz;
alter table accounts add column available_told_at timestamptz;
-- Accounts that existed before e-mail are not told their whole history at once.
update accounts set earnings_told_through = now(), available_told_through = now();
-- The news is gathered from the ledger's recent entries, not from every account.
create index ledger_created on ledger_entries (created_at);
create index ledger_available on ledger_entries (available_at) where available_at is not null;

-- The demo's programme clock: how far the operator has moved it forward (CALLBELL_DEMO only).
create table demo_clock (
  id boolean primary key default true check (id),
  offset_ms bigint not null check (offset_ms >= 0)
);
