import { type PingKind, utcDay } from '@callbell/protocol';
import { isPublicOrigin } from '../../domain/origin.ts';
import { boolArray, textArray } from '../array-literal.ts';
import type { Db } from '../client.ts';

/** A validated ping as stored: the page address already split, the UTC day fixed at receipt. */
export interface PingRow {
  widgetId: string;
  visitorId: string;
  day: string;
  kind: PingKind;
  origin: string;
  path: string;
  publicOrigin: boolean;
  sdkVersion: string;
  brandingTampered: boolean;
  /** Salted hash of the sender's network (domain/network.ts), never the address. */
  network: string;
}

type TextColumn = { [K in keyof PingRow]: PingRow[K] extends string ? K : never }[keyof PingRow];
type BoolColumn = { [K in keyof PingRow]: PingRow[K] extends boolean ? K : never }[keyof PingRow];

export interface Qualified {
  widgetId: string;
  accountId: string;
  origin: string;
  qualifiedAt: Date;
}

/**
 * A subquery finding `network` among the networks the referrer of `account` signed up or
 * logged in from (as installs count them): those never count toward its referees' installs.
 */
const referrerNetwork = (account: string, network: string) =>
  `select 1 from referrals r join account_networks an on an.account_id = r.referrer_id and an.network_wide = ${network}
   where r.referee_id = ${account}`;

// One statement whatever the batch size: the rows travel as one array per column. A single
// statement is atomic, so the batch needs no explicit transaction: one round trip. Rows are
// written in key order, so concurrent batches take their row locks in one order (defensive:
// with several writes in flight; a deadlock could not be provoked in tests even without it).
const WRITE_BATCH = `
with input as (
  select * from unnest($1::text[], $2::text[], $3::date[], $4::text[], $5::text[], $6::text[], $7::bool[], $8::text[], $9::bool[], $10::text[])
    as t (widget_id, visitor_id, day, kind, origin, path, public_origin, sdk_version, branding_tampered, network)
), inserted as (
  insert into pings (widget_id, visitor_id, day, kind, origin, path, public_origin, sdk_version, branding_tampered, network)
  select * from input order by widget_id, visitor_id, day
  on conflict (widget_id, visitor_id, day) do nothing
  returning widget_id, visitor_id, day, kind, origin, public_origin, branding_tampered, network
), counted as (
  select * from inserted where widget_id = any($11::text[])
), daily as (
  insert into ping_daily (widget_id, origin, day, visitors, installs, heartbeats, tampered)
  select widget_id, origin, day, count(*), count(*) filter (where kind = 'install'),
         count(*) filter (where kind = 'heartbeat'), count(*) filter (where branding_tampered)
  from inserted group by widget_id, origin, day order by widget_id, origin, day
  on conflict (widget_id, origin, day) do update set
    visitors = ping_daily.visitors + excluded.visitors,
    installs = ping_daily.installs + excluded.installs,
    heartbeats = ping_daily.heartbeats + excluded.heartbeats,
    tampered = ping_daily.tampered + excluded.tampered
), visitors as (
  insert into widget_visitors (widget_id, origin, visitor_id, public_origin, network)
  select distinct on (widget_id, origin, visitor_id) widget_id, origin, visitor_id, public_origin, network
  from counted order by widget_id, origin, visitor_id
  on conflict (widget_id, origin, visitor_id) do nothing
), networks as (
  insert into widget_networks (widget_id, origin, network, public_origin, first_seen_on)
  select distinct on (widget_id, origin, network) widget_id, origin, network, public_origin, day
  from counted where network is not null order by widget_id, origin, network, day
  on conflict (widget_id, origin, network) do nothing
)
select count(*)::int as inserted from inserted`;

// Runs after the batch has committed, so it sees the visitors just added. Enough visitors, and
// from enough distinct networks (visitor ids are the client's word; networks are not), on one
// origin. Only the (widget, origin) pairs this batch touched, of widgets not yet qualified, are
// looked at: an origin no ping came from has not changed since it was last checked. So the cost
// grows neither with a widget's audience nor with the origins anyone invents for it (a review
// measured 0.8 s a batch once one widget had a million network rows over many origins, when
// the check still grouped them all). Visitors are counted only up to the number needed. The
// row lock taken by UPDATE … WHERE qualified_at IS NULL makes the moment of qualification
// unique even when two instances write at once. Networks the referrer of the widget's owner
// signed up or logged in from never count, nor do visitors from them (an index probe each:
// the networks counted are few). A widget that qualifies has its page check queued with it.
const QUALIFY = `
with q as (
  update widgets w set qualified_at = $4, qualified_origin = q.origin
  from (
    select distinct on (n.widget_id) n.widget_id, n.origin
    from (select distinct * from unnest($1::text[], $2::text[]) as t (widget_id, origin)) touched
    join widgets u on u.id = touched.widget_id and u.qualified_at is null
    join widget_networks n on n.widget_id = touched.widget_id and n.origin = touched.origin
    where n.public_origin and not exists (${referrerNetwork('u.account_id', 'n.network')})
    group by n.widget_id, n.origin, u.account_id
    having count(*) >= $5
       and (select count(*) from (select 1 from widget_visitors v
            where v.widget_id = n.widget_id and v.origin = n.origin
              and not exists (${referrerNetwork('u.account_id', 'v.network')}) limit $3) enough) >= $3
    order by n.widget_id, count(*) desc, n.origin
  ) q
  where w.id = q.widget_id and w.qualified_at is null
  returning w.id as "widgetId", w.account_id as "accountId", w.qualified_origin as origin, w.qualified_at as "qualifiedAt"
), checks as (
  insert into install_checks (widget_id, origin, state, next_attempt_at, created_at)
  select "widgetId", origin, 'checking', $4, $4 from q
  on conflict (widget_id) do nothing
)
select * from q`;

