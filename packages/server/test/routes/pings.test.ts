import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import type { PingRow } from '../../src/db/queries/pings.ts';
import * as pingQueries from '../../src/db/queries/pings.ts';
import { isDataError } from '../../src/db/sqlstate.ts';
import * as groupCommitModule from '../../src/domain/group-commit.ts';
import { testClock } from '../clock.ts';
import { describeEachDb } from '../databases.ts';
import { FREE_WIDGET, PAID_WIDGET, ping, seedOwners, testApp } from '../fixtures.ts';

describeEachDb('POST /v1/pings', (db) => {
  const env = { QUALIFY_MIN_VISITORS: '3', PING_RATE_PER_IP: '100000' };
  let app: FastifyInstance;
  // One app for the suite (tests that need other settings build their own). The database is
  // emptied between tests, but the app remembers widgets by id: which have qualified (never
  // checked again), which were marked seen in the last minute, which checks failed, which
  // widgets exist, and how many pings each sent this minute. So each test's two owners get
  // widgets with ids of that test's own, and nothing an earlier test left in memory applies.
  let shared: FastifyInstance;
  let n = 0;
  /** This test's widgets: the free owner's and the paid owner's (seedOwners', renamed). */
  let free: string;
  let paid: string;
  beforeAll(async () => {
    shared = await testApp(db(), env);
  });
  afterAll(() => shared.close());
  beforeEach(async () => {
    app = shared;
    n++;
    free = `wdg_free-${String(n).padStart(4, '0')}`;
    paid = `wdg_paid-${String(n).padStart(4, '0')}`;
    await seedOwners(db());
    await db().query('update widgets set id = case id when $1 then $3 else $4 end where id in ($1, $2)', [
      FREE_WIDGET,
      PAID_WIDGET,
      free,
      paid,
    ]);
  });
  afterEach(async () => {
    if (app !== shared) await app.close();
  });

  const post = (body: unknown, contentType = 'application/json') =>
    app.inject({
      method: 'POST',
      url: '/v1/pings',
      headers: { 'content-type': contentType },
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const count = async (sql: string, params: unknown[] = []) =>
    (await db().query<{ n: number }>(`select count(*)::int as n from ${sql}`, params)).rows[0]?.n;

  it('stores a JSON ping and answers 204 once it is committed', async () => {
    const res = await post(ping(free));
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const { rows } = await db().query('select widget_id, kind, origin, path, public_origin from pings');
    expect(rows).toEqual([
      {
        widget_id: free,
        kind: 'install',
        origin: 'https://shop.example.com',
        path: '/products',
        public_origin: true,
      },
    ]);
  });

  it('accepts text/plain JSON, as navigator.sendBeacon sends it', async () => {
    const res = await post(JSON.stringify(ping(free)), 'text/plain;charset=UTF-8');
    expect(res.statusCode).toBe(204);
    expect(await count('pings')).toBe(1);
  });

  // The bodies are made in the test, for its own widget: each is wrong in one way only.
  it.each([
    ['not JSON', () => '{"widgetId":', 'text/plain', 400, 'invalid_json'],
    ['malformed JSON', () => '{"widgetId":', 'application/json', 400, 'invalid_json'],
    ['an empty body', () => '', 'application/json', 400, 'invalid_json'],
    ['an array', () => '[]', 'application/json', 400, 'invalid_ping'],
    ['a malformed widget id', () => ({ ...ping(free), widgetId: 'nope' }), 'application/json', 400, 'invalid_ping'],
    ['an unknown kind', () => ({ ...ping(free), kind: 'boot' }), 'application/json', 400, 'invalid_ping'],
    [
      'a javascript: url',
      () => ({ ...ping(free), url: 'javascript:alert(1)' }),
      'application/json',
      400,
      'invalid_ping',
    ],
    ['a missing visitor id', () => ({ ...ping(free), visitorId: undefined }), 'application/json', 400, 'invalid_ping'],
    [
      'a host label longer than DNS allows',
      () => ({ ...ping(free), url: `https://${'a'.repeat(64)}.example.com/` }),
      'application/json',
      400,
      'invalid_ping',
    ],
    [
      // 600 CJK characters: 1.8 KB of body, about 1,900 characters once in punycode
      'a host name longer than DNS allows once in punycode',
      () => ({ ...ping(free), url: `https://${'\u4e2d'.repeat(300)}.${'\u4e2d'.repeat(300)}.com/` }),
      'application/json',
      400,
      'invalid_ping',
    ],
    ['an unknown widget', () => ping('wdg_nosuchwidget0001'), 'application/json', 404, 'unknown_widget'],
    ['an oversized body', () => ({ ...ping(free), pad: 'x'.repeat(5000) }), 'application/json', 413, 'too_large'],
    ['form data', () => 'a=1', 'application/x-www-form-urlencoded', 415, 'unsupported_media_type'],
  ])('refuses %s', async (_name, body, contentType, status, error) => {
    const res = await post(body(), contentType);
    expect(res.statusCode).toBe(status);
    expect(res.json()).toMatchObject({ error, message: expect.any(String) });
    expect(await count('pings')).toBe(0);
  });

  it('names the bad field in its message', async () => {
    const res = await post({ ...ping(free), kind: 'boot' });
    expect(res.json().message).toBe('kind must be one of install, heartbeat');
  });

  it('keeps one ping per visitor, widget and day, and rolls them up per origin and day', async () => {
    const a = ping(free);
    const b = ping(free, { kind: 'heartbeat', url: 'https://shop.example.com/cart', brandingTampered: true });
    for (const body of [a, a, b, ping(free, { url: 'http://localhost:5173/' })]) {
      expect((await post(body)).statusCode).toBe(204);
    }
    expect(await count('pings')).toBe(3);
    const { rows } = await db().query(
      'select origin, visitors, installs, heartbeats, tampered from ping_daily order by origin',
    );
    expect(rows).toEqual([
      { origin: 'http://localhost:5173', visitors: 1, installs: 1, heartbeats: 0, tampered: 0 },
      { origin: 'https://shop.example.com', visitors: 2, installs: 1, heartbeats: 1, tampered: 1 },
    ]);
    const widget = await db().query<{ tampered: boolean; seen: boolean }>(
      'select branding_tampered_at is not null as tampered, last_ping_at is not null as seen from widgets where id = $1',
      [free],
    );
    expect(widget.rows[0]).toEqual({ tampered: true, seen: true });
  });

  it('qualifies a widget once, when enough distinct visitors ping from one public origin', async () => {
    const qualifiedAt = async () =>
      (
        await db().query<{ at: Date | null; origin: string | null }>(
          'select qualified_at as at, qualified_origin as origin from widgets where id = $1',
          [free],
        )
      ).rows[0];
    // Local and private origins never count, however many visitors.
    for (const url of [
      'http://localhost:3000/',
      'http://192.168.1.20/',
      'https://intranet/',
      'http://shop.local/',
      'file:///x',
    ]) {
      for (let i = 0; i < 3; i++) await post(ping(free, { url: url.startsWith('file') ? 'https://127.0.0.1/' : url }));
    }
    expect((await qualifiedAt())?.at).toBeNull();
    await post(ping(free));
    await post(ping(free, { url: 'https://other.example.org/' }));
    await post(ping(free));
    expect((await qualifiedAt())?.at).toBeNull(); // 2 on shop.example.com, 1 elsewhere
    await post(ping(free, { url: 'https://shop.example.com/about' }));
    const first = await qualifiedAt();
    expect(first).toEqual({ at: expect.any(Date), origin: 'https://shop.example.com' });
    for (let i = 0; i < 5; i++) await post(ping(free, { url: 'https://other.example.org/' }));
    expect(await qualifiedAt()).toEqual(first);
  });

  it('qualifies only with visitors from enough networks: visitor ids alone are the client’s word', async () => {
    app = await testApp(db(), { QUALIFY_MIN_VISITORS: '3', QUALIFY_MIN_NETWORKS: '2', PING_RATE_PER_IP: '100000' });
    const from = (remoteAddress: string) =>
      app.inject({ method: 'POST', url: '/v1/pings', payload: ping(free), remoteAddress });
    const qualified = async () =>
      (await db().query('select 1 from widgets where id = $1 and qualified_at is not null', [free])).rows.length > 0;
    // Five invented visitors from one IPv4 address, then one from IPv6: the second network.
    for (let i = 0; i < 5; i++) expect((await from('203.0.113.5')).statusCode).toBe(204);
    expect(await qualified()).toBe(false);
    expect((await from('2001:db8:1:2::10')).statusCode).toBe(204);
    expect(await qualified()).toBe(true);
    const status = await pingQueries.installStatus(db(), free, new Date());
    expect(status?.origins[0]).toMatchObject({ visitors: 6, networks: 2 });
    const { rows } = await db().query<{ network: string }>('select distinct network from widget_visitors');
    expect(rows.every((r) => /^[0-9a-f]{32}$/.test(r.network))).toBe(true); // hashed, never the address
  });

  it('behind one trusted proxy, takes the address the proxy saw, not one the client wrote', async () => {
    app = await testApp(db(), {
      QUALIFY_MIN_VISITORS: '3',
      QUALIFY_MIN_NETWORKS: '2',
      PING_RATE_PER_IP: '100000',
      TRUST_PROXY: '1',
    });
    for (let i = 1; i <= 4; i++) {
      const res = await app.inject({
        method: 'POST',
        url: '/v1/pings',
        payload: ping(free),
        remoteAddress: '10.0.0.2', // the proxy
        headers: { 'x-forwarded-for': `198.51.100.${i}, 203.0.113.9` }, // the client's own claims first
      });
      expect(res.statusCode).toBe(204);
    }
    const status = await pingQueries.installStatus(db(), free, new Date());
    expect(status).toMatchObject({ qualifiedAt: null, origins: [{ visitors: 4, networks: 1 }] });
  });

  it('counts every address of one IPv6 /48 as one network', async () => {
    app = await testApp(db(), { QUALIFY_MIN_VISITORS: '2', QUALIFY_MIN_NETWORKS: '2', PING_RATE_PER_IP: '100000' });
    for (const ip of ['2001:db8:1:2::10', '2001:db8:1:ff::1', '2001:db8:1:2:aaaa:bbbb:cccc:dddd']) {
      await app.inject({ method: 'POST', url: '/v1/pings', payload: ping(free), remoteAddress: ip });
    }
    const status = await pingQueries.installStatus(db(), free, new Date());
    expect(status).toMatchObject({ qualifiedAt: null, origins: [{ visitors: 3, networks: 1 }] });
  });

  it('reports install status: origins, visitors and qualification', async () => {
    for (let i = 0; i < 3; i++) await post(ping(paid, { url: 'https://paid.example.com/' }));
    await post(ping(paid, { url: 'http://localhost:8080/' }));
    const status = await pingQueries.installStatus(db(), paid, new Date());
    expect(status).toMatchObject({
      qualifiedOrigin: 'https://paid.example.com',
      origins: [
        { origin: 'https://paid.example.com', publicOrigin: true, visitors: 3, visitorDays30d: 3 },
        // Seen after the widget qualified: listed with its activity, no longer counted.
        { origin: 'http://localhost:8080', publicOrigin: false, visitors: 0, visitorDays30d: 1 },
      ],
    });
  });

  it('commits concurrent pings together: N rows in far fewer writes', async () => {
    const before = app.pings.writer.stats.writes;
    const results = await Promise.all(Array.from({ length: 200 }, () => post(ping(free))));
    expect(results.every((r) => r.statusCode === 204)).toBe(true);
    expect(await count('pings')).toBe(200);
    const writes = app.pings.writer.stats.writes - before;
    expect(writes).toBeGreaterThan(0);
    expect(writes).toBeLessThanOrEqual(20);
  });

  it('builds its writer from the group-commit settings (PING_MAX_BATCH, PING_WRITE_CONCURRENCY, PING_GATHER_MS)', async () => {
    const built = vi.spyOn(groupCommitModule, 'groupCommit');
    try {
      app = await testApp(db(), { PING_MAX_BATCH: '77', PING_WRITE_CONCURRENCY: '3', PING_GATHER_MS: '9' });
      expect(built).toHaveBeenCalledWith(expect.any(Function), { maxBatch: 77, concurrency: 3, gatherMs: 9 });
    } finally {
      built.mockRestore();
    }
    expect((await post(ping(free))).statusCode).toBe(204);
  });

  it('stores the rest of a batch when the database refuses one of its pings, which gets a 400', async () => {
    const bad = 'visitorrefused000001';
    // A test-only constraint stands for any row the database refuses that validation let by.
    await db().query(`alter table pings add constraint test_refused check (visitor_id <> '${bad}')`);
    const write = vi.spyOn(pingQueries, 'writePingBatch');
    try {
      const bodies = Array.from({ length: 20 }, (_, i) => ping(free, i === 7 ? { visitorId: bad } : {}));
      const codes = (await Promise.all(bodies.map((body) => post(body)))).map((r) => r.statusCode);
      expect(codes).toEqual(bodies.map((_, i) => (i === 7 ? 400 : 204)));
      expect(await count('pings')).toBe(19);
      // The refused ping was in a batch with others, which were then written one by one.
      expect(write.mock.calls.some(([, rows]) => rows.length > 1 && rows.some((r) => r.visitorId === bad))).toBe(true);
    } finally {
      write.mockRestore();
      await db().query('alter table pings drop constraint test_refused');
    }
  });

  // Rows for the writer itself: added in one turn, they are one batch, so the count of
  // statements is exact.
  const rows = (n: number, bad: number[]): PingRow[] =>
    Array.from({ length: n }, (_, i) => ({
      widgetId: free,
      visitorId: bad.includes(i)
        ? `visitorrefused${String(i).padStart(6, '0')}`
        : `visitorkept${String(i).padStart(9, '0')}`,
      day: '2026-11-24',
      kind: 'install' as const,
      origin: 'https://shop.example.com',
      path: '/',
      publicOrigin: true,
      sdkVersion: '0.1.0',
      brandingTampered: false,
      network: 'net',
    }));
  const settle = (batch: PingRow[]) => Promise.allSettled(batch.map((row) => app.pings.writer.add(row)));
  const refuseTestRows = () =>
    db().query(`alter table pings add constraint test_refused check (visitor_id not like 'visitorrefused%')`);

  it('finds the refused rows of a batch in halves, not one statement per row', async () => {
    await refuseTestRows();
    const write = vi.spyOn(pingQueries, 'writePingBatch');
    try {
      const outcomes = await settle(rows(32, [5, 20]));
      expect(outcomes.map((o) => o.status)).toEqual(
        Array.from({ length: 32 }, (_, i) => (i === 5 || i === 20 ? 'rejected' : 'fulfilled')),
      );
      for (const i of [5, 20]) {
        const outcome = outcomes[i];
        expect(outcome?.status === 'rejected' && isDataError(outcome.reason)).toBe(true);
      }
      expect(await count('pings')).toBe(30);
      // The whole batch, then each refused row's half, quarter, … (2 × 4 levels × 2 parts);
      // one row at a time would have been 1 + 32.
      expect(write.mock.calls[0]?.[1]).toHaveLength(32);
      expect(write).toHaveBeenCalledTimes(1 + 2 + 2 * 8);
    } finally {
      write.mockRestore();
      await db().query('alter table pings drop constraint test_refused');
    }
  });

  it('refuses with 503 the rows of a part whose write fails for another reason than its data', async () => {
    await refuseTestRows();
    const real = pingQueries.writePingBatch;
    const write = vi.spyOn(pingQueries, 'writePingBatch');
    write.mockImplementationOnce(real).mockRejectedValueOnce(new Error('connection lost'));
    try {
      const outcomes = await settle(rows(8, [6]));
      const reasons = outcomes.map((o) =>
        o.status === 'fulfilled' ? 'stored' : isDataError(o.reason) ? 'refused' : (o.reason as Error).message,
      );
      // The first half's write was lost: those pings are not acknowledged, and may be sent again.
      expect(reasons).toEqual([
        'connection lost',
        'connection lost',
        'connection lost',
        'connection lost',
        'stored',
        'stored',
        'refused',
        'stored',
      ]);
      expect(await count('pings')).toBe(3);
    } finally {
      write.mockRestore();
      await db().query('alter table pings drop constraint test_refused');
    }
  });

  it('checks qualification again with the next batch when the check failed, whatever that batch holds', async () => {
    const qualified = async () =>
      (await db().query('select 1 from widgets where id = $1 and qualified_at is not null', [free])).rows.length > 0;
    await post(ping(free));
    await post(ping(free));
    const check = vi.spyOn(pingQueries, 'qualifyWidgets').mockRejectedValueOnce(new Error('connection lost'));
    const seen = vi.spyOn(pingQueries, 'markWidgetSeen').mockRejectedValue(new Error('connection lost'));
    try {
      // The third visitor: stored and acknowledged, but its check failed.
      expect((await post(ping(free))).statusCode).toBe(204);
      expect(check).toHaveBeenCalledTimes(1);
      expect(await qualified()).toBe(false);
      // Another widget's ping, from another origin: its batch checks the failed pair too, and
      // a failure to mark widgets seen does not stop it.
      expect((await post(ping(paid, { url: 'https://other.example.org/' }))).statusCode).toBe(204);
      expect(await qualified()).toBe(true);
    } finally {
      check.mockRestore();
      seen.mockRestore();
    }
    // The mark that failed is written with the next batch, not a minute later.
    await post(ping(paid, { url: 'https://other.example.org/' }));
    const { rows } = await db().query('select last_ping_at as at from widgets where id = $1', [paid]);
    expect(rows[0]?.at).toEqual(expect.any(Date));
  });

  it('keeps a failed check for the next batch even when another batch’s check succeeds meanwhile', async () => {
    // Two writes in flight, one ping each, so two checks run at once.
    app = await testApp(db(), {
      QUALIFY_MIN_VISITORS: '3',
      PING_RATE_PER_IP: '100000',
      PING_WRITE_CONCURRENCY: '2',
      PING_MAX_BATCH: '1',
      PING_GATHER_MS: '0',
    });
    const qualified = async () =>
      (await db().query('select 1 from widgets where id = $1 and qualified_at is not null', [free])).rows.length > 0;
    await post(ping(free));
    await post(ping(free));
    const real = pingQueries.qualifyWidgets;
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let failed = false;
    const check = vi.spyOn(pingQueries, 'qualifyWidgets').mockImplementation(async (...args) => {
      const [, pairs] = args;
      if (pairs.some((p) => p.widgetId === free) && !failed) {
        failed = true;
        throw new Error('connection lost');
      }
      if (pairs.every((p) => p.widgetId === paid) && check.mock.calls.length === 1) await held;
      return real(...args);
    });
    try {
      // The other widget's check starts and is held; this one's fails meanwhile; then the
      // held one succeeds.
      const other = post(ping(paid, { url: 'https://other.example.org/' }));
      await vi.waitFor(() => expect(check).toHaveBeenCalledTimes(1));
      expect((await post(ping(free))).statusCode).toBe(204);
      expect(failed).toBe(true);
      release();
      expect((await other).statusCode).toBe(204);
      expect(await qualified()).toBe(false);
      await post(ping(paid, { url: 'https://other.example.org/' }));
      expect(await qualified()).toBe(true);
    } finally {
      check.mockRestore();
    }
  });

  it('acknowledges nothing that was not committed: a failed batch answers 503 and stores nothing', async () => {
    const write = vi.spyOn(pingQueries, 'writePingBatch');
    write.mockRejectedValueOnce(new Error('connection lost'));
    const results = await Promise.all(Array.from({ length: 50 }, () => post(ping(free))));
    const acknowledged = results.filter((r) => r.statusCode === 204).length;
    const refused = results.filter((r) => r.statusCode === 503);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]?.json()).toEqual({
      error: 'unavailable',
      message: 'The ping could not be stored; try again later',
    });
    expect(acknowledged + refused.length).toBe(50);
    expect(await count('pings')).toBe(acknowledged);
    write.mockRestore();
  });
});

