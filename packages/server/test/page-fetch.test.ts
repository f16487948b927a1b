import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fetchPage, type PageFetchOptions, type ResolveHost } from '../src/page-fetch.ts';

// The install check's fetch against local servers: what it fetches, and everything it refuses.

let server: Server;
let port: number;
let routes: Map<string, (req: IncomingMessage, res: ServerResponse) => void>;
let hits: string[];
beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    const route = routes.get(req.url ?? '/');
    if (route) route(req, res);
    else res.writeHead(404).end('nothing here');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
);
beforeEach(() => {
  routes = new Map();
  hits = [];
});

const toLoopback: ResolveHost = async () => [{ address: '127.0.0.1', family: 4 }];
const options = (over: Partial<PageFetchOptions> = {}): PageFetchOptions => ({
  resolve: toLoopback,
  allowLoopback: true,
  userAgent: 'CallbellInstallCheck/1.0 (+https://app.callbell.test)',
  ...over,
});
const at = (path: string, host = 'shop.example.com') => `http://${host}:${port}${path}`;

describe('fetchPage', () => {
  it('fetches a page by its name, with a plain user agent and no cookies', async () => {
    let seen: IncomingMessage | undefined;
    routes.set('/page?x=1', (req, res) => {
      seen = req;
      res.writeHead(200, { 'content-type': 'text/html' }).end('<p>hello</p>');
    });
    const got = await fetchPage(at('/page?x=1'), options());
    expect(got).toEqual({ ok: true, url: at('/page?x=1'), status: 200, body: '<p>hello</p>' });
    expect(seen?.headers['user-agent']).toBe('CallbellInstallCheck/1.0 (+https://app.callbell.test)');
    expect(seen?.headers.host).toBe(`shop.example.com:${port}`);
    expect(seen?.headers.cookie).toBeUndefined();
  });

  it('reads a compressed page', async () => {
    routes.set('/gz', (_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync('<p>zipped</p>'));
    });
    expect(await fetchPage(at('/gz'), options())).toMatchObject({ ok: true, body: '<p>zipped</p>' });
  });

  it('follows a redirect on the same site', async () => {
    routes.set('/old', (_req, res) => res.writeHead(301, { location: '/new' }).end());
    routes.set('/new', (_req, res) => res.writeHead(200).end('moved here'));
    expect(await fetchPage(at('/old'), options())).toMatchObject({ ok: true, url: at('/new'), body: 'moved here' });
  });

  describe('refuses addresses that are not public', () => {
    it('loopback, when not allowed: nothing is requested', async () => {
      routes.set('/', (_req, res) => res.writeHead(200).end('secret'));
      for (const url of [`http://127.0.0.1:${port}/`, at('/'), `http://[::ffff:127.0.0.1]:${port}/`]) {
        expect(await fetchPage(url, options({ allowLoopback: false }))).toMatchObject({
          ok: false,
          failure: 'not_public',
        });
      }
      expect(hits).toEqual([]);
    });

    it.each([
      ['private', '10.0.0.5'],
      ['metadata', '169.254.169.254'],
      ['unique local', 'fd00::1'],
      ['IPv4-mapped private', '::ffff:192.168.0.1'],
    ])('a name resolving to a %s address', async (_kind, address) => {
      const resolve: ResolveHost = async () => [{ address, family: address.includes(':') ? 6 : 4 }];
      expect(await fetchPage('https://innocent.example.com/', options({ resolve }))).toMatchObject({
        ok: false,
        failure: 'not_public',
        detail: 'innocent.example.com is not on a public address',
      });
    });

    it('a name with a public and a private address', async () => {
      const resolve: ResolveHost = async () => [
        { address: '93.184.216.34', family: 4 },
        { address: '10.0.0.1', family: 4 },
      ];
      expect(await fetchPage('https://mixed.example.com/', options({ resolve }))).toMatchObject({
        failure: 'not_public',
      });
    });

    it('a redirect to a private address, or to a name that resolves to one', async () => {
      routes.set('/to-metadata', (_req, res) =>
        res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
      );
      expect(await fetchPage(at('/to-metadata'), options())).toMatchObject({
        ok: false,
        failure: 'not_public',
        url: 'http://169.254.169.254/latest/meta-data/',
      });
      routes.set('/to-name', (_req, res) =>
        res.writeHead(307, { location: `http://internal.example.com:${port}/` }).end(),
      );
      const resolve: ResolveHost = async (host) => [
        { address: host === 'internal.example.com' ? '192.168.1.1' : '127.0.0.1', family: 4 },
      ];
      expect(await fetchPage(at('/to-name'), options({ resolve }))).toMatchObject({ failure: 'not_public' });
    });
  });

  it.each([
    'ftp://shop.example.com/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<p>x</p>',
    'gopher://shop.example.com/',
  ])('refuses %s: http(s) only', async (url) => {
    expect(await fetchPage(url, options())).toMatchObject({ ok: false, failure: 'not_http' });
  });

  it('refuses a redirect to another scheme, and endless redirects', async () => {
    routes.set('/to-file', (_req, res) => res.writeHead(302, { location: 'file:///etc/passwd' }).end());
    expect(await fetchPage(at('/to-file'), options())).toMatchObject({ failure: 'not_http' });
    routes.set('/loop', (_req, res) => res.writeHead(302, { location: '/loop' }).end());
    expect(await fetchPage(at('/loop'), options({ maxRedirects: 3 }))).toMatchObject({
      failure: 'too_many_redirects',
    });
    expect(hits.filter((h) => h === '/loop')).toHaveLength(4);
  });

  it('refuses addresses with credentials, and what is no address', async () => {
    expect(await fetchPage(`http://user:secret@shop.example.com:${port}/`, options())).toMatchObject({
      failure: 'bad_url',
    });
    expect(await fetchPage('not a url', options())).toMatchObject({ failure: 'bad_url' });
  });

  describe('refuses oversize bodies', () => {
    it('by their declared length, without reading them', async () => {
      routes.set('/big', (_req, res) => res.writeHead(200, { 'content-length': '5000000' }).end());
      expect(await fetchPage(at('/big'), options())).toMatchObject({
        failure: 'too_large',
        detail: 'the page is larger than 1000 kB',
      });
    });

    it('as they stream past the cap, with no length declared', async () => {
      routes.set('/stream', (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        for (let i = 0; i < 30; i++) res.write('x'.repeat(1000));
        res.end();
      });
      expect(await fetchPage(at('/stream'), options({ maxBytes: 10_000 }))).toMatchObject({ failure: 'too_large' });
    });

    it('once decompressed: a small gzip that unpacks past the cap', async () => {
      const bomb = gzipSync(Buffer.alloc(5_000_000, 0x20));
      routes.set('/bomb', (_req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(bomb));
      expect(bomb.length).toBeLessThan(10_000);
      expect(await fetchPage(at('/bomb'), options())).toMatchObject({ failure: 'too_large' });
    });
  });

  describe('gives up on slow servers', () => {
    it('one that never answers', async () => {
      routes.set('/silent', () => {});
      const started = Date.now();
      expect(await fetchPage(at('/silent'), options({ idleMs: 200 }))).toMatchObject({ failure: 'timeout' });
      expect(Date.now() - started).toBeLessThan(2000);
    });

    it('one that sends a little at a time, past the whole fetch’s time', async () => {
      routes.set('/drip', (_req, res) => {
        res.writeHead(200);
        const t = setInterval(() => res.write('x'), 50);
        res.on('close', () => clearInterval(t));
      });
      const started = Date.now();
      expect(await fetchPage(at('/drip'), options({ timeoutMs: 400, idleMs: 200 }))).toMatchObject({
        failure: 'timeout',
      });
      expect(Date.now() - started).toBeLessThan(2000);
    });

    it('a resolver that never answers', async () => {
      const resolve: ResolveHost = () => new Promise(() => {});
      expect(await fetchPage('https://stuck.example.com/', options({ resolve, timeoutMs: 200 }))).toMatchObject({
        failure: 'timeout',
      });
    });
  });

  it('says what went wrong: an error status, a refused connection, a name that does not resolve', async () => {
    expect(await fetchPage(at('/missing'), options())).toMatchObject({
      failure: 'http_status',
      detail: 'the page answered HTTP 404',
    });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await fetchPage(`http://shop.example.com:${closedPort}/`, options())).toMatchObject({
      failure: 'connect',
      detail: 'the site refused the connection',
    });
    const resolve: ResolveHost = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    expect(await fetchPage('https://nowhere.example.com/', options({ resolve }))).toMatchObject({
      failure: 'dns',
      detail: 'nowhere.example.com could not be resolved',
    });
  });
});
