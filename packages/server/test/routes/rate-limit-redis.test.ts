import { randomInt } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDb } from '../databases.ts';
import { FREE_WIDGET, ping, seedOwners, testApp } from '../fixtures.ts';

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

describe.skipIf(!reachable)('rate limits shared through Redis', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const fn of cleanup.reverse()) await fn();
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
});
