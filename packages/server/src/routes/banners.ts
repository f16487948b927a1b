import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { BANNER_SIZES, bannerSvg } from '../domain/banners.ts';

/**
 * GET /banners/<width>x<height>.svg: the affiliate banners, public and cacheable, since any
 * site may show them. An SVG opened on its own is a document, so it gets a CSP that allows no
 * script and no fetch, and nosniff.
 */
export default async function bannerRoutes(app: FastifyInstance) {
  for (const size of BANNER_SIZES) {
    const svg = bannerSvg(size);
    const etag = `"${createHash('sha256').update(svg).digest('hex').slice(0, 16)}"`;
    app.get(`/banners/${size.id}.svg`, { schema: { hide: true } }, async (req, reply) => {
      reply
        .header('etag', etag)
        .header('cache-control', 'public, max-age=86400')
        .header('access-control-allow-origin', '*')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
        .header('cross-origin-resource-policy', 'cross-origin');
      if (req.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply.type('image/svg+xml; charset=utf-8').send(svg);
    });
  }
}
