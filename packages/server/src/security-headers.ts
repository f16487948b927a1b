import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';
import type { Config } from './config.ts';

/**
 * The headers every response carries, through helmet. The policy is the dashboard's:
 * its pages may be framed only by the dashboard itself (the widget preview), run only their own
 * scripts and talk only to this origin; inline styles are allowed because Preact and uPlot set
 * style attributes, and images may come from https (an agent's avatar). JSON answers carry it
 * too, harmlessly. Routes that other sites load (widget.js, /v1, banners) say
 * `cross-origin-resource-policy: cross-origin` themselves; the demo sites set their own policy.
 */
export function securityHeaders(config: Config): HelmetOptions {
  const https = config.publicOrigin.startsWith('https:');
  return {
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(config) },
    // Nothing here is sent to other sites by the dashboard's links, not even its origin.
    referrerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    // Only the public origin's own host: the operator's other subdomains are not ours to bind.
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
  };
}

/** The app's Content-Security-Policy, directive by directive. */
export function cspDirectives(config: Config): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'https:'],
    'connect-src': ["'self'"],
    'frame-src': ["'self'"],
    'frame-ancestors': ["'self'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
    'object-src': ["'none'"],
    ...(config.publicOrigin.startsWith('https:') ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

/** A policy as its header's value (a directive named twice would count only once in browsers). */
export const cspHeader = (directives: Record<string, string[]>): string =>
  Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');

/**
 * Sets those headers on every response but the widget's routes under /v1, which set their own
 * few (routes/v1/index.ts). One callback-style hook that tells /v1 by its path: @fastify/helmet's
 * two hooks, one async and each reading the route's options, ran on every ping even with
 * `helmet: false` (13.5% of the server's CPU per ping, by bench/ingest-ab.mjs). A path that
 * matches no route gets the headers whatever it starts with.
 */
export const securityHeadersPlugin = fp(
  async (app: FastifyInstance, { config }: { config: Config }) => {
    const apply = helmet(securityHeaders(config));
    app.addHook('onRequest', (req, reply, done) => {
      if (!req.is404 && req.url.startsWith('/v1/')) return done();
      apply(req.raw, reply.raw, (err?: unknown) => done(err instanceof Error ? err : undefined));
    });
  },
  { name: 'security-headers' },
);
