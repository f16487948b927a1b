import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { type Metrics, zeroMetrics } from '../../src/domain/stats.ts';
import { type TestClock, testClock } from '../clock.ts';
import { describeEachDb } from '../databases.ts';
import { testApp } from '../fixtures.ts';
import { as, signUp, type TestUser } from '../sessions.ts';

const BROWSER =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15';

/** Inserts the rows the statistics read, directly: the routes that write them are tested elsewhere. */
function seeder(db: () => Db) {
  let seq = 0;
  return {
    async click(
      accountId: string,
      at: string,
      c: { source?: string; widget?: string; campaign?: string; ip?: string; bot?: boolean } = {},
    ) {
      await db().query(
        `insert into clicks (account_id, code, source, widget_id, campaign, ip_hash, bot, created_at)
         values ($1, 'code', $2, $3, $4, $5, $6, $7)`,
        [accountId, c.source ?? 'link', c.widget ?? null, c.campaign ?? null, c.ip ?? 'h1', c.bot ?? false, at],
      );
    },
    /** A referee of `referrerId` signed up at `at`, with one widget; returns its ids. */
    async referee(referrerId: string, at: string, r: { source?: string; widget?: string; campaign?: string } = {}) {
      const n = ++seq;
      const id = `acc_referee${n}`;
      await db().query(`insert into accounts (id, email, referral_code) values ($1, $2, $3)`, [
        id,
        `referee${n}@example.com`,
        `referee${n}`,
      ]);
      await db().query(`insert into widgets (id, account_id, settings) values ($1, $2, '{}')`, [
        `wdg_referee0000${n}`,
        id,
      ]);
      const { rows } = await db().query<{ id: string }>(
        `insert into referrals (referrer_id, referee_id, source, campaign, widget_id, install_bounty_cents,
           commission_rate_bps, hold_days, created_at)
         values ($1, $2, $3, $4, $5, 1000, 3000, 30, $6) returning id::text`,
        [referrerId, id, r.source ?? 'param', r.campaign ?? null, r.widget ?? null, at],
      );
      return { id, widgetId: `wdg_referee0000${n}`, referralId: rows[0]?.id ?? '' };
    },
    async qualify(widgetId: string, at: string) {
      await db().query('update widgets set qualified_at = $2 where id = $1', [widgetId, at]);
    },
    async extraWidget(accountId: string, qualifiedAt: string) {
      const n = ++seq;
      await db().query(`insert into widgets (id, account_id, settings, qualified_at) values ($1, $2, '{}', $3)`, [
        `wdg_extra00000${n}`,
        accountId,
        qualifiedAt,
      ]);
    },
    async invoice(accountId: string, at: string, cents = 2900) {
      await db().query(
        `insert into invoices (id, account_id, amount_paid_cents, tax_cents, currency, paid_at)
         values ($1, $2, $3, 0, 'eur', $4)`,
        [`in_${++seq}`, accountId, cents, at],
      );
    },
    /** A ledger entry; returns its id, for take-backs to point at. */
    async entry(
      accountId: string,
      referralId: string,
      kind: 'commission' | 'install_bounty' | 'reversal' | 'clawback',
      cents: number,
      at: string,
      parentId: string | null = null,
    ) {
      const { rows } = await db().query<{ id: string }>(
        `insert into ledger_entries (account_id, referral_id, kind, amount_cents, state, source_key, parent_id, created_at)
         values ($1, $2, $3, $4, 'pending', $5, $6, $7) returning id::text`,
        [accountId, referralId, kind, cents, `test:${++seq}`, parentId, at],
      );
      return rows[0]?.id ?? '';
    },
  };
}

const m = (partial: Partial<Metrics>): Metrics => ({ ...zeroMetrics(), ...partial });
const START = '2026-03-10T12:00:00Z';

