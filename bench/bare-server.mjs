// The baseline for bench/ingest.mjs: Fastify answering POST /v1/pings with 204, reading the
// body but neither validating nor storing it.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_req, body, done) => done(null, body));
app.post('/v1/pings', async (_req, reply) => reply.code(204).send());
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
console.log('ready');
