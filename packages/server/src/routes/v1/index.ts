import type { FastifyInstance } from 'fastify';
import configRoute from './config.ts';
import pingsRoute from './pings.ts';

/**
 * The wire contract the widget speaks, open to every origin (no credentials): the only routes
 * that answer a CORS preflight. Pings may come as text/plain JSON, which is what
 * navigator.sendBeacon sends without a CORS preflight. Answers are JSON that any site may read,
 * so of the security headers they need only nosniff and a cross-origin resource policy, set
 * here; the app's security headers skip /v1 (security-headers.ts).
 */
export default async function v1(app: FastifyInstance) {
  // Callback-style hooks here and below: they run on every ping, and need no promise.
  app.addHook('onRequest', (_req, reply, done) => {
    reply
      .header('access-control-allow-origin', '*')
      .header('x-content-type-options', 'nosniff')
      .header('cross-origin-resource-policy', 'cross-origin');
    done();
  });
  app.options('/v1/*', { schema: { hide: true } }, async (_req, reply) =>
    reply
      .code(204)
      .header('access-control-allow-methods', 'GET, POST')
      .header('access-control-allow-headers', 'content-type')
      .header('access-control-max-age', '86400')
      .send(),
  );
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(
        Object.assign(new Error('The body is not valid JSON'), {
          statusCode: 400,
          code: 'FST_ERR_CTP_INVALID_JSON_BODY',
        }),
      );
    }
  });
  await app.register(configRoute);
  await app.register(pingsRoute);
}
