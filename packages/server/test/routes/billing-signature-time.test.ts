import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { testClock } from '../clock.ts';
import { describeEachDb } from '../databases.ts';
import { testApp } from '../fixtures.ts';
import { deliver, signatureFor } from '../stripe-events.ts';

describeEachDb('the billing webhook and the time of a signature', (db) => {
  const clock = testClock(new Date('2026-03-01T12:00:00Z'));
  let app: FastifyInstance;
  // One app for the suite (as payouts.test.ts does), on a clock no test moves: the database,
  // where the webhook stores the events it accepts, is emptied between tests, and the webhook
  // keeps nothing in memory from one delivery to the next.
  let shared: FastifyInstance;
  beforeAll(async () => {
    shared = await testApp(db(), {}, clock);
  });
  afterAll(() => shared.close());
  beforeEach(() => {
    app = shared;
  });
  afterEach(async () => {
    if (app !== shared) await app.close();
  });

  const event = (id: string) => ({
    id,
    object: 'event',
    type: 'customer.created',
    created: Math.floor(clock.now().getTime() / 1000),
    data: { object: { id: 'cus_1', object: 'customer' } },
  });
  const stored = async () => (await db().query('select id from billing_events order by id')).rows;

  it('refuses a signature dated beyond the tolerance in the future, and stores nothing', async () => {
    const res = await deliver(app, event('evt_future'), { signedAt: new Date(clock.now().getTime() + 301_000) });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'future_signature', message: expect.stringContaining('in the future') });
    expect(await stored()).toEqual([]);
  });

  it('accepts one a little ahead, as clocks drift, and one a little behind', async () => {
    for (const [id, offset] of [
      ['evt_ahead', 240_000],
      ['evt_behind', -240_000],
    ] as const) {
      const res = await deliver(app, event(id), { signedAt: new Date(clock.now().getTime() + offset) });
      expect(res.statusCode, id).toBe(200);
    }
    expect(await stored()).toEqual([{ id: 'evt_ahead' }, { id: 'evt_behind' }]);
  });

  it('reads the timestamp wherever the header puts it', async () => {
    const payload = JSON.stringify(event('evt_reordered'));
    const header = signatureFor(payload, new Date(clock.now().getTime() + 3_600_000));
    const reordered = header.split(',').reverse().join(',');
    const res = await app.inject({
      method: 'POST',
      url: '/api/billing/stripe',
      headers: { 'content-type': 'application/json', 'stripe-signature': reordered },
      payload,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'future_signature' });
  });
});
