import { type Ping, parsePing, pingSchema, utcDay } from '@callbell/protocol';
import type { FastifyInstance, preHandlerHookHandler } from 'fastify';
import { networkOf } from '../../domain/network.ts';
import { isPublicOrigin, splitAddress } from '../../domain/origin.ts';
import { ipHasher } from '../../domain/secrets.ts';
import { hostAllowed } from '../../domain/widget-settings.ts';
import { HttpError } from '../../errors.ts';
import { enforceLimits, WindowCounter } from '../../rate-limit.ts';

const BODY_LIMIT = 4096;
const NETWORK_CACHE_MAX = 100_000;

/** The per-address and per-widget limits counted in this process: one instance, no Redis. */
function localLimits(app: FastifyInstance, message: string, perIp: number, perWidget: number): preHandlerHookHandler {
  const byIp = new WindowCounter(perIp, 60_000);
  const byWidget = new WindowCounter(perWidget, 60_000);
  return (req, reply, done) => {
    const now = app.clock.now().getTime();
    const wait = byIp.hit(req.ip, now) || byWidget.hit((req.body as Ping).widgetId, now);
    if (!wait) return done();
    reply.header('retry-after', String(wait));
    done(new HttpError(429, 'rate_limited', message));
  };
}

/**
 * POST /v1/pings: an install or heartbeat ping. Answered 204 only once the ping is committed;
 * 503 if its batch could not be written, so nothing acknowledged is ever lost.
 */
export default async function pingsRoute(app: FastifyInstance) {
  const { perIpPerMinute, perWidgetPerMinute } = app.config.pings;
  const tooMany = 'Too many pings; try again later';
  const limits: preHandlerHookHandler = app.config.redisUrl
    ? // Shared by every instance through Redis.
      enforceLimits(
        tooMany,
        app.createRateLimit({ max: perIpPerMinute, timeWindow: 60_000, keyGenerator: (req) => `ip:${req.ip}` }),
        app.createRateLimit({
          max: perWidgetPerMinute,
          timeWindow: 60_000,
          keyGenerator: (req) => `widget:${(req.body as Ping).widgetId}`,
        }),
      )
    : localLimits(app, tooMany, perIpPerMinute, perWidgetPerMinute);

  // Salted network hashes by address: a visitor's pings, and an office's visitors, share one.
  const hashNetwork = ipHasher(app.config.cookieSecret);
  const networks = new Map<string, string>();
  const networkHash = (ip: string): string => {
    let hash = networks.get(ip);
    if (hash === undefined) {
      if (networks.size >= NETWORK_CACHE_MAX) networks.clear();
      hash = hashNetwork(networkOf(ip));
      networks.set(ip, hash);
    }
    return hash;
  };

  app.post<{ Body: Ping }>(
    '/v1/pings',
    {
      bodyLimit: BODY_LIMIT,
      schema: {
        summary: 'Report that a widget is installed or alive',
        tags: ['widget'],
        body: pingSchema,
        response: {
          400: { $ref: 'ApiError#' },
          403: { $ref: 'ApiError#' },
          404: { $ref: 'ApiError#' },
          429: { $ref: 'ApiError#' },
        },
      },
      // The protocol's validator, which the schema above documents: one clear message per field.
      validatorCompiler: () => (data) => {
        const result = parsePing(data);
        return result.ok ? { value: result.value } : { error: new HttpError(400, 'invalid_ping', result.error) };
      },
      preHandler: limits,
    },
    async (req, reply) => {
      const ping = req.body;
      const access = await app.pings.widgetAccess(ping.widgetId);
      if (!access) throw new HttpError(404, 'unknown_widget', `No widget ${ping.widgetId}`);
      const page = new URL(ping.url); // once: the validator proved it parses
      // Refused before anything is stored, so a page the owner did not allow never counts.
      if (!hostAllowed(page.hostname, access.allowedDomains)) {
        throw new HttpError(
          403,
          'origin_not_allowed',
          `Widget ${ping.widgetId} does not accept pings from ${page.hostname}`,
        );
      }
      const { origin, path } = splitAddress(page);
      try {
        await app.pings.writer.add({
          widgetId: ping.widgetId,
          visitorId: ping.visitorId,
          day: utcDay(app.clock.now().getTime()),
          kind: ping.kind,
          origin,
          path,
          publicOrigin: isPublicOrigin(page),
          sdkVersion: ping.sdkVersion,
          brandingTampered: ping.brandingTampered === true,
          network: networkHash(req.ip),
        });
      } catch (err) {
        req.log.error({ err, widgetId: ping.widgetId }, 'ping batch not written');
        throw new HttpError(503, 'unavailable', 'The ping could not be stored; try again later');
      }
      return reply.code(204).send();
    },
  );
}
