import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachDb } from '../databases.ts';
import { FREE_CODE, FREE_WIDGET, PAID_CODE, PAID_WIDGET, SETTINGS, seedOwners, testApp } from '../fixtures.ts';

describeEachDb('GET /v1/widgets/:id/config', (db) => {
  let app: FastifyInstance;
  // One app for the suite: the route reads the widget from the database at each request, and
  // keeps nothing of it; the owners are seeded again, the same, into the database emptied
  // before each test, so what a test changed in them is gone for the next.
  beforeAll(async () => {
    app = await testApp(db());
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    await seedOwners(db());
  });

  const get = (id: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url: `/v1/widgets/${id}/config`, headers });

  it('shows the footer on the free plan even when the owner asked to hide it', async () => {
    const res = await get(FREE_WIDGET);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      widgetId: FREE_WIDGET,
      ...SETTINGS,
      branding: {
        show: true,
        label: '⚡ by Callbell',
        href: `https://app.callbell.test/r/${FREE_CODE}?src=widget&w=${FREE_WIDGET}`,
      },
    });
  });

  it('hides it on a paid plan when the owner chose so, keeping the referral link', async () => {
    const res = await get(PAID_WIDGET);
    expect(res.json().branding).toEqual({
      show: false,
      label: '⚡ by Callbell',
      href: `https://app.callbell.test/r/${PAID_CODE}?src=widget&w=${PAID_WIDGET}`,
    });
  });

  it('brings the footer back when the paid subscription ends', async () => {
    await db().query(`update accounts set plan = 'free' where id = 'acc_paid'`);
    expect((await get(PAID_WIDGET)).json().branding.show).toBe(true);
  });

  it('is cacheable: ETag, If-None-Match → 304, short max-age, open CORS', async () => {
    const first = await get(FREE_WIDGET);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers['cache-control']).toBe('public, max-age=60, stale-while-revalidate=600');
    expect(first.headers['access-control-allow-origin']).toBe('*');
    const again = await get(FREE_WIDGET, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    await db().query(`update widgets set settings = jsonb_set(settings, '{greeting}', '"Changed"') where id = $1`, [
      FREE_WIDGET,
    ]);
    const changed = await get(FREE_WIDGET, { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
  });

  it('answers 404 with a JSON error for an unknown widget', async () => {
    const res = await get('wdg_nosuchwidget0001');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: 'unknown_widget', message: 'No widget wdg_nosuchwidget0001' });
  });

  it('answers 400 for a malformed widget id', async () => {
    const res = await get('not-a-widget');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('answers a CORS preflight for the /v1 routes', async () => {
    const res = await app.inject({
      method: 'OPTIONS',
      url: '/v1/pings',
      headers: { origin: 'https://shop.example.com' },
    });
    expect(res.statusCode).toBe(204);
    expect(res.headers).toMatchObject({
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET, POST',
      'access-control-allow-headers': 'content-type',
    });
  });
});
