// Stats at scale (issue 14): how fast the Rewards pages, the affiliate statistics and the
// operator's queues answer once one ambassador has a year of history. The database is filled
// server-side (insert … select … from generate_series: no rows cross the wire), with the rollups
// the ingestion path keeps (ping_daily, widget_visitors, widget_networks) derived from the raw
// rows as the app would have them, and those triggers keep (migrations 0023 on) filled by the
// migrations' own backfill statements; then the built server is started on it and every route
// is timed over HTTP with a real session cookie of the ambassador, or of the operator.
//
// Postgres at full scale: one ambassador with 1,000 referees, 50 widgets of its own (besides the
// one sign-up made, and one per referee), 1,000,000 clicks, 10,000,000 pings and 100,000 ledger
// entries over a year; then PGlite at a tenth of that. Prints name=value lines: per route its p50
// and p95 in ms, the load time, and a last line per route saying whether p95 < 50 ms.
//
// Usage: pnpm build && node bench/stats-scale.mjs [--scale=0.01] [--samples=40] [--warmup=5]
//   [--only=postgres|pglite] [--keep] [--reuse] [--routes=prefix,…]
//   (BENCH_ADMIN_URL: a Postgres to create the bench database in; BENCH_DB: its name;
//   BENCH_PGLITE_DIR: PGlite's data directory, for --keep and --reuse)
//
// Each engine: the server starts once on an empty database (its migrations run, the operator is
// created from ADMIN_EMAIL, the ambassador signs up), stops; the data is loaded beside it and
// vacuumed and analysed, as autovacuum would have; the server starts again and the two log in.
// Raw pings are kept for 400 days (PING_RAW_RETENTION_DAYS): the default of 35 would have the
// hourly prune delete most of a year of them, and the point is a raw table of this size.
// The statistics routes allow 120 requests a minute per account: a 429 is waited out (its
// Retry-After) and the request sent again, never counted as a sample.
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { startBuiltServer } from '../scripts/built-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

const args = Object.fromEntries(
  process.argv
    .slice(2)
    .map((a) => /^--([a-z]+)(?:=(.*))?$/.exec(a))
    .filter((m) => m !== null)
    .map((m) => [m[1], m[2] ?? 'true']),
);
const SCALE = Number(args.scale ?? 1);
const SAMPLES = Number(args.samples ?? 40);
const WARMUP = Number(args.warmup ?? 5);
const ONLY = args.only ?? null;
// --keep: leave the Postgres database (BENCH_DB) for EXPLAIN; the next run drops it, unless
// --reuse: measure a database an earlier --keep left, loaded, instead of loading another (the
// server's start still applies any migration added since, backfills included).
const KEEP = args.keep === 'true' || args.reuse === 'true';
const REUSE = args.reuse === 'true';
// --routes=stats_,rewards_summary: only the routes whose names begin so.
/** @type {string[] | null} */
const ROUTES = args.routes ? args.routes.split(',') : null;
if (!(SCALE > 0) || !(SAMPLES >= 1) || !(WARMUP >= 0))
  throw new Error('--scale, --samples, --warmup: positive numbers');
const GOAL_MS = 50;

const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgres://root@127.0.0.1:5432/test';
const BENCH_DB = process.env.BENCH_DB ?? 'callbell_stats_bench';
if (!/^[a-z_][a-z0-9_]*$/.test(BENCH_DB)) throw new Error('BENCH_DB: a plain lower-case name');
const PASSWORD = 'bench-password-1234';
const AMBASSADOR = 'ambassador@bench.example.com';
const OPERATOR = 'operator@bench.example.com';
const PAYOUT_KEY = createHash('sha256').update('stats-scale bench payout key').digest();

/** @typedef {(sql: string, params?: unknown[]) => Promise<{ rows: any[], rowCount: number | null }>} Query (rows: whatever each statement selects) */
/** @typedef {{ referees: number, widgets: number, clicks: number, pings: number, ledger: number, audit: number, emails: number }} Sizes */
/** @typedef {[name: string, who: 'amb' | 'op', path: string]} Route */

/** The servers this script started, stopped before its database is dropped. */
const servers = new Set();

/**
 * The built server on the bench's database (`env` names it), as the programme runs it: no demo,
 * the bench's operator and payout key. `stop()` ends it.
 * @param {Record<string, string>} env
 */
async function startServer(env) {
  const server = await startBuiltServer(
    {
      CALLBELL_DEMO: 'false',
      ADMIN_EMAIL: OPERATOR,
      ADMIN_PASSWORD: PASSWORD,
      PAYOUT_ENCRYPTION_KEY: PAYOUT_KEY.toString('hex'),
      PING_RAW_RETENTION_DAYS: '400',
      ...env,
    },
    { healthyWithinMs: 180_000 },
  );
  servers.add(server);
  return { origin: server.origin, log: server.log, stop: server.close };
}

/**
 * Signs up (`signup`) or logs in; returns the session cookie.
 * @param {string} origin @param {string} email
 */
async function session(origin, email, signup = false) {
  const res = await fetch(`${origin}/api/auth/${signup ? 'signup' : 'login'}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`${signup ? 'signup' : 'login'} ${email}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('cb_session='));
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0] ?? '';
}

