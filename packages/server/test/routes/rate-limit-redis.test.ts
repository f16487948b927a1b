import { randomInt } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDb } from '../databases.ts';
import { FREE_WIDGET, ping, seedOwners, testApp } from '../fixtures.ts';
import { signUp } from '../sessions.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function redisReachable() {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

const reachable = await redisReachable();
if (!reachable) {
  if (process.env.CI) throw new Error(`Redis is required in CI but unreachable at ${REDIS_URL}`);
  console.warn(`SKIPPING Redis rate-limit test: no Redis at ${REDIS_URL}`);
}

async function redisKeys(): Promise<string[]> {
  const redis = new Redis(REDIS_URL);
  try {
    return await redis.keys('*');
  } finally {
    redis.disconnect();
  }
}

describe.skipIf(!reachable)('rate limits shared through Redis', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const fn of cleanup.reverse()) await fn();
  });

  it('keep no address or e-mail in Redis: their keys are hashed', async () => {
    const { db, drop } = await freshDb('pglite');
    cleanup.push(drop);
    const app = await testApp(db, { REDIS_URL });
    cleanup.push(() => app.close());
    const remoteAddress = `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
    const email = `hashed${randomInt(1e9)}@example.com`;
    const before = new Set(await redisKeys());
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: 'not the password at all' },
      remoteAddress,
    });
    expect(res.statusCode).toBe(401);
    const added = (await redisKeys()).filter((k) => !before.has(k));
    expect(added.length).toBeGreaterThanOrEqual(2); // per address and per e-mail
    expect(added.join(' ')).not.toContain(remoteAddress);
    expect(added.join(' ')).not.toContain(email);
  });

  it('count pings across several server instances', async () => {
    const { db, drop } = await freshDb('pglite');
    cleanup.push(drop);
    await seedOwners(db);
    const env = { REDIS_URL, PING_RATE_PER_IP: '4' };
    const [a, b] = await Promise.all([testApp(db, env), testApp(db, env)]);
    cleanup.push(
      () => a.close(),
      () => b.close(),
    );
    // An address of its own, so runs within the same minute do not share a counter.
    const remoteAddress = `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
    const codes = [];
    for (const app of [a, b, a, b, a, b]) {
      codes.push(
        (await app.inject({ method: 'POST', url: '/v1/pings', payload: ping(FREE_WIDGET), remoteAddress })).statusCode,
      );
    }
    expect(codes).toEqual([204, 204, 204, 204, 429, 429]);
  });

  it('count a widget across instances, only once it is known, and an IPv6 sender by its /64', async () => {
    const { db, drop } = await freshDb('pglite');
    cleanup.push(drop);
    await seedOwners(db);
    // Widgets of their own, so runs within the same minute do not share a counter.
    const ownWidget = async () => {
      const id = `wdg_redis${randomInt(1e9).toString().padStart(9, '0')}`;
      await db.query(
        'insert into widgets (id, account_id, settings) select $1, account_id, settings from widgets where id = $2',
        [id, FREE_WIDGET],
      );
      return id;
    };
    const [widgetId, other] = [await ownWidget(), await ownWidget()];
    const env = { REDIS_URL, PING_RATE_PER_WIDGET: '3', PING_RATE_PER_IP: '2' };
    const [a, b] = await Promise.all([testApp(db, env), testApp(db, env)]);
    cleanup.push(
      () => a.close(),
      () => b.close(),
    );
    const send = (app: typeof a, id: string, remoteAddress: string) =>
      app.inject({ method: 'POST', url: '/v1/pings', payload: ping(id), remoteAddress });
    const net = `2001:db8:${randomInt(65536).toString(16)}:${randomInt(65536).toString(16)}`;
    // Unknown widgets spend nothing; then three pings from three senders over two instances.
    expect((await send(a, 'wdg_nosuchwidget0001', `${net}::1`)).statusCode).toBe(404);
    const codes = [];
    for (const [app, host] of [
      [a, '10'],
      [b, '11'],
      [a, '12'],
      [b, '13'],
    ] as const) {
      codes.push((await send(app, widgetId, `2001:db8:${randomInt(65536).toString(16)}::${host}`)).statusCode);
    }
    expect(codes).toEqual([204, 204, 204, 429]);
    // One /64, two instances: the second ping of this /64 is its last (one went to the 404).
    expect((await send(b, other, `${net}::2`)).statusCode).toBe(204);
    const limited = await send(a, other, `${net}:ffff::3`);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
  });
});

describe('rate limits when Redis is down', () => {
  it('count in this process instead: no 500, and still limited', async () => {
    const { db, drop } = await freshDb('pglite');
    try {
      await seedOwners(db);
      const app = await testApp(db, { REDIS_URL: 'redis://127.0.0.1:1', PING_RATE_PER_IP: '2' });
      try {
        const codes = [];
        for (let i = 0; i < 3; i++) {
          codes.push((await app.inject({ method: 'POST', url: '/v1/pings', payload: ping(FREE_WIDGET) })).statusCode);
        }
        expect(codes).toEqual([204, 204, 429]);
        // Sign-up and login are limited the same way: they work, and are not left unlimited.
        const user = await signUp(app, { ip: '203.0.113.50' });
        const login = () =>
          app.inject({
            method: 'POST',
            url: '/api/auth/login',
            payload: { email: user.email, password: 'wrong password, on purpose' },
            remoteAddress: '203.0.113.51',
          });
        const attempts = [];
        for (let i = 0; i < 11; i++) attempts.push((await login()).statusCode);
        expect(attempts.slice(0, 10).every((code) => code === 401)).toBe(true);
        expect(attempts[10]).toBe(429);
      } finally {
        await app.close();
      }
    } finally {
      await drop();
    }
  });
});
