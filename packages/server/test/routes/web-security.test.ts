import { connect } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { describeEachDb, freshDb } from '../databases.ts';
import { FREE_WIDGET, seedOwners, testApp } from '../fixtures.ts';

const LANDING = 'https://callbell.test/signup?plan=free';

/** Sends `raw` over a plain socket; resolves with all the server wrote once it closes, and how long that took. */
function rawRequest(port: number, raw: string, opts: { end?: boolean } = {}): Promise<{ text: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (d) => {
      text += d;
    });
    socket.on('error', () => {}); // the server may reset after answering
    socket.on('close', () => resolve({ text, ms: performance.now() - started }));
    socket.setTimeout(15_000, () => {
      socket.destroy();
      reject(new Error(`no close within 15 s; got ${JSON.stringify(text.slice(0, 200))}`));
    });
    socket.write(raw);
    if (opts.end) socket.end();
  });
}

const statusOf = (text: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]);
const bodyOf = (text: string) => JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4));

describeEachDb('security headers and CORS', (db) => {
  let app: FastifyInstance;
  // One app for the suite: its tests only read headers, and the owners they read widgets of are
  // seeded again, the same, into the database emptied before each test. The test of another
  // PUBLIC_ORIGIN builds its own app.
  let shared: FastifyInstance;
  beforeAll(async () => {
    shared = await testApp(db());
  });
  afterAll(() => shared.close());
  beforeEach(async () => {
    await seedOwners(db());
    app = shared;
  });
  afterEach(async () => {
    if (app !== shared) await app.close();
  });

  it('sends nosniff on every response, and a framing policy on every HTML page', async () => {
    const urls = ['/health', '/api/auth/me', '/nowhere', '/widget.js', `/v1/widgets/${FREE_WIDGET}/config`, '/'];
    for (const url of urls) {
      const res = await app.inject(url);
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
    }
    for (const url of ['/', '/welcome', '/app/login', '/health']) {
      const res = await app.inject(url);
      expect(res.headers['content-security-policy'], url).toMatch(/frame-ancestors '(self|none)'/);
      expect(res.headers['referrer-policy'], url).toBe('same-origin');
      expect(res.headers['strict-transport-security'], url).toBe('max-age=31536000');
    }
    const dashboard = await app.inject('/app/login');
    expect(dashboard.headers['content-security-policy']).toContain("script-src 'self';");
    expect(dashboard.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(dashboard.headers['cross-origin-resource-policy']).toBe('same-origin');
  });

  it('leaves the widget’s routes to their own few headers, and a path no route serves to the app’s', async () => {
    const config = await app.inject(`/v1/widgets/${FREE_WIDGET}/config`);
    expect(config.statusCode).toBe(200);
    expect(config.headers['content-security-policy']).toBeUndefined();
    expect(config.headers['x-frame-options']).toBeUndefined();
    expect(config.headers['x-content-type-options']).toBe('nosniff');
    for (const url of ['/v1/nowhere', '/v1']) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-security-policy'], url).toMatch(/frame-ancestors 'self'/);
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
    }
  });

  it('lets the example page run only its snippet inline, by hash', async () => {
    const csp = String((await app.inject('/')).headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/]+=*'/);
    expect(csp.match(/script-src/g)).toHaveLength(1);
  });

  it('lets other sites load what the widget needs, and nothing else', async () => {
    for (const url of ['/widget.js', `/v1/widgets/${FREE_WIDGET}/config`, '/banners/300x250.svg']) {
      const res = await app.inject(url);
      expect(res.headers['cross-origin-resource-policy'], url).toBe('cross-origin');
      expect(res.headers['access-control-allow-origin'], url).toBe('*');
    }
    for (const url of ['/api/auth/me', '/health', '/app/login']) {
      expect((await app.inject(url)).headers['access-control-allow-origin'], url).toBeUndefined();
    }
  });

  it('answers a CORS preflight on /v1 only', async () => {
    const headers = { origin: 'https://elsewhere.example', 'access-control-request-method': 'POST' };
    const v1 = await app.inject({ method: 'OPTIONS', url: '/v1/pings', headers });
    expect(v1.statusCode).toBe(204);
    expect(v1.headers['access-control-allow-origin']).toBe('*');
    for (const url of ['/api/auth/login', '/api/payouts', '/app/', '/health', '/r/free1234']) {
      const res = await app.inject({ method: 'OPTIONS', url, headers });
      expect(res.headers['access-control-allow-origin'], url).toBeUndefined();
      expect(res.statusCode, url).toBe(404);
      expect(res.json(), url).toMatchObject({ error: 'not_found' });
    }
  });

  it('sends HSTS only when the public origin is https', async () => {
    app = await testApp(db(), { PUBLIC_ORIGIN: 'http://localhost:3000' });
    const res = await app.inject('/health');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });

  it("puts Fastify's own errors in the app's format", async () => {
    const cases: [string, number, string][] = [
      ['/api/%ff', 400, 'bad_url'],
      [`/v1/widgets/${'w'.repeat(1500)}/config`, 414, 'uri_too_long'],
    ];
    for (const [url, status, error] of cases) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(status);
      expect(res.json(), url).toEqual({ error, message: expect.any(String) });
      expect(res.json().message, url).not.toContain('FST_');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
    }
    const length = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json', 'content-length': 'abc' },
      payload: '{}',
    });
    expect(length.statusCode).toBeLessThan(500);
    expect(Object.keys(length.json()).sort()).toEqual(['error', 'message']);
  });
});

describe('over HTTP: time-outs and requests Node cannot parse', () => {
  let app: FastifyInstance;
  let port: number;
  // One server for these tests: each opens a connection of its own, which the server closes
  // (or the test ends), and the time-outs are counted per connection.
  beforeAll(async () => {
    const { db, drop } = await freshDb('pglite');
    app = await testApp(db, { HEADERS_TIMEOUT_MS: '300', REQUEST_TIMEOUT_MS: '600' });
    app.addHook('onClose', drop);
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as { port: number }).port;
  });
  afterAll(() => app.close());

  it('closes a request whose body never arrives, with a 408 in the usual format', async () => {
    const { text, ms } = await rawRequest(
      port,
      'POST /api/auth/login HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"email":',
    );
    expect(statusOf(text)).toBe(408);
    expect(bodyOf(text)).toEqual({ error: 'timeout', message: 'The request did not arrive in time' });
    expect(ms).toBeLessThan(5000);
  });

  it('closes a request whose headers never end', async () => {
    const { text, ms } = await rawRequest(port, 'GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    expect(statusOf(text)).toBe(408);
    expect(ms).toBeLessThan(5000);
  });

  it('answers a request line it cannot parse in the usual format', async () => {
    const { text } = await rawRequest(port, 'NONSENSE\r\n\r\n', { end: true });
    expect(statusOf(text)).toBe(400);
    expect(bodyOf(text)).toEqual({ error: 'bad_request', message: expect.any(String) });
    expect(text).toMatch(/x-content-type-options: nosniff/i);
  });

  it('answers headers too large for Node with 431, and a referral link that large with its redirect', async () => {
    const huge = 'x'.repeat(20_000);
    const api = await rawRequest(port, `GET /health?${huge} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(statusOf(api.text)).toBe(431);
    expect(bodyOf(api.text)).toMatchObject({ error: 'headers_too_large' });
    const link = await rawRequest(port, `GET /r/${huge} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(statusOf(link.text)).toBe(302);
    expect(link.text).toContain(`Location: ${LANDING}\r\n`);
  });
});
