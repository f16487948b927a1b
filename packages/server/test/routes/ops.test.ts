import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it, onTestFinished, vi } from 'vitest';
import { REPO_ROOT } from '../../src/paths.ts';
import { describeEachDb } from '../databases.ts';
import { testApp } from '../fixtures.ts';

describeEachDb('health, OpenAPI, widget.js and the example page', (db) => {
  let app: FastifyInstance;
  // One app for the suite: its tests read what it serves, and keep nothing in it (the one that
  // makes the database fail for the health check puts its query back after). The test with an
  // unreachable Redis builds its own.
  let shared: FastifyInstance;
  beforeAll(async () => {
    shared = await testApp(db());
  });
  afterAll(() => shared.close());
  beforeEach(() => {
    app = shared;
  });
  afterEach(async () => {
    if (app !== shared) await app.close();
  });

  it('reports health with the database engine', async (ctx) => {
    const res = await app.inject('/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      status: 'ok',
      database: db().kind,
      dependencies: { database: 'up', redis: 'not configured' },
    });
    expect(ctx.task.name).toBeTruthy();
  });

  it('answers 503 when the database does not', async () => {
    // Only the health check's query fails: the ledger's start-up work queries the database too.
    const query = app.db.query.bind(app.db);
    const failing = vi
      .spyOn(app.db, 'query')
      .mockImplementation(((sql: string, params?: unknown[]) =>
        sql === 'select 1' ? Promise.reject(new Error('gone')) : query(sql, params)) as typeof app.db.query);
    onTestFinished(() => failing.mockRestore());
    const res = await app.inject('/health');
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('10');
    expect(res.json()).toEqual({
      error: 'unavailable',
      message: `The database (${db().kind}) is not answering`,
      dependencies: { database: 'down', redis: 'not configured' },
    });
  });

  it('stays up but says degraded while Redis is unreachable', async () => {
    app = await testApp(db(), { REDIS_URL: 'redis://127.0.0.1:1' });
    const res = await app.inject('/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'degraded', dependencies: { database: 'up', redis: 'down' } });
  });

  it('publishes an OpenAPI document generated from the route schemas', async () => {
    const doc = (await app.inject('/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/widgets/{widgetId}/config', '/v1/pings', '/r/{code}', '/health']),
    );
    expect(doc.paths['/api/affiliate/v1/stats'].get.security).toEqual([{ affiliateKey: [] }]);
    expect(doc.components.securitySchemes.affiliateKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/v1/pings'].post.requestBody.content['application/json'].schema.required).toEqual([
      'widgetId',
      'visitorId',
      'kind',
      'url',
      'sdkVersion',
    ]);
  });

  it('serves widget.js with an ETag and a short cache, and a versioned copy cached for good', async () => {
    const res = await app.inject('/widget.js');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=300, stale-while-revalidate=86400');
    const etag = String(res.headers.etag);
    expect((await app.inject({ url: '/widget.js', headers: { 'if-none-match': etag } })).statusCode).toBe(304);
    const versioned = await app.inject(`/widget-${res.headers['x-widget-version']}.js`);
    expect(versioned.statusCode).toBe(200);
    expect(versioned.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(versioned.body).toBe(res.body);
  });

  it('serves the panel chunk widget.js names, cached for good and loadable from any site', async () => {
    const loader = (await app.inject('/widget.js')).body;
    const file = loader.match(/widget-panel-[0-9a-f]{12}\.js/)?.[0];
    expect(file).toBeDefined();
    const res = await app.inject(`/${file}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(res.body).toBe(readFileSync(join(REPO_ROOT, 'packages/widget/dist', file ?? ''), 'utf8'));
    // Another content, another name: a chunk that was never built is not there.
    expect((await app.inject('/widget-panel-000000000000.js')).statusCode).toBe(404);
  });

  it('serves the example page pointed at this server', async () => {
    const res = await app.inject('/');
    expect(res.body).toContain(
      '<script src="https://app.callbell.test/widget.js" data-widget-id="wdg_demo0000000001" async>',
    );
  });

  it('answers unknown paths with a JSON 404', async () => {
    const res = await app.inject('/nope?x=1');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: 'not_found', message: 'Nothing at GET /nope' });
  });
});

describeEachDb('the demo landing page', (db) => {
  it('shows a valid referral code and ignores anything else', async () => {
    const app = await testApp(db());
    expect((await app.inject('/welcome?ref=demo1234')).body).toContain('Invited by ambassador demo1234');
    const hostile = await app.inject('/welcome?ref=%3Cscript%3Ealert(1)%3C/script%3E');
    expect(hostile.body).not.toContain('<script>');
    expect(hostile.body).not.toContain('Invited by');
    await app.close();
  });
});
