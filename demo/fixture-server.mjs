// A stand-in for the platform's server, speaking the /v1 wire contract from fixture configs,
// so the widget can be seen and tested before packages/server exists (issue 3 replaces it).
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (/** @type {string} */ path) => readFileSync(join(root, path));

/**
 * @typedef {{ method: string, url: string, contentType: string, body: string }} Received
 * @typedef {{ origin: string, pings: Received[], close(): Promise<void>, configs: Record<string, unknown> }} FixtureServer
 */

/**
 * Starts the fixture server. `pages` adds extra HTML pages by path, each with optional headers
 * (a test's strict Content-Security-Policy, say).
 * @param {{ port?: number, host?: string, pages?: Record<string, { html: string, headers?: Record<string, string> }> }} [options]
 * @returns {Promise<FixtureServer>}
 */
export async function startFixtureServer({ port = 0, host = '127.0.0.1', pages = {} } = {}) {
  /** @type {Received[]} */
  const pings = [];
  /** @type {Record<string, unknown>} */
  let configs = {};
  let origin = '';
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const send = (/** @type {number} */ status, /** @type {string | Buffer} */ body, headers = {}) => {
      res.writeHead(status, { 'access-control-allow-origin': '*', ...headers });
      res.end(body);
    };
    const json = (/** @type {number} */ status, /** @type {unknown} */ body) =>
      send(status, JSON.stringify(body), { 'content-type': 'application/json' });

    if (req.method === 'OPTIONS') return send(204, '', { 'access-control-allow-headers': 'content-type' });
    const config = url.pathname.match(/^\/v1\/widgets\/([^/]+)\/config$/);
    if (config && req.method === 'GET') {
      const found = configs[decodeURIComponent(config[1] ?? '')];
      if (!found) return json(404, { error: 'not_found', message: 'No such widget' });
      return send(200, JSON.stringify(found).replaceAll('{{ORIGIN}}', origin), {
        'content-type': 'application/json',
        'cache-control': 'public, max-age=60',
      });
    }
    if (url.pathname === '/v1/pings' && req.method === 'POST') {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        pings.push({ method: 'POST', url: url.pathname, contentType: req.headers['content-type'] ?? '', body });
        send(204, '');
      });
      return;
    }
    // The loader, and the panel chunk it loads from beside itself (named by its content hash).
    if (url.pathname === '/widget.js' || /^\/widget-panel-[0-9a-f]+\.js$/.test(url.pathname)) {
      const file = join('packages/widget/dist', url.pathname.slice(1));
      if (!existsSync(join(root, file)))
        return json(404, { error: 'not_found', message: `Nothing at ${url.pathname}` });
      return send(200, read(file), { 'content-type': 'text/javascript; charset=utf-8' });
    }
    const referral = url.pathname.match(/^\/r\/([a-z0-9]+)$/);
    if (referral) return send(302, '', { location: `/?ref=${referral[1]}` });
    const page = pages[url.pathname];
    if (page) return send(200, page.html, { 'content-type': 'text/html; charset=utf-8', ...page.headers });
    if (url.pathname === '/' || url.pathname === '/index.html') {
      const html = read('examples/plain-html/index.html').toString().replaceAll('http://localhost:3000', origin);
      return send(200, html, { 'content-type': 'text/html; charset=utf-8' });
    }
    json(404, { error: 'not_found', message: `Nothing at ${url.pathname}` });
  });
  await new Promise((/** @type {(v?: unknown) => void} */ resolve) => server.listen(port, host, resolve));
  const address = server.address();
  origin = `http://${host}:${typeof address === 'object' && address ? address.port : port}`;
  configs = JSON.parse(read('demo/fixtures/widgets.json').toString());
  return {
    origin,
    pings,
    get configs() {
      return configs;
    },
    set configs(next) {
      configs = next;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