describeEachDb('the affiliate statistics API', (db) => {
  let app: FastifyInstance;
  let clock: TestClock;
  let owner: TestUser;
  let ownerKey: string;
  const seed = seeder(db);
  // One app for the suite, its clock set back before each test. The database is emptied
  // between tests, and what the app counts in memory is kept apart: each test signs its users up
  // from addresses of its own (20 sign-ups an hour per address), asks for statistics from an
  // address of its own (600 a minute per address), with a key and an account of its own (60 a
  // minute per key), and its referral links carry a code of its own (clicks per network and
  // code). The test of the key's limit builds an app of its own all the same.
  let shared: FastifyInstance;
  let n = 0;
  beforeAll(async () => {
    clock = testClock(START);
    shared = await testApp(db(), {}, clock);
  });
  afterAll(() => shared.close());

  /** Approves the account (in the database: the review routes are tested elsewhere) and issues a key through the route. */
  const keyFor = async (user: TestUser) => {
    await db().query(
      `insert into affiliate_requests (account_id, status, requested_at, decided_at) values ($1, 'approved', $2, $2)`,
      [user.id, clock.now()],
    );
    const res = await as(app, user)({ method: 'POST', url: '/api/affiliate/keys' });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().key as string;
  };
  const get = (query: string, key = ownerKey, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'GET',
      url: `/api/affiliate/v1/stats${query}`,
      headers: { authorization: `Bearer ${key}`, ...headers },
      remoteAddress: `192.0.2.${n}`,
    });
  const stats = async (query: string, key = ownerKey) => {
    const res = await get(query, key);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  beforeEach(async () => {
    clock.set(START);
    app = shared;
    n++;
    owner = await signUp(app, { ip: `203.0.113.${n}` });
    ownerKey = await keyFor(owner);
  });
  afterEach(async () => {
    if (app !== shared) await app.close();
  });

  it('counts a real click and the signup it brings, from the referral link to the API', async () => {
    const follow = (ip: string, ua = BROWSER) =>
      app.inject({
        method: 'GET',
        url: `/r/${owner.referralCode}?src=widget&w=${owner.widgetId}&c=launch`,
        headers: { 'user-agent': ua },
        remoteAddress: ip,
      });
    await follow('198.51.100.7');
    await follow('198.51.100.7');
    await follow('198.51.100.8', 'Googlebot/2.1 (+http://www.google.com/bot.html)');
    const last = await follow('198.51.100.9');
    const cookie = `cb_ref=${last.cookies.find((c) => c.name === 'cb_ref')?.value}`;
    await signUp(app, { cookie, ip: '198.51.100.9' });

    const body = await stats('?groupBy=campaign');
    expect(body).toMatchObject({ from: '2026-02-09', to: '2026-03-10', groupBy: 'campaign' });
    expect(body.totals).toEqual(m({ clicks: 3, uniqueClicks: 2, signups: 1 }));
    expect(body.series.at(-1)).toEqual({ day: '2026-03-10', ...m({ clicks: 3, uniqueClicks: 2, signups: 1 }) });
    expect(body.groups).toEqual([
      expect.objectContaining({ key: 'launch', totals: m({ clicks: 3, uniqueClicks: 2, signups: 1 }) }),
    ]);
    const byWidget = await stats('?groupBy=widget');
    expect(byWidget.groups.map((g: { key: string }) => g.key)).toEqual([owner.widgetId]);
  });

  describe('over a seeded range', () => {
    let other: TestUser;
    let otherKey: string;
    beforeEach(async () => {
      const a = owner.id;
      const w = owner.widgetId;
      // Clicks: three on 1 March from one address (widget twice, link once), a bot, and banner
      // clicks on each side of midnight UTC; two outside the range.
      await seed.click(a, '2026-03-01T10:00:00Z', { source: 'widget', widget: w, ip: 'h1' });
      await seed.click(a, '2026-03-01T11:00:00Z', { source: 'widget', widget: w, ip: 'h1' });
      await seed.click(a, '2026-03-01T12:00:00Z', { source: 'link', campaign: 'spring', ip: 'h1' });
      await seed.click(a, '2026-03-01T13:00:00Z', { source: 'link', campaign: 'spring', ip: 'h9', bot: true });
      await seed.click(a, '2026-03-02T23:59:59.999Z', { source: 'banner', campaign: 'spring', ip: 'h2' });
      await seed.click(a, '2026-03-03T00:00:00Z', { source: 'banner', campaign: 'spring', ip: 'h2' });
      await seed.click(a, '2026-02-28T23:59:59.999Z', { source: 'link', ip: 'h3' });
      await seed.click(a, '2026-03-06T00:00:00Z', { source: 'link', ip: 'h3' });
      // r1 came through the footer: installed on the 2nd (a second widget later changes nothing),
      // two invoices on the 3rd, one on the 4th.
      const r1 = await seed.referee(a, '2026-03-01T15:00:00Z', { source: 'widget', widget: w });
      await seed.qualify(r1.widgetId, '2026-03-02T09:00:00Z');
      await seed.extraWidget(r1.id, '2026-03-04T09:00:00Z');
      await seed.invoice(r1.id, '2026-03-03T08:00:00Z');
      await seed.invoice(r1.id, '2026-03-03T09:00:00Z');
      await seed.invoice(r1.id, '2026-03-04T09:00:00Z');
      await seed.entry(a, r1.referralId, 'install_bounty', 1000, '2026-03-02T09:00:00Z');
      await seed.entry(a, r1.referralId, 'commission', 870, '2026-03-03T08:00:00Z');
      const refunded = await seed.entry(a, r1.referralId, 'commission', 870, '2026-03-03T09:00:00Z');
      await seed.entry(a, r1.referralId, 'reversal', -870, '2026-03-04T10:00:00Z', refunded);
      // r2 from a spring link: never installed, a zero invoice (a trial) is not paying.
      const r2 = await seed.referee(a, '2026-03-02T10:00:00Z', { source: 'link', campaign: 'spring' });
      await seed.invoice(r2.id, '2026-03-04T10:00:00Z', 0);
      // r3 signed up before the range (?ref=): pays on the 4th, installs on the 5th, a clawback
      // on the 5th, and a bounty reversed the same day.
      const r3 = await seed.referee(a, '2026-02-20T10:00:00Z');
      await seed.invoice(r3.id, '2026-03-04T11:00:00Z', 3000);
      await seed.qualify(r3.widgetId, '2026-03-05T11:00:00Z');
      const paid = await seed.entry(a, r3.referralId, 'commission', 900, '2026-03-04T11:00:00Z');
      await seed.entry(a, r3.referralId, 'clawback', -300, '2026-03-05T12:00:00Z', paid);
      const bounty = await seed.entry(a, r3.referralId, 'install_bounty', 1000, '2026-03-05T11:00:00Z');
      await seed.entry(a, r3.referralId, 'reversal', -1000, '2026-03-05T12:00:00Z', bounty);

      // Another ambassador, busy on the same days with the same campaign name.
      other = await signUp(app, { ip: `203.0.113.${100 + n}` });
      otherKey = await keyFor(other);
      for (let i = 0; i < 4; i++) {
        await seed.click(other.id, '2026-03-01T10:00:00Z', { source: 'link', campaign: 'spring', ip: `o${i}` });
      }
      const r4 = await seed.referee(other.id, '2026-03-01T10:00:00Z', { source: 'link', campaign: 'spring' });
      await seed.qualify(r4.widgetId, '2026-03-02T10:00:00Z');
      await seed.invoice(r4.id, '2026-03-03T10:00:00Z', 10_000);
      await seed.entry(other.id, r4.referralId, 'commission', 5000, '2026-03-02T10:00:00Z');
    });

    const RANGE = '?from=2026-03-01&to=2026-03-05';

    it('gives every day of the range, with zeros filled, and totals', async () => {
      const body = await stats(RANGE);
      expect(body.groupBy).toBeNull();
      expect(body.groups).toEqual([]);
      expect(body.series).toEqual([
        { day: '2026-03-01', ...m({ clicks: 3, uniqueClicks: 1, signups: 1 }) },
        { day: '2026-03-02', ...m({ clicks: 1, uniqueClicks: 1, signups: 1, installs: 1, bountyCents: 1000 }) },
        { day: '2026-03-03', ...m({ clicks: 1, uniqueClicks: 1, payingCustomers: 1, commissionCents: 1740 }) },
        { day: '2026-03-04', ...m({ payingCustomers: 2, commissionCents: 30 }) },
        { day: '2026-03-05', ...m({ installs: 1, commissionCents: -300 }) },
      ]);
      // Distinct counts are distinct over the range: h1 and h2; r1 and r3.
      expect(body.totals).toEqual(
        m({
          clicks: 5,
          uniqueClicks: 2,
          signups: 2,
          installs: 2,
          payingCustomers: 2,
          commissionCents: 1470,
          bountyCents: 1000,
        }),
      );
      const quiet = await stats('?from=2026-02-01&to=2026-02-05');
      expect(quiet.series.map((d: { day: string }) => d.day)).toEqual([
        '2026-02-01',
        '2026-02-02',
        '2026-02-03',
        '2026-02-04',
        '2026-02-05',
      ]);
      expect(quiet.totals).toEqual(zeroMetrics());
    });

    it('groups by source: every source, non-click metrics by the referral’s source', async () => {
      const body = await stats(`${RANGE}&groupBy=source`);
      const totals = Object.fromEntries(body.groups.map((g: { key: string; totals: Metrics }) => [g.key, g.totals]));
      expect(body.groups.map((g: { key: string }) => g.key)).toEqual(['widget', 'link', 'banner', 'param']);
      expect(totals).toEqual({
        widget: m({
          clicks: 2,
          uniqueClicks: 1,
          signups: 1,
          installs: 1,
          payingCustomers: 1,
          commissionCents: 870,
          bountyCents: 1000,
        }),
        link: m({ clicks: 1, uniqueClicks: 1, signups: 1 }),
        banner: m({ clicks: 2, uniqueClicks: 1 }),
        param: m({ installs: 1, payingCustomers: 1, commissionCents: 600 }),
      });
      const banner = body.groups.find((g: { key: string }) => g.key === 'banner');
      expect(banner.series.map((d: Metrics) => d.clicks)).toEqual([0, 1, 1, 0, 0]);
      const widget = body.groups.find((g: { key: string }) => g.key === 'widget');
      expect(widget.series.map((d: Metrics) => d.commissionCents)).toEqual([0, 0, 1740, -870, 0]);
      // The one address that clicked both the widget and a link on the 1st is one unique click that day.
      expect(body.series[0]).toMatchObject({ clicks: 3, uniqueClicks: 1 });
      expect(body.totals.clicks).toBe(5);
    });

    it('groups by campaign and by widget, with no campaign or widget as a group of its own', async () => {
      const byCampaign = await stats(`${RANGE}&groupBy=campaign`);
      expect(byCampaign.groups.map((g: { key: string | null; totals: Metrics }) => [g.key, g.totals])).toEqual([
        // as many signups each, so the busier in clicks comes first
        ['spring', m({ clicks: 3, uniqueClicks: 2, signups: 1 })],
        [
          null,
          m({
            clicks: 2,
            uniqueClicks: 1,
            signups: 1,
            installs: 2,
            payingCustomers: 2,
            commissionCents: 1470,
            bountyCents: 1000,
          }),
        ],
      ]);
      const byWidget = await stats(`${RANGE}&groupBy=widget`);
      const keyed = Object.fromEntries(
        byWidget.groups.map((g: { key: string | null; totals: Metrics }) => [String(g.key), g.totals]),
      );
      expect(keyed).toEqual({
        [owner.widgetId]: m({
          clicks: 2,
          uniqueClicks: 1,
          signups: 1,
          installs: 1,
          payingCustomers: 1,
          commissionCents: 870,
          bountyCents: 1000,
        }),
        null: m({ clicks: 3, uniqueClicks: 2, signups: 1, installs: 1, payingCustomers: 1, commissionCents: 600 }),
      });
    });

    it('shows each key only its owner’s numbers', async () => {
      const mine = await stats(`${RANGE}&groupBy=campaign`);
      const theirs = await stats(`${RANGE}&groupBy=campaign`, otherKey);
      expect(theirs.totals).toEqual(
        m({ clicks: 4, uniqueClicks: 4, signups: 1, installs: 1, payingCustomers: 1, commissionCents: 5000 }),
      );
      expect(theirs.groups).toEqual([expect.objectContaining({ key: 'spring', totals: theirs.totals })]);
      expect(mine.totals.clicks).toBe(5);
      expect(mine.groups.find((g: { key: string }) => g.key === 'spring').totals.clicks).toBe(3);
    });

    it('writes CSV for format=csv or Accept: text/csv, one row per day and group', async () => {
      const res = await get(`${RANGE}&groupBy=source&format=csv`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="callbell-stats_2026-03-01_2026-03-05_by-source.csv"',
      );
      expect(res.headers['cache-control']).toBe('no-store');
      const lines = res.body.split('\r\n');
      expect(lines[0]).toBe(
        'day,source,clicks,unique_clicks,signups,installs,paying_customers,commission_cents,bounty_cents',
      );
      expect(lines).toHaveLength(1 + 5 * 4 + 1); // header, 5 days × 4 sources, the final line end
      expect(lines.slice(1, 5)).toEqual([
        '2026-03-01,widget,2,1,1,0,0,0,0',
        '2026-03-01,link,1,1,0,0,0,0,0',
        '2026-03-01,banner,0,0,0,0,0,0,0',
        '2026-03-01,param,0,0,0,0,0,0,0',
      ]);
      expect(lines).toContain('2026-03-04,widget,0,0,0,0,1,-870,0');

      const accepted = await get(RANGE, ownerKey, { accept: 'text/csv' });
      expect(accepted.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(accepted.body.split('\r\n')[1]).toBe('2026-03-01,3,1,1,0,0,0,0');
      const json = await get(`${RANGE}&format=json`, ownerKey, { accept: 'text/csv' });
      expect(json.headers['content-type']).toMatch(/^application\/json/);
    });

    it('neutralises formulas and quotes what needs quoting in CSV', async () => {
      await seed.click(owner.id, '2026-03-01T10:00:00Z', { campaign: '=HYPERLINK("http://evil.test","x")' });
      await seed.click(owner.id, '2026-03-01T10:00:00Z', { campaign: '@SUM(1,2)' });
      await seed.click(owner.id, '2026-03-01T10:00:00Z', { campaign: 'a,b' });
      const res = await get('?from=2026-03-01&to=2026-03-01&groupBy=campaign&format=csv');
      const rows = res.body.split('\r\n').slice(1, -1);
      expect(rows).toEqual(
        expect.arrayContaining([
          `2026-03-01,"'=HYPERLINK(""http://evil.test"",""x"")",1,1,0,0,0,0,0`,
          `2026-03-01,"'@SUM(1,2)",1,1,0,0,0,0,0`,
          '2026-03-01,"a,b",1,1,0,0,0,0,0',
        ]),
      );
      // JSON is not a spreadsheet: the same group is given as it is.
      const json = await stats('?from=2026-03-01&to=2026-03-01&groupBy=campaign');
      expect(json.groups.map((g: { key: string }) => g.key)).toContain('=HYPERLINK("http://evil.test","x")');
    });
  });

  it('defaults to the 30 days ending today by the programme’s clock', async () => {
    clock.set('2026-07-15T23:30:00Z');
    const body = await stats('');
    expect(body).toMatchObject({ from: '2026-06-16', to: '2026-07-15' });
    expect(body.series).toHaveLength(30);
  });

  it('takes a number of days ending at to, instead of from', async () => {
    clock.set('2026-07-15T23:30:00Z');
    expect(await stats('?days=7')).toMatchObject({ from: '2026-07-09', to: '2026-07-15' });
    const body = await stats('?days=1&to=2026-03-01');
    expect(body).toMatchObject({ from: '2026-03-01', to: '2026-03-01' });
    expect(body.series).toHaveLength(1);
    expect((await stats('?days=366')).series).toHaveLength(366);
  });

  it.each([
    ['?from=2026-03-05&to=2026-03-01', 'bad_range'],
    ['?from=2026-03-01&days=7', 'bad_range'],
    ['?days=0', 'invalid_request'],
    ['?days=367', 'invalid_request'],
    ['?days=seven', 'invalid_request'],
    ['?from=2025-01-01&to=2026-01-02', 'range_too_long'],
    ['?from=2026-02-30', 'invalid_date'],
    ['?to=03/01/2026', 'invalid_date'],
    ['?from=2026-03-01T00:00:00Z', 'invalid_request'],
    ['?groupBy=country', 'invalid_request'],
    // The calendar the database keeps has no year 0 (JavaScript's year 0 is 1 BC).
    ['?from=0000-01-01&to=0000-01-05', 'invalid_date'],
    ['?to=0000-12-31', 'invalid_date'],
    ['?to=0001-01-05', 'bad_range'], // 30 days back from it begin before year 1
    ['?format=xml', 'invalid_request'],
  ])('refuses %s with 400 %s', async (query, error) => {
    const res = await get(query);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error, message: expect.any(String) });
  });

  it('keeps the 100 busiest groups and says how many more there were; totals count them all', async () => {
    // Campaigns are whatever visitors put in links: 103 of them, c000 the busiest.
    await db().query(
      `insert into clicks (account_id, code, source, campaign, ip_hash, bot, created_at)
       select $1, 'code', 'link', 'c' || lpad(n::text, 3, '0'), 'h' || n || '-' || k, false, '2026-03-01T10:00:00Z'
       from generate_series(0, 102) n, generate_series(0, 3) k where k = 0 or n = 0`,
      [owner.id],
    );
    const body = await stats('?from=2026-03-01&to=2026-03-01&groupBy=campaign');
    expect(body.groups).toHaveLength(100);
    expect(body.omittedGroups).toBe(3);
    expect(body.groups[0]).toMatchObject({ key: 'c000', totals: { clicks: 4 } });
    expect(body.totals.clicks).toBe(106);
    const csv = await get('?from=2026-03-01&to=2026-03-01&groupBy=campaign&format=csv');
    expect(csv.headers['x-omitted-groups']).toBe('3');
    expect(csv.body.split('\r\n')).toHaveLength(1 + 100 + 1);
  });

  it('answers for the last days of year 9999, the end of the calendar', async () => {
    await seed.click(owner.id, '9999-12-31T23:59:59Z');
    await seed.click(owner.id, '9999-12-30T00:00:00Z');
    const body = await stats('?from=9999-12-30&to=9999-12-31');
    expect(body.series.map((d: { day: string; clicks: number }) => [d.day, d.clicks])).toEqual([
      ['9999-12-30', 1],
      ['9999-12-31', 1],
    ]);
    expect((await stats('?days=3&to=9999-12-31')).totals.clicks).toBe(2);
    expect((await stats('?from=0001-01-01&to=0001-01-02')).totals.clicks).toBe(0);
  });

  it('accepts a full year (366 days) of range', async () => {
    const body = await stats('?from=2025-01-01&to=2026-01-01');
    expect(body.series).toHaveLength(366);
  });

  it('limits each key to 60 requests a minute, with Retry-After', async () => {
    // About what the app counts: an app of its own, on the same database, key and clock.
    app = await testApp(db(), {}, clock);
    for (let i = 0; i < 60; i++) expect((await get('?from=2026-03-01&to=2026-03-01')).statusCode).toBe(200);
    const limited = await get('?from=2026-03-01&to=2026-03-01');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ error: 'rate_limited' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Per key: the owner's second key is not limited by the first.
    const res = await as(app, owner)({ method: 'POST', url: '/api/affiliate/keys' });
    expect((await get('?from=2026-03-01&to=2026-03-01', res.json().key)).statusCode).toBe(200);
  });
});
