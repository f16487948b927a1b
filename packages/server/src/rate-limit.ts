import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from './errors.ts';

type Verdict = { isAllowed: true } | { isAllowed: false; isExceeded: boolean; ttlInSeconds: number };
type Check = (req: FastifyRequest) => Promise<Verdict>;

export interface LimitOptions {
  max: number;
  /** In milliseconds. */
  timeWindow: number;
  keyGenerator: (req: FastifyRequest) => string;
}

/**
 * A limit counted in this process, synchronously: the ping route's, and every limit's when
 * Redis is not configured or cannot answer. Logs once when a window has more keys than it
 * counts apart.
 */
export function localRateLimit(app: FastifyInstance, opts: LimitOptions): (req: FastifyRequest) => Verdict {
  const counter = new WindowCounter(opts.max, opts.timeWindow);
  let warned = false;
  return (req) => {
    const wait = counter.hit(opts.keyGenerator(req), app.clock.now().getTime());
    if (counter.saturated !== warned) {
      warned = counter.saturated;
      if (warned)
        req.log.warn({ max: opts.max }, 'rate limit: more keys this window than counted apart; sharing counts');
    }
    return wait ? { isAllowed: false, isExceeded: true, ttlInSeconds: wait } : { isAllowed: true };
  };
}

/**
 * A rate limit: counted in Redis (under hashed keys), and so shared by every instance, when REDIS_URL is set;
 * otherwise in this process. While Redis cannot answer, it counts in this process too (and
 * logs a warning), so an outage neither answers 500 nor lifts the limits on logins and pings.
 */
export function rateLimit(app: FastifyInstance, opts: LimitOptions): Check {
  const counted = localRateLimit(app, opts);
  if (!app.config.redisUrl) return async (req) => counted(req);
  // Redis keeps its keys, which name addresses and e-mails, for a window: it holds them hashed.
  const salt = createHash('sha256').update(`rate-limit:${app.config.cookieSecret}`).digest('hex').slice(0, 32);
  const shared = app.createRateLimit({
    ...opts,
    keyGenerator: (req) =>
      createHash('sha256')
        .update(`${salt}:${opts.keyGenerator(req)}`)
        .digest('base64url'),
  });
  return async (req) => {
    try {
      return await shared(req);
    } catch (err) {
      req.log.warn({ err }, 'rate limits unavailable in Redis; counting in this process');
      return counted(req);
    }
  };
}

/** Answers 429 with Retry-After and `message` when the verdict is over its limit. */
export function refuseIfExceeded(verdict: Verdict, reply: FastifyReply, message: string): void {
  if (verdict.isAllowed || !verdict.isExceeded) return;
  reply.header('retry-after', String(verdict.ttlInSeconds));
  throw new HttpError(429, 'rate_limited', message);
}

/**
 * A preHandler that applies several limits made with `rateLimit`, answering the first one
 * exceeded with 429, a Retry-After header and `message`.
 */
export function enforceLimits(message: string, ...checks: Check[]) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    for (const check of checks) refuseIfExceeded(await check(req), reply, message);
  };
}

/**
 * One limit as a guard for the hottest route: without Redis it counts in this process and
 * throws its 429 at once, with no promise per request; with Redis it returns the promise of
 * the shared check (`rateLimit`, with its fallback during outages).
 */
export function limitGuard(
  app: FastifyInstance,
  message: string,
  opts: LimitOptions,
): (req: FastifyRequest, reply: FastifyReply) => Promise<void> | undefined {
  if (app.config.redisUrl) return enforceLimits(message, rateLimit(app, opts));
  const check = localRateLimit(app, opts);
  return (req, reply) => {
    refuseIfExceeded(check(req), reply, message);
    return undefined;
  };
}

/** How many shared counts the keys past a counter's capacity are spread over. */
const OVERFLOW_BUCKETS = 4096;

/** FNV-1a: a cheap, stable spread of keys over the overflow counts. */
function bucketOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0) % OVERFLOW_BUCKETS;
}

/**
 * Fixed-window counters kept in this process, for one limit over many keys: the ping route's
 * limits when no Redis is configured. Synchronous, so the hottest route pays no promise per
 * check (measured: the two plugin checks cost a ping 5 µs of a 29 µs request). All keys share
 * one window, and the counts are dropped when it ends, so memory holds only the keys of the
 * current minute. Past `maxKeys` distinct keys in one window, each new key is counted in one of
 * 4,096 shared counts chosen by its hash: busy but honest traffic spreads thinly and passes,
 * while a flood of invented keys fills them and is limited, never let through. A clock that
 * steps backwards starts a new window rather than stretching the current one.
 */
export class WindowCounter {
  readonly #counts = new Map<string, number>();
  readonly #overflow = new Uint32Array(OVERFLOW_BUCKETS);
  #windowStarts = 0;
  #windowEnds = 0;
  #saturated = false;

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly maxKeys = 200_000,
  ) {}

  /** Counts a hit on `key` at `now` (ms): 0 if it is within the limit, else seconds to wait. */
  hit(key: string, now: number): number {
    if (now >= this.#windowEnds || now < this.#windowStarts) {
      this.#counts.clear();
      this.#overflow.fill(0);
      this.#saturated = false;
      this.#windowStarts = now;
      this.#windowEnds = now + this.windowMs;
    }
    const prior = this.#counts.get(key);
    let count: number;
    if (prior === undefined && this.#counts.size >= this.maxKeys) {
      this.#saturated = true;
      const bucket = bucketOf(key);
      count = (this.#overflow[bucket] ?? 0) + 1;
      this.#overflow[bucket] = count;
    } else {
      count = (prior ?? 0) + 1;
      this.#counts.set(key, count);
    }
    return count <= this.max ? 0 : Math.max(1, Math.ceil((this.#windowEnds - now) / 1000));
  }

  /** Whether this window has had more distinct keys than it can hold apart. */
  get saturated(): boolean {
    return this.#saturated;
  }
}
