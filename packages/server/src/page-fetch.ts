import { lookup } from 'node:dns/promises';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { bareAddress, isPublicAddress } from './domain/public-address.ts';

/**
 * Fetches a page someone else named (the install check's): the address comes from a ping,
 * which anyone can send, so the fetch must not become a way into the platform's own network.
 * Only http(s); every host is resolved here and each of its addresses must be public
 * (domain/public-address.ts), on the first request and on every redirect; the connection goes
 * to the address that was checked, so DNS cannot answer differently in between. Short
 * time-outs, a cap on the body (after decompression), a plain user agent, no cookies.
 */

/** Resolves a host name to its addresses (tests inject their own). */
export type ResolveHost = (hostname: string) => Promise<{ address: string; family: number }[]>;

/** The system's resolver, every address it knows. */
export const systemResolver: ResolveHost = (hostname) => lookup(hostname, { all: true, verbatim: true });

export interface PageFetchOptions {
  resolve: ResolveHost;
  /** Lets loopback addresses through: tests against local servers only (refused in production). */
  allowLoopback: boolean;
  userAgent: string;
  /** For the whole fetch, redirects included. */
  timeoutMs?: number;
  /** For the connection, and between two chunks of the answer. */
  idleMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
}

export const PAGE_FETCH_FAILURES = [
  'bad_url',
  'not_http',
  'not_public',
  'dns',
  'connect',
  'timeout',
  'too_large',
  'too_many_redirects',
  'http_status',
] as const;
export type PageFetchFailure = (typeof PAGE_FETCH_FAILURES)[number];

export type PageFetchResult =
  | { ok: true; url: string; status: number; body: string }
  | { ok: false; url: string; failure: PageFetchFailure; detail: string };

const DEFAULTS = { timeoutMs: 10_000, idleMs: 5_000, maxBytes: 1_000_000, maxRedirects: 5 };
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

class FetchFailed extends Error {
  constructor(
    readonly failure: PageFetchFailure,
    message: string,
  ) {
    super(message);
  }
}

/** Fetches `address` safely; never throws: a failure says what went wrong, in words. */
export async function fetchPage(address: string, options: PageFetchOptions): Promise<PageFetchResult> {
  const opts = { ...DEFAULTS, ...options };
  const deadline = Date.now() + opts.timeoutMs;
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return { ok: false, url: address, failure: 'bad_url', detail: 'not a web address' };
  }
  try {
    for (let hop = 0; ; hop++) {
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new FetchFailed('not_http', `${url.protocol.replace(':', '')} addresses are not fetched`);
      }
      if (url.username || url.password) throw new FetchFailed('bad_url', 'addresses with credentials are not fetched');
      const target = await publicAddressOf(url.hostname, opts, deadline);
      const res = await request(url, target, opts, deadline);
      const location = res.headers.location;
      if (REDIRECTS.has(res.statusCode ?? 0) && location) {
        res.destroy();
        if (hop >= opts.maxRedirects)
          throw new FetchFailed('too_many_redirects', `more than ${opts.maxRedirects} redirects`);
        try {
          url = new URL(location, url);
        } catch {
          throw new FetchFailed('bad_url', 'a redirect to something that is not a web address');
        }
        continue;
      }
      const status = res.statusCode ?? 0;
      if (status < 200 || status > 299) {
        res.destroy();
        throw new FetchFailed('http_status', `the page answered HTTP ${status}`);
      }
      const body = await readCapped(res, opts, deadline);
      return { ok: true, url: url.href, status, body };
    }
  } catch (err) {
    const failure = err instanceof FetchFailed ? err : new FetchFailed('connect', String(err));
    return { ok: false, url: url.href, failure: failure.failure, detail: failure.message };
  }
}

