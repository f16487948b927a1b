import { mayHideFooter } from '@callbell/protocol';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { insertOwnerWidget } from '../../src/db/queries/owner-widgets.ts';
import { DEFAULT_WIDGET_SETTINGS } from '../../src/domain/default-widget.ts';
import {
  hideBrandingRefusal,
  hostAllowed,
  MAX_WIDGETS_PER_ACCOUNT,
  normaliseDomain,
} from '../../src/domain/widget-settings.ts';
import { type TestClock, testClock } from '../clock.ts';
import { describeEachDb } from '../databases.ts';
import { ping, testApp } from '../fixtures.ts';
import { aliceAndBob, as, type TestUser } from '../sessions.ts';

const ORIGIN = 'https://app.callbell.test';

describe('allowed domains (pure)', () => {
  it.each([
    ['shop.example.com', 'shop.example.com'],
    ['  Shop.Example.COM. ', 'shop.example.com'],
    ['https://shop.example.com/', 'shop.example.com'],
    ['http://Shop.example.com', 'shop.example.com'],
    ['bücher.example', 'xn--bcher-kva.example'],
    ['*.example.com', '*.example.com'],
    ['*.Bücher.de', '*.xn--bcher-kva.de'],
    ['localhost', 'localhost'],
    ['xn--bcher-kva.de', 'xn--bcher-kva.de'],
  ])('keeps %j as %j', (raw, stored) => {
    expect(normaliseDomain(raw)).toBe(stored);
  });

  it.each([
    '',
    'shop example.com',
    'shop.example.com:8080',
    'https://shop.example.com/shop',
    'shop.example.com/path',
    'user@shop.example.com',
    'ftp://shop.example.com',
    '*.com',
    '*',
    '*.*.example.com',
    'shop.*.example.com',
    '-shop.example.com',
    'shop_1.example.com',
    '[::1]',
    `${'a'.repeat(64)}.example.com`,
    'a..b',
  ])('refuses %j', (raw) => {
    expect(normaliseDomain(raw)).toBeNull();
  });

  it.each([
    ['shop.example.com', ['shop.example.com'], true],
    ['shop.example.com.', ['shop.example.com'], true],
    ['www.shop.example.com', ['shop.example.com'], false],
    ['a.example.com', ['*.example.com'], true],
    ['a.b.example.com', ['*.example.com'], true],
    ['example.com', ['*.example.com'], false],
    ['badexample.com', ['*.example.com'], false],
    ['example.com.evil.net', ['example.com', '*.example.com'], false],
    ['anything.net', [], true],
  ])('%s against %j: %s', (host, allowed, expected) => {
    expect(hostAllowed(host, allowed)).toBe(expected);
  });
});

describe('hiding the footer (pure)', () => {
  it('is refused exactly where the protocol’s rule, which the dashboard shows, says so', () => {
    for (const plan of ['free', 'pro', 'business']) {
      expect(hideBrandingRefusal(plan) === null).toBe(mayHideFooter(plan));
    }
    expect(hideBrandingRefusal('free')).toBe(
      'Hiding the "by Callbell" footer requires the Pro or Business plan; you are on Free',
    );
  });
});

