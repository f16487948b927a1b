import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { compilePending, sharedSchemaCompilers } from '../src/schema-compilers.ts';
import { freshDb } from './databases.ts';
import { testApp } from './fixtures.ts';

/** An app with one route whose body and answer follow `schema`. */
async function appWith(body: object, response: object) {
  const app = Fastify({
    ajv: { customOptions: { removeAdditional: true } },
    schemaController: sharedSchemaCompilers,
  });
  app.post('/echo', { schema: { body, response: { 200: response } } }, async (req) => req.body);
  await app.ready();
  return app;
}

const object = (properties: Record<string, object>, required: string[] = []) => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});

describe('schema compilers shared between apps', () => {
  it('gives each app the validator and serializer of its own schema, not a neighbour’s', async () => {
    const a = await appWith(object({ n: { type: 'integer' } }, ['n']), object({ n: { type: 'integer' } }));
    const b = await appWith(object({ s: { type: 'string' } }, ['s']), object({ s: { type: 'string' } }));
    // The same text as a's, made anew: a's compiled functions, and a's behaviour.
    const c = await appWith(object({ n: { type: 'integer' } }, ['n']), object({ n: { type: 'integer' } }));
    try {
      const post = (app: typeof a, payload: object) => app.inject({ method: 'POST', url: '/echo', payload });
      expect((await post(a, { n: '7', extra: 1 })).json()).toEqual({ n: 7 });
      expect((await post(a, { s: 'x' })).statusCode).toBe(400);
      expect((await post(b, { s: 'x', n: 1 })).json()).toEqual({ s: 'x' });
      expect((await post(b, { n: 1 })).statusCode).toBe(400);
      expect((await post(c, { n: '8' })).json()).toEqual({ n: 8 });
      expect((await post(c, { s: 'x' })).statusCode).toBe(400);
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });
});

describe('schema compilation deferred to first use', () => {
  it('compiles each of the app’s route schemas without an error', async () => {
    const { db, drop } = await freshDb('pglite');
    const app = await testApp(db);
    try {
      await app.ready();
      expect(await compilePending()).toEqual([]);
      // Nothing is left: a second pass has nothing to do.
      expect(await compilePending()).toEqual([]);
    } finally {
      await app.close();
      await drop();
    }
  });

  it('reports a schema Ajv refuses, and its route answers 500, not a crash', async () => {
    const app = await appWith({ type: 'object', properties: { n: { type: 'no-such-type' } } }, { type: 'object' });
    try {
      const errors = await compilePending();
      expect(errors.map((e) => e.message).join()).toMatch(/schema is invalid: data\/properties\/n/);
      // Reported once: a later pass (another app's start) does not name it again.
      expect(await compilePending()).toEqual([]);
      const res = await app.inject({ method: 'POST', url: '/echo', payload: { n: 1 } });
      expect(res.statusCode).toBe(500);
      expect((await app.inject({ method: 'POST', url: '/echo', payload: { n: 1 } })).statusCode).toBe(500);
    } finally {
      await app.close();
    }
  });

  it('coerces and reports errors through the deferred function as Ajv’s own would', async () => {
    const app = Fastify({ schemaController: sharedSchemaCompilers });
    app.get(
      '/q',
      { schema: { querystring: object({ n: { type: 'integer', minimum: 2 } }, ['n']) } },
      async (req) => req.query,
    );
    await app.ready();
    try {
      expect((await app.inject('/q?n=5')).json()).toEqual({ n: 5 });
      const refused = await app.inject('/q?n=1');
      expect(refused.statusCode).toBe(400);
      expect(refused.json().message).toBe('querystring/n must be >= 2');
    } finally {
      await app.close();
    }
  });
});
