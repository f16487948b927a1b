import { REFERRAL_CODE_RE, REFERRAL_SOURCES, type ReferralSource, WIDGET_ID_RE } from '@callbell/protocol';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findAccountByCode, insertClick } from '../db/queries/clicks.ts';
import { ATTRIBUTION_COOKIE, decodeAttribution, encodeAttribution } from '../domain/attribution.ts';
import { isBot } from '../domain/bots.ts';
import { ipHasher } from '../domain/secrets.ts';

// Control characters (NUL above all, which Postgres cannot store) never reach a click row.
const stripControls = (value: string) =>
  Array.from(value)
    .filter((ch) => {
      const code = ch.charCodeAt(0);
      return code > 0x1f && code !== 0x7f;
    })
    .join('');

interface Query {
  src?: string;
  w?: string;
  c?: string;
}

const referringHost = (req: FastifyRequest) => {
  try {
    return req.headers.referer ? new URL(req.headers.referer).hostname.slice(0, 253) : null;
  } catch {
    return null;
  }
};

/**
 * GET /r/:code: records the click, sets the first-party attribution cookie and redirects to the
 * configured landing page with `ref`. Whatever the input, a visitor is redirected and never
 * sees an error: an unknown code redirects without attribution. The target comes from
 * configuration, never from the request.
 */
export default async function referralRoute(app: FastifyInstance) {
  const { landingUrl, publicOrigin, cookieSecret, programme } = app.config;
  const windowSeconds = programme.attributionWindowDays * 86_400;
  const hashIp = ipHasher(cookieSecret);

  app.get<{ Params: { code: string }; Querystring: Query }>(
    '/r/:code',
    {
      schema: {
        summary: 'Follow a referral link',
        tags: ['referral'],
        params: { type: 'object', properties: { code: { type: 'string' } } },
        querystring: {
          type: 'object',
          properties: {
            src: { type: 'string', description: 'widget, link or banner' },
            w: { type: 'string', description: 'widget id, for footer clicks' },
            c: { type: 'string', description: 'campaign' },
          },
        },
        response: { 302: { type: 'null', description: 'Redirect to the landing page' } },
      },
    },
    async (req, reply) => {
      const target = new URL(landingUrl);
      reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
      const code = req.params.code.toLowerCase();
      const account = REFERRAL_CODE_RE.test(code) ? await findAccountByCode(app.db, code) : null;
      if (!account) return reply.redirect(target.href, 302);

      const { src, w, c } = req.query;
      const bot = isBot(req.headers['user-agent']);
      const clickedAt = app.clock.now();
      const clickId = await insertClick(app.db, {
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

      const now = Math.floor(clickedAt.getTime() / 1000);
      const existing = req.cookies[ATTRIBUTION_COOKIE];
      const previous = existing ? req.unsignCookie(existing) : null;
      const held = previous?.valid && previous.value ? decodeAttribution(previous.value) : null;
      const keepFirst = programme.attributionModel === 'first' && held && now - held.at < windowSeconds;
      if (!bot && !keepFirst) {
        reply.setCookie(ATTRIBUTION_COOKIE, encodeAttribution({ code, clickId, at: now }), {
          signed: true,
          httpOnly: true,
          sameSite: 'lax',
          secure: publicOrigin.startsWith('https:'),
          path: '/',
          maxAge: windowSeconds,
        });
      }
      target.searchParams.set('ref', code);
      return reply.redirect(target.href, 302);
    },
  );
}
