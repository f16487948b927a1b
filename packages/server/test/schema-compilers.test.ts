import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { sharedSchemaCompilers } from '../src/schema-compilers.ts';

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
