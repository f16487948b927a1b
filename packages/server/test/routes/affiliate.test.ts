import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { sha256Hex } from '../../src/domain/secrets.ts';
import { type TestClock, testClock } from '../clock.ts';
import { describeEachDb } from '../databases.ts';
import { ADMIN_EMAIL, testApp } from '../fixtures.ts';
import { as, signUp, type TestUser } from '../sessions.ts';

const START = '2026-03-01T10:00:00Z';

describeEachDb('the affiliate platform: access and API keys', (db) => {
  let app: FastifyInstance;
  let clock: TestClock;
  let user: TestUser;
  let admin: TestUser;
  // One app for the suite, its clock set back before each test. The database is emptied
  // between tests, and what the app counts in memory is kept apart: each test signs its users up
  // from addresses of its own (20 sign-ups an hour per address; the operator's session is made
  // without the route), and calls the statistics API from an address of its own (600 a minute
  // per address) with keys of its own (60 a minute per key).
  let shared: FastifyInstance;
  let n = 0;
  /** This test's address for the statistics API. */
  let apiIp: string;
  beforeAll(async () => {
    clock = testClock(START);
    shared = await testApp(db(), {}, clock);
  });
  afterAll(() => shared.close());
  beforeEach(async () => {
    clock.set(START);
    app = shared;
    n++;
    apiIp = `192.0.2.${n}`;
    user = await signUp(app, { ip: `203.0.113.${n}` });
    admin = await signUp(app, { email: ADMIN_EMAIL, ip: '203.0.113.9' });
  });
  afterEach(async () => {
    if (app !== shared) await app.close();
  });

  const status = async (who: TestUser = user) => {
    const res = await as(app, who)({ method: 'GET', url: '/api/affiliate' });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const request = (who: TestUser = user, payload: object = {}) =>
    as(app, who)({ method: 'POST', url: '/api/affiliate/request', payload });
  const approve = async (who: TestUser = user) => {
    const res = await as(app, admin)({ method: 'POST', url: `/api/admin/affiliate/requests/${who.id}/approve` });
    expect(res.statusCode, res.body).toBe(200);
  };
  const issue = (who: TestUser = user) => as(app, who)({ method: 'POST', url: '/api/affiliate/keys' });
  const revoke = (id: string, who: TestUser = user) =>
    as(app, who)({ method: 'DELETE', url: `/api/affiliate/keys/${id}` });
  const stats = (key: string) =>
    app.inject({
      method: 'GET',
      url: '/api/affiliate/v1/stats',
      headers: { authorization: `Bearer ${key}` },
      remoteAddress: apiIp,
    });
  /** Requests access, has the operator approve it and issues a key; returns the key as issued. */
  const approvedKey = async (who: TestUser = user) => {
    expect((await request(who)).statusCode).toBe(201);
    await approve(who);
    const res = await issue(who);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; key: string; createdAt: string; revokedAt: null };
  };

  it('needs a session', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/affiliate' })).statusCode).toBe(401);
    const res = await app.inject({ method: 'POST', url: '/api/affiliate/request', payload: {} });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: 'unauthenticated' });
  });

  it('says the review promise as configured', async () => {
    const slow = await testApp(db(), { AFFILIATE_REVIEW_HOURS: '48' }, clock);
    try {
      const res = await as(slow, user)({ method: 'GET', url: '/api/affiliate' });
      expect(res.json()).toMatchObject({ status: 'none', promiseHours: 48 });
      const filed = await as(slow, user)({ method: 'POST', url: '/api/affiliate/request' });
      expect(filed.json()).toMatchObject({ promiseHours: 48, reviewDueAt: '2026-03-03T10:00:00.000Z' });
    } finally {
      await slow.close();
    }
  });

  it('files one request, with its review deadline, and refuses a second while it is pending', async () => {
    expect(await status()).toEqual({ status: 'none', promiseHours: 24, keys: [] });
    const res = await request(user, { message: '  I run a blog about support tools  ' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({
      status: 'requested',
      message: 'I run a blog about support tools',
      requestedAt: '2026-03-01T10:00:00.000Z',
      reviewDueAt: '2026-03-02T10:00:00.000Z',
      decidedAt: null,
      rejectReason: null,
      withdrawnAt: null,
      withdrawReason: null,
      promiseHours: 24,
      keys: [],
    });
    clock.advanceDays(1);
    const again = await request(user, { message: 'please' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: 'already_requested' });
    expect(await status()).toMatchObject({
      message: 'I run a blog about support tools',
      requestedAt: '2026-03-01T10:00:00.000Z',
    });
  });

  it('takes a request without a body, and refuses a message that is too long', async () => {
    const long = await request(user, { message: 'x'.repeat(2001) });
    expect(long.statusCode).toBe(400);
    expect(long.json()).toMatchObject({ error: 'invalid_request' });
    expect((await db().query('select 1 from affiliate_requests')).rows).toHaveLength(0);
    const bare = await as(app, user)({ method: 'POST', url: '/api/affiliate/request' });
    expect(bare.statusCode, bare.body).toBe(201);
    expect(bare.json()).toMatchObject({ status: 'requested', message: null });
  });

  it('needs the CSRF header on every state-changing request', async () => {
    const noCsrf = (opts: { method: 'POST' | 'DELETE'; url: string }) =>
      app.inject({ ...opts, headers: { cookie: user.cookie } });
    for (const res of [
      await noCsrf({ method: 'POST', url: '/api/affiliate/request' }),
      await noCsrf({ method: 'POST', url: '/api/affiliate/keys' }),
      await noCsrf({ method: 'DELETE', url: '/api/affiliate/keys/abcdefghijkmnpqr' }),
    ]) {
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ error: 'csrf' });
    }
    expect((await db().query('select 1 from affiliate_requests')).rows).toHaveLength(0);
  });

  it('issues keys only once access is approved', async () => {
    expect((await issue()).statusCode).toBe(403);
    await request();
    const pending = await issue();
    expect(pending.statusCode).toBe(403);
    expect(pending.json()).toMatchObject({ error: 'affiliate_not_approved' });
    expect((await db().query('select 1 from api_keys')).rows).toHaveLength(0);
    await approve();
    expect((await issue()).statusCode).toBe(201);
  });

  it('shows the key once, stores only the hash of its secret, and the key works', async () => {
    const issued = await approvedKey();
    expect(issued.key).toMatch(/^cbk_[a-z2-9]{16}_[A-Za-z0-9_-]{43}$/);
    expect(issued.key.startsWith(`cbk_${issued.id}_`)).toBe(true);
    const secret = issued.key.slice(`cbk_${issued.id}_`.length);

    const { rows } = await db().query<Record<string, unknown>>('select * from api_keys');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.secret_hash).toBe(sha256Hex(secret));
    expect(JSON.stringify(rows)).not.toContain(secret);

    const listed = await status();
    expect(listed).toMatchObject({ status: 'approved', keys: [{ id: issued.id, revokedAt: null }] });
    expect(JSON.stringify(listed)).not.toContain(secret);
    expect(Object.keys(listed.keys[0]).sort()).toEqual(['createdAt', 'id', 'lastUsedAt', 'name', 'revokedAt']);

    expect((await stats(issued.key)).statusCode).toBe(200);
  });

  it('stops a revoked key at once, keeps it listed as revoked, and revoking twice keeps the first time', async () => {
    const issued = await approvedKey();
    clock.advanceMs(60_000);
    const res = await revoke(issued.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: issued.id, revokedAt: '2026-03-01T10:01:00.000Z' });
    const refused = await stats(issued.key);
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ error: 'api_key_revoked' });
    clock.advanceMs(60_000);
    expect((await revoke(issued.id)).json()).toMatchObject({ revokedAt: '2026-03-01T10:01:00.000Z' });
    expect((await status()).keys).toEqual([
      {
        id: issued.id,
        name: null,
        createdAt: '2026-03-01T10:00:00.000Z',
        revokedAt: '2026-03-01T10:01:00.000Z',
        lastUsedAt: null,
      },
    ]);
  });

  it('lets nobody else revoke a key: 404, and the key still works', async () => {
    const issued = await approvedKey();
    const other = await signUp(app, { ip: `203.0.113.${100 + n}` });
    for (const who of [other, admin]) {
      const res = await revoke(issued.id, who);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ error: 'not_found' });
    }
    expect((await revoke('nosuchkey0000000')).statusCode).toBe(404);
    expect((await stats(issued.key)).statusCode).toBe(200);
  });

  it('names a key as its owner says (trimmed; blank is no name), and refuses a name too long', async () => {
    await approvedKey();
    const named = await as(app, user)({ method: 'POST', url: '/api/affiliate/keys', payload: { name: '  Sheets  ' } });
    expect(named.statusCode, named.body).toBe(201);
    expect(named.json()).toMatchObject({ name: 'Sheets', key: expect.stringMatching(/^cbk_/) });
    const blank = await as(app, user)({ method: 'POST', url: '/api/affiliate/keys', payload: { name: '   ' } });
    expect(blank.json()).toMatchObject({ name: null });
    const long = await as(app, user)({ method: 'POST', url: '/api/affiliate/keys', payload: { name: 'x'.repeat(61) } });
    expect(long.statusCode).toBe(400);
    expect(long.json()).toMatchObject({ error: 'invalid_request' });
    const names = (await status()).keys.map((k: { name: string | null }) => k.name);
    expect(names.sort()).toEqual(['Sheets', null, null].sort());
  });

  it('caps the keys active at once; revoking one makes room', async () => {
    await approvedKey();
    for (let i = 0; i < 4; i++) expect((await issue()).statusCode).toBe(201);
    const over = await issue();
    expect(over.statusCode).toBe(409);
    expect(over.json()).toMatchObject({ error: 'too_many_keys' });
    const [first] = (await status()).keys;
    await revoke(first.id);
    expect((await issue()).statusCode).toBe(201);
    expect((await status()).keys).toHaveLength(6);
  });

  it('after a rejection, takes a new request; once approved, refuses another', async () => {
    await request(user, { message: 'first try' });
    const rejected = await as(
      app,
      admin,
    )({
      method: 'POST',
      url: `/api/admin/affiliate/requests/${user.id}/reject`,
      payload: { reason: 'Tell us more about your audience' },
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(await status()).toMatchObject({ status: 'rejected', rejectReason: 'Tell us more about your audience' });
    expect((await issue()).statusCode).toBe(403);

    clock.advanceDays(2);
    const again = await request(user, { message: 'second try' });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json()).toMatchObject({
      status: 'requested',
      message: 'second try',
      requestedAt: '2026-03-03T10:00:00.000Z',
      decidedAt: null,
      rejectReason: null,
    });
    await approve();
    const done = await request(user);
    expect(done.statusCode).toBe(409);
    expect(done.json()).toMatchObject({ error: 'already_approved' });
  });

  it('refuses the keys of an account whose access is no longer approved, even unrevoked', async () => {
    const issued = await approvedKey();
    // Defence in depth: the withdraw route revokes keys too; here only the status changes.
    await db().query(`update affiliate_requests set status = 'withdrawn' where account_id = $1`, [user.id]);
    const res = await stats(issued.key);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: 'affiliate_not_approved' });
    expect((await status()).keys).toEqual([]);
  });

  it('notes when each key was last used, to the minute', async () => {
    const issued = await approvedKey();
    const lastUsed = async () => (await status()).keys[0].lastUsedAt;
    expect(await lastUsed()).toBeNull();
    expect((await stats(issued.key)).statusCode).toBe(200);
    expect(await lastUsed()).toBe('2026-03-01T10:00:00.000Z');
    clock.advanceMs(59_000);
    expect((await stats(issued.key)).statusCode).toBe(200);
    expect(await lastUsed()).toBe('2026-03-01T10:00:00.000Z');
    clock.advanceMs(1_000);
    expect((await stats(issued.key)).statusCode).toBe(200);
    expect(await lastUsed()).toBe('2026-03-01T10:01:00.000Z');
    // A refused secret is no use.
    clock.advanceMs(120_000);
    expect((await stats(`cbk_${issued.id}_${'x'.repeat(43)}`)).statusCode).toBe(401);
    expect(await lastUsed()).toBe('2026-03-01T10:01:00.000Z');
  });

  it('authenticates the statistics by API key only', async () => {
    const issued = await approvedKey();
    const secret = issued.key.slice(`cbk_${issued.id}_`.length);
    const flipped = `${secret.startsWith('A') ? 'B' : 'A'}${secret.slice(1)}`;
    const attempts: Record<string, string>[] = [
      {},
      { authorization: issued.key }, // no scheme
      { authorization: `Basic ${issued.key}` },
      { authorization: 'Bearer cbk_nope' },
      { authorization: `Bearer cbk_${issued.id}_${flipped}` }, // right id, wrong secret
      { authorization: `Bearer cbk_abcdefghijkmnpqr_${secret}` }, // right secret, wrong id
      { cookie: user.cookie }, // a session is not a key
    ];
    for (const headers of attempts) {
      const res = await app.inject({
        method: 'GET',
        url: '/api/affiliate/v1/stats?from=bad',
        headers,
        remoteAddress: apiIp,
      });
      expect(res.statusCode, JSON.stringify(headers)).toBe(401);
      expect(res.json()).toMatchObject({ error: 'invalid_api_key' });
    }
    expect((await stats(issued.key)).statusCode).toBe(200);
    expect(
      (
        await app.inject({
          method: 'GET',
          url: '/api/affiliate/v1/stats',
          headers: { authorization: `bearer ${issued.key}` },
          remoteAddress: apiIp,
        })
      ).statusCode,
    ).toBe(200);
  });
  it('documents its routes, and the issued key is the only response with a secret', async () => {
    const doc = (await app.inject('/openapi.json')).json();
    for (const path of [
      '/api/affiliate',
      '/api/affiliate/request',
      '/api/affiliate/keys',
      '/api/affiliate/keys/{id}',
      '/api/affiliate/v1/stats',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    const listed = doc.paths['/api/affiliate'].get.responses['200'].content['application/json'].schema;
    expect(Object.keys(listed.properties.keys.items.properties).sort()).toEqual([
      'createdAt',
      'id',
      'lastUsedAt',
      'name',
      'revokedAt',
    ]);
  });
});