describeEachDb('/api/widgets', (db) => {
  let app: FastifyInstance;
  let clock: TestClock;
  let alice: TestUser;
  let bob: TestUser;
  // One app for the suite, its clock set back before each test (as billing.test.ts does): the
  // database is emptied between tests, and Alice and Bob sign up anew for each test.
  let n = 0;
  beforeAll(async () => {
    clock = testClock('2026-03-01T10:00:00Z');
    app = await testApp(db(), { QUALIFY_MIN_VISITORS: '3', PING_RATE_PER_IP: '100000' }, clock);
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    clock.set('2026-03-01T10:00:00Z');
    n++;
    [alice, bob] = await aliceAndBob(app, n);
  });

  const patch = (user: TestUser, id: string, payload: unknown) =>
    as(app, user)({ method: 'PATCH', url: `/api/widgets/${id}`, payload: payload as object });
  const publicConfig = (id: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url: `/v1/widgets/${id}/config`, headers });
  const setPlan = (user: TestUser, plan: string) =>
    db().query('update accounts set plan = $2 where id = $1', [user.id, plan]);
  const postPing = (body: unknown) => app.inject({ method: 'POST', url: '/v1/pings', payload: body as object });

  it('lists the account’s widgets with settings, footer, snippet and install summary', async () => {
    const res = await as(app, alice)({ method: 'GET', url: '/api/widgets' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json()).toEqual({
      widgets: [
        {
          id: alice.widgetId,
          ...DEFAULT_WIDGET_SETTINGS,
          hideBranding: false,
          allowedDomains: [],
          branding: {
            show: true,
            label: '⚡ by Callbell',
            href: `${ORIGIN}/r/${alice.referralCode}?src=widget&w=${alice.widgetId}`,
          },
          snippet: `<script src="${ORIGIN}/widget.js" data-widget-id="${alice.widgetId}" async></script>`,
          createdAt: '2026-03-01T10:00:00.000Z',
          updatedAt: '2026-03-01T10:00:00.000Z',
          install: { qualified: false, qualifiedAt: null, qualifiedOrigin: null, lastPingAt: null },
        },
      ],
    });
  });

  it('creates a widget with defaults or with what is sent, up to the cap', async () => {
    clock.advanceMs(1000); // the list is oldest first
    const created = await as(
      app,
      alice,
    )({
      method: 'POST',
      url: '/api/widgets',
      payload: { greeting: 'Hola', allowedDomains: ['Tienda.Example.es'] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({
      id: expect.stringMatching(/^wdg_[\w-]{16}$/),
      greeting: 'Hola',
      agent: DEFAULT_WIDGET_SETTINGS.agent,
      channels: [],
      allowedDomains: ['tienda.example.es'],
      hideBranding: false,
    });
    expect((await publicConfig(body.id)).json().greeting).toBe('Hola');
    const empty = await as(app, alice)({ method: 'POST', url: '/api/widgets' });
    expect(empty.statusCode, empty.body).toBe(201);
    expect(empty.json()).toMatchObject(DEFAULT_WIDGET_SETTINGS);
    for (let n = 3; n < MAX_WIDGETS_PER_ACCOUNT; n++) {
      expect((await as(app, alice)({ method: 'POST', url: '/api/widgets', payload: {} })).statusCode).toBe(201);
    }
    const over = await as(app, alice)({ method: 'POST', url: '/api/widgets', payload: {} });
    expect(over.statusCode).toBe(409);
    expect(over.json()).toEqual({ error: 'widget_limit', message: 'An account can have at most 20 widgets' });
    const listed = (await as(app, alice)({ method: 'GET', url: '/api/widgets' })).json().widgets;
    expect(listed).toHaveLength(MAX_WIDGETS_PER_ACCOUNT);
    expect(listed[0].id).toBe(alice.widgetId); // oldest first
  });

  it('never lets two concurrent creations pass the cap', async () => {
    for (let n = 1; n < MAX_WIDGETS_PER_ACCOUNT - 1; n++) {
      await as(app, alice)({ method: 'POST', url: '/api/widgets', payload: {} });
    }
    // Straight to the repository, so the five transactions overlap as much as they can.
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        insertOwnerWidget(
          db(),
          {
            id: `wdg_concurrent${i}00000`,
            accountId: alice.id,
            settings: DEFAULT_WIDGET_SETTINGS,
            hideBranding: false,
            allowedDomains: [],
            now: clock.now(),
          },
          MAX_WIDGETS_PER_ACCOUNT,
        ),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const { rows } = await db().query<{ n: number }>('select count(*)::int as n from widgets where account_id = $1', [
      alice.id,
    ]);
    expect(rows[0]?.n).toBe(MAX_WIDGETS_PER_ACCOUNT);
  });

  it('changes settings; the public config follows and its ETag changes', async () => {
    const before = await publicConfig(alice.widgetId);
    const etag = String(before.headers.etag);
    clock.advanceDays(2);
    const channels = [
      { type: 'whatsapp', phone: '+34 600 123 456', text: 'Hola' },
      { type: 'email', address: 'help@shop.example.com' },
    ];
    const res = await patch(alice, alice.widgetId, {
      greeting: 'How can we help?',
      appearance: { position: 'left', color: '#112233', label: 'Chat' },
      channels,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      greeting: 'How can we help?',
      agent: DEFAULT_WIDGET_SETTINGS.agent, // not sent: kept
      appearance: { position: 'left', color: '#112233', label: 'Chat' },
      channels,
      updatedAt: '2026-03-03T10:00:00.000Z',
      createdAt: '2026-03-01T10:00:00.000Z',
    });
    const after = await publicConfig(alice.widgetId, { 'if-none-match': etag });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    expect(after.json()).toMatchObject({ greeting: 'How can we help?', channels, appearance: { position: 'left' } });
    // A second edit of another field keeps the first.
    await patch(alice, alice.widgetId, { agent: { name: 'Marta', avatarUrl: 'https://cdn.example.com/m.png' } });
    expect((await publicConfig(alice.widgetId)).json()).toMatchObject({
      greeting: 'How can we help?',
      agent: { name: 'Marta', avatarUrl: 'https://cdn.example.com/m.png' },
    });
  });

  it.each([
    ['a greeting too long', { greeting: 'x'.repeat(501) }, 'greeting must be at most 500 characters'],
    ['a greeting that is not text', { greeting: 42 }, 'greeting must be a string'],
    [
      'a colour by name',
      { appearance: { position: 'right', color: 'red' } },
      'appearance.color is not in the expected format',
    ],
    [
      'a centred launcher',
      { appearance: { position: 'center', color: '#000000' } },
      'appearance.position must be one of left, right',
    ],
    ['an agent without a name', { agent: { avatarUrl: null } }, 'agent.name must be a string'],
    [
      'a javascript: avatar',
      { agent: { name: 'A', avatarUrl: 'javascript:alert(1)' } },
      'agent.avatarUrl must be an http(s) URL',
    ],
    [
      'an unknown channel',
      { channels: [{ type: 'fax', number: '1' }] },
      'channels[0].type must be one of whatsapp, messenger, telegram, instagram, email, phone',
    ],
    [
      'a bad phone',
      { channels: [{ type: 'phone', number: '12' }] },
      'channels[0].number is not in the expected format',
    ],
    [
      'eleven channels',
      { channels: Array(11).fill({ type: 'telegram', username: 'callbell_bot' }) },
      'channels must have at most 10 items',
    ],
    [
      'an unknown field',
      { hide_branding: true },
      'hide_branding is not a widget field; expected one of greeting, agent, appearance, channels, allowedDomains, hideBranding',
    ],
    [
      'nothing to change',
      {},
      'Send at least one of greeting, agent, appearance, channels, allowedDomains, hideBranding',
    ],
    ['a non-boolean hideBranding', { hideBranding: 'yes' }, 'hideBranding must be a boolean'],
    ['domains as a string', { allowedDomains: 'shop.example.com' }, 'allowedDomains must be an array of host names'],
    [
      'a domain with a port',
      { allowedDomains: ['ok.example.com', 'shop.example.com:8080'] },
      'allowedDomains[1] "shop.example.com:8080" is not a host name (expected e.g. shop.example.com or *.example.com)',
    ],
    [
      'a domain with a path',
      { allowedDomains: ['https://shop.example.com/cart'] },
      'allowedDomains[0] "https://shop.example.com/cart" is not a host name (expected e.g. shop.example.com or *.example.com)',
    ],
    [
      'a number as a domain',
      { allowedDomains: [7] },
      'allowedDomains[0] 7 is not a host name (expected e.g. shop.example.com or *.example.com)',
    ],
    [
      '21 domains',
      { allowedDomains: Array.from({ length: 21 }, (_, i) => `s${i}.example.com`) },
      'allowedDomains must have at most 20 entries',
    ],
  ])('refuses %s with 400 naming it, changing nothing', async (_name, payload, message) => {
    const before = (await as(app, alice)({ method: 'GET', url: `/api/widgets/${alice.widgetId}` })).json();
    const res = await patch(alice, alice.widgetId, payload);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'invalid_widget', message });
    const created = await as(app, alice)({ method: 'POST', url: '/api/widgets', payload });
    if (message.startsWith('Send at least'))
      expect(created.statusCode).toBe(201); // creating needs nothing
    else expect(created.json()).toEqual({ error: 'invalid_widget', message });
    expect((await as(app, alice)({ method: 'GET', url: `/api/widgets/${alice.widgetId}` })).json()).toEqual(before);
  });

  it('refuses a NUL character, which the database cannot store, with 400, changing nothing', async () => {
    const before = (await as(app, alice)({ method: 'GET', url: `/api/widgets/${alice.widgetId}` })).json();
    const res = await patch(alice, alice.widgetId, { greeting: 'Hi\u0000there' });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error).toMatch(/^invalid_/);
    expect((await as(app, alice)({ method: 'GET', url: `/api/widgets/${alice.widgetId}` })).json()).toEqual(before);
  });

  it.each([
    ['greeting', { greeting: 'Hi\ud800 there' }],
    ['agent.name', { agent: { name: 'Ana\udc00', avatarUrl: null } }],
    ['channels[0].text', { channels: [{ type: 'whatsapp', phone: '+34 600 123 456', text: '\ud83d\ude00\ud800' }] }],
  ])('refuses half a surrogate pair in %s, which jsonb cannot store, with 400 naming it', async (field, change) => {
    const before = (await as(app, alice)({ method: 'GET', url: `/api/widgets/${alice.widgetId}` })).json();
    const res = await patch(alice, alice.widgetId, change);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toEqual({ error: 'invalid_request', message: expect.stringContaining(field) });
    const created = await as(app, alice)({ method: 'POST', url: '/api/widgets', payload: change });
    expect(created.statusCode, created.body).toBe(400);
    expect(created.json()).toEqual(res.json());
    const list = (await as(app, alice)({ method: 'GET', url: '/api/widgets' })).json();
    expect(list.widgets).toHaveLength(1);
    expect((await as(app, alice)({ method: 'GET', url: `/api/widgets/${alice.widgetId}` })).json()).toEqual(before);
  });

  it('keeps a whole surrogate pair, escaped or not', async () => {
    const escaped = await as(
      app,
      alice,
    )({
      method: 'PATCH',
      url: `/api/widgets/${alice.widgetId}`,
      headers: { 'content-type': 'application/json' },
      payload: '{"greeting":"Hola \\ud83d\\ude00 \\\\ud800 😀"}',
    });
    expect(escaped.statusCode, escaped.body).toBe(200);
    expect(escaped.json().greeting).toBe('Hola \ud83d\ude00 \\ud800 \ud83d\ude00');
  });

  it('refuses a body that is not JSON, an array, or too large', async () => {
    const send = (payload: string) =>
      as(
        app,
        alice,
      )({
        method: 'PATCH',
        url: `/api/widgets/${alice.widgetId}`,
        headers: { 'content-type': 'application/json' },
        payload,
      });
    expect((await send('{"greeting":')).json()).toMatchObject({ error: 'invalid_json' });
    expect((await send('[]')).json()).toEqual({ error: 'invalid_widget', message: 'body must be an object' });
    const big = await send(JSON.stringify({ greeting: 'x'.repeat(20_000) }));
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ error: 'too_large' });
  });

  it('normalises allowed domains: lower case, punycode, no duplicates; [] allows any again', async () => {
    const res = await patch(alice, alice.widgetId, {
      allowedDomains: ['Shop.Example.com', 'https://shop.example.com/', 'bücher.example.org', '*.Example.net'],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().allowedDomains).toEqual(['shop.example.com', 'xn--bcher-kva.example.org', '*.example.net']);
    expect((await patch(alice, alice.widgetId, { allowedDomains: [] })).json().allowedDomains).toEqual([]);
  });

  it('documents the routes, the change body included, in the OpenAPI document', async () => {
    const res = await app.inject('/openapi.json');
    expect(res.statusCode).toBe(200);
    const paths = res.json().paths;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining(['/api/widgets', '/api/widgets/{id}', '/api/widgets/{id}/install']),
    );
    const body = paths['/api/widgets/{id}'].patch.requestBody.content['application/json'].schema;
    expect(Object.keys(body.properties)).toEqual([
      'greeting',
      'agent',
      'appearance',
      'channels',
      'allowedDomains',
      'hideBranding',
    ]);
  });

  describe('the footer', () => {
    it('on the free plan: hiding it is refused with 403 naming the plan, and the footer stays', async () => {
      const res = await patch(alice, alice.widgetId, { hideBranding: true, greeting: 'Changed?' });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toEqual({
        error: 'plan_required',
        message: 'Hiding the "by Callbell" footer requires the Pro or Business plan; you are on Free',
      });
      expect((await publicConfig(alice.widgetId)).json()).toMatchObject({
        greeting: DEFAULT_WIDGET_SETTINGS.greeting, // nothing of the refused change was written
        branding: { show: true },
      });
      const create = await as(app, alice)({ method: 'POST', url: '/api/widgets', payload: { hideBranding: true } });
      expect(create.statusCode).toBe(403);
      expect((await patch(alice, alice.widgetId, { hideBranding: false })).statusCode).toBe(200);
    });

    it.each(['pro', 'business'])('on the %s plan: hidden in the public config, and back when asked', async (plan) => {
      await setPlan(alice, plan);
      const shown = await publicConfig(alice.widgetId);
      expect(shown.json().branding.show).toBe(true);
      const res = await patch(alice, alice.widgetId, { hideBranding: true });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ hideBranding: true, branding: { show: false } });
      const hidden = await publicConfig(alice.widgetId, { 'if-none-match': String(shown.headers.etag) });
      expect(hidden.statusCode).toBe(200);
      expect(hidden.json().branding).toEqual({
        show: false,
        label: '⚡ by Callbell',
        href: `${ORIGIN}/r/${alice.referralCode}?src=widget&w=${alice.widgetId}`,
      });
      // The subscription ends: the footer is back, whatever the owner chose.
      await setPlan(alice, 'free');
      expect((await publicConfig(alice.widgetId)).json().branding.show).toBe(true);
      const listed = (await as(app, alice)({ method: 'GET', url: '/api/widgets' })).json().widgets[0];
      expect(listed).toMatchObject({ hideBranding: true, branding: { show: true } });
    });
  });

  describe('allowed domains and pings', () => {
    const pingsStored = async () =>
      (await db().query<{ n: number }>('select count(*)::int as n from pings')).rows[0]?.n;

    it('refuses a ping from a host not allowed (403, nothing stored) and takes a matching one', async () => {
      // A ping before the edit puts the widget in the pings cache: the edit must still apply at once.
      expect((await postPing(ping(alice.widgetId, { url: 'https://elsewhere.example.org/' }))).statusCode).toBe(204);
      await patch(alice, alice.widgetId, { allowedDomains: ['shop.example.com', '*.example.net'] });
      const refused = await postPing(ping(alice.widgetId, { url: 'https://copycat.example.org/page' }));
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toEqual({
        error: 'origin_not_allowed',
        message: `Widget ${alice.widgetId} does not accept pings from copycat.example.org`,
      });
      for (const url of ['https://shop.example.com.evil.org/', 'https://example.net/', 'http://localhost:3000/']) {
        expect((await postPing(ping(alice.widgetId, { url }))).statusCode).toBe(403);
      }
      expect(await pingsStored()).toBe(1);
      for (const url of ['https://SHOP.example.com/cart', 'https://www.example.net/', 'https://a.b.example.net/x']) {
        expect((await postPing(ping(alice.widgetId, { url }))).statusCode).toBe(204);
      }
      expect(await pingsStored()).toBe(4);
      // Bob's widget has no list: any host.
      expect((await postPing(ping(bob.widgetId, { url: 'https://copycat.example.org/' }))).statusCode).toBe(204);
    });

    it('refused pings never count toward qualification', async () => {
      await patch(alice, alice.widgetId, { allowedDomains: ['shop.example.com'] });
      for (let i = 0; i < 5; i++) await postPing(ping(alice.widgetId, { url: 'https://copycat.example.org/' }));
      const status = (await as(app, alice)({ method: 'GET', url: `/api/widgets/${alice.widgetId}/install` })).json();
      expect(status).toMatchObject({ state: 'no_pings', qualified: false, origins: [] });
      expect(status.nextStep).toContain('pings are accepted only from shop.example.com');
      for (let i = 0; i < 3; i++) await postPing(ping(alice.widgetId, { url: 'https://shop.example.com/' }));
      const qualified = (await as(app, alice)({ method: 'GET', url: `/api/widgets/${alice.widgetId}/install` })).json();
      expect(qualified).toMatchObject({ state: 'qualified', qualifiedOrigin: 'https://shop.example.com' });
    });
  });

  describe('install status', () => {
    const install = async (user: TestUser = alice) => {
      const res = await as(app, user)({ method: 'GET', url: `/api/widgets/${user.widgetId}/install` });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };

    it('explains each step from no ping to qualified', async () => {
      expect(await install()).toEqual({
        widgetId: alice.widgetId,
        state: 'no_pings',
        qualified: false,
        explanation: 'No ping yet: paste the snippet',
        nextStep: "Paste the snippet into your site's pages and open one in a browser",
        minVisitors: 3,
        qualifiedAt: null,
        qualifiedOrigin: null,
        lastPingAt: null,
        verification: {
          state: 'not_checked',
          explanation: 'Once the widget counts as installed, its page is checked for the snippet',
          nextStep: null,
          attempts: 0,
          checkedUrl: null,
          foundUrl: null,
          checkedAt: null,
          nextCheckAt: null,
        },
        origins: [],
      });

      for (let i = 0; i < 4; i++) await postPing(ping(alice.widgetId, { url: 'http://localhost:5173/' }));
      await postPing(ping(alice.widgetId, { url: 'http://192.168.1.20/' }));
      expect(await install()).toMatchObject({
        state: 'private_only',
        explanation:
          'Only seen on localhost / private addresses, which never count: http://localhost:5173, http://192.168.1.20',
        lastPingAt: '2026-03-01T10:00:00.000Z',
        origins: [
          {
            origin: 'http://localhost:5173',
            publicOrigin: false,
            allowed: true,
            visitors: 4,
            networks: 1,
            lastSeenOn: '2026-03-01',
            visitorDays30d: 4,
          },
          { origin: 'http://192.168.1.20', publicOrigin: false, allowed: true, visitors: 1 },
        ],
      });

      await postPing(ping(alice.widgetId, { url: 'https://shop.example.com/' }));
      await postPing(ping(alice.widgetId, { url: 'https://shop.example.com/cart', kind: 'heartbeat' }));
      await postPing(ping(alice.widgetId, { url: 'https://blog.example.com/' }));
      expect(await install()).toMatchObject({
        state: 'counting',
        qualified: false,
        explanation: 'Seen by 2 of the 3 distinct visitors needed on https://shop.example.com',
        nextStep: '1 more visitor on one public address will qualify it',
      });

      clock.advanceDays(1);
      await postPing(ping(alice.widgetId, { url: 'https://shop.example.com/about' }));
      expect(await install()).toMatchObject({
        state: 'qualified',
        qualified: true,
        explanation: 'Installed: qualified on https://shop.example.com on 2026-03-02',
        nextStep: null,
        qualifiedAt: '2026-03-02T10:00:00.000Z',
        qualifiedOrigin: 'https://shop.example.com',
        // Its page is checked for the snippet next (test/plugins/install-checks.test.ts).
        verification: {
          state: 'checking',
          explanation: 'Your page on https://shop.example.com will be checked for the snippet shortly',
          nextCheckAt: '2026-03-02T10:00:00.000Z',
        },
      });
      const listed = (await as(app, alice)({ method: 'GET', url: `/api/widgets/${alice.widgetId}` })).json();
      expect(listed.install).toEqual({
        qualified: true,
        qualifiedAt: '2026-03-02T10:00:00.000Z',
        qualifiedOrigin: 'https://shop.example.com',
        lastPingAt: expect.any(String),
      });
    });

    it('says when the only public pings come from hosts no longer allowed', async () => {
      await postPing(ping(alice.widgetId, { url: 'https://old.example.com/' }));
      await patch(alice, alice.widgetId, { allowedDomains: ['new.example.com'] });
      expect(await install()).toMatchObject({
        state: 'not_allowed',
        explanation: 'Only seen on addresses outside your allowed domains: https://old.example.com',
        origins: [{ origin: 'https://old.example.com', publicOrigin: true, allowed: false, visitors: 1 }],
      });
    });
  });

  describe('authorisation', () => {
    it('A can neither read, change nor inspect B’s widget: 404 as if it did not exist', async () => {
      const attempts = [
        { method: 'GET', url: `/api/widgets/${bob.widgetId}` },
        { method: 'GET', url: `/api/widgets/${bob.widgetId}/install` },
        { method: 'PATCH', url: `/api/widgets/${bob.widgetId}`, payload: { greeting: 'pwned' } },
      ] as const;
      for (const attempt of attempts) {
        const res = await as(app, alice)(attempt);
        expect(res.statusCode, attempt.url).toBe(404);
        expect(res.json()).toEqual({ error: 'unknown_widget', message: `No widget ${bob.widgetId}` });
        const missing = await as(
          app,
          alice,
        )({ ...attempt, url: attempt.url.replace(bob.widgetId, 'wdg_nosuchwidget0001') });
        expect(missing.json().error).toBe('unknown_widget');
      }
      const list = (await as(app, alice)({ method: 'GET', url: '/api/widgets' })).json().widgets;
      expect(list.map((w: { id: string }) => w.id)).toEqual([alice.widgetId]);
      expect((await publicConfig(bob.widgetId)).json().greeting).toBe(DEFAULT_WIDGET_SETTINGS.greeting);
    });

    it('401 without a session, 403 without the CSRF token, before the body is looked at', async () => {
      const anonymous = [
        { method: 'GET', url: '/api/widgets' },
        { method: 'POST', url: '/api/widgets', payload: {} },
        { method: 'GET', url: `/api/widgets/${alice.widgetId}` },
        { method: 'PATCH', url: `/api/widgets/${alice.widgetId}`, payload: { greeting: 'x'.repeat(9999) } },
        { method: 'GET', url: `/api/widgets/${alice.widgetId}/install` },
      ] as const;
      for (const req of anonymous) {
        const res = await app.inject(req);
        expect(res.statusCode, `${req.method} ${req.url}`).toBe(401);
        expect(res.json().error).toBe('unauthenticated');
      }
      for (const req of [
        { method: 'POST', url: '/api/widgets', payload: {} },
        { method: 'PATCH', url: `/api/widgets/${alice.widgetId}`, payload: { greeting: 'forged' } },
      ] as const) {
        const res = await app.inject({ ...req, headers: { cookie: alice.cookie } });
        expect(res.statusCode).toBe(403);
        expect(res.json().error).toBe('csrf');
        const wrong = await app.inject({ ...req, headers: { cookie: alice.cookie, 'x-csrf-token': bob.csrfToken } });
        expect(wrong.statusCode).toBe(403);
      }
      const { rows } = await db().query<{ n: number }>('select count(*)::int as n from widgets');
      expect(rows[0]?.n).toBe(2);
      expect((await publicConfig(alice.widgetId)).json().greeting).toBe(DEFAULT_WIDGET_SETTINGS.greeting);
    });

    it('answers 400 for a malformed widget id', async () => {
      for (const req of [
        { method: 'GET', url: '/api/widgets/nope' },
        { method: 'GET', url: '/api/widgets/nope/install' },
        { method: 'PATCH', url: '/api/widgets/nope', payload: { greeting: 'x' } },
      ] as const) {
        const res = await as(app, alice)(req);
        expect(res.statusCode).toBe(400);
        expect(res.json()).toMatchObject({ error: 'invalid_request' });
      }
    });
  });
});
