import type { FastifyInstance, preHandlerHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { hasLoneSurrogate } from '../db/storable-json.ts';
import { HttpError } from '../errors.ts';

/**
 * A `\u` escape of a UTF-16 surrogate (D800 to DFFF). It is the only way half a pair gets into
 * a parsed body: the bytes themselves are UTF-8, whose decoder turns anything broken into U+FFFD.
 */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `name` after `path`, as a client would write it: `agent.name`, `channels[0]`, `["a b"]`. */
function step(path: string, name: string | number): string {
  if (typeof name === 'number') return `${path}[${name}]`;
  if (IDENTIFIER.test(name)) return path ? `${path}.${name}` : name;
  return `${path}[${JSON.stringify(name)}]`;
}

/**
 * Where in a parsed JSON value a string (or a key) holds half a surrogate pair, such as
 * `channels[0].text`; null if nowhere. It walks with a stack of its own: bodies may nest deep.
 */
export function loneSurrogatePath(value: unknown): string | null {
  const stack: [unknown, string][] = [[value, '']];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [at, path] = next;
    if (typeof at === 'string') {
      if (hasLoneSurrogate(at)) return path || 'the body';
    } else if (Array.isArray(at)) {
      for (let i = at.length - 1; i >= 0; i--) stack.push([at[i], step(path, i)]);
    } else if (at !== null && typeof at === 'object') {
      const keys = Object.keys(at);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] as string;
        if (hasLoneSurrogate(key)) return `a key of ${path || 'the body'}`;
        stack.push([(at as Record<string, unknown>)[key], step(path, key)]);
      }
    }
  }
  return null;
}

/** The request parts Ajv coerces from text: each as a route's schema names it, and as the request does. */
const COERCED_PARTS = [
  ['querystring', 'query'],
  ['params', 'params'],
  ['headers', 'headers'],
] as const;

/** The parts of a request that `schema` has Ajv coerce (a query string schema may be named `query`). */
function coercedParts(schema: Record<string, unknown> | undefined) {
  if (!schema) return [];
  return COERCED_PARTS.filter(
    ([name]) => schema[name] !== undefined || (name === 'querystring' && schema.query !== undefined),
  );
}

/** A 400 for the first value of a request part that Ajv coerced from text to a number that is not finite. */
function infinityIn(where: string, part: unknown): HttpError | null {
  if (part === null || typeof part !== 'object') return null;
  for (const [name, value] of Object.entries(part)) {
    const values: unknown[] = Array.isArray(value) ? value : [value];
    if (values.some((v) => typeof v === 'number' && !Number.isFinite(v))) {
      return new HttpError(400, 'invalid_request', `${where}/${name} must be a finite number`);
    }
  }
  return null;
}

/**
 * What Fastify's parser and Ajv let through that the app cannot use, refused with 400
 * `invalid_request` naming it:
 *
 * - In a JSON body, a string holding half a UTF-16 surrogate pair (`"\ud800"`): that is not
 *   text, and jsonb refuses it, so storing it would fail. Bodies are parsed by Fastify's own
 *   parser (with its prototype-poisoning checks), and only one whose text has a surrogate escape
 *   is walked, so the pings' path pays one scan of at most a few kilobytes. A NUL, which the
 *   database refuses too, is refused where it is stored (plugins/errors.ts). Routes that need the
 *   raw bytes (the Stripe webhook) set parsers of their own, and keep them.
 * - In a query string, path or header, a number such as `1e400`: Ajv coerces it to Infinity and
 *   then skips `minimum` and `maximum`, which only judge finite numbers. (A JSON body's Infinity
 *   fails Ajv's type check.) Checked on the routes with a schema for that part: without one, it
 *   holds only text.
 */
export default fp(
  async (app: FastifyInstance) => {
    const { onProtoPoisoning = 'error', onConstructorPoisoning = 'ignore' } = app.initialConfig;
    const parse = app.getDefaultJsonParser(onProtoPoisoning, onConstructorPoisoning);
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
      parse(req, body as string, (err, value) => {
        if (err || !SURROGATE_ESCAPE.test(body as string)) return done(err, value);
        const path = loneSurrogatePath(value);
        if (!path) return done(null, value);
        done(
          new HttpError(
            400,
            'invalid_request',
            `The text at ${path} holds half a UTF-16 surrogate pair (such as \\ud800 alone), which is not text`,
          ),
          undefined,
        );
      });
    });

    // After validation (which coerces), before the route's own preHandlers. Only a part the
    // route has a schema for can hold a number: without one, a query string, a path parameter
    // or a header is text, so routes with none (the pings) are not checked at all.
    app.addHook('onRoute', (route) => {
      const parts = coercedParts(route.schema as Record<string, unknown> | undefined);
      if (parts.length === 0) return;
      const check: preHandlerHookHandler = (req, _reply, done) => {
        let refused: HttpError | null = null;
        for (const [name, field] of parts) refused ??= infinityIn(name, req[field]);
        done(refused ?? undefined);
      };
      route.preHandler = [check, ...[route.preHandler ?? []].flat()];
    });
  },
  { name: 'input-checks' },
);