/** Payout details encrypted as domain/payout-details.ts does, so the operator's queue reads them. */
/** @param {object} details @param {string} accountId */
function encryptDetails(details, accountId) {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', PAYOUT_KEY, iv, { authTagLength: 16 });
  cipher.setAAD(Buffer.from(`payout-details:v1:${accountId}`, 'utf8'));
  const body = Buffer.concat([cipher.update(JSON.stringify(details), 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

const lit = (/** @type {string} */ s) => `'${String(s).replace(/'/g, "''")}'`;

/**
 * The rollup triggers (their names end so) of every table, disabled or enabled.
 * @param {Query} q @param {boolean} on
 */
async function rollupTriggers(q, on) {
  const { rows } = await q(
    `select c.relname as "table", t.tgname as name from pg_trigger t join pg_class c on c.oid = t.tgrelid
     where t.tgname like '%rollup' and not t.tgisinternal and pg_table_is_visible(c.oid)`,
  );
  for (const t of rows) await q(`alter table ${t.table} ${on ? 'enable' : 'disable'} trigger ${t.name}`);
}

/** The migrations from which on the rollups are kept by triggers, and filled by backfills. */
const FIRST_ROLLUP_MIGRATION = 23;

/**
 * Top-level statements of a migration, split at semicolons outside quotes, dollar-quoted
 * bodies and comments.
 * @param {string} sql
 */
function statements(sql) {
  const found = [];
  let start = 0;
  for (let i = 0; i < sql.length; i++) {
    const rest = sql.slice(i);
    if (rest.startsWith('--')) i = sql.indexOf('\n', i) === -1 ? sql.length : sql.indexOf('\n', i);
    else if (sql[i] === "'") i = sql.indexOf("'", i + 1);
    else if (rest.startsWith('$')) {
      const tag = /^\$[A-Za-z_]*\$/.exec(rest)?.[0];
      if (tag) i = sql.indexOf(tag, i + tag.length) + tag.length - 1;
    } else if (sql[i] === ';') {
      found.push(sql.slice(start, i));
      start = i + 1;
    }
  }
  found.push(sql.slice(start));
  return found.map((st) => st.replace(/^(\s*--[^\n]*\n|\s+)*/, '').trim()).filter(Boolean);
}

/**
 * The backfills of the rollup migrations (their top-level inserts), in order: what fills a
 * rollup from the rows a database already has. The bench runs them rather than copies.
 */
function backfills() {
  const dir = join(root, 'packages/server/src/db/migrations');
  return readdirSync(dir)
    .filter((f) => /^\d{4}_.*\.sql$/.test(f) && Number(f.slice(0, 4)) >= FIRST_ROLLUP_MIGRATION)
    .sort()
    .flatMap((f) =>
      statements(readFileSync(join(dir, f), 'utf8'))
        .filter((st) => /^insert\s+into\s/i.test(st))
        .map((sql) => ({ name: `${f.slice(0, 4)}_${/^insert\s+into\s+(\w+)/i.exec(sql)?.[1]}`, sql })),
    );
}

/**
 * The statements that fill the database, in order. `q` runs one statement (with optional
 * parameters); sizes are for the whole run, `n` rows of each kind.
 * @param {Query} q @param {Sizes} n @param {{ id: string, code: string }} amb @param {{ id: string }} op
 * @param {Date} now
 */
async function load(q, n, amb, op, now) {
  const A = lit(amb.id);
  const NOW = `${lit(now.toISOString())}::timestamptz`;
  const T0 = `(${NOW} - interval '365 days')`;
  const TODAY = `(${NOW} at time zone 'UTC')::date`;
  /** @type {string[]} */
  const steps = [];
  /** @param {string} label @param {string} sql @param {unknown[]} [params] */
  const step = async (label, sql, params) => {
    const t = performance.now();
    const { rowCount } = await q(sql, params);
    steps.push(`${label}:${rowCount ?? ''}:${Math.round(performance.now() - t)}ms`);
  };
  // The rollups' triggers (migrations 0024 on) are off while the tables are filled in bulk; the
  // backfills of the migrations then fill the rollups from the rows, as on a database that had
  // them already (backfills() below).
  await rollupTriggers(q, false);

  // Referees: signed up over the year; every second one pays (one in three of those on the
  // business plan); three in fifty share a sign-up network with each other (a cluster).
  await step(
    'accounts',
    `insert into accounts (id, email, referral_code, plan, created_at, signup_ip_hash, email_verified_at,
       earnings_told_through, available_told_through)
     select 'acc_bref' || lpad(g::text, 7, '0'),
            'referee' || g || '@' || (array['gmail.com','outlook.com','acme.io','example.org','mail.de'])[1 + g % 5],
            'bref' || lpad(g::text, 7, '0'),
            case when g % 2 = 0 then (case when g % 6 = 0 then 'business' else 'pro' end) else 'free' end,
            ${T0} + (g::float8 / ${n.referees}) * interval '358 days',
            case when g % 50 < 3 then 'sip-shared-' || (g / 50) else 'sip-' || g end,
            ${T0} + (g::float8 / ${n.referees}) * interval '358 days' + interval '10 minutes',
            ${NOW}, ${NOW}
     from generate_series(1, ${n.referees}) g`,
  );
  await q(`update accounts set earnings_told_through = ${NOW}, available_told_through = ${NOW},
             email_verified_at = ${T0}, created_at = ${T0} - interval '30 days' where id = ${A}`);
  await step(
    'account_networks',
    `insert into account_networks (account_id, network, network_wide, family, at_signup, logins, first_seen_at, last_seen_at)
     select id, signup_ip_hash, signup_ip_hash, 'ipv4', true, 3, created_at, created_at + interval '20 days'
     from accounts where id like 'acc_bref%'
     union all
     select id, 'login-' || id, 'login-' || id, 'ipv4', false, 12, created_at + interval '1 day', created_at + interval '30 days'
     from accounts where id like 'acc_bref%'`,
  );
  // Widgets: the ambassador's own (its footer brings the clicks), and each referee's first one,
  // installed (qualified two days after sign-up) for six referees in ten.
  await step(
    'widgets',
    `insert into widgets (id, account_id, settings, created_at, updated_at, qualified_at, qualified_origin)
     select 'wdg_bamb' || lpad(w::text, 4, '0'), ${A}, s.settings, ${T0} - interval '10 days', ${T0} - interval '10 days',
            (${T0} at time zone 'UTC')::date + interval '20 hours', 'https://site' || w || '.example.com'
     from generate_series(1, ${n.widgets}) w, (select settings from widgets where account_id = ${A} limit 1) s
     union all
     select 'wdg_bref' || lpad(g::text, 7, '0'), a.id, s.settings, a.created_at, a.created_at,
            case when g % 10 < 6 then ((a.created_at at time zone 'UTC')::date + 2) + interval '20 hours' end,
            case when g % 10 < 6 then 'https://referee' || g || '.example.net' end
     from generate_series(1, ${n.referees}) g
     join accounts a on a.id = 'acc_bref' || lpad(g::text, 7, '0'),
     (select settings from widgets where account_id = ${A} limit 1) s`,
  );
  // Which widgets get pings, from which day, how many visitors a day: the ambassador's 90 % of
  // them, spread unevenly over its widgets; installed referees' sites the rest.
  const ambPerDay = (0.9 * n.pings) / (n.widgets * 365);
  const refPerDay = Math.max(1, Math.round((0.1 * n.pings) / (0.6 * n.referees * 180)));
  await q(`create temp table bench_pinged as
     select id as widget_id, qualified_origin as origin, (qualified_at - interval '20 hours')::date as first_day,
            greatest(1, round(${ambPerDay} * (0.5 + (substr(id, 9)::int % 10) / 9.0)))::int as per_day,
            'na' || substr(id, 9) || '-' as net, 300 as nets
     from widgets where id like 'wdg_bamb%'
     union all
     select id, qualified_origin, (qualified_at - interval '20 hours')::date, ${refPerDay}, 'nr' || substr(id, 9) || '-', 50
     from widgets where id like 'wdg_bref%' and qualified_at is not null`);
  // The primary key is built after the rows, as a restore would: far faster than row by row.
  await q('alter table pings drop constraint pings_pkey');
  await step(
    'pings',
    `insert into pings (widget_id, visitor_id, day, kind, origin, path, public_origin, sdk_version, branding_tampered,
       received_at, network)
     select b.widget_id, 'v' || v.vn, b.first_day + dn,
            case when (k + dn) % 8 = 0 then 'install' else 'heartbeat' end,
            case when k % 200 = 199 then 'http://localhost:3000' else b.origin end, '/',
            k % 200 <> 199, '0.1.0', (k + dn) % 997 = 0,
            ((b.first_day + dn)::timestamp at time zone 'UTC') + make_interval(secs => (k * 7919 + dn * 13) % 86400),
            b.net || (v.vn % b.nets)
     from generate_series(0, 364) dn
     join bench_pinged b on b.first_day + dn < ${TODAY}
     cross join lateral generate_series(0, b.per_day - 1) k
     cross join lateral (select (k + dn * 37) % (b.per_day * 4) as vn) v`,
  );
  await step('pings_pkey', 'alter table pings add constraint pings_pkey primary key (widget_id, visitor_id, day)');
  // The rollups, as the ingestion path keeps them: daily counts of every raw ping; visitors and
  // networks only until the widget qualified (its first day here), when counting stops.
  await step(
    'ping_daily',
    `insert into ping_daily (widget_id, origin, day, visitors, installs, heartbeats, tampered)
     select widget_id, origin, day, count(*), count(*) filter (where kind = 'install'),
            count(*) filter (where kind = 'heartbeat'), count(*) filter (where branding_tampered)
     from pings group by widget_id, origin, day`,
  );
  await step(
    'widget_visitors',
    `insert into widget_visitors (widget_id, origin, visitor_id, public_origin, network, first_seen, last_seen)
     select distinct on (p.widget_id, p.origin, p.visitor_id) p.widget_id, p.origin, p.visitor_id, p.public_origin,
            p.network, p.received_at, p.received_at
     from pings p join bench_pinged b on b.widget_id = p.widget_id and p.day = b.first_day
     order by p.widget_id, p.origin, p.visitor_id, p.received_at`,
  );
  await step(
    'widget_networks',
    `insert into widget_networks (widget_id, origin, network, public_origin, first_seen_on)
     select distinct on (p.widget_id, p.origin, p.network) p.widget_id, p.origin, p.network, p.public_origin, p.day
     from pings p join bench_pinged b on b.widget_id = p.widget_id and p.day = b.first_day
     order by p.widget_id, p.origin, p.network`,
  );
  await q(`update widgets w set last_ping_at = x.at, last_public_ping_at = x.at
     from (select widget_id, max(received_at) as at from pings where day = ${TODAY} - 1 group by widget_id) x
     where x.widget_id = w.id`);
  await q(`insert into install_checks (widget_id, origin, state, attempts, last_attempt_at, checked_url, outcome,
       found_url, found_at, created_at)
     select id, qualified_origin, 'found', 1, qualified_at + interval '1 minute', qualified_origin || '/',
            'found', qualified_origin || '/', qualified_at + interval '1 minute', qualified_at
     from widgets where id like 'wdg_bref%' and qualified_at is not null`);

  // Clicks on the ambassador's links over the year: its widgets' footers (seven in ten), its
  // link, banners; half under a campaign; one in 37 a bot. Visitors come back: a click in five
  // repeats the one before it (the same visitor, minutes later), and every address is seen on
  // some three days of the year.
  await step(
    'clicks',
    `insert into clicks (account_id, code, source, widget_id, campaign, referring_host, ip_hash, bot, created_at)
     select ${A}, ${lit(amb.code)}, s.src,
            case when s.src = 'widget' then 'wdg_bamb' || lpad((1 + (g * 7) % ${n.widgets})::text, 4, '0') end,
            (array[null, null, null, null, null, 'spring', 'newsletter', 'partners', 'black-friday', 'webinar'])[1 + (g * 13) % 10],
            (array['twitter.com', 'facebook.com', 'news.ycombinator.com', null])[1 + g % 4],
            'iph-' || (((g::bigint - (g % 5 = 1)::int) * 7919) % ${Math.max(1, Math.floor(n.clicks / 3))}),
            g % 37 = 0,
            ${T0} + (g::float8 / ${n.clicks}) * interval '365 days'
     from generate_series(1, ${n.clicks}) g
     cross join lateral (select case when g % 10 < 7 then 'widget' when g % 10 < 9 then 'link' else 'banner' end as src) s`,
  );
  const firstClick = (await q('select min(id)::text as id from clicks')).rows[0].id;
  // Referrals: each referee bound at sign-up, nine in ten by a click just before it; three in a
  // hundred flagged and waiting, two approved, one rejected.
  await step(
    'referrals',
    `insert into referrals (referrer_id, referee_id, click_id, source, campaign, widget_id, install_bounty_cents,
       commission_rate_bps, hold_days, flagged_reason, review, created_at, reviewed_at, reviewed_by, review_note)
     select ${A}, a.id, c.id, coalesce(c.source, 'param'), c.campaign, c.widget_id, 1000, 3000, 30,
            case when rv.review <> 'none' then 'referrer_network' end, rv.review, a.created_at,
            case when rv.review in ('approved', 'rejected') then a.created_at + interval '3 days' end,
            case when rv.review in ('approved', 'rejected') then ${lit(op.id)} end,
            case when rv.review = 'rejected' then 'Same household as the referrer' end
     from generate_series(1, ${n.referees}) g
     join accounts a on a.id = 'acc_bref' || lpad(g::text, 7, '0')
     cross join lateral (select case when g % 33 = 1 then 'flagged' when g % 50 = 2 then 'approved'
                                     when g % 100 = 3 then 'rejected' else 'none' end as review) rv
     left join clicks c on g % 10 <> 9
       and c.id = ${firstClick}::bigint + greatest(0, floor(g::float8 / ${n.referees} * 358 / 365 * ${n.clicks}) - 2)::bigint`,
  );

  // The ledger: an install bounty per installed referee, commissions on paying referees'
  // invoices (as many as make the ledger's size), and what billing and reviews did to them.
  await q(`create temp table bench_paying as
     select (row_number() over (order by r.id) - 1)::int as idx, r.id as referral_id, r.referee_id, r.created_at,
            a.plan, r.review
     from referrals r join accounts a on a.id = r.referee_id where r.referrer_id = ${A} and a.plan <> 'free'`);
  const bounties = Number(
    (
      await q(
        `select count(*)::int as n from referrals r join widgets w on w.account_id = r.referee_id
         where r.referrer_id = ${A} and w.qualified_at is not null`,
      )
    ).rows[0].n,
  );
  const paying = Number((await q('select count(*)::int as n from bench_paying')).rows[0].n);
  const commissions = Math.max(paying, Math.round((n.ledger - bounties) / 1.04));
  const perReferee = Math.ceil(commissions / paying);
  await q(`create temp table bench_orig as
     select 'install_bounty' as kind, r.id as referral_id, r.referee_id, w.id as widget_id, null::text as invoice_id,
            1000 as amount, w.qualified_at as created_at, r.review
     from referrals r join widgets w on w.account_id = r.referee_id and w.qualified_at is not null
     where r.referrer_id = ${A}
     union all
     select 'commission', p.referral_id, p.referee_id, null, 'in_bench' || k,
            case when p.plan = 'business' then 2970 else 870 end,
            p.created_at + interval '5 days'
              + (${NOW} - p.created_at - interval '5 days') * (((k / ${paying})::float8 + 0.5) / ${perReferee}),
            p.review
     from generate_series(0, ${commissions - 1}) k join bench_paying p on p.idx = k % ${paying}`);
  await step(
    'invoices',
    `insert into invoices (id, account_id, subscription_id, charge_id, amount_paid_cents, tax_cents, currency, paid_at)
     select invoice_id, referee_id, 'sub_' || referee_id, 'ch_' || invoice_id, amount * 10 / 3, 0, 'eur', created_at
     from bench_orig where kind = 'commission'`,
  );
  await step(
    'ledger',
    `insert into ledger_entries (account_id, referral_id, kind, amount_cents, state, source_key, invoice_id, widget_id,
       created_at, hold_until, available_at)
     select ${A}, referral_id, kind, amount, st.state,
            case when kind = 'install_bounty' then 'bounty:' || referee_id else 'commission:' || invoice_id end,
            invoice_id, widget_id, created_at,
            case when st.state in ('pending', 'on_hold') then created_at + interval '30 days' end,
            case when st.state in ('available', 'paid') then created_at + interval '30 days' end
     from bench_orig
     cross join lateral (select case when review = 'rejected' then 'reversed' when review = 'flagged' then 'on_hold'
                                     when created_at >= ${NOW} - interval '30 days' then 'pending'
                                     when created_at >= ${NOW} - interval '60 days' then 'available'
                                     else 'paid' end as state) st
     order by created_at`,
  );
  // Refunded inside the hold: a commission in 97 taken back whole (it and its reversal reversed).
  await q(`update ledger_entries set state = 'reversed', available_at = null
     where account_id = ${A} and kind = 'commission' and state in ('available', 'paid') and id % 97 = 5`);
  await step(
    'ledger_children',
    `insert into ledger_entries (account_id, referral_id, kind, amount_cents, state, source_key, parent_id, invoice_id,
       widget_id, reason, created_at, hold_until, available_at)
     select account_id, referral_id, 'reversal', -amount_cents, 'reversed', 'takeback:' || id, id, invoice_id, widget_id,
            case when kind = 'commission' and id % 97 = 5 then 'Refunded' else 'Referral rejected after review' end,
            created_at + interval '3 days', null::timestamptz, null::timestamptz
     from ledger_entries where account_id = ${A} and state = 'reversed'
     union all
     select account_id, referral_id, 'reversal', -(amount_cents / 3), 'pending', 'takeback:' || id, id, invoice_id,
            widget_id, 'Partially refunded', least(created_at + interval '2 days', ${NOW} - interval '1 minute'),
            hold_until, null::timestamptz
     from ledger_entries where account_id = ${A} and kind = 'commission' and state = 'pending' and id % 50 = 7
     union all
     select account_id, referral_id, 'clawback', -(amount_cents / 2), 'available', 'clawback:' || id, id, invoice_id,
            widget_id, 'Refunded after the hold', available_at + interval '10 days', null, available_at + interval '10 days'
     from ledger_entries where account_id = ${A} and kind = 'commission' and state = 'paid' and id % 101 = 9
     union all
     select account_id, referral_id, 'reinstatement', amount_cents / 2, 'available', 'reinstate:' || id, id, invoice_id,
            widget_id, 'Dispute won', available_at + interval '25 days', null, available_at + interval '25 days'
     from ledger_entries where account_id = ${A} and kind = 'commission' and state = 'paid' and id % 1010 = 9`,
  );
  // The ambassador's payouts: one a month, paid, of what became available that month; and one
  // requested now, holding half of what is available.
  const ambDetails = encryptDetails(
    { method: 'bank_transfer', iban: 'DE89370400440532013000', holderName: 'Bench Ambassador' },
    amb.id,
  );
  await step(
    'payouts',
    `insert into payouts (account_id, amount_cents, method, details_encrypted, details_hint, status, reference,
       requested_at, decided_at, paid_at, decided_by, approved_by)
     select ${A}, sum(amount_cents), 'bank_transfer', ${lit(ambDetails)}, '•••• 3000', 'paid',
            'BENCH-' || to_char(m, 'YYYYMM'), r.at, r.at + interval '1 day', r.at + interval '2 days', ${lit(op.id)}, ${lit(op.id)}
     from (select date_trunc('month', available_at) as m, amount_cents from ledger_entries
           where account_id = ${A} and state = 'paid') e
     cross join lateral (select least(m + interval '1 month 1 day', ${NOW} - interval '3 days') as at) r
     group by m, r.at`,
  );
  await q(`update ledger_entries e set payout_id = p.id from payouts p
     where e.account_id = ${A} and e.state = 'paid' and p.account_id = ${A}
       and p.reference = 'BENCH-' || to_char(date_trunc('month', e.available_at), 'YYYYMM')`);
  await q(`insert into payouts (account_id, amount_cents, method, details_encrypted, details_hint, status, requested_at)
     select ${A}, sum(amount_cents), 'bank_transfer', ${lit(ambDetails)}, '•••• 3000', 'requested', ${NOW} - interval '2 days'
     from ledger_entries where account_id = ${A} and state = 'available' and amount_cents > 0 and id % 2 = 0
       and parent_id is null`);
  await q(`update ledger_entries set payout_id = (select id from payouts where account_id = ${A} and status = 'requested')
     where account_id = ${A} and state = 'available' and amount_cents > 0 and id % 2 = 0 and parent_id is null`);
  // The rollups, from every row above, by the migrations' own statements.
  for (const { name, sql } of backfills()) await step(`backfill_${name}`, sql);
  await rollupTriggers(q, true);
  // Other ambassadors in the operator's queue: one referee in twenty asks for a payout of its own.
  const others = [];
  const ofReferees = Math.max(1, Math.floor(n.referees / 20));
  for (let i = 1; i <= ofReferees; i++) {
    const g = i * 20;
    const id = `acc_bref${String(g).padStart(7, '0')}`;
    const details = encryptDetails({ method: 'paypal', email: `referee${g}@gmail.com` }, id);
    for (const [status, daysAgo] of [
      [i % 2 ? 'requested' : 'approved', (i % 9) + 1],
      ['paid', 40],
      ['rejected', 70],
    ]) {
      others.push({ id, details, status, amount: 5000 + i * 10, daysAgo });
    }
  }
  await step(
    'other_payouts',
    `insert into payouts (account_id, amount_cents, method, details_encrypted, details_hint, status, requested_at,
       decided_at, paid_at, decided_by, approved_by, reject_reason)
     select x.id, x.amount, 'paypal', x.details, 'gmail.com', x.status, ${NOW} - make_interval(days => x."daysAgo"),
            case when x.status <> 'requested' then ${NOW} - make_interval(days => x."daysAgo") + interval '1 day' end,
            case when x.status = 'paid' then ${NOW} - make_interval(days => x."daysAgo") + interval '2 days' end,
            case when x.status <> 'requested' then ${lit(op.id)} end,
            case when x.status in ('approved', 'paid') then ${lit(op.id)} end,
            case when x.status = 'rejected' then 'Balance clawed back' end
     from json_to_recordset($1::json) as x (id text, details text, status text, amount int, "daysAgo" int)`,
    [JSON.stringify(others)],
  );
  await step(
    'payout_batches',
    `insert into payout_batches (method, state, payout_count, total_cents, created_by, created_at, file_downloaded_at,
       paid_at, reference, decided_by)
     select method, 'paid', 1, amount_cents, ${lit(op.id)}, decided_at, decided_at, paid_at, 'BATCH-' || id, ${lit(op.id)}
     from payouts where status = 'paid' order by decided_at`,
  );
  await q(`insert into payout_batch_items (batch_id, payout_id, amount_cents)
     select b.id, p.id, p.amount_cents from payout_batches b join payouts p on b.reference = 'BATCH-' || p.id`);
  // Affiliate access: the ambassador's approved; one referee in five asked, in every state.
  await q(`insert into affiliate_requests (account_id, status, message, requested_at, decided_at, decided_by)
     values (${A}, 'approved', 'Big site, lots of traffic', ${T0}, ${T0} + interval '1 day', ${lit(op.id)})`);
  await step(
    'affiliate_requests',
    `insert into affiliate_requests (account_id, status, message, requested_at, decided_at, decided_by, reject_reason,
       withdrawn_at, withdrawn_by, withdraw_reason)
     select a.id, st.status, 'I run a blog', r.at,
            case when st.status <> 'requested' then r.at + interval '1 day' end,
            case when st.status <> 'requested' then ${lit(op.id)} end,
            case when st.status = 'rejected' then 'Not enough traffic yet' end,
            case when st.status = 'withdrawn' then r.at + interval '10 days' end,
            case when st.status = 'withdrawn' then ${lit(op.id)} end,
            case when st.status = 'withdrawn' then 'Spam' end
     from generate_series(1, ${n.referees}) g
     join accounts a on a.id = 'acc_bref' || lpad(g::text, 7, '0')
     cross join lateral (select (array['requested', 'approved', 'rejected', 'withdrawn'])[1 + (g / 5) % 4] as status) st
     cross join lateral (select case when st.status = 'requested' then ${NOW} - make_interval(hours => g % 72)
                                     else a.created_at + interval '5 days' end as at) r
     where g % 5 = 0`,
  );
  // The operator's year: an audit record for every decision above, and the rest of its work.
  await step(
    'audit_log',
    `insert into audit_log (at, actor_id, actor_email, action, subject_type, subject_id, account_id, reason, details)
     select ${T0} + (g::float8 / ${n.audit}) * interval '365 days', ${lit(op.id)}, ${lit(OPERATOR)}, x.action,
            split_part(x.action, '.', 1), 'bench' || g,
            case when g % 10 = 0 then ${A} else 'acc_bref' || lpad((1 + g % ${n.referees})::text, 7, '0') end,
            case when x.action like '%reject' then 'Not eligible' end, jsonb_build_object('amountCents', g % 100000)
     from generate_series(1, ${n.audit}) g
     cross join lateral (select (array['payout.approve', 'payout.paid', 'payout.reject', 'payout.details_reveal',
       'batch.create', 'batch.paid', 'referral.approve', 'referral.reject', 'affiliate.approve', 'affiliate.reject',
       'email.retry'])[1 + g % 11] as action) x`,
  );
  await step(
    'emails',
    `insert into emails (account_id, kind, data, dedupe_key, status, attempts, next_attempt_at, to_address, subject,
       text_body, created_at, sent_at)
     select case when g % 4 = 0 then ${A} else 'acc_bref' || lpad((1 + g % ${n.referees})::text, 7, '0') end,
            'earnings_digest', '{}'::jsonb, 'bench:' || g, 'outbox', 0,
            ${T0} + (g::float8 / ${n.emails}) * interval '365 days', 'someone@example.com', 'Your earnings this week',
            'You earned money.', ${T0} + (g::float8 / ${n.emails}) * interval '365 days', null
     from generate_series(1, ${n.emails}) g`,
  );
  return steps;
}

/**
 * The routes timed, with who asks; cursors for the deep pages come from the database.
 * @param {{ ambassador: string, entry: string, referral: string }} cursors
 * @returns {Route[]}
 */
function routes(cursors) {
  const stats = (/** @type {string} */ groupBy, format = false) =>
    `/api/affiliate/stats?days=90&groupBy=${groupBy}${format ? '&format=csv' : ''}`;
  return [
    ['rewards_summary', 'amb', '/api/rewards'],
    ['rewards_entries_first', 'amb', '/api/rewards/entries?limit=50'],
    ['rewards_entries_deep', 'amb', `/api/rewards/entries?limit=50&before=${cursors.entry}`],
    ['rewards_referees_first', 'amb', '/api/rewards/referrals?limit=50'],
    ['rewards_referees_deep', 'amb', `/api/rewards/referrals?limit=50&before=${cursors.referral}`],
    ['stats_source_json', 'amb', stats('source')],
    ['stats_campaign_json', 'amb', stats('campaign')],
    ['stats_widget_json', 'amb', stats('widget')],
    ['stats_source_csv', 'amb', stats('source', true)],
    ['stats_campaign_csv', 'amb', stats('campaign', true)],
    ['stats_widget_csv', 'amb', stats('widget', true)],
    ['admin_waiting', 'op', '/api/admin/waiting'],
    ['admin_payouts_open', 'op', '/api/admin/payouts'],
    ['admin_payouts_paid', 'op', '/api/admin/payouts?status=paid'],
    ['admin_payout_batches', 'op', '/api/admin/payout-batches?state=all'],
    ['admin_referrals_flagged', 'op', '/api/admin/referrals'],
    ['admin_affiliate_requests', 'op', '/api/admin/affiliate/requests'],
    ['admin_audit', 'op', '/api/admin/audit'],
    ['admin_audit_account', 'op', `/api/admin/audit?account=${cursors.ambassador}`],
    ['admin_emails', 'op', '/api/admin/emails'],
  ];
}

/**
 * One request; a 429 is waited out and sent again. Returns its time in ms.
 * @param {string} origin @param {string} path @param {string} cookie
 */
async function timed(origin, path, cookie) {
  for (;;) {
    const t = performance.now();
    const res = await fetch(`${origin}${path}`, { headers: { cookie } });
    await res.arrayBuffer();
    const ms = performance.now() - t;
    if (res.status === 429) {
      const wait = Number(res.headers.get('retry-after') ?? 5);
      await new Promise((r) => setTimeout(r, (wait + 0.5) * 1000));
      continue;
    }
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text().catch(() => '')}`);
    return ms;
  }
}

const quantile = (/** @type {number[]} */ sorted, /** @type {number} */ p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;

/**
 * Warms every route up, then takes the samples in rounds (every route once a round).
 * @param {string} origin @param {Record<Route[1], string>} cookies @param {Route[]} list
 */
async function measure(origin, cookies, list) {
  for (const [, who, path] of list) for (let i = 0; i < WARMUP; i++) await timed(origin, path, cookies[who]);
  /** @type {Map<string, number[]>} */
  const times = new Map(list.map(([name]) => [name, []]));
  for (let i = 0; i < SAMPLES; i++) {
    for (const [name, who, path] of list) times.get(name)?.push(await timed(origin, path, cookies[who]));
  }
  return list.map(([name]) => {
    const sorted = (times.get(name) ?? []).sort((a, b) => a - b);
    return { name, p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95) };
  });
}

/**
 * One engine: a first start migrates and makes the two accounts; the load runs with the server
 * stopped; a second start is measured. `reuse`: the database is loaded already (--reuse), so the
 * first start only applies the migrations it lacks.
 * @param {string} prefix @param {Sizes} n @param {Record<string, string>} env
 * @param {() => Promise<{ q: Query, close(): Promise<void> }>} open
 */
async function runEngine(prefix, n, env, open, reuse = false) {
  const first = await startServer(env);
  if (!reuse) await session(first.origin, AMBASSADOR, true);
  await first.stop();

  const db = await open();
  const now = new Date();
  const amb = (await db.q('select id, referral_code as code from accounts where email = $1', [AMBASSADOR])).rows[0];
  const op = (await db.q('select id from accounts where email = $1', [OPERATOR])).rows[0];
  if (!amb || !op) throw new Error('the ambassador or the operator is missing');
  const t = performance.now();
  const steps = reuse ? ['reused'] : await load(db.q, n, amb, op, now);
  const loadMs = performance.now() - t;
  const tv = performance.now();
  await db.q('vacuum analyze');
  const vacuumMs = performance.now() - tv;
  const counts = (
    await db.q(
      `select (select count(*) from clicks)::int as clicks, (select count(*) from pings)::int as pings,
       (select count(*) from ledger_entries)::int as ledger, (select count(*) from referrals)::int as referrals,
       (select count(*) from widgets where account_id = $1)::int as widgets`,
      [amb.id],
    )
  ).rows[0];
  const cursors = {
    ambassador: amb.id,
    entry: (
      await db.q(
        `select public_id from ledger_entries where account_id = $1 order by created_at desc, id desc
         offset (select count(*) * 9 / 10 from ledger_entries where account_id = $1) limit 1`,
        [amb.id],
      )
    ).rows[0].public_id,
    referral: (
      await db.q(
        `select public_id from referrals where referrer_id = $1 order by created_at desc, id desc
         offset (select count(*) * 9 / 10 from referrals where referrer_id = $1) limit 1`,
        [amb.id],
      )
    ).rows[0].public_id,
  };
  await db.close();

  const server = await startServer(env);
  try {
    const cookies = { amb: await session(server.origin, AMBASSADOR), op: await session(server.origin, OPERATOR) };
    const figures = await measure(
      server.origin,
      cookies,
      routes(cursors).filter(([name]) => !ROUTES || ROUTES.some((r) => name.startsWith(r))),
    );
    console.log(`${prefix}load_steps=${steps.join(',')}`);
    console.log(
      `${prefix}rows clicks=${counts.clicks} pings=${counts.pings} ledger=${counts.ledger} referrals=${counts.referrals} ambassador_widgets=${counts.widgets}`,
    );
    console.log(`${prefix}load_s=${(loadMs / 1000).toFixed(1)}`);
    console.log(`${prefix}vacuum_analyze_s=${(vacuumMs / 1000).toFixed(1)}`);
    for (const f of figures) {
      console.log(`${prefix}${f.name}_p50_ms=${f.p50.toFixed(1)}`);
      console.log(`${prefix}${f.name}_p95_ms=${f.p95.toFixed(1)}`);
    }
    for (const f of figures) console.log(`${prefix}${f.name}_p95_under_${GOAL_MS}ms=${f.p95 < GOAL_MS}`);
    const log = server.log().trim();
    if (log) console.error(`${prefix}server log:\n${log.slice(-4000)}`);
  } finally {
    await server.stop();
  }
}

/** @returns {Sizes} */
const sized = (/** @type {number} */ factor) => {
  const s = SCALE * factor;
  const at = (/** @type {number} */ x) => Math.max(1, Math.round(x * s));
  return {
    referees: Math.max(20, at(1000)),
    widgets: Math.max(2, at(50)),
    clicks: Math.max(100, at(1_000_000)),
    pings: Math.max(1000, at(10_000_000)),
    ledger: Math.max(200, at(100_000)),
    audit: Math.max(50, at(20_000)),
    emails: Math.max(50, at(10_000)),
  };
};

console.log(`scale=${SCALE} samples=${SAMPLES} warmup=${WARMUP}`);

if (ONLY !== 'pglite') {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const kept = REUSE && (await admin.query('select 1 from pg_database where datname = $1', [BENCH_DB])).rowCount === 1;
  if (!kept) {
    await admin.query(`drop database if exists ${BENCH_DB}`);
    await admin.query(`create database ${BENCH_DB}`);
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${BENCH_DB}`;
  try {
    await runEngine(
      '',
      sized(1),
      { DATABASE_URL: url.href },
      async () => {
        const client = new pg.Client({ connectionString: url.href });
        client.on('error', () => {}); // dropped with the database if a step fails
        await client.connect();
        /** @type {Query} */
        const q = (sql, params) => client.query(sql, params);
        return { q, close: () => client.end() };
      },
      kept,
    );
  } finally {
    await Promise.all([...servers].map((server) => server.close()));
    if (!KEEP) await admin.query(`drop database if exists ${BENCH_DB} with (force)`);
    await admin.end();
  }
}

if (ONLY !== 'postgres') {
  // --keep and --reuse as for Postgres, in BENCH_PGLITE_DIR (a fresh temporary directory without it)
  const dir = process.env.BENCH_PGLITE_DIR ?? mkdtempSync(join(tmpdir(), 'stats-scale-'));
  const kept = REUSE && existsSync(join(dir, 'PG_VERSION'));
  if (!kept) rmSync(dir, { recursive: true, force: true });
  const require = createRequire(join(root, 'packages/server/package.json'));
  const { PGlite } = await import(pathToFileURL(require.resolve('@electric-sql/pglite')).href);
  try {
    await runEngine(
      'pglite_',
      sized(0.1),
      { DATA_DIR: dir },
      async () => {
        const lite = await PGlite.create(dir);
        return {
          /** @type {Query} */
          q: async (sql, params) => {
            const r = await lite.query(sql, params);
            return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
          },
          close: () => lite.close(),
        };
      },
      kept,
    );
  } finally {
    if (KEEP && process.env.BENCH_PGLITE_DIR) console.log(`pglite_kept=${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}
