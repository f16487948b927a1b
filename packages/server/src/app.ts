import { apiErrorSchema } from '@callbell/protocol';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import type { Db } from './db/client.ts';
import { type Clock, systemClock } from './domain/clock.ts';
import { loggableAddress } from './domain/network.ts';
import type { ResolveHost } from './page-fetch.ts';
import authPlugin from './plugins/auth.ts';
import dbPlugin from './plugins/db.ts';
import errorsPlugin, { clientErrorHandler, frameworkErrors } from './plugins/errors.ts';
import inputChecksPlugin from './plugins/input-checks.ts';
import installChecksPlugin from './plugins/install-checks.ts';
import ledgerPlugin from './plugins/ledger.ts';
import mailPlugin from './plugins/mail.ts';
import pingsPlugin from './plugins/pings.ts';
import api from './routes/api/index.ts';
import bannerRoutes from './routes/banners.ts';
import dashboardRoutes from './routes/dashboard.ts';
import demoSiteRoutes from './routes/demo-sites.ts';
import healthRoute from './routes/health.ts';
import referralRoute from './routes/referral.ts';
import staticRoutes from './routes/static.ts';
import v1 from './routes/v1/index.ts';
import { compilePending, sharedSchemaCompilers } from './schema-compilers.ts';
import { securityHeadersPlugin } from './security-headers.ts';

/** A URL with the values of its `token` and `session` parameters replaced, for the log. */
export const redactLinkSecrets = (url: string): string =>
  url.replace(/([?&](?:token|session)=)[^&#]*/gi, '$1[redacted]');

declare module 'fastify' {
  interface FastifyInstance {
    /** Whether Redis answers, for /health. */
    redisState(): 'up' | 'down' | 'not configured';
  }
}

export interface BuildOptions {
  config: Config;
  db: Db;
  /** Close the database with the app (the server does; tests that share one do not). */
  closeDb?: boolean;
  /** The programme's time; tests pass a clock they move. */
  clock?: Clock;
  /** Where the log goes instead of standard output (tests read it). */
  logStream?: NodeJS.WritableStream;
  /** How the install check resolves host names: DNS, unless a test brings its own. */
  resolveHost?: ResolveHost;
}

/**
 * The app, built from plugins in a fixed order: external plugins, then the app's services,
 * then routes. It listens nowhere; server.ts does, and tests call `inject`.
 */
export async function buildApp({
  config,
  db,
  closeDb = false,
  clock = systemClock,
  logStream,
  resolveHost,
}: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      ...(logStream ? { stream: logStream } : {}),
      redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
      serializers: {
        // Fastify's own, less the secrets that links carry in their query: a reset or
        // confirmation token, an unsubscribe token, a demo checkout session.
        req: (req) => ({
          method: req.method,
          url: redactLinkSecrets(req.url),
          host: req.host,
          // The network, never the visitor's own address (the database keeps only salted hashes).
          remoteAddress: loggableAddress(req.ip),
        }),
      },
    },
    // A hop count as the function Fastify makes of one (its types take no number).
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (
            (hops) => (_address: string, hop: number) =>
              hop < hops
          )(config.trustProxy)
        : config.trustProxy,
    // Referral links get mangled in the wild; a long code must still redirect, not answer 414.
    routerOptions: { maxParamLength: 1000 },
    // A client gets this long to send its headers, and then the rest of its request: a body
    // that never arrives does not keep a connection. Node checks them every second here, not
    // every 30 s as by default.
    requestTimeout: config.timeouts.requestMs,
    http: {
      headersTimeout: config.timeouts.headersMs,
      connectionsCheckingInterval: Math.min(1000, config.timeouts.headersMs),
    },
    // Errors met before a route is found (a malformed URL, an over-long parameter) and on the
    // socket (a broken request line, headers too large, a time-out) in the app's own format.
    frameworkErrors: frameworkErrors(config.landingUrl),
    clientErrorHandler,
    ajv: { customOptions: { discriminator: true, removeAdditional: true } },
    schemaController: sharedSchemaCompilers,
  });

  // Route schemas compile at their first request; once the server listens, the rest do, in the
  // background, so that a schema Ajv refuses is in the log at once rather than at its first use.
  app.addHook('onListen', async () => {
    void compilePending().then((errors) => {
      for (const err of errors) app.log.error({ err }, 'a route schema does not compile');
    });
  });

  // Node closes idle keep-alive connections once, when closing starts; a connection busy then
  // would stay open after its response until its keep-alive timeout. So, once closing, every
  // response asks the client to close its connection.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', (_req, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });

  // External plugins.
  await app.register(securityHeadersPlugin, { config });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Callbell platform API', version: '1.0.0' },
      components: {
        securitySchemes: {
          // The dashboard's routes: the session cookie, plus the x-csrf-token header on changes.
          session: { type: 'apiKey', in: 'cookie', name: 'cb_session' },
          // The affiliate statistics API: `Authorization: Bearer cbk_<id>_<secret>`.
          affiliateKey: { type: 'http', scheme: 'bearer', bearerFormat: 'cbk_<id>_<secret>' },
        },
      },
    },
  });
  app.addSchema(apiErrorSchema);
  await app.register(cookie, { secret: config.cookieSecret });
  // No offline queue: while Redis is unreachable a command fails at once, and the rate limits
  // count in this process (rate-limit.ts) instead of making every request wait on reconnects.
  // So the first requests find it connected, start-up waits for it: until it is ready, or its
  // first connection fails (refused: nothing to wait for, it reconnects in the background), or
  // 2 s have passed (a host that does not answer). Loaded only when configured: the embedded
  // start does without it.
  const redis = config.redisUrl
    ? new (await import('ioredis')).Redis(config.redisUrl, {
        lazyConnect: false,
        maxRetriesPerRequest: 1,
        enableOfflineQueue: false,
      })
    : null;
  if (redis) {
    // ioredis reconnects by itself; without a listener each failure would also print as unhandled.
    redis.on('error', (err) => app.log.warn({ err: err.message }, 'redis connection error'));
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        redis.off('ready', done);
        redis.off('error', done);
        resolve();
      };
      const timer = setTimeout(done, 2000);
      redis.once('ready', done);
      redis.once('error', done);
    });
  }
  await app.register(rateLimit, { global: false, ...(redis ? { redis } : {}) });
  app.decorate('redisState', () => (redis ? (redis.status === 'ready' ? 'up' : 'down') : 'not configured'));
  // quit() waits for pending replies, but needs a connection; without one, just stop retrying.
  if (redis)
    app.addHook('onClose', async () => void (redis.status === 'ready' ? await redis.quit() : redis.disconnect()));

  // The app's services.
  await app.register(dbPlugin, { db, config, clock, closeDb });
  await app.register(errorsPlugin);
  await app.register(inputChecksPlugin);
  await app.register(mailPlugin);
  await app.register(ledgerPlugin);
  await app.register(installChecksPlugin, resolveHost ? { resolveHost } : {});
  await app.register(pingsPlugin);
  await app.register(authPlugin);

  // Routes.
  await app.register(v1);
  await app.register(api);
  await app.register(referralRoute);
  await app.register(healthRoute);
  await app.register(staticRoutes);
  await app.register(bannerRoutes);
  await app.register(dashboardRoutes);
  await app.register(demoSiteRoutes);
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
