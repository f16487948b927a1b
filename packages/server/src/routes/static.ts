import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { REPO_ROOT } from '../paths.ts';

const WIDGET = join(REPO_ROOT, 'packages/widget/dist/widget.js');
const EXAMPLE = join(REPO_ROOT, 'examples/plain-html/index.html');

/**
 * The widget bundle, twice: `/widget.js`, the name owners paste (short cache, ETag, so a
 * release reaches every site within minutes), and `/widget-<hash>.js`, immutable for a year.
 * Also the example page, pointed at this server.
 */
export default async function staticRoutes(app: FastifyInstance) {
  if (!existsSync(WIDGET)) throw new Error(`${WIDGET} is missing: run \`pnpm build\` first`);
  const code = readFileSync(WIDGET);
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 12);
  const etag = `"${hash}"`;
  const js = 'text/javascript; charset=utf-8';

  app.get('/widget.js', { schema: { hide: true } }, async (req, reply) => {
    reply
      .header('etag', etag)
      .header('cache-control', 'public, max-age=300, stale-while-revalidate=86400')
      .header('access-control-allow-origin', '*')
      .header('x-widget-version', hash);
    if (req.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type(js).send(code);
  });
  app.get(`/widget-${hash}.js`, { schema: { hide: true } }, async (_req, reply) =>
    reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('access-control-allow-origin', '*')
      .type(js)
      .send(code),
  );

  const example = readFileSync(EXAMPLE, 'utf8').replaceAll('http://localhost:3000', app.config.publicOrigin);
  app.get('/', { schema: { hide: true } }, async (_req, reply) => reply.type('text/html; charset=utf-8').send(example));
}
