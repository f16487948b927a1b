import { AjvCompiler } from '@fastify/ajv-compiler';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';
import type { FastifyRouteSchemaDef } from 'fastify/types/schema.js';

/**
 * Fastify's own schema compilers (Ajv for requests, fast-json-stringify for responses), with
 * two changes to when they run, not to what they make:
 *
 * - Each route's functions are compiled at their first use, or by `compilePending()`, which the
 *   app calls once it listens, instead of all before it starts: that was 0.6-1 s of the
 *   embedded server's start.
 * - They are shared by every app this process builds and remembered by the schema's text, the
 *   shared schemas it may refer to and the compiler's options, which are all a compiled
 *   function depends on. The test suite builds an app per test; compiling every route's
 *   schemas took about 150 ms of each. Route schemas are often literals made as each app
 *   registers its routes, so their text, not their identity, is what repeats.
 */
const validatorPool = AjvCompiler();
const serializerFactory = SerializerSelector();

type Compile<R, F> = (route: R) => F;

/**
 * Compilations asked for and not yet needed, one per cache and schema text however many apps
 * asked, run by compilePending().
 */
const pending = new Map<Map<string, unknown>, Map<string, () => unknown>>();

/**
 * Compiles every route schema no request has needed yet, one at a time between other work;
 * resolves with the errors of those that fail (a schema Ajv refuses), which their first
 * request would otherwise meet as a 500. A failure is reported once: its route still tries
 * again, and answers 500, at each request, but a later pass (another app's) does not name it.
 */
export async function compilePending(): Promise<Error[]> {
  const errors: Error[] = [];
  for (const waiting of pending.values()) {
    for (const [text, compile] of waiting) {
      try {
        compile();
      } catch (err) {
        errors.push(err as Error);
        waiting.delete(text);
      }
      // Each takes about a millisecond: requests are answered in between.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return errors;
}

/** `compile` of `route` once, when first asked for, from the cache if its text is known. */
function deferred<R extends { schema?: unknown }, F>(compile: Compile<R, F>, known: Map<string, F>, route: R) {
  const text = JSON.stringify(route.schema);
  const waiting = pending.get(known) ?? new Map<string, () => unknown>();
  pending.set(known, waiting);
  let compiled = known.get(text);
  const get = (): F => {
    if (compiled === undefined) {
      compiled = known.get(text);
      if (compiled === undefined) {
        compiled = compile(route);
        known.set(text, compiled);
      }
      waiting.delete(text);
    }
    return compiled;
  };
  if (compiled === undefined && !waiting.has(text)) waiting.set(text, get);
  return get;
}

type Validate = ((...args: unknown[]) => unknown) & { schemaEnv?: unknown; errors?: unknown };

// The package types its compiler as taking a bare schema; Fastify calls it, as it calls the
// serializer's, with the route's `{ schema, method, url, httpPart }`, which it then passes on.
type RouteCompile = Compile<FastifyRouteSchemaDef<unknown>, Validate>;
const validatorCaches = new WeakMap<object, Map<string, Validate>>();
const buildValidator: typeof validatorPool = (externalSchemas, options) => {
  const compile = validatorPool(externalSchemas, options) as unknown as RouteCompile;
  const known = validatorCaches.get(compile) ?? new Map<string, Validate>();
  validatorCaches.set(compile, known);
  const lazy = (route: FastifyRouteSchemaDef<unknown>): Validate => {
    const get = deferred(compile, known, route);
    const validate: Validate = (...args) => get()(...args);
    // Fastify reads both from the function it calls: Ajv's schemaEnv (to let a root value be
    // coerced in place) before the call, and the errors after it.
    Object.defineProperty(validate, 'schemaEnv', { get: () => get().schemaEnv });
    Object.defineProperty(validate, 'errors', { get: () => get().errors });
    return validate;
  };
  return lazy as unknown as ReturnType<typeof validatorPool>;
};

type Serialize = ReturnType<ReturnType<typeof serializerFactory>>;
const serializerCaches = new Map<string, Map<string, Serialize>>();
const buildSerializer: typeof serializerFactory = (externalSchemas, options) => {
  const compile = serializerFactory(externalSchemas, options);
  const key = JSON.stringify([externalSchemas, options]);
  const known = serializerCaches.get(key) ?? new Map<string, Serialize>();
  serializerCaches.set(key, known);
  return (route) => {
    const get = deferred(compile, known, route);
    return (doc) => get()(doc);
  };
};

export const sharedSchemaCompilers: NonNullable<FastifyServerOptions['schemaController']> = {
  compilersFactory: { buildValidator, buildSerializer },
};
