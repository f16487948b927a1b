import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REFERRAL_CODE_RE } from '@callbell/protocol';
import type { FastifyInstance } from 'fastify';
import { REPO_ROOT } from '../paths.ts';
import { cspDirectives, cspHeader } from '../security-headers.ts';

const WIDGET_DIST = join(REPO_ROOT, 'packages/widget/dist');
const WIDGET = join(WIDGET_DIST, 'widget.js');
/** The panel chunk widget.js loads from beside itself, named by the hash of its content. */
const PANEL_CHUNK = /^widget-panel-[0-9a-f]{8,64}\.js$/;
const EXAMPLE = join(REPO_ROOT, 'examples/plain-html/index.html');

/**
 * The widget bundle, twice: `/widget.js`, the name owners paste (short cache, ETag, so a
 * release reaches every site within minutes), and `/widget-<hash>.js`, immutable for a year.
 * The panel chunk the loader fetches later, `/widget-panel-<hash>.js`, is immutable too: its
 * name changes with its content. A release should still serve the chunks of the one before, as
 * a widget.js cached by a browser (up to a day, stale) names its own. Also the example page,
 * pointed at this server.
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
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('x-widget-version', hash);
    if (req.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type(js).send(code);
  });
  const immutable = (path: string, body: Buffer) =>
    app.get(path, { schema: { hide: true } }, async (_req, reply) =>
      reply
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('access-control-allow-origin', '*')
        .header('cross-origin-resource-policy', 'cross-origin')
        .type(js)
        .send(body),
    );
  immutable(`/widget-${hash}.js`, code);
  const chunks = readdirSync(WIDGET_DIST).filter((file) => PANEL_CHUNK.test(file));
  if (chunks.length === 0) throw new Error(`${WIDGET_DIST} has no panel chunk: run \`pnpm build\` first`);
  for (const file of chunks) immutable(`/${file}`, readFileSync(join(WIDGET_DIST, file)));

  // The default LANDING_URL: where a footer click lands; it passes the code on to sign-up.
  app.get<{ Querystring: { ref?: string } }>('/welcome', { schema: { hide: true } }, async (req, reply) => {
    const ref = req.query.ref && REFERRAL_CODE_RE.test(req.query.ref) ? req.query.ref : null;
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
      .send(welcomePage(ref));
  });

  // The example page as a visitor of the platform sees it: with a bar that leads to the dashboard.
  const example = readFileSync(EXAMPLE, 'utf8')
    .replaceAll('http://localhost:3000', app.config.publicOrigin)
    .replace('<body>', `<body>${PLATFORM_BAR}`);
  // The page stands for a customer's site, whose pasted snippet is an inline script: the
  // policy allows exactly that script, by its hash, and nothing else inline.
  const inline = [...example.matchAll(/<script>([^<]*)<\/script>/g)].map(
    (m) =>
      `'sha256-${createHash('sha256')
        .update(m[1] ?? '')
        .digest('base64')}'`,
  );
  const exampleCsp = cspHeader({ ...cspDirectives(app.config), 'script-src': ["'self'", ...inline] });
  app.get('/', { schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/html; charset=utf-8').header('content-security-policy', exampleCsp).send(example),
  );
}

/** `ref` is a validated referral code ([a-z0-9]), so it needs no escaping. */
const welcomePage = (ref: string | null) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Callbell: chat with your customers where they already are</title>
<style>body{margin:0;font:17px/1.6 system-ui,sans-serif;color:#111827;background:#f5f7fb}main{max-width:640px;margin:0 auto;padding:64px 24px}
h1{font-size:2rem;line-height:1.2}.ref{display:inline-block;padding:4px 12px;border-radius:99px;background:#dbeafe;color:#1e40af;font-weight:600}
.cta{display:flex;flex-wrap:wrap;gap:12px;margin-top:24px}.cta a{padding:12px 20px;border-radius:8px;font-weight:600;text-decoration:none}
.primary{background:#1d4ed8;color:#fff}.secondary{color:#1d4ed8;border:1px solid #1d4ed8}</style>
</head><body><main>
<h1>⚡ Callbell: chat with your customers on WhatsApp, Messenger, Telegram and more</h1>
${ref ? `<p class="ref">Invited by ambassador ${ref}</p>` : ''}
<p>One script tag puts a chat launcher on your site. Free forever with the "⚡ by Callbell" footer, and every account earns rewards for the sites it brings.</p>
<p class="cta"><a class="primary" href="/app/signup${ref ? `?ref=${ref}` : ''}">Create your free account</a><a class="secondary" href="/app/login">Log in</a></p>
</main></body></html>`;

const PLATFORM_BAR = `<nav aria-label="Callbell" style="display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;padding:10px 16px;background:#111827;color:#f9fafb;font:15px/1.4 system-ui,sans-serif">
<span>An example site running the Callbell widget.</span>
<a href="/app/signup" style="color:#93c5fd;font-weight:600">Create your free account</a>
<a href="/app/login" style="color:#93c5fd">Log in</a></nav>`;
