import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, gzip, constants as zlibConstants } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { logFailure } from '../db/outage.ts';
import { REPO_ROOT } from '../paths.ts';

export const DASHBOARD_DIST = join(REPO_ROOT, 'packages/dashboard/dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** A page made per request is compressed quickly, not smallest. */
const BROTLI_FAST = { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } };

const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json', '.txt']);

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

interface Compressed {
  gzip: Buffer | null;
  brotli: Buffer | null;
}

interface Asset {
  type: string;
  body: Buffer;
  /** Whether the file is worth compressing (a text type, over 512 bytes). */
  squeeze: boolean;
  /** Its smallest forms, made once on zlib's thread pool when first needed. */
  compressed?: Promise<Compressed>;
  etag: string;
  /** Hashed file names never change content, so they are cached for a year. */
  immutable: boolean;
}

const NOT_COMPRESSED: Promise<Compressed> = Promise.resolve({ gzip: null, brotli: null });

/**
 * An asset's gzip and brotli forms at their highest levels, computed off the event loop and
 * kept: the first request for a file may wait for them, no request blocks another.
 */
function compressed(asset: Asset): Promise<Compressed> {
  asset.compressed ??= asset.squeeze
    ? Promise.all([gzipAsync(asset.body, { level: 9 }), brotliAsync(asset.body)]).then(([gz, br]) => ({
        gzip: gz,
        brotli: br,
      }))
    : NOT_COMPRESSED;
  return asset.compressed;
}

