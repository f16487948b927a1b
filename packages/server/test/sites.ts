import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Local websites for the install check: one HTTP server on a loopback port that answers by the
 * Host header, so a ping can name `http://shop.example.com:PORT/` (a public-looking origin) and
 * the check, resolving every name to 127.0.0.1 (fixtures.ts loopbackResolver) with
 * INSTALL_CHECK_ALLOW_LOOPBACK set, fetches the page set here.
 */
export interface TestSites {
  /** `http://host:PORT/path`: the address a ping names. */
  url(host: string, path?: string): string;
  /** What `host` answers at `path` (every path, without one). */
  page(host: string, html: string, path?: string): void;
  /** A handler of its own for `host` (slow, huge, redirecting answers). */
  handle(host: string, fn: (req: IncomingMessage, res: ServerResponse) => void): void;
  /** Requests served, by host, in order. */
  readonly requests: { host: string; path: string; userAgent: string | undefined }[];
  close(): Promise<void>;
}

/** A page carrying the widget's snippet, as an owner pastes it. */
export const snippetPage = (widgetId: string) =>
  `<!doctype html><html><head><title>Shop</title></head><body><h1>Welcome</h1>
<script src="https://app.callbell.test/widget.js" data-widget-id="${widgetId}" async></script>
</body></html>`;

export async function startSites(): Promise<TestSites> {
  const pages = new Map<string, string>();
  const handlers = new Map<string, (req: IncomingMessage, res: ServerResponse) => void>();
  const requests: TestSites['requests'] = [];
  const server: Server = createServer((req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    requests.push({ host, path, userAgent: req.headers['user-agent'] });
    const handler = handlers.get(host);
    if (handler) return handler(req, res);
    const html = pages.get(`${host}${path}`) ?? pages.get(host);
    if (html === undefined) {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (host, path = '/') => `http://${host}:${port}${path}`,
    page: (host, html, path) => void pages.set(path ? `${host}${path}` : host, html),
    handle: (host, fn) => void handlers.set(host, fn),
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
