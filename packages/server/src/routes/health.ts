import type { FastifyInstance } from 'fastify';

/** GET /health: 200 when the database answers, 503 when it does not. */
export default async function healthRoute(app: FastifyInstance) {
  app.get(
    '/health',
    {
      schema: {
        summary: 'Liveness and database reachability',
        tags: ['ops'],
        response: {
          200: { type: 'object', properties: { status: { type: 'string' }, database: { type: 'string' } } },
          503: { $ref: 'ApiError#' },
        },
      },
    },
    async (req, reply) => {
      try {
        await app.db.query('select 1');
        return { status: 'ok', database: app.db.kind };
      } catch (err) {
        req.log.error({ err }, 'health check: database unreachable');
        return reply.code(503).send({ error: 'unavailable', message: 'The database is not answering' });
      }
    },
  );
}
