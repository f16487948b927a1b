import { AjvCompiler } from '@fastify/ajv-compiler';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';
import type { FastifyRouteSchemaDef } from 'fastify/types/schema.js';

/**
 * Fastify's own schema compilers (Ajv for requests, fast-json-stringify for responses), shared
 * by every app this process builds and remembering what they compiled, by the schema's text.
 * The server builds one app and notices nothing; the test suite builds one per test, and
 * compiling every route's schemas took about 150 ms of each.
 *
 * A compiled function depends only on the schema, the shared schemas it may refer to and the
 * compiler's options, which are the key here: the same text compiles to the same function.
 * Route schemas are often literals made as each app registers its routes, so their text, not
 * their identity, is what repeats.
 */
const validatorPool = AjvCompiler();
const serializerFactory = SerializerSelector();

type Compile<R, F> = (route: R) => F;

/** `compile` behind a cache keyed by the route schema's text. */
function remembering<R extends { schema?: unknown }, F>(compile: Compile<R, F>, known: Map<string, F>): Compile<R, F> {
  return (route) => {
    const text = JSON.stringify(route.schema);
    let compiled = known.get(text);
    if (compiled === undefined) {
      compiled = compile(route);
      known.set(text, compiled);
    }
    return compiled;
  };
}

// The pool hands out one compiler per set of shared schemas and options: a cache for each.
// The package types its compiler as taking a bare schema; Fastify calls it, as it calls the
// serializer's, with the route's `{ schema, method, url, httpPart }`, which it then passes on.
type RouteCompile = Compile<FastifyRouteSchemaDef<unknown>, unknown>;
const validatorCaches = new WeakMap<object, Map<string, unknown>>();
const buildValidator: typeof validatorPool = (externalSchemas, options) => {
  const compile = validatorPool(externalSchemas, options);
  const known = validatorCaches.get(compile) ?? new Map<string, unknown>();
  validatorCaches.set(compile, known);
  return remembering(compile as unknown as RouteCompile, known) as unknown as typeof compile;
};

const serializerCaches = new Map<string, Map<string, unknown>>();
const buildSerializer: typeof serializerFactory = (externalSchemas, options) => {
  const compile = serializerFactory(externalSchemas, options);
  const key = JSON.stringify([externalSchemas, options]);
  const known = serializerCaches.get(key) ?? new Map<string, unknown>();
  serializerCaches.set(key, known);
  return remembering(compile, known as Map<string, ReturnType<typeof compile>>);
};

export const sharedSchemaCompilers: NonNullable<FastifyServerOptions['schemaController']> = {
  compilersFactory: { buildValidator, buildSerializer },
};
