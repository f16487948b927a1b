import { REFERRAL_CODE_RE, REFERRAL_SOURCES, type ReferralSource, WIDGET_ID_RE } from '@callbell/protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { logFailure } from '../db/outage.ts';
import { findAccountByCode, insertClick } from '../db/queries/clicks.ts';
import { ATTRIBUTION_COOKIE, attributionSeal } from '../domain/attribution.ts';
import { isBot } from '../domain/bots.ts';
import { networkOf } from '../domain/network.ts';
import { ipHasher } from '../domain/secrets.ts';
import { localRateLimit } from '../rate-limit.ts';

// Control characters (NUL above all, which Postgres cannot store) never reach a click row.
const stripControls = (value: string) =>
  Array.from(value)
    .filter((ch) => {
      const code = ch.charCodeAt(0);
      return code > 0x1f && code !== 0x7f;
    })
    .join('');

/** A query parameter as one string: the first of repeated ones, nothing for anything else. */
const first = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined;

const referringHost = (req: FastifyRequest) => {
  try {
    return req.headers.referer ? new URL(req.headers.referer).hostname.slice(0, 253) : null;
  } catch {
    return null;
  }
};

/** The code a request to /r/:code or /r/* names, as `follow` reads it. */
const codeOf = (req: FastifyRequest): string => {
  const params = req.params as { code?: string; '*'?: string };
  return (params.code ?? params['*']?.split('/')[0] ?? '').toLowerCase();
};

/**
 * GET /r/:code: records the click, sets the first-party attribution cookie and redirects to the
 * configured landing page with `ref`. Whatever the input, a visitor is redirected and never
 * sees an error: an unknown or unusable code, and a database that cannot answer, redirect
 * without attribution; repeated parameters count once; a trailing slash or anything after the
 * code is ignored (`/r/*`); a malformed or over-long address is caught before routing
 * (plugins/errors.ts). The target comes from configuration, never from the request.
 */
export default async function referralRoute(app: FastifyInstance) {
  const { landingUrl, publicOrigin, cookieSecret, programme } = app.config;
  const windowSeconds = programme.attributionWindowDays * 86_400;
  const hashIp = ipHasher(cookieSecret);
  const sealed = attributionSeal(cookieSecret);
  // A few clicks a minute per sender network and code are recorded; more are most likely one
  // person (or script) inflating a link's figures. Counted in this process: each instance
  // allows its few, and a limit that never needs the network cannot make /r fail.
  const recordable = localRateLimit(app, {
    max: app.config.clicksPerNetworkPerMinute,
    timeWindow: 60_000,
    keyGenerator: (req) => `click:${networkOf(req.ip, 64)}:${codeOf(req)}`,
  });

  const follow = async (req: FastifyRequest, reply: FastifyReply, rawCode: string | undefined) => {
    const target = new URL(landingUrl);
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    const code = rawCode?.toLowerCase() ?? '';
    if (!REFERRAL_CODE_RE.test(code)) return reply.redirect(target.href, 302);
    const query = req.query as Record<string, unknown>;
    const [src, w, c] = [first(query.src), first(query.w), first(query.c)];
    const bot = isBot(req.headers['user-agent']);
    const clickedAt = app.clock.now();
    let clickId: string;
    try {
      const account = await findAccountByCode(app.db, code);
      if (!account) return reply.redirect(target.href, 302);
      // Past the limit the visitor is still redirected with `ref` (signup can bind by it), but
      // no click is recorded and no cookie set: a cookie names a recorded click, and one the
      // visitor already holds (from a click that was recorded) stays as it is.
      if (!recordable(req).isAllowed) {
        target.searchParams.set('ref', code);
        return reply.redirect(target.href, 302);
      }
      clickId = await insertClick(app.db, {
        accountId: account.id,
        code,
        source: REFERRAL_SOURCES.includes(src as ReferralSource) ? (src as ReferralSource) : 'link',
        widgetId: w && WIDGET_ID_RE.test(w) ? w : null,
        campaign: c ? stripControls(c).trim().slice(0, 64) || null : null,
        referringHost: referringHost(req),
        ipHash: hashIp(req.ip),
        bot,
        createdAt: clickedAt,
      });
    } catch (err) {
      // The click is lost, the visitor is not: the landing page still gets the code, which
      // signup checks. An outage is logged by the database's watch, anything else here.
      logFailure(req.log, err, 'referral click not recorded');
      target.searchParams.set('ref', code);
      return reply.redirect(target.href, 302);
    }

    const now = Math.floor(clickedAt.getTime() / 1000);
    const existing = req.cookies[ATTRIBUTION_COOKIE];
    const held = existing ? sealed.open(existing, (v) => req.unsignCookie(v)) : null;
    const keepFirst = programme.attributionModel === 'first' && held && now - held.at < windowSeconds;
    if (!bot && !keepFirst) {
      reply.setCookie(ATTRIBUTION_COOKIE, sealed.seal({ code, clickId, at: now }), {
        httpOnly: true,
        sameSite: 'lax',
        secure: publicOrigin.startsWith('https:'),
        path: '/',
        maxAge: windowSeconds,
      });
    }
    target.searchParams.set('ref', code);
    return reply.redirect(target.href, 302);
  };

  const schema = {
    summary: 'Follow a referral link',
    tags: ['referral'],
    // No types to validate against: anything a link picked up on the way must still redirect.
    querystring: {
      type: 'object',
      properties: {
        src: { description: 'widget, link or banner' },
        w: { description: 'widget id, for footer clicks' },
        c: { description: 'campaign' },
      },
    },
    response: { 302: { type: 'null', description: 'Redirect to the landing page' } },
  };
  app.get<{ Params: { code: string } }>('/r/:code', { schema }, (req, reply) => follow(req, reply, req.params.code));
  // A trailing slash, or more path after the code: the first segment is the code.
  app.get<{ Params: { '*': string } }>('/r/*', { schema: { ...schema, hide: true } }, (req, reply) =>
    follow(req, reply, req.params['*'].split('/')[0]),
  );
  app.get('/r', { schema: { ...schema, hide: true } }, (req, reply) => follow(req, reply, undefined));
}
