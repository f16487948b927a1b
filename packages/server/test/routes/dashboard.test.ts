import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { REPO_ROOT } from '../../src/paths.ts';
import { ROUTE_PAGES } from '../../src/routes/dashboard.ts';
import { freshDb } from '../databases.ts';
import { testApp } from '../fixtures.ts';
import { signUp } from '../sessions.ts';

// A dashboard build of our own, so the test does not depend on what `pnpm build` left.
const DIST = mkdtempSync(join(tmpdir(), 'callbell-dashboard-'));
const INDEX = `<!doctype html><html><head><script type="module" src="/app/assets/index-abc123.js"></script></head><body><div id="app"></div>${' '.repeat(600)}</body></html>`;
const SCRIPT = `console.log("dashboard");${'/* padding */'.repeat(100)}`;

describe('the dashboard under /app/', () => {
  let handle: { db: Db; drop(): Promise<void> };
  let app: FastifyInstance;
  beforeAll(async () => {
    mkdirSync(join(DIST, 'assets'));
    writeFileSync(join(DIST, 'index.html'), INDEX);
    writeFileSync(join(DIST, 'preview.html'), '<!doctype html><title>preview</title>');
    writeFileSync(join(DIST, 'assets/index-abc123.js'), SCRIPT);
    mkdirSync(join(DIST, '.vite'));
    writeFileSync(
      join(DIST, '.vite/manifest.json'),
      JSON.stringify({
        'index.html': { file: 'assets/index-abc123.js', isEntry: true, imports: ['_shared.js'] },
        '_shared.js': { file: 'assets/shared-1.js' },
        '_util.js': { file: 'assets/util-2.js', imports: ['_shared.js'] },
        'src/pages/rewards/RewardsPage.tsx': {
          file: 'assets/RewardsPage-3.js',
          isDynamicEntry: true,
          imports: ['index.html', '_util.js'],
          css: ['assets/RewardsPage-4.css'],
        },
      }),
    );
    process.env.DASHBOARD_DIST = DIST;
    handle = await freshDb('pglite');
    app = await testApp(handle.db);
  });
  afterAll(async () => {
    delete process.env.DASHBOARD_DIST;
    await app.close();
    await handle.drop();
    rmSync(DIST, { recursive: true, force: true });
  });

  it('answers the app for every route, uncached, with a CSP that allows only itself', async () => {
    for (const path of ['/app/', '/app/login', '/app/widget/wdg_abc', '/app/rewards?x=1', '/app/no/such/page']) {
      const res = await app.inject(path);
      expect(res.statusCode, path).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('private, no-cache');
      expect(res.headers.vary).toBe('cookie, accept-encoding');
      expect(res.body).toBe(INDEX);
    }
    const res = await app.inject('/app/');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('embeds a signed-in request’s session in the page, escaped and never cached', async () => {
    const anonymous = await app.inject('/app/rewards');
    expect(anonymous.body).not.toContain('cb-session');
    // $& and $' are replacement patterns for String.replace: the address must come out as it is.
    const user = await signUp(app, { email: "a$`b$'c$&@example.com" });
    const res = await app.inject({ url: '/app/rewards', headers: { cookie: user.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    const json = /<script type="application\/json" id="cb-session">(.*?)<\/script>/.exec(res.body)?.[1] ?? '';
    expect(JSON.parse(json)).toEqual({
      account: {
        id: user.id,
        email: user.email,
        role: 'user',
        plan: 'free',
        referralCode: user.referralCode,
        emailVerified: true,
      },
      csrfToken: user.csrfToken,
      demo: false,
    });
    expect(json).not.toContain('<');
    const compressed = await app.inject({
      url: '/app/rewards',
      headers: { cookie: user.cookie, 'accept-encoding': 'br' },
    });
    expect(compressed.headers['content-encoding']).toBe('br');
    expect(compressed.headers.vary).toBe('cookie, accept-encoding');
    const expired = await app.inject({ url: '/app/rewards', headers: { cookie: 'cb_session=not-a-session' } });
    expect(expired.body).toBe(INDEX);
  });

  it('names a signed-in page’s code, styles and first data in its head, and nothing else', async () => {
    const user = await signUp(app, { email: 'hints@example.com' });
    const head = async (path: string) =>
      (await app.inject({ url: path, headers: { cookie: user.cookie } })).body.split('</head>')[0] ?? '';
    const rewards = await head('/app/rewards');
    expect(rewards).toContain('<link rel="modulepreload" href="/app/assets/RewardsPage-3.js">');
    expect(rewards).toContain('<link rel="modulepreload" href="/app/assets/util-2.js">');
    expect(rewards).toContain('<link rel="stylesheet" href="/app/assets/RewardsPage-4.css">');
    expect(rewards).toContain('<link rel="preload" href="/api/rewards" as="fetch" crossorigin="anonymous">');
    // The entry's own imports are loaded by the entry; index.html is not a module to preload.
    expect(rewards).not.toContain('shared-1.js');
    expect(rewards).not.toContain('modulepreload" href="/app/assets/index-abc123.js');
    expect(await head('/app/login')).not.toContain('modulepreload');
    // The server's route table names the pages the app really has.
    const app_ = readFileSync(join(REPO_ROOT, 'packages/dashboard/src/app.tsx'), 'utf8');
    for (const route of ROUTE_PAGES) {
      expect(app_).toContain(`import('./${route.page.replace('src/', '')}')`);
      expect(app_).toContain(`path="${route.prefix}"`);
    }
  });

  it('redirects /app to /app/, keeping the query', async () => {
    const res = await app.inject('/app');
    expect(res.statusCode).toBe(301);
    expect(res.headers.location).toBe('/app/');
    expect((await app.inject('/app?ref=abcd1234')).headers.location).toBe('/app/?ref=abcd1234');
  });

  it('caches hashed assets for a year and answers a missing one 404, not the app', async () => {
    const res = await app.inject('/app/assets/index-abc123.js');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.body).toBe(SCRIPT);
    const missing = await app.inject('/app/assets/index-old999.js');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: 'not_found' });
  });

  it('serves the preview frame as its own page', async () => {
    const res = await app.inject('/app/preview.html');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<title>preview</title>');
  });

  it('compresses for clients that accept it, and answers 304 to a known ETag', async () => {
    const br = await app.inject({ url: '/app/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('accept-encoding');
    expect(br.rawPayload.length).toBeLessThan(SCRIPT.length);
    const gzip = await app.inject({ url: '/app/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    const etag = String(br.headers.etag);
    const again = await app.inject({ url: '/app/assets/index-abc123.js', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
  });

  it('reads the build once for every app, and again once it is rebuilt', async () => {
    const again = await testApp(handle.db);
    const rebuilt = `${INDEX}<!-- rebuilt -->`;
    try {
      expect((await again.inject('/app/')).body).toBe(INDEX);
      writeFileSync(join(DIST, 'index.html'), rebuilt);
      const after = await testApp(handle.db);
      try {
        expect((await after.inject('/app/')).body).toBe(rebuilt);
      } finally {
        await after.close();
      }
    } finally {
      writeFileSync(join(DIST, 'index.html'), INDEX);
      await again.close();
    }
  });

  it('links the landing page and the example page to sign-up and log-in, keeping the code', async () => {
    const welcome = await app.inject('/welcome?ref=abcd1234');
    expect(welcome.body).toContain('href="/app/signup?ref=abcd1234"');
    expect(welcome.body).toContain('href="/app/login"');
    const example = await app.inject('/');
    expect(example.body).toContain('href="/app/signup"');
    expect(example.body).toContain('href="/app/login"');
  });
});

describe('the dashboard before it is built', () => {
  it('answers 503 with what to do, instead of failing to start', async () => {
    process.env.DASHBOARD_DIST = join(tmpdir(), 'callbell-no-such-dashboard');
    const handle = await freshDb('pglite');
    const app = await testApp(handle.db);
    try {
      const res = await app.inject('/app/rewards');
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({
        error: 'dashboard_not_built',
        message: 'The dashboard is not built: run pnpm build',
      });
    } finally {
      delete process.env.DASHBOARD_DIST;
      await app.close();
      await handle.drop();
    }
  });
});
