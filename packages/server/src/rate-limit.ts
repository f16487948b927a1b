import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from './errors.ts';

type Verdict = { isAllowed: true } | { isAllowed: false; isExceeded: boolean; ttlInSeconds: number };
type Check = (req: FastifyRequest) => Promise<Verdict>;

/**
 * A preHandler that applies several limits made with `app.createRateLimit`, answering the
 * first one exceeded with 429, a Retry-After header and `message`.
 */
export function enforceLimits(message: string, ...checks: Check[]) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    for (const check of checks) {
      const verdict = await check(req);
      if (!verdict.isAllowed && verdict.isExceeded) {
        reply.header('retry-after', String(verdict.ttlInSeconds));
        throw new HttpError(429, 'rate_limited', message);
      }
    }
  };
}