describeEachDb('ping rate limits', (db) => {
  let app: FastifyInstance | undefined;
  beforeEach(() => seedOwners(db()));
  afterEach(() => app?.close());

  it('limits pings per IP address', async () => {
    app = await testApp(db(), { PING_RATE_PER_IP: '3' });
    const codes = [];
    for (let i = 0; i < 5; i++) {
      codes.push((await app.inject({ method: 'POST', url: '/v1/pings', payload: ping(FREE_WIDGET) })).statusCode);
    }
    expect(codes).toEqual([204, 204, 204, 429, 429]);
    const other = await app.inject({
      method: 'POST',
      url: '/v1/pings',
      payload: ping(FREE_WIDGET),
      remoteAddress: '10.9.9.9',
    });
    expect(other.statusCode).toBe(204);
  });

  it('limits pings per widget, across addresses', async () => {
    app = await testApp(db(), { PING_RATE_PER_WIDGET: '2' });
    const send = (widgetId: string, i: number) =>
      app?.inject({ method: 'POST', url: '/v1/pings', payload: ping(widgetId), remoteAddress: `10.0.0.${i}` });
    const codes = [];
    for (let i = 1; i <= 3; i++) codes.push((await send(FREE_WIDGET, i))?.statusCode);
    expect(codes).toEqual([204, 204, 429]);
    const limited = await send(FREE_WIDGET, 9);
    expect(limited?.json()).toMatchObject({ error: 'rate_limited' });
    expect(limited?.headers['retry-after']).toBeDefined();
    expect((await send(PAID_WIDGET, 10))?.statusCode).toBe(204);
  });

  it('spends no widget allowance on widgets that do not exist', async () => {
    app = await testApp(db(), { PING_RATE_PER_WIDGET: '2', PING_RATE_PER_IP: '1000' });
    for (let i = 0; i < 5; i++) {
      const res = await app.inject({ method: 'POST', url: '/v1/pings', payload: ping('wdg_nosuchwidget0001') });
      expect(res.statusCode).toBe(404);
    }
    const codes = [];
    for (let i = 0; i < 3; i++) {
      codes.push((await app.inject({ method: 'POST', url: '/v1/pings', payload: ping(FREE_WIDGET) })).statusCode);
    }
    expect(codes).toEqual([204, 204, 429]);
  });

  it('spends no widget allowance on pings from hosts the widget refuses', async () => {
    app = await testApp(db(), { PING_RATE_PER_WIDGET: '2', PING_RATE_PER_IP: '1000' });
    await db().query(`update widgets set allowed_domains = '{shop.example.com}' where id = $1`, [FREE_WIDGET]);
    const send = async (url: string) =>
      (await app?.inject({ method: 'POST', url: '/v1/pings', payload: ping(FREE_WIDGET, { url }) }))?.statusCode;
    for (let i = 0; i < 5; i++) expect(await send('https://attacker.example.org/')).toBe(403);
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push(await send('https://shop.example.com/'));
    expect(codes).toEqual([204, 204, 429]);
  });

  it('counts an IPv6 sender by its /64, however many addresses it rotates through', async () => {
    app = await testApp(db(), { PING_RATE_PER_IP: '2' });
    const from = async (remoteAddress: string) =>
      (await app?.inject({ method: 'POST', url: '/v1/pings', payload: ping(FREE_WIDGET), remoteAddress }))?.statusCode;
    const codes = [];
    const oneHost = ['2001:db8:7:1::1', '2001:db8:7:1::2', '2001:db8:7:1:ffff::1', '2001:db8:7:1:abcd:ef01:2:3'];
    for (const address of oneHost) codes.push(await from(address));
    expect(codes).toEqual([204, 204, 429, 429]);
    // Another subscriber of the same carrier /48 has its own allowance.
    expect(await from('2001:db8:7:2::1')).toBe(204);
  });

  it('writes a widget’s tamper reports at most once a minute, the first at once', async () => {
    const clock = testClock();
    app = await testApp(db(), {}, clock);
    const start = clock.now().getTime();
    const tamperedAt = async () => {
      const { rows } = await db().query<{ at: Date }>('select branding_tampered_at as at from widgets where id = $1', [
        FREE_WIDGET,
      ]);
      return (rows[0]?.at.getTime() ?? Number.NaN) - start;
    };
    const report = async () => {
      const res = await app?.inject({
        method: 'POST',
        url: '/v1/pings',
        payload: ping(FREE_WIDGET, { brandingTampered: true }),
      });
      expect(res?.statusCode).toBe(204);
    };
    await report();
    expect(await tamperedAt()).toBe(0);
    clock.advanceMs(30_000);
    await report();
    expect(await tamperedAt()).toBe(0);
    clock.advanceMs(30_000);
    await report();
    expect(await tamperedAt()).toBe(60_000);
  });

  it('lets a limited sender in again once its minute is over', async () => {
    const clock = testClock();
    app = await testApp(db(), { PING_RATE_PER_IP: '1' }, clock);
    const post = async () =>
      (await app?.inject({ method: 'POST', url: '/v1/pings', payload: ping(FREE_WIDGET) }))?.statusCode;
    expect([await post(), await post()]).toEqual([204, 429]);
    clock.advanceMs(59_000);
    expect(await post()).toBe(429);
    clock.advanceMs(1_000);
    expect(await post()).toBe(204);
  });
});