function load(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      if (name.startsWith('.')) continue; // the build's manifest, not a file the app loads
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const ext = extname(name);
        const body = readFileSync(path);
        const rel = relative(dir, path).split('\\').join('/');
        assets.set(rel, {
          type: TYPES[ext] ?? 'application/octet-stream',
          body,
          squeeze: COMPRESSIBLE.has(ext) && body.length > 512,
          etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`,
          immutable: rel.startsWith('assets/'),
        });
      }
    }
  };
  walk(dir);
  return assets;
}

/**
 * The page module behind each of the app's routes (app.tsx) and the API answer it draws
 * first. A signed-in page names both in its head, so the browser fetches them with the app's
 * own code instead of after it has run.
 */
export const ROUTE_PAGES: { prefix: string; page: string; data: string[] }[] = [
  { prefix: '/app/widget', page: 'src/pages/widget/WidgetPage.tsx', data: ['/api/widgets'] },
  { prefix: '/app/rewards', page: 'src/pages/rewards/RewardsPage.tsx', data: ['/api/rewards'] },
  { prefix: '/app/affiliate', page: 'src/pages/affiliate/AffiliatePage.tsx', data: ['/api/affiliate'] },
  { prefix: '/app/admin', page: 'src/pages/admin/AdminPage.tsx', data: [] },
  { prefix: '/app/plan', page: 'src/pages/plan/PlanPage.tsx', data: [] },
];

interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
}

/** `<link>`s that start a route's page code, styles and first data as the HTML arrives. */
function routeHints(dist: string): (path: string) => string {
  const file = join(dist, '.vite/manifest.json');
  if (!existsSync(file)) return () => '';
  const manifest: Record<string, ManifestChunk> = JSON.parse(readFileSync(file, 'utf8'));
  const cache = new Map<string, string>();
  const closure = (key: string, into: Set<string>, skip: ReadonlySet<string>) => {
    if (into.has(key) || skip.has(key) || !manifest[key]) return into;
    into.add(key);
    for (const dep of manifest[key].imports ?? []) closure(dep, into, skip);
    return into;
  };
  // The entry and what it imports are in the page's head already.
  const entry = closure('index.html', new Set(), new Set());
  const linksFor = (route: (typeof ROUTE_PAGES)[number]) => {
    const chunks = closure(route.page, new Set(), entry);
    const links = [...chunks].flatMap((key) => {
      const c = manifest[key] as ManifestChunk;
      return [
        `<link rel="modulepreload" href="/app/${c.file}">`,
        ...(c.css ?? []).map((css) => `<link rel="stylesheet" href="/app/${css}">`),
      ];
    });
    // crossorigin=anonymous is a same-origin fetch with cookies: what the app's own fetch is.
    for (const url of route.data) links.push(`<link rel="preload" href="${url}" as="fetch" crossorigin="anonymous">`);
    return links.join('');
  };
  return (path) => {
    const route = ROUTE_PAGES.find((r) => path === r.prefix || path.startsWith(`${r.prefix}/`));
    if (!route) return '';
    let links = cache.get(route.prefix);
    if (links === undefined) {
      links = linksFor(route);
      cache.set(route.prefix, links);
    }
    return links;
  };
}

/** The best encoding of a body this request accepts. */
function encoded(req: FastifyRequest, reply: FastifyReply, plain: Buffer, brotli: Buffer | null, gzip: Buffer | null) {
  const accepts = String(req.headers['accept-encoding'] ?? '');
  if (brotli && /\bbr\b/.test(accepts)) return reply.header('content-encoding', 'br').send(brotli);
  if (gzip && /\bgzip\b/.test(accepts)) return reply.header('content-encoding', 'gzip').send(gzip);
  return reply.send(plain);
}

async function send(req: FastifyRequest, reply: FastifyReply, asset: Asset) {
  const html = asset.type.startsWith('text/html');
  reply.header('etag', asset.etag);
  // A page's address answers differently signed in (the session is embedded): no shared cache
  // may keep it, and each check comes back to the server.
  reply.header('vary', html ? 'cookie, accept-encoding' : 'accept-encoding');
  reply.header(
    'cache-control',
    asset.immutable ? 'public, max-age=31536000, immutable' : html ? 'private, no-cache' : 'no-cache',
  );
  if (req.headers['if-none-match'] === asset.etag) return reply.code(304).send();
  reply.type(asset.type);
  const { brotli, gzip } = await compressed(asset);
  return encoded(req, reply, asset.body, brotli, gzip);
}

interface Build {
  assets: Map<string, Asset>;
  /** The head links a signed-in page at a path gets (routeHints). */
  hints: (path: string) => string;
}

/** Builds read before, by directory, with the index page's time and size when read. */
const builds = new Map<string, Build & { stamp: string }>();

/**
 * The build in `dir`, read and hashed once for every app this process makes (the tests make
 * an app per test) while its index page is the one read; its compressed forms and its head
 * links are shared too.
 */
function loadOnce(dir: string): Build {
  const index = statSync(join(dir, 'index.html'));
  const stamp = `${index.mtimeMs}:${index.size}`;
  const known = builds.get(dir);
  if (known?.stamp === stamp) return known;
  const build = { stamp, assets: load(dir), hints: routeHints(dir) };
  builds.set(dir, build);
  return build;
}

/**
 * The dashboard, a single-page app under /app/: hashed assets cached for a year, every other
 * path answers index.html (not cached) so the app's router draws it. Files are read at start
 * and compressed once, in the background once the server listens (or at their first request).
 */
export default async function dashboardRoutes(app: FastifyInstance, opts: { dist?: string }) {
  // DASHBOARD_DIST lets a development server serve another build of the dashboard.
  const dist = opts.dist ?? process.env.DASHBOARD_DIST ?? DASHBOARD_DIST;
  const build = existsSync(join(dist, 'index.html')) ? loadOnce(dist) : null;
  const assets = build?.assets ?? null;
  const hints = build?.hints ?? (() => '');
  if (!assets) app.log.warn({ dist }, 'dashboard not built: /app/ answers 503 until `pnpm build`');
  // Brotli at its highest level takes about half a second over the whole build: not at start.
  if (assets) {
    app.addHook('onListen', async () => {
      for (const asset of assets.values()) void compressed(asset).catch(() => {});
    });
  }

  app.get('/app', { schema: { hide: true } }, async (req, reply) => {
    const query = req.url.indexOf('?');
    return reply.redirect(`/app/${query < 0 ? '' : req.url.slice(query)}`, 301);
  });
  app.get<{ Params: { '*': string } }>('/app/*', { schema: { hide: true } }, async (req, reply) => {
    if (!assets) {
      return reply
        .code(503)
        .send({ error: 'dashboard_not_built', message: 'The dashboard is not built: run pnpm build' });
    }
    const path = req.params['*'];
    const file = assets.get(path);
    if (file && path !== 'index.html') return send(req, reply, file);
    // A missing hashed asset is a stale page asking for last release's file: a 404, not the app.
    if (path.startsWith('assets/')) {
      return reply.code(404).send({ error: 'not_found', message: `No dashboard asset ${path}` });
    }
    const index = assets.get('index.html') as Asset;
    const session = await app.sessions.read(req).catch((err) => {
      // The page still works (it asks again once loaded); the operator should know why.
      logFailure(req.log, err, 'session lookup failed while serving the dashboard');
      return null;
    });
    if (!session) return send(req, reply, index);
    // Signed in: the page carries its session, so the app draws without asking for it first.
    // Not executable (CSP allows no inline script), escaped so no text can close the element.
    const boot = JSON.stringify(session).replace(/</g, '\\u003c');
    const page = index.body.toString('utf8');
    const at = page.indexOf('</head>');
    const html = Buffer.from(
      `${page.slice(0, at)}${hints(`/app/${path}`)}<script type="application/json" id="cb-session">${boot}</script>${page.slice(at)}`,
    );
    reply.header('cache-control', 'private, no-store').header('vary', 'cookie, accept-encoding').type(index.type);
    return encoded(req, reply, html, brotliCompressSync(html, BROTLI_FAST), null);
  });
}