/**
 * Stores a batch of pings in one statement: raw rows (repeats of a visitor's day ignored),
 * daily counts, and, for the widgets in `counting` (those not known to have qualified), the
 * distinct visitors and networks that qualification counts. Once a widget has qualified its
 * counts stop growing: qualification never reads them again, and install status shows them as
 * what qualification counted (measured: Postgres CPU per new-visitor ping 22 -> 17 µs without
 * those writes). Returns how many pings were new.
 */
export async function writePingBatch(db: Db, rows: PingRow[], counting: readonly string[]): Promise<number> {
  const text = (key: TextColumn) => textArray(rows.map((row) => row[key]));
  const bool = (key: BoolColumn) => boolArray(rows.map((row) => row[key]));
  const written = await db.query<{ inserted: number }>(
    WRITE_BATCH,
    [
      text('widgetId'),
      text('visitorId'),
      text('day'),
      text('kind'),
      text('origin'),
      text('path'),
      bool('publicOrigin'),
      text('sdkVersion'),
      bool('brandingTampered'),
      text('network'),
      textArray(counting),
    ],
    'ping_batch',
  );
  return written.rows[0]?.inserted ?? 0;
}

/**
 * Notes that a widget was seen alive now (and, from a public page, alive where it counts), and
 * that its footer was reported tampered if so. One row per statement, outside the batch, so
 * batches never contend for widget rows.
 */
export async function markWidgetSeen(
  db: Db,
  widgetId: string,
  seen: { tampered: boolean; isPublic: boolean; now: Date },
): Promise<void> {
  await db.query(
    `update widgets set last_ping_at = greatest(last_ping_at, $3),
       last_public_ping_at = case when $4 then greatest(last_public_ping_at, $3) else last_public_ping_at end,
       branding_tampered_at = case when $2 then $3 else branding_tampered_at end
     where id = $1`,
    [widgetId, seen.tampered, seen.now, seen.isPublic],
  );
}

/**
 * Records the qualification of those widgets that have now been seen by `minVisitors` distinct
 * visitors from `minNetworks` networks on one public origin, checking only the origins given
 * (those a batch just wrote to). Idempotent: a widget qualifies once.
 */
export async function qualifyWidgets(
  db: Db,
  touched: readonly { widgetId: string; origin: string }[],
  rule: { minVisitors: number; minNetworks: number },
  now: Date,
): Promise<Qualified[]> {
  if (!touched.length) return [];
  return (
    await db.query<Qualified>(QUALIFY, [
      textArray(touched.map((t) => t.widgetId)),
      textArray(touched.map((t) => t.origin)),
      rule.minVisitors,
      now,
      rule.minNetworks,
    ])
  ).rows;
}

/** Deletes raw pings older than the retention period; the daily counts keep their history. */
export async function pruneRawPings(db: Db, retentionDays: number): Promise<number> {
  const { rowCount } = await db.query(`delete from pings where received_at < now() - make_interval(days => $1)`, [
    retentionDays,
  ]);
  return rowCount;
}

export interface InstallStatus {
  qualifiedAt: Date | null;
  qualifiedOrigin: string | null;
  lastPingAt: Date | null;
  origins: InstallOrigin[];
}

/** An origin the widget was seen on. */
export interface InstallOrigin {
  origin: string;
  /** Whether pings there can qualify it (not localhost, an IP or a private name). */
  publicOrigin: boolean;
  /**
   * Visitors and networks counted toward qualification (never the referrer's networks, nor
   * visitors from them); counting stops once it qualifies.
   */
  visitors: number;
  networks: number;
  /** The last UTC day a new visitor-day was stored (YYYY-MM-DD). */
  lastSeenOn: string;
  /** Visitor-days in the 30 days up to `now` (a visitor seen on three days counts three). */
  visitorDays30d: number;
}

/**
 * What the platform knows about a widget's installation: every origin it has been seen on
 * (from the daily counts, which keep their history), what qualification counted there, and
 * recent activity. Null if the widget does not exist.
 */
export async function installStatus(db: Db, widgetId: string, now: Date): Promise<InstallStatus | null> {
  const widget = await db.query<{
    accountId: string;
    qualifiedAt: Date | null;
    qualifiedOrigin: string | null;
    lastPingAt: Date | null;
  }>(
    `select account_id as "accountId", qualified_at as "qualifiedAt", qualified_origin as "qualifiedOrigin",
       last_ping_at as "lastPingAt"
     from widgets where id = $1`,
    [widgetId],
  );
  const found = widget.rows[0];
  if (!found) return null;
  const { accountId, ...row } = found;
  const origins = await db.query<Omit<InstallOrigin, 'publicOrigin'>>(
    `select d.origin, to_char(max(d.day), 'YYYY-MM-DD') as "lastSeenOn",
            coalesce(sum(d.visitors) filter (where d.day > $2::date - 30), 0)::int as "visitorDays30d",
            (select count(*) from widget_visitors v where v.widget_id = $1 and v.origin = d.origin
               and not exists (${referrerNetwork('$3', 'v.network')}))::int as visitors,
            (select count(*) from widget_networks n where n.widget_id = $1 and n.origin = d.origin
               and not exists (${referrerNetwork('$3', 'n.network')}))::int as networks
     from ping_daily d where d.widget_id = $1
     group by d.origin order by visitors desc, "visitorDays30d" desc, d.origin`,
    [widgetId, utcDay(now.getTime()), accountId],
  );
  return { ...row, origins: origins.rows.map((o) => ({ ...o, publicOrigin: isPublicOrigin(o.origin) })) };
}
