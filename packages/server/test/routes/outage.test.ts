import { randomBytes } from 'node:crypto';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDb } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';
import { POSTGRES_URL, postgresReachable } from '../databases.ts';
import { FREE_WIDGET, ping, seedOwners, testApp } from '../fixtures.ts';
import { signUp } from '../sessions.ts';

/**
 * A TCP proxy in front of Postgres that the test can cut, the way a network partition or a
 * database restart looks from the app: open connections drop and new ones are refused.
 */
class Cable {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;
  constructor(private readonly target: URL) {}

  async plug(): Promise<void> {
    if (this.server) return;
    const server = createServer((client) => {
      const upstream = connect(Number(this.target.port || 5432), this.target.hostname);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => {});
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', resolve);
    });
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}

describe.skipIf(!postgresReachable)('a database outage [postgres]', () => {
  const target = new URL(POSTGRES_URL);
  const cable = new Cable(target);
  const schema = `t_outage_${process.pid}_${randomBytes(3).toString('hex')}`;
  let direct: Db;
  let db: Db;
  let app: FastifyInstance;
  let log: Record<string, unknown>[];

  beforeAll(async () => {
    direct = await openDb({ databaseUrl: POSTGRES_URL, dataDir: '', schema, maxConnections: 2 });
    await migrate(direct);
    await seedOwners(direct);
  });
  afterAll(async () => {
    await cable.cut();
    await direct.query(`drop schema ${schema} cascade`);
    await direct.close();
  });

  beforeEach(async () => {
    await cable.plug();
    const proxied = new URL(POSTGRES_URL);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(cable.port);
    db = await openDb({ databaseUrl: proxied.href, dataDir: '', schema, maxConnections: 4 });
    log = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        for (const line of String(chunk).split('\n')) if (line) log.push(JSON.parse(line));
        done();
      },
    });
    app = await testApp(db, { LOG_LEVEL: 'info' }, undefined, stream);
  });
  afterEach(async () => {
    await cable.plug().catch(() => {});
    await app.close();
    await db.close();
  });

  it('answers 503 with Retry-After on every kind of route, and /health names the database', async () => {
    const user = await signUp(app);
    expect((await app.inject('/health')).json()).toMatchObject({ status: 'ok', dependencies: { database: 'up' } });
    await cable.cut();

    const health = await app.inject('/health');
    expect(health.statusCode).toBe(503);
    expect(health.headers['retry-after']).toBe('10');
    expect(health.json()).toEqual({
      error: 'unavailable',
      message: 'The database (postgres) is not answering',
      dependencies: { database: 'down', redis: 'not configured' },
    });

    const requests = [
      { method: 'GET' as const, url: '/api/rewards', headers: { cookie: user.cookie } },
      { method: 'GET' as const, url: `/v1/widgets/${FREE_WIDGET}/config` },
      { method: 'POST' as const, url: '/v1/pings', payload: ping(FREE_WIDGET) },
      {
        method: 'POST' as const,
        url: '/api/auth/login',
        payload: { email: 'someone@example.com', password: 'a password of some length' },
      },
    ];
    for (const request of requests) {
      const res = await app.inject(request);
      expect(res.statusCode, request.url).toBe(503);
      expect(res.headers['retry-after'], request.url).toBe('10');
      expect(res.json(), request.url).toMatchObject({ error: 'unavailable', message: expect.any(String) });
    }

    // A visitor following a referral link still lands, code and all.
    const click = await app.inject({ method: 'GET', url: '/r/free1234' });
    expect(click.statusCode).toBe(302);
    expect(click.headers.location).toContain('ref=free1234');

    await cable.plug();
    expect((await app.inject('/health')).statusCode).toBe(200);
  });

  it('logs an outage once, counts what failed during it, and says when it ends', async () => {
    await app.inject('/health');
    await cable.cut();
    const answers = await Promise.all(
      Array.from({ length: 60 }, () => app.inject({ method: 'POST', url: '/v1/pings', payload: ping(FREE_WIDGET) })),
    );
    expect(new Set(answers.map((a) => a.statusCode))).toEqual(new Set([503]));
    await cable.plug();
    expect((await app.inject('/health')).statusCode).toBe(200);

    const problems = log.filter((l) => Number(l.level) >= 40);
    expect(problems.map((l) => l.msg)).toEqual(['database unreachable: requests answer 503 until it returns']);
    expect(problems[0]?.cause).toEqual(expect.any(String));
    expect(problems[0]).not.toHaveProperty('err');
    const over = log.find((l) => l.msg === 'database reachable again: outage over');
    expect(over?.failedCalls).toBeGreaterThanOrEqual(1);
  });
});
