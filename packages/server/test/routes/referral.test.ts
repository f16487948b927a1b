import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { attributionSeal, type CookieAttribution } from '../../src/domain/attribution.ts';
import { testClock } from '../clock.ts';
import { describeEachDb } from '../databases.ts';
import { FREE_CODE, FREE_WIDGET, PAID_CODE, seedOwners, testApp } from '../fixtures.ts';

const BROWSER =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15';
const LANDING = 'https://callbell.test/signup?plan=free';

describeEachDb('GET /r/:code', (db) => {
  let app: FastifyInstance;
  // One app for the suite: the database is emptied between tests, and each test clicks from an
  // address of its own, so the app's count of clicks per sender network and code (a few a
  // minute) never carries over. The tests of that limit, and of another configuration, build
  // their own app.
  let shared: FastifyInstance;
  let n = 0;
  /** The address this test's clicks come from unless it says otherwise. */
  let ip: string;
  beforeAll(async () => {
    shared = await testApp(db());
  });
  afterAll(() => shared.close());
  beforeEach(async () => {
    await seedOwners(db());
    app = shared;
    n++;
    ip = `203.0.113.${100 + n}`;
  });
  afterEach(async () => {
    if (app !== shared) await app.close();
  });

  const follow = (url: string, headers: Record<string, string> = {}, remoteAddress = ip) =>
    app.inject({ method: 'GET', url, headers: { 'user-agent': BROWSER, ...headers }, remoteAddress });
  const clicks = async () => (await db().query('select * from clicks order by id')).rows;
  /** What an attribution cookie holds, read as the server reads it. */
  const opened = (value: string | undefined): CookieAttribution | null =>
    attributionSeal(app.config.cookieSecret).open(value ?? '', (v) => app.unsignCookie(v));

  it('records the click, sets a sealed first-party cookie and redirects with ref', async () => {
    const res = await follow(`/r/${FREE_CODE.toUpperCase()}?src=widget&w=${FREE_WIDGET}&c=spring`, {
      referer: 'https://shop.example.com/products?secret=1',
    });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(`https://callbell.test/signup?plan=free&ref=${FREE_CODE}`);
    expect(res.headers['cache-control']).toBe('no-store');
    const [row] = await clicks();
    expect(row).toMatchObject({
      account_id: 'acc_free',
      code: FREE_CODE,
      source: 'widget',
      widget_id: FREE_WIDGET,
      campaign: 'spring',
      referring_host: 'shop.example.com',
      bot: false,
    });
    expect(row?.ip_hash).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(row)).not.toContain(ip);

    const cookie = res.cookies.find((c) => c.name === 'cb_ref');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: true, path: '/', maxAge: 90 * 86400 });
    // Opaque: neither the code nor the click's sequence number shows.
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{40,200}$/);
    expect(cookie?.value).not.toContain(FREE_CODE);
    expect(opened(cookie?.value)).toEqual({
      code: FREE_CODE,
      clickId: String((row as { id: unknown }).id),
      at: expect.any(Number),
    });
  });

  it('seals each cookie anew, and refuses one changed by a single character', async () => {
    const a = (await follow(`/r/${FREE_CODE}`)).cookies[0]?.value ?? '';
    const b = (await follow(`/r/${FREE_CODE}`)).cookies[0]?.value ?? '';
    expect(a).not.toBe(b);
    const flipped = `${a.slice(0, 20)}${a[20] === 'A' ? 'B' : 'A'}${a.slice(21)}`;
    expect(opened(flipped)).toBeNull();
    expect(
      attributionSeal('another-secret-that-is-32-characters-long').open(a, () => ({ valid: false, value: null })),
    ).toBeNull();
  });

  it('still reads a signed cookie set before cookies were sealed', async () => {
    const at = Math.floor(Date.now() / 1000);
    const legacy = app.signCookie(`${FREE_CODE}.41.${at}`);
    expect(opened(legacy)).toEqual({ code: FREE_CODE, clickId: '41', at });
  });

  it.each([
    ['a repeated parameter', `/r/${FREE_CODE}?src=widget&src=link&w=a&w=b&c=x&c=y`, true],
    ['a trailing slash', `/r/${FREE_CODE}/`, true],
    ['more path after the code', `/r/${FREE_CODE}/extra/path?src=link`, true],
    ['no code', '/r/', false],
    ['no slash', '/r', false],
    ['a malformed percent-encoding', '/r/%ff', false],
    ['a malformed percent-encoding after a good code', `/r/${FREE_CODE}%ff`, false],
    ['a code over any parameter limit', `/r/${'x'.repeat(5000)}`, false],
    ['a malformed query', `/r/${FREE_CODE}?src=%ff&c=%E0%A4%A`, true],
  ])('redirects a mangled link, %s, to the landing page', async (_case, url, attributed) => {
    const res = await follow(url);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(attributed ? `${LANDING}&ref=${FREE_CODE}` : LANDING);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(await clicks()).toHaveLength(attributed ? 1 : 0);
  });

  it('redirects with the code when the database cannot record the click', async () => {
    const original = app.db.query;
    const query = original.bind(app.db);
    app.db.query = (async (sql: string, params?: unknown[]) => {
      if (/insert into clicks/i.test(sql))
        throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      return query(sql, params);
    }) as typeof app.db.query;
    // The app is shared: the next tests record their clicks again.
    try {
      const res = await follow(`/r/${FREE_CODE}`);
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toBe(`${LANDING}&ref=${FREE_CODE}`);
      expect(res.cookies).toEqual([]);
    } finally {
      app.db.query = original;
    }
  });

  it('redirects an unknown or malformed code without recording or attributing anything', async () => {
    for (const code of ['zzzz9999', '%3Cscript%3E', 'a'.repeat(300)]) {
      const res = await follow(`/r/${code}`);
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toBe(LANDING);
      expect(res.cookies).toEqual([]);
    }
    expect(await clicks()).toEqual([]);
  });

  it('never redirects anywhere but the configured landing page', async () => {
    const res = await follow(
      `/r/${FREE_CODE}?next=https://evil.example&url=//evil.example&redirect=https://evil.example`,
    );
    expect(new URL(String(res.headers.location)).origin).toBe('https://callbell.test');
  });

  it('ignores bad parameters instead of failing: unknown source, bad widget id, long campaign', async () => {
    const res = await follow(`/r/${FREE_CODE}?src=email&w=<x>&c=${'c'.repeat(200)}`);
    expect(res.statusCode).toBe(302);
    expect((await clicks())[0]).toMatchObject({ source: 'link', widget_id: null, campaign: 'c'.repeat(64) });
  });

  it('still redirects, and stores a clean campaign, when the query carries control characters', async () => {
    const res = await follow(`/r/${FREE_CODE}?c=spr%00ing%0A&src=%00`);
    expect(res.statusCode).toBe(302);
    expect((await clicks())[0]).toMatchObject({ campaign: 'spring', source: 'link' });
  });

  it('flags bots and gives them no attribution cookie', async () => {
    const res = await follow(`/r/${FREE_CODE}`, {
      'user-agent': 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
    });
    expect(res.statusCode).toBe(302);
    expect(res.cookies).toEqual([]);
    expect((await clicks())[0]).toMatchObject({ bot: true });
  });

  it('lets the last click win by default', async () => {
    await db().query(`insert into accounts (id, email, referral_code) values ('acc_b', 'b@example.com', 'bbbb1234')`);
    const first = await follow(`/r/${FREE_CODE}`);
    const cookie = first.cookies[0];
    const second = await follow('/r/bbbb1234', { cookie: `cb_ref=${cookie?.value}` });
    expect(opened(second.cookies[0]?.value)?.code).toBe('bbbb1234');
  });

  it('keeps the first click inside the window when configured so', async () => {
    app = await testApp(db(), { ATTRIBUTION_MODEL: 'first' });
    await db().query(`insert into accounts (id, email, referral_code) values ('acc_b', 'b@example.com', 'bbbb1234')`);
    const first = await follow(`/r/${FREE_CODE}`);
    const second = await follow('/r/bbbb1234', { cookie: `cb_ref=${first.cookies[0]?.value}` });
    expect(second.cookies).toEqual([]);
    expect(second.headers.location).toContain('ref=bbbb1234'); // the click is still recorded and shown
    expect(await clicks()).toHaveLength(2);
    // A forged cookie does not count as a first click.
    const forged = await follow('/r/bbbb1234', {
      cookie: `cb_ref=${FREE_CODE}.1.${Math.floor(Date.now() / 1000)}.forged`,
    });
    expect(forged.cookies[0]?.name).toBe('cb_ref');
  });

  it('records a few clicks a minute per sender network and code, and still redirects the rest', async () => {
    // An app of its own: its counts start from none, and its clock moves when the test says.
    const clock = testClock();
    app = await testApp(db(), {}, clock);
    const first = await follow(`/r/${FREE_CODE}`);
    for (let i = 0; i < 4; i++) expect((await follow(`/r/${FREE_CODE}`)).cookies).toHaveLength(1);
    // Past the limit: the same redirect with ref (signup can bind by it), but no click and no
    // cookie, so the cookie a visitor holds keeps naming a click that was recorded.
    const over = await follow(`/r/${FREE_CODE}`, { cookie: `cb_ref=${first.cookies[0]?.value}` });
    expect(over.statusCode).toBe(302);
    expect(over.headers.location).toBe(`${LANDING}&ref=${FREE_CODE}`);
    expect(over.cookies).toEqual([]);
    expect(await clicks()).toHaveLength(5);
    // Another code, another network: counted apart. IPv6 neighbours on one /64 are one sender.
    expect((await follow(`/r/${PAID_CODE}`)).cookies).toHaveLength(1);
    expect((await follow(`/r/${FREE_CODE}`, {}, '198.51.100.99')).cookies).toHaveLength(1);
    for (let i = 1; i <= 6; i++) await follow(`/r/${FREE_CODE}`, {}, `2001:db8:1:2::${i}`);
    expect(await clicks()).toHaveLength(5 + 1 + 1 + 5);
    // A minute on, the sender's clicks count again.
    clock.advanceMs(60_000);
    expect((await follow(`/r/${FREE_CODE}`)).cookies).toHaveLength(1);
    expect(await clicks()).toHaveLength(13);
  });
});
