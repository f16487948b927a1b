import type { paths } from './schema';

/**
 * The one client the dashboard talks to the server through, typed by the server's own route
 * schemas (schema.d.ts is generated from its OpenAPI document). Same origin: the session
 * cookie goes along by itself, and every state-changing request carries the CSRF token.
 */

export type Method = 'get' | 'post' | 'patch' | 'delete';
type Json<R> = R extends { content: { 'application/json': infer J } } ? J : never;
type Op<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
type Success<R> = R extends { 200: infer A }
  ? Json<A>
  : R extends { 201: infer B }
    ? Json<B>
    : R extends { 202: infer C }
      ? Json<C>
      : null;

/** What a route answers when it succeeds. */
export type ResponseOf<P extends keyof paths, M extends Method = 'get'> =
  Op<P, M> extends { responses: infer R } ? Success<R> : never;
/** What a route takes as its JSON body. */
export type BodyOf<P extends keyof paths, M extends Method> =
  Op<P, M> extends {
    requestBody?: { content: { 'application/json': infer B } };
  }
    ? B
    : never;
/** A route's query string. */
export type QueryOf<P extends keyof paths, M extends Method = 'get'> =
  Op<P, M> extends {
    parameters: { query?: infer Q };
  }
    ? Q
    : never;

/** A failed request: the server's `{ error, message }`, or what went wrong on the way. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;
let onUnauthorized: () => void = () => {};

/** The session's CSRF token, sent on every state-changing request (set by state/session.ts). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** What to do when the session has ended (a 401 on a route that needs one). */
export function whenUnauthorized(fn: () => void): void {
  onUnauthorized = fn;
}

export interface RequestOptions<P extends keyof paths, M extends Method> {
  /** Values for the `{name}` parts of the path. */
  params?: Record<string, string>;
  query?: QueryOf<P, M> | Record<string, string | number | undefined>;
  body?: BodyOf<P, M>;
  signal?: AbortSignal;
}

const fill = (path: string, params: Record<string, string> = {}) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));

/** The URL a request goes to; also used for downloads (CSV) the browser fetches itself. */
export function urlOf<P extends keyof paths, M extends Method>(path: P, opts: RequestOptions<P, M> = {}): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries((opts.query ?? {}) as Record<string, unknown>)) {
    if (v !== undefined && v !== null && v !== '') search.set(k, String(v));
  }
  const qs = search.toString();
  return fill(path as string, opts.params) + (qs ? `?${qs}` : '');
}

/** Sends a request; resolves to the parsed answer, rejects with an ApiError. */
export async function request<P extends keyof paths, M extends Method>(
  method: M,
  path: P,
  opts: RequestOptions<P, M> = {},
): Promise<ResponseOf<P, M>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'get' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(new URL(urlOf(path, opts), location.origin), {
      method: method.toUpperCase(),
      headers,
      body: opts.body === undefined ? null : JSON.stringify(opts.body),
      credentials: 'same-origin',
      signal: opts.signal ?? null,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'Could not reach the server. Check your connection and try again.');
  }
  if (res.status === 204) return null as ResponseOf<P, M>;
  const body: unknown = await res.json().catch(() => null);
  if (res.ok) return body as ResponseOf<P, M>;
  const { error, message } = (body ?? {}) as { error?: string; message?: string };
  if (res.status === 401 && !String(path).startsWith('/api/auth/')) onUnauthorized();
  throw new ApiError(
    res.status,
    error ?? 'http_error',
    res.status >= 500 || !message ? `The server could not do this (${res.status}). Try again in a moment.` : message,
  );
}

export const api = {
  get: <P extends keyof paths>(path: P, opts?: RequestOptions<P, 'get'>) => request('get', path, opts),
  post: <P extends keyof paths>(path: P, opts?: RequestOptions<P, 'post'>) => request('post', path, opts),
  patch: <P extends keyof paths>(path: P, opts?: RequestOptions<P, 'patch'>) => request('patch', path, opts),
  delete: <P extends keyof paths>(path: P, opts?: RequestOptions<P, 'delete'>) => request('delete', path, opts),
};
