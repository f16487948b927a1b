-- Accounts as far as the widget and the referral redirect need them; the Rewards engine adds
-- credentials, roles and the ledger in later migrations.
create table accounts (
  id text primary key,
  email text not null unique,
  referral_code text not null unique check (referral_code ~ '^[a-z0-9]{4,16}$'),
  plan text not null default 'free' check (plan in ('free', 'pro', 'business')),
  created_at timestamptz not null default now()
);

create table widgets (
  id text primary key check (id ~ '^wdg_[A-Za-z0-9_-]{8,32}$'),
  account_id text not null references accounts (id),
  -- greeting, agent, appearance and channels, validated by the protocol's schema before storing
  settings jsonb not null,
  -- the owner's choice; a free plan shows the footer whatever this says
  hide_branding boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  last_ping_at timestamptz,
  branding_tampered_at timestamptz,
  -- the moment the widget first qualified as installed: recorded once, paid on once
  qualified_at timestamptz,
  qualified_origin text
);
create index widgets_account on widgets (account_id);

-- Raw pings, at most one per widget, visitor and UTC day (what the widget promises; forged
-- repeats change nothing). Rolled up below and pruned after the retention period.
create table pings (
  widget_id text not null,
  visitor_id text not null,
  day date not null,
  kind text not null check (kind in ('install', 'heartbeat')),
  origin text not null,
  path text not null,
  public_origin boolean not null,
  sdk_version text not null,
  branding_tampered boolean not null default false,
  received_at timestamptz not null default now(),
  -- the dedupe key is the only btree: every index costs every ping an insert
  primary key (widget_id, visitor_id, day)
);
-- For pruning by age: rows arrive in time order, so a BRIN index is tiny and nearly free.
create index pings_received on pings using brin (received_at);

-- Per widget, origin and day. Each raw ping is a distinct visitor-day, so pings = visitors.
create table ping_daily (
  widget_id text not null,
  origin text not null,
  day date not null,
  visitors int not null default 0,
  installs int not null default 0,
  heartbeats int not null default 0,
  tampered int not null default 0,
  primary key (widget_id, origin, day)
);

-- Distinct visitors ever seen per widget and origin: what installation qualification counts.
create table widget_visitors (
  widget_id text not null,
  origin text not null,
  visitor_id text not null,
  public_origin boolean not null,
  first_seen timestamptz not null default now(),
  last_seen timestamptz not null default now(),
  primary key (widget_id, origin, visitor_id)
);

create table clicks (
  id bigint generated always as identity primary key,
  account_id text not null references accounts (id),
  code text not null,
  source text not null check (source in ('widget', 'link', 'banner')),
  widget_id text,
  campaign text,
  referring_host text,
  -- salted hash, never the address itself
  ip_hash text not null,
  bot boolean not null,
  created_at timestamptz not null default now()
);
create index clicks_account_created on clicks (account_id, created_at);
