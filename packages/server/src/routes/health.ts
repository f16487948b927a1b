import type { FastifyInstance } from 'fastify';
import { RETRY_AFTER_SECONDS } from '../plugins/errors.ts';

/** How long the database may take to answer the health check before it counts as down. */
const CHECK_MS = 2000;

const dependencies = {
  type: 'object',
  description: 'Each dependency: up, down, or not configured',
  properties: {
    database: { type: 'string', enum: ['up', 'down'] },
    redis: { type: 'string', enum: ['up', 'down', 'not configured'] },
  },
} as const;

/**
 * GET /health: 200 while the database answers, with the state of each dependency. Redis being
 * down does not fail it (rate limits then count in each instance), but says so: `degraded`.
 * 503 with Retry-After when the database does not answer, naming it.
 */
export default async function healthRoute(app: FastifyInstance) {
  app.get(
    '/health',
    {
      schema: {
        summary: 'Liveness and the state of each dependency',
        tags: ['ops'],
        response: {
          200: {
            type: 'object',
            properties: {
              status: { type: 'string', enum: ['ok', 'degraded'] },
              database: { type: 'string' },
              dependencies,
            },
          },
          503: {
            type: 'object',
            required: ['error', 'message'],
            properties: { error: { type: 'string' }, message: { type: 'string' }, dependencies },
          },
        },
      },
    },
    async (_req, reply) => {
      const redis = app.redisState();
      let timer: NodeJS.Timeout | undefined;
      const database = await Promise.race([
        app.db.query('select 1').then(
          () => 'up' as const,
          () => 'down' as const,
        ),
        new Promise<'down'>((resolve) => {
          timer = setTimeout(() => resolve('down'), CHECK_MS);
        }),
      ]);
      clearTimeout(timer);
      if (database === 'down') {
        return reply
          .code(503)
          .header('retry-after', String(RETRY_AFTER_SECONDS))
          .send({
            error: 'unavailable',
            message: `The database (${app.db.kind}) is not answering`,
            dependencies: { database, redis },
          });
      }
      return { status: redis === 'down' ? 'degraded' : 'ok', database: app.db.kind, dependencies: { database, redis } };
    },
  );
}
