import { type Ping, parsePing, pingSchema } from '@callbell/protocol';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { logFailure } from '../../db/outage.ts';
import { isDataError } from '../../db/sqlstate.ts';
import { utcDayCache } from '../../domain/clock.ts';
import { networkOf } from '../../domain/network.ts';
import { isDnsLength, isPublicOrigin, splitAddress } from '../../domain/origin.ts';
import { ipHasher } from '../../domain/secrets.ts';
import { hostAllowed } from '../../domain/widget-settings.ts';
import { HttpError } from '../../errors.ts';
import { limitGuard } from '../../rate-limit.ts';

const BODY_LIMIT = 4096;
const ADDRESS_CACHE_MAX = 100_000;

/**
 * POST /v1/pings: an install or heartbeat ping. Answered 204 only once the ping is committed;
 * 503 if its batch could not be written, so nothing acknowledged is ever lost.
 */
export default async function pingsRoute(app: FastifyInstance) {
  const { perIpPerMinute, perWidgetPerMinute } = app.config.pings;
  const tooMany = 'Too many pings; try again later';
  const dayOf = utcDayCache();

  // Salted network hashes by address: a visitor's pings, and an office's visitors, share one.
  const hashNetwork = ipHasher(app.config.cookieSecret);
  const addresses = new Map<string, { sender: string; hash: string }>();
  const addressOf = (ip: string) => {
    let known = addresses.get(ip);
    if (known === undefined) {
      if (addresses.size >= ADDRESS_CACHE_MAX) addresses.clear();
      known = { sender: networkOf(ip, 64), hash: hashNetwork(networkOf(ip)) };
      addresses.set(ip, known);
    }
    return known;
  };

  // Per sender: an IPv4 address or an IPv6 /64 (a single host has a whole /64 of addresses to
  // rotate through; a carrier may number many subscribers out of one /48), before
  // anything else; per widget only once the widget is known to exist, so invented widget ids
  // neither fill the counters nor use up a real widget's allowance. Shared by every instance
  // through Redis when it is configured, else counted in this process.
  const ipKey = (req: FastifyRequest) => `ip:${addressOf(req.ip).sender}`;
  const widgetKey = (req: FastifyRequest) => `widget:${(req.body as Ping).widgetId}`;
  const perIp = limitGuard(app, tooMany, { max: perIpPerMinute, timeWindow: 60_000, keyGenerator: ipKey });
  const perWidget = limitGuard(app, tooMany, { max: perWidgetPerMinute, timeWindow: 60_000, keyGenerator: widgetKey });

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
      preHandler: (req, reply, done) => {
        try {
          const limited = perIp(req, reply);
          if (limited) limited.then(() => done(), done);
          else done();
        } catch (err) {
          done(err as Error);
        }
      },
    },
    async (req, reply) => {
      const ping = req.body;
      const page = new URL(ping.url); // once: the validator proved it parses
      if (!isDnsLength(page.hostname)) {
        throw new HttpError(400, 'invalid_ping', 'url: the host name is longer than DNS allows');
      }
      const access = await app.pings.widgetAccess(ping.widgetId);
      if (!access) throw new HttpError(404, 'unknown_widget', `No widget ${ping.widgetId}`);
      // Refused before anything is stored, so a page the owner did not allow never counts, and
      // before the widget's allowance is spent, so pings it refuses cannot use that up.
      if (!hostAllowed(page.hostname, access.allowedDomains)) {
        throw new HttpError(
          403,
          'origin_not_allowed',
          `Widget ${ping.widgetId} does not accept pings from ${page.hostname}`,
        );
      }
      const limited = perWidget(req, reply);
      if (limited) await limited;
      const { origin, path } = splitAddress(page);
      try {
        await app.pings.writer.add({
          widgetId: ping.widgetId,
          visitorId: ping.visitorId,
          day: dayOf(app.clock.now().getTime()),
          kind: ping.kind,
          origin,
          path,
          publicOrigin: isPublicOrigin(page),
          sdkVersion: ping.sdkVersion,
          brandingTampered: ping.brandingTampered === true,
          network: addressOf(req.ip).hash,
        });
      } catch (err) {
        // An outage is logged once for all its pings, by the database's watch (db/outage.ts).
        logFailure(req.log, err, 'ping not written', { widgetId: ping.widgetId });
        // Refused for what it holds: sending it again would not help.
        if (isDataError(err)) throw new HttpError(400, 'invalid_ping', 'The ping holds a value that cannot be stored');
        throw new HttpError(503, 'unavailable', 'The ping could not be stored; try again later');
      }
      return reply.code(204).send();
    },
  );
}
