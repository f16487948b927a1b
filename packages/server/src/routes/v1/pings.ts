import { type Ping, parsePing, pingSchema, utcDay } from '@callbell/protocol';
import type { FastifyInstance } from 'fastify';
import { networkOf } from '../../domain/network.ts';
import { isPublicOrigin, splitAddress } from '../../domain/origin.ts';
import { ipHasher } from '../../domain/secrets.ts';
import { hostAllowed } from '../../domain/widget-settings.ts';
import { HttpError } from '../../errors.ts';
import { enforceLimits } from '../../rate-limit.ts';

const BODY_LIMIT = 4096;

/**
 * POST /v1/pings: an install or heartbeat ping. Answered 204 only once the ping is committed;
 * 503 if its batch could not be written, so nothing acknowledged is ever lost.
 */
export default async function pingsRoute(app: FastifyInstance) {
  const { perIpPerMinute, perWidgetPerMinute } = app.config.pings;
  const perIp = app.createRateLimit({ max: perIpPerMinute, timeWindow: 60_000, keyGenerator: (req) => `ip:${req.ip}` });
  const perWidget = app.createRateLimit({
    max: perWidgetPerMinute,
    timeWindow: 60_000,
    keyGenerator: (req) => `widget:${(req.body as Ping).widgetId}`,
  });

  const hashNetwork = ipHasher(app.config.cookieSecret);

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
      preHandler: enforceLimits('Too many pings; try again later', perIp, perWidget),
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
          day: utcDay(Date.now()),
          kind: ping.kind,
          origin,
          path,
          publicOrigin: isPublicOrigin(page),
          sdkVersion: ping.sdkVersion,
          brandingTampered: ping.brandingTampered === true,
          network: hashNetwork(networkOf(req.ip)),
        });
      } catch (err) {
        req.log.error({ err, widgetId: ping.widgetId }, 'ping batch not written');
        throw new HttpError(503, 'unavailable', 'The ping could not be stored; try again later');
      }
      return reply.code(204).send();
    },
  );
}
