-- The Rewards engine: credentials and sessions, referrals with their terms, billing facts,
-- the append-only commission ledger, payouts and the affiliate platform. Money is integer
-- cents, rates are basis points. Times the programme reasons about (holds, windows) come from
-- the application's clock and are passed in, never taken from the database's now().

-- one account per address whatever its case; the stricter canonical form (no +tag, no dots on
-- Gmail) is what self-referral compares, in domain/accounts.ts
create unique index accounts_email_lower on accounts (lower(email));
-- null for accounts that cannot log in (demo owners seeded without a password)
alter table accounts add column password_hash text;
alter table accounts add column role text not null default 'user' check (role in ('user', 'admin'));
alter table accounts add column signup_ip_hash text;
-- the billing provider's customer, learnt from the first event that names both
alter table accounts add column stripe_customer_id text unique;

-- Widgets: the domains an owner allows (empty: any).
alter table widgets add column allowed_domains text[] not null default '{}';

-- Server-side sessions. The cookie carries a random token; only its hash is stored, so a
-- leaked table opens no session. The CSRF token is per session and sent back in a header.
create table sessions (
  token_hash text primary key,
  account_id text not null references accounts (id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null,
  expires_at timestamptz not null
);
create index sessions_account on sessions (account_id);

-- A referee is bound to its referrer once, at signup, for good. The programme terms in force
-- then are copied here, so later rule changes never rewrite an existing referral.
create table referrals (
  id bigint generated always as identity primary key,
  referrer_id text not null references accounts (id),
  referee_id text not null unique references accounts (id),
  click_id bigint references clicks (id),
  source text not null check (source in ('widget', 'link', 'banner', 'param')),
  campaign text,
  widget_id text,
  install_bounty_cents int not null check (install_bounty_cents >= 0),
  commission_rate_bps int not null check (commission_rate_bps between 0 and 10000),
  hold_days int not null check (hold_days >= 0),
  -- flagged referrals earn entries 'on_hold' until the operator decides
  flagged_reason text,
  review text not null default 'none' check (review in ('none', 'flagged', 'approved', 'rejected')),
  created_at timestamptz not null
);
create index referrals_referrer on referrals (referrer_id, created_at);

-- Billing: every provider event stored once by its id; replays change nothing.
create table billing_events (
  id text primary key,
  type text not null,
  -- the provider's creation time, which orders events that arrive out of order
  created_at timestamptz not null,
  received_at timestamptz not null,
  payload jsonb not null
);

create table subscriptions (
  id text primary key,
  account_id text not null references accounts (id),
  status text not null,
  plan text not null check (plan in ('free', 'pro', 'business')),
  started_at timestamptz,
  ended_at timestamptz,
  -- the creation time of the newest event applied; older events are ignored
  event_at timestamptz not null
);
create index subscriptions_account on subscriptions (account_id);

create table invoices (
  id text primary key,
  account_id text not null references accounts (id),
  subscription_id text,
  charge_id text unique,
  amount_paid_cents int not null check (amount_paid_cents >= 0),
  tax_cents int not null check (tax_cents >= 0),
  currency text not null,
  paid_at timestamptz not null
);
create index invoices_account on invoices (account_id, paid_at);

-- What has been taken back on a charge, cumulative (the provider reports totals, and events
-- may come before the invoice they belong to).
create table charge_refunds (
  charge_id text primary key,
  refunded_cents int not null default 0 check (refunded_cents >= 0),
  disputed_cents int not null default 0 check (disputed_cents >= 0),
  updated_at timestamptz not null
);

-- Payouts: one open request per account (requested or approved).
create table payouts (
  id bigint generated always as identity primary key,
  account_id text not null references accounts (id),
  amount_cents int not null check (amount_cents > 0),
  method text not null check (method in ('paypal', 'bank_transfer')),
  -- the method's details (PayPal e-mail, or IBAN and holder), encrypted at rest (AES-256-GCM)
  details_encrypted text not null,
  -- safe to show: the e-mail's domain or the IBAN's last four characters
  details_hint text not null,
  status text not null check (status in ('requested', 'approved', 'paid', 'rejected')),
  reference text,
  reject_reason text,
  requested_at timestamptz not null,
  decided_at timestamptz,
  paid_at timestamptz
);
create unique index payouts_one_open on payouts (account_id) where status in ('requested', 'approved');

-- The ledger, append-only in amounts: an entry's amount never changes; its state moves
-- forward (pending or on_hold -> available -> paid; pending or on_hold -> reversed). A
-- reversal or clawback is a new entry. Balances are sums of entries by state.
create table ledger_entries (
  id bigint generated always as identity primary key,
  account_id text not null references accounts (id),
  referral_id bigint references referrals (id),
  kind text not null check (kind in ('install_bounty', 'commission', 'reversal', 'clawback')),
  amount_cents int not null,
  state text not null check (state in ('pending', 'on_hold', 'available', 'paid', 'reversed')),
  -- idempotency: the external fact this entry stands for, e.g. 'commission:in_123'
  source_key text not null unique,
  -- a reversal or clawback points at the entry it takes back from
  parent_id bigint references ledger_entries (id),
  invoice_id text,
  widget_id text,
  reason text,
  created_at timestamptz not null,
  -- when the hold ends (pending entries only)
  hold_until timestamptz,
  available_at timestamptz,
  -- set while a payout request holds the entry; cleared if the request is rejected
  payout_id bigint references payouts (id),
  check ((kind in ('install_bounty', 'commission') and amount_cents >= 0)
      or (kind in ('reversal', 'clawback') and amount_cents <= 0))
);
create index ledger_account_state on ledger_entries (account_id, state);
create index ledger_maturing on ledger_entries (hold_until) where state = 'pending';
create index ledger_parent on ledger_entries (parent_id);
create index ledger_payout on ledger_entries (payout_id);

-- The affiliate platform: access requests reviewed by the operator, API keys stored hashed.
create table affiliate_requests (
  account_id text primary key references accounts (id),
  status text not null check (status in ('requested', 'approved', 'rejected')),
  message text,
  requested_at timestamptz not null,
  decided_at timestamptz,
  decided_by text references accounts (id),
  reject_reason text
);

create table api_keys (
  id text primary key,
  account_id text not null references accounts (id),
  -- sha256 of the secret; the secret is shown once and never stored
  secret_hash text not null unique,
  created_at timestamptz not null,
  revoked_at timestamptz
);
create index api_keys_account on api_keys (account_id);
