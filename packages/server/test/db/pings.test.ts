import { expect, it } from 'vitest';
import { installStatus, type PingRow, qualifyWidgets, writePingBatch } from '../../src/db/queries/pings.ts';
import { describeEachDb } from '../databases.ts';
import { FREE_WIDGET, PAID_WIDGET, seedOwners } from '../fixtures.ts';

const row = (widgetId: string, visitor: number, origin: string): PingRow => ({
  widgetId,
  visitorId: `visitor${String(visitor).padStart(14, '0')}`,
  day: '2026-11-23',
  kind: 'install',
  origin,
  network: `net${visitor}`,
  path: '/',
  publicOrigin: true,
  sdkVersion: '0.1.0',
  brandingTampered: false,
});

describeEachDb('writePingBatch', (db) => {
  it('counts each visitor-day once when overlapping batches run at once', async () => {
    await seedOwners(db());
    const origins = ['https://a.example.com', 'https://b.example.com', 'https://c.example.com'];
    const rows = [FREE_WIDGET, PAID_WIDGET].flatMap((w) =>
      Array.from({ length: 750 }, (_, i) => row(w, i, origins[i % 3] as string)),
    );
    // The same rows in opposite orders, many at once (the statement sorts them, so concurrent
    // batches take row locks in one order; a deadlock could not be provoked even without it).
    const batches = Array.from({ length: 12 }, (_, i) => (i % 2 ? [...rows].reverse() : rows));
    const inserted = await Promise.all(batches.map((batch) => writePingBatch(db(), batch, [FREE_WIDGET, PAID_WIDGET])));
    expect(inserted.reduce((a, b) => a + b, 0)).toBe(1500);
    const daily = await db().query<{ visitors: number }>('select sum(visitors)::int as visitors from ping_daily');
    expect(daily.rows[0]?.visitors).toBe(1500);
    const distinct = await db().query<{ n: number }>('select count(*)::int as n from widget_visitors');
    expect(distinct.rows[0]?.n).toBe(1500);
  });

  it('counts visitors and networks only for the widgets still counting toward qualification', async () => {
    await seedOwners(db());
    const rows = [FREE_WIDGET, PAID_WIDGET].flatMap((w) => [0, 1, 2].map((i) => row(w, i, 'https://a.example.com')));
    expect(await writePingBatch(db(), rows, [PAID_WIDGET])).toBe(6);
    const counted = await db().query<{ widget_id: string; n: number }>(
      `select widget_id, count(*)::int as n from widget_visitors group by widget_id
       union all select 'networks:' || widget_id, count(*)::int from widget_networks group by widget_id`,
    );
    expect(counted.rows).toEqual([
      { widget_id: PAID_WIDGET, n: 3 },
      { widget_id: `networks:${PAID_WIDGET}`, n: 3 },
    ]);
    const daily = await db().query<{ widget_id: string; visitors: number }>(
      'select widget_id, visitors from ping_daily order by widget_id',
    );
    expect(daily.rows).toEqual([FREE_WIDGET, PAID_WIDGET].sort().map((widget_id) => ({ widget_id, visitors: 3 })));
  });

  it('qualifies on the origins a batch touched only, once', async () => {
    await seedOwners(db());
    const [a, b] = ['https://a.example.com', 'https://b.example.com'];
    await writePingBatch(
      db(),
      [0, 1, 2].map((i) => row(FREE_WIDGET, i, b)),
      [FREE_WIDGET],
    );
    await writePingBatch(db(), [row(FREE_WIDGET, 9, a)], [FREE_WIDGET]);
    const rule = { minVisitors: 3, minNetworks: 3 };
    const now = new Date('2026-11-23T12:00:00Z');
    // b meets the rule, but a batch that wrote only to a has no reason to look at b.
    expect(await qualifyWidgets(db(), [{ widgetId: FREE_WIDGET, origin: a }], rule, now)).toEqual([]);
    const touchedB = [{ widgetId: FREE_WIDGET, origin: b }];
    expect(await qualifyWidgets(db(), touchedB, rule, now)).toMatchObject([{ widgetId: FREE_WIDGET, origin: b }]);
    expect(await qualifyWidgets(db(), touchedB, rule, now)).toEqual([]);
  });

  it('counts visitor-days of the 30 days up to now: day -29 in, day -30 out', async () => {
    await seedOwners(db());
    const day = (d: number) => new Date(Date.UTC(2026, 10, 24 - d)).toISOString().slice(0, 10);
    await db().query(
      `insert into ping_daily (widget_id, origin, day, visitors, installs, heartbeats, tampered)
       values ($1, 'https://a.example.com', $2, 1, 1, 0, 0), ($1, 'https://a.example.com', $3, 10, 10, 0, 0),
              ($1, 'https://a.example.com', $4, 100, 100, 0, 0)`,
      [FREE_WIDGET, day(0), day(29), day(30)],
    );
    const status = await installStatus(db(), FREE_WIDGET, new Date('2026-11-24T23:00:00Z'));
    expect(status?.origins).toEqual([
      {
        origin: 'https://a.example.com',
        publicOrigin: true,
        visitors: 0,
        networks: 0,
        lastSeenOn: '2026-11-24',
        visitorDays30d: 11,
      },
    ]);
  });

  it("still takes the previous release's write of last_seen, so both can run during a rolling deploy", async () => {
    await seedOwners(db());
    const previous = `insert into widget_visitors (widget_id, origin, visitor_id, public_origin, network)
      values ($1, 'https://a.example.com', 'v1', true, 'n1')
      on conflict (widget_id, origin, visitor_id) do update set last_seen = now()`;
    await db().query(previous, [FREE_WIDGET]);
    await db().query(previous, [FREE_WIDGET]);
    expect(await writePingBatch(db(), [row(FREE_WIDGET, 1, 'https://a.example.com')], [FREE_WIDGET])).toBe(1);
    const { rows } = await db().query('select count(*)::int as n from widget_visitors');
    expect(rows).toEqual([{ n: 2 }]);
  });
});
