import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { BANNER_SIZES } from '../../src/domain/banners.ts';
import { describeEachDb } from '../databases.ts';
import { ADMIN_EMAIL, testApp } from '../fixtures.ts';
import { as, signUp, type TestUser } from '../sessions.ts';

const ORIGIN = 'https://app.callbell.test';
const SVG_ELEMENTS = new Set(['svg', 'title', 'rect', 'g', 'text', 'path', 'circle']);
const SVG_ATTRIBUTES = new Set([
  'xmlns',
  'width',
  'height',
  'viewBox',
  'role',
  'aria-labelledby',
  'id',
  'rx',
  'x',
  'y',
  'fill',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'opacity',
  'transform',
  'd',
  'cx',
  'cy',
  'r',
]);

describeEachDb('affiliate banners', (db) => {
  let app: FastifyInstance;
  let user: TestUser;
  let admin: TestUser;
  // One app for the suite (as payouts.test.ts does): the database is emptied between tests, and
  // each test's ambassador signs up, and its banner is clicked, from addresses of that test's
  // own (the operator's session is made without the route), so neither the sign-up limit per
  // address nor the click limit per network and code carries over. The banners themselves are
  // made once, when the app starts, the same for every test.
  let shared: FastifyInstance;
  let n = 0;
  beforeAll(async () => {
    shared = await testApp(db());
  });
  afterAll(() => shared.close());
  beforeEach(async () => {
    app = shared;
    n++;
    user = await signUp(app, { ip: `203.0.113.${100 + n}` });
    admin = await signUp(app, { email: ADMIN_EMAIL, ip: '203.0.113.9' });
  });
  afterEach(async () => {
    if (app !== shared) await app.close();
  });

  const banners = (query = '', who: TestUser = user) =>
    as(app, who)({ method: 'GET', url: `/api/affiliate/banners${query}` });
  const approve = async () => {
    expect((await as(app, user)({ method: 'POST', url: '/api/affiliate/request', payload: {} })).statusCode).toBe(201);
    const res = await as(app, admin)({ method: 'POST', url: `/api/admin/affiliate/requests/${user.id}/approve` });
    expect(res.statusCode, res.body).toBe(200);
  };

  it('come with approved access only: 401 without a session, 403 before approval and after withdrawal', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/affiliate/banners' })).statusCode).toBe(401);
    const none = await banners();
    expect(none.statusCode).toBe(403);
    expect(none.json()).toMatchObject({ error: 'affiliate_not_approved' });
    await approve();
    expect((await banners()).statusCode).toBe(200);
    await as(
      app,
      admin,
    )({
      method: 'POST',
      url: `/api/admin/affiliate/requests/${user.id}/withdraw`,
      payload: { reason: 'spam' },
    });
    expect((await banners()).statusCode).toBe(403);
  });

  it('link every size to the ambassador’s own referral link, marked as a banner, with the campaign', async () => {
    await approve();
    const plain = (await banners()).json();
    expect(plain.campaign).toBeNull();
    expect(plain.banners.map((b: { id: string }) => b.id)).toEqual(BANNER_SIZES.map((s) => s.id));
    expect(plain.banners[0]).toEqual({
      id: '728x90',
      name: 'Leaderboard',
      width: 728,
      height: 90,
      imageUrl: `${ORIGIN}/banners/728x90.svg`,
      linkUrl: `${ORIGIN}/r/${user.referralCode}?src=banner`,
      html: expect.any(String),
    });

    const spring = (await banners('?campaign=spring-26')).json();
    const [first] = spring.banners;
    expect(first.linkUrl).toBe(`${ORIGIN}/r/${user.referralCode}?src=banner&c=spring-26`);
    expect(first.html).toBe(
      `<a href="${ORIGIN}/r/${user.referralCode}?src=banner&amp;c=spring-26" rel="sponsored noopener" target="_blank">` +
        `<img src="${ORIGIN}/banners/728x90.svg" width="728" height="90" ` +
        'alt="Callbell: chat buttons for WhatsApp, Messenger and more on your website. Free." loading="lazy"></a>',
    );
  });

  it('refuse a campaign that would not survive a URL or a spreadsheet', async () => {
    await approve();
    for (const campaign of ['a%20b', '%3Cscript%3E', '=1%2B1', 'x'.repeat(65), '']) {
      const res = await banners(`?campaign=${campaign}`);
      expect(res.statusCode, campaign).toBe(400);
      expect(res.json()).toMatchObject({ error: 'invalid_campaign' });
    }
  });

  it('serve each image as a cacheable SVG that can run nothing', async () => {
    for (const size of BANNER_SIZES) {
      const res = await app.inject({ method: 'GET', url: `/banners/${size.id}.svg` });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
      expect(res.headers['content-security-policy']).toBe(
        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
      );
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      // Any site may show them.
      expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
      expect(res.headers['cache-control']).toBe('public, max-age=86400');
      expect(res.body).toMatch(new RegExp(`^<svg [^>]*width="${size.width}" height="${size.height}"`));
      expect(res.body).toContain('<title id="t">');
      // Only these elements and attributes, so nothing can run, load or link.
      const elements = new Set([...res.body.matchAll(/<([a-zA-Z][\w:-]*)/g)].map((m) => m[1]));
      expect([...elements].filter((e) => !SVG_ELEMENTS.has(e as string))).toEqual([]);
      const attributes = new Set([...res.body.matchAll(/\s([a-zA-Z][\w:-]*)=/g)].map((m) => m[1]));
      expect([...attributes].filter((a) => !SVG_ATTRIBUTES.has(a as string))).toEqual([]);
      expect(res.body).not.toMatch(/url\(|@import|javascript:/i);
      const again = await app.inject({
        method: 'GET',
        url: `/banners/${size.id}.svg`,
        headers: { 'if-none-match': res.headers.etag as string },
      });
      expect(again.statusCode).toBe(304);
    }
    expect((await app.inject({ method: 'GET', url: '/banners/1x1.svg' })).statusCode).toBe(404);
  });

  it('count a click through a banner as a banner click of its campaign', async () => {
    await approve();
    const { linkUrl } = (await banners('?campaign=blog')).json().banners[1];
    const res = await app.inject({
      method: 'GET',
      url: linkUrl.slice(ORIGIN.length),
      remoteAddress: `198.51.100.${100 + n}`,
    });
    expect(res.statusCode).toBe(302);
    const { rows } = await db().query('select account_id, source, campaign from clicks');
    expect(rows).toEqual([{ account_id: user.id, source: 'banner', campaign: 'blog' }]);
  });
});