/** Rejects with a time-out at the deadline. */
function beforeDeadline<T>(promise: Promise<T>, deadline: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new FetchFailed('timeout', 'the site took too long to answer')),
      deadline - Date.now(),
    );
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** The address to connect to: the host's own if it is one, else the first DNS gives; all public. */
async function publicAddressOf(
  hostname: string,
  opts: { resolve: ResolveHost; allowLoopback: boolean },
  deadline: number,
): Promise<{ address: string; family: 4 | 6 }> {
  const host = bareAddress(hostname);
  const literal = isIP(host);
  let addresses: { address: string; family: number }[];
  if (literal) addresses = [{ address: host, family: literal }];
  else {
    try {
      addresses = await beforeDeadline(opts.resolve(host), deadline);
    } catch (err) {
      if (err instanceof FetchFailed) throw err;
      throw new FetchFailed('dns', `${host} could not be resolved`);
    }
  }
  if (!addresses.length) throw new FetchFailed('dns', `${host} has no address`);
  // Every address, not only the one used: a name that also points inside is refused whole.
  for (const a of addresses) {
    if (!isPublicAddress(a.address, { allowLoopback: opts.allowLoopback })) {
      throw new FetchFailed('not_public', `${host} is not on a public address`);
    }
  }
  const first = addresses[0] as { address: string; family: number };
  return { address: first.address, family: isIP(first.address) === 6 ? 6 : 4 };
}

function request(
  url: URL,
  target: { address: string; family: 4 | 6 },
  opts: PageFetchOptions & typeof DEFAULTS,
  deadline: number,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const req = client.request({
      method: 'GET',
      hostname: bareAddress(url.hostname),
      port: url.port || (url.protocol === 'https:' ? 443 : 80),
      path: `${url.pathname}${url.search}`,
      agent: false,
      headers: {
        host: url.host,
        'user-agent': opts.userAgent,
        accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5',
        'accept-encoding': 'gzip, deflate, br',
        connection: 'close',
      },
      // The connection goes to the address checked above, whatever DNS would say now.
      lookup: (_hostname, options, callback) => {
        if (options.all) callback(null, [{ address: target.address, family: target.family }]);
        else callback(null, target.address, target.family);
      },
    });
    const timer = setTimeout(
      () => req.destroy(new FetchFailed('timeout', 'the site took too long to answer')),
      Math.max(0, deadline - Date.now()),
    );
    req.setTimeout(opts.idleMs, () => req.destroy(new FetchFailed('timeout', 'the site took too long to answer')));
    req.on('response', (res) => {
      clearTimeout(timer);
      resolve(res);
    });
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err instanceof FetchFailed ? err : new FetchFailed('connect', connectProblem(err)));
    });
    req.end();
  });
}

function connectProblem(err: Error & { code?: string }): string {
  if (err.code === 'ECONNREFUSED') return 'the site refused the connection';
  if (err.code?.startsWith('ERR_TLS') || err.code?.includes('CERT')) return 'the site’s certificate is not valid';
  return `the connection failed (${err.code ?? err.message})`;
}

/** The body, decompressed, as text; refused past `maxBytes`, or when it stalls or runs late. */
function readCapped(res: IncomingMessage, opts: typeof DEFAULTS, deadline: number): Promise<string> {
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > opts.maxBytes) {
    res.destroy();
    return Promise.reject(tooLarge(opts.maxBytes));
  }
  const encoding = String(res.headers['content-encoding'] ?? '').toLowerCase();
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? createGunzip()
      : encoding === 'deflate'
        ? createInflate()
        : encoding === 'br'
          ? createBrotliDecompress()
          : null;
  const stream: Readable = decoder ? res.pipe(decoder) : res;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (err: Error | null, text?: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearTimeout(idle);
      if (err) {
        res.destroy();
        decoder?.destroy();
        reject(err);
      } else resolve(text ?? '');
    };
    const late = () => finish(new FetchFailed('timeout', 'the site took too long to send the page'));
    const timer = setTimeout(late, Math.max(0, deadline - Date.now()));
    let idle = setTimeout(late, opts.idleMs);
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > opts.maxBytes) return finish(tooLarge(opts.maxBytes));
      chunks.push(chunk);
      clearTimeout(idle);
      idle = setTimeout(late, opts.idleMs);
    });
    // Latin-1 keeps every byte as one character: the snippet is ASCII, whatever the page's charset.
    stream.on('end', () => finish(null, Buffer.concat(chunks).toString('latin1')));
    stream.on('error', (err) =>
      finish(err instanceof FetchFailed ? err : new FetchFailed('connect', 'the page could not be read')),
    );
    res.on('error', (err) =>
      finish(err instanceof FetchFailed ? err : new FetchFailed('connect', 'the page could not be read')),
    );
  });
}

const tooLarge = (maxBytes: number) =>
  new FetchFailed('too_large', `the page is larger than ${Math.round(maxBytes / 1000)} kB`);
