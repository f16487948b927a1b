import Fastify, { type FastifyInstance, type FastifySchema } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import errorsPlugin from '../../src/plugins/errors.ts';
import inputChecksPlugin, { loneSurrogatePath } from '../../src/plugins/input-checks.ts';
import { describeEachDb } from '../databases.ts';
import { testApp } from '../fixtures.ts';
import { as, signUp } from '../sessions.ts';

describe('loneSurrogatePath', () => {
  it.each([
    [{ greeting: 'ok', agent: { name: 'A\ud800' } }, 'agent.name'],
    [{ channels: [{ text: 'x' }, { text: '\udc00' }] }, 'channels[1].text'],
    [{ 'a b': ['\ud800'] }, '["a b"][0]'],
    [{ ok: { '\ud800': 1 } }, 'a key of ok'],
    ['\ud800', 'the body'],
    [{ fine: '\ud83d\ude00', n: 1, b: null }, null],
  ])('finds %j at %s', (value, path) => {
    expect(loneSurrogatePath(value)).toBe(path);
  });

  it('walks any depth', () => {
    let deep: unknown = '\ud800';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(loneSurrogatePath(deep)).toMatch(/^\[0\]{1,}/);
  });
});

describe('numbers Ajv coerced to Infinity', () => {
  let app: FastifyInstance;
  const reached: string[] = [];
  beforeAll(async () => {
    app = Fastify();
    await app.register(errorsPlugin);
    await app.register(inputChecksPlugin);
    const n = { type: 'object', properties: { n: { type: 'number', maximum: 10 } } };
    const headers = { type: 'object', properties: { 'x-n': { type: 'number', maximum: 10 } } };
    app.get('/query', { schema: { querystring: n } }, async (req) => req.query);
    // Fastify also takes `query` for `querystring`, though its types do not.
    app.get('/alias', { schema: { query: n } as FastifySchema }, async (req) => req.query);
    app.get('/params/:n', { schema: { params: n } }, async (req) => req.params);
    app.get(
      '/headers',
      { schema: { headers }, preHandler: (_req, _reply, done) => done(void reached.push('headers')) },
      async () => ({}),
    );
    app.get('/text', { preHandler: (_req, _reply, done) => done(void reached.push('text')) }, async (req) => req.query);
  });
  afterAll(() => app.close());

  it.each([
    ['/query?n=1e400', 'querystring/n'],
    ['/alias?n=-1e400', 'querystring/n'],
    ['/params/1e309', 'params/n'],
  ])('refuses %s with 400 naming %s', async (url, where) => {
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toEqual({ error: 'invalid_request', message: `${where} must be a finite number` });
  });

  it("refuses a header before the route's own preHandlers run", async () => {
    const res = await app.inject({ method: 'GET', url: '/headers', headers: { 'x-n': 'Infinity' } });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toEqual({ error: 'invalid_request', message: 'headers/x-n must be a finite number' });
    expect(reached).not.toContain('headers');
    expect((await app.inject({ method: 'GET', url: '/headers', headers: { 'x-n': '1e1' } })).statusCode).toBe(200);
    expect(reached).toContain('headers');
  });

  it('leaves a route without schemas alone: its query string is text', async () => {
    const res = await app.inject({ method: 'GET', url: '/text?n=1e400' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ n: '1e400' });
    expect(reached).toContain('text');
  });
});

describeEachDb(
  'request inputs',
  (db) => {
    let app: FastifyInstance;
    beforeAll(async () => {
      app = await testApp(db());
    });
    afterAll(() => app.close());
    const post = (payload: string) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'application/json' },
        payload,
      });

    it('refuses half a surrogate pair with 400 naming where, on any route', async () => {
      const res = await post('{"email":"a@example.com","password":"x\\ud800y"}');
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ error: 'invalid_request', message: expect.stringContaining('password') });
    });

    it.each(['1e400', '-1e400', 'Infinity', '1e309'])(
      'refuses a number in a query string that is no number (limit=%s) with 400 naming it',
      async (limit) => {
        const user = await signUp(app);
        const res = await as(app, user)({ method: 'GET', url: `/api/rewards/entries?limit=${limit}` });
        expect(res.statusCode, res.body).toBe(400);
        expect(res.json()).toEqual({ error: 'invalid_request', message: expect.stringContaining('limit') });
        expect((await as(app, user)({ method: 'GET', url: '/api/rewards/entries?limit=1e1' })).statusCode).toBe(200);
      },
    );

    it('still parses as Fastify does: empty, broken and poisoned bodies are refused', async () => {
      expect((await post('')).json()).toMatchObject({ error: 'invalid_json' });
      expect((await post('{"email":')).json()).toMatchObject({ error: 'invalid_json' });
      const poisoned = await post('{"__proto__":{"admin":true},"email":"a@example.com","password":"x"}');
      expect(poisoned.statusCode).toBe(400);
      // An escaped backslash before "ud800" is no escape: this is an ordinary body.
      const fine = await post('{"email":"nobody@example.com","password":"\\\\ud800\\ud83d\\ude00"}');
      expect(fine.statusCode).toBe(401);
    });
  },
  { keep: true },
);
