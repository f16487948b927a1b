import type { FastifyInstance } from 'fastify';
import type { Schema } from './inputs.ts';

/** The methods the app's routes answer (HEAD with each GET). */
export type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

/** One route and what it takes, as the app describes it: nothing here is written by hand. */
export interface FuzzRoute {
  method: Method;
  /** Fastify's form: `/api/widgets/:id`, `/r/*`. */
  url: string;
  params: { name: string; schema: Schema }[];
  query: { name: string; schema: Schema; required: boolean }[];
  headers: { name: string; schema: Schema }[];
  /** The JSON body's schema, null when it declares none. */
  body: Schema | null;
}

interface Operation {
  parameters?: { in: string; name: string; schema?: Schema; required?: boolean }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

/**
 * Every route of the app: those in its OpenAPI document with their schemas, and those it hides
 * from the document (OPTIONS, static files, the dashboard's pages) from its router, with none.
 * A route added to the app is fuzzed without a change here.
 */
export function appRoutes(app: FastifyInstance): FuzzRoute[] {
  const routes = new Map<string, FuzzRoute>();
  const doc = app.swagger() as { paths?: Record<string, Record<string, Operation>> };
  for (const [path, operations] of Object.entries(doc.paths ?? {})) {
    const url = path.replace(/\{([^}]+)\}/g, ':$1');
    for (const [method, op] of Object.entries(operations)) {
      const params = op.parameters ?? [];
      const pick = (where: string) =>
        params
          .filter((p) => p.in === where)
          .map((p) => ({ name: p.name, schema: p.schema ?? {}, required: p.required ?? false }));
      const upper = method.toUpperCase() as Method;
      routes.set(`${upper} ${url}`, {
        method: upper,
        url,
        params: pick('path'),
        query: pick('query'),
        headers: pick('header'),
        body: op.requestBody?.content?.['application/json']?.schema ?? null,
      });
    }
  }
  for (const { method, url } of routerRoutes(app)) {
    // HEAD is GET without a body; each GET is sometimes sent as HEAD instead.
    if (method === 'HEAD' || routes.has(`${method} ${url}`)) continue;
    const params = [...url.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1] as string, schema: {} }));
    routes.set(`${method} ${url}`, { method, url, params, query: [], headers: [], body: null });
  }
  return [...routes.values()].sort((a, b) => `${a.url} ${a.method}`.localeCompare(`${b.url} ${b.method}`));
}

/**
 * The router's own list (`printRoutes`), read back: each line is a piece of a path under its
 * parent's (`ap` then `i/` then `widgets (GET, HEAD)`), with the methods that end there.
 */
export function routerRoutes(app: FastifyInstance): { method: Method; url: string }[] {
  const found: { method: Method; url: string }[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes().split('\n')) {
    const at = line.search(/[├└]── /);
    if (at < 0) continue;
    const match = /^(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line.slice(at + 4));
    if (!match) continue;
    stack.length = at / 4;
    stack.push(match[1] as string);
    for (const method of (match[2] ?? '').split(', ').filter(Boolean)) {
      found.push({ method: method as Method, url: stack.join('') });
    }
  }
  return found;
}
