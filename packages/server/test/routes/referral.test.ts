import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDb } from '../databases.ts';
import { FREE_CODE, FREE_WIDGET, seedOwners, testApp } from '../fixtures.ts';

const BROWSER =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15';
const LANDING = 'https://callbell.test/signup?plan=free';

describeEachDb('GET /r/:code', (db) => {
  let app: FastifyInstance;
  beforeEach(async () => {
    await seedOwners(db());
    app = await testApp(db());
  });
  afterEach(() => app.close());

  const follow = (url: string, headers: Record<string, string> = {}, remoteAddress = '203.0.113.7') =>
    app.inject({ method: 'GET', url, headers: { 'user-agent': BROWSER, ...headers }, remoteAddress });
  const clicks = async () => (await db().query('select * from clicks order by id')).rows;

  it('records the click, sets a signed first-party cookie and redirects with ref', async () => {
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
    expect(JSON.stringify(row)).not.toContain('203.0.113.7');

    const cookie = res.cookies.find((c) => c.name === 'cb_ref');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: true, path: '/', maxAge: 90 * 86400 });
    const unsigned = app.unsignCookie(cookie?.value ?? '');
    expect(unsigned.valid).toBe(true);
    expect(unsigned.value).toMatch(new RegExp(`^${FREE_CODE}\\.\\d+\\.\\d+$`));
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
    expect(app.unsignCookie(second.cookies[0]?.value ?? '').value).toMatch(/^bbbb1234\./);
  });

  it('keeps the first click inside the window when configured so', async () => {
    await app.close();
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
});
