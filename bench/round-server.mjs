// A reference for bench/ingest.mjs: Fastify answering POST /v1/pings with 204 as a group
// commit with a free 1 ms write would. It stores nothing, but holds each request until all
// the connections of a round are waiting (or 3 ms pass), then answers the round after 1 ms.
// Its rate is the ceiling, on the machine running it, for a server that writes one round at a
// time and whose write takes about 1 ms, whatever the database.
import Fastify from 'fastify';

const ROUND = Number(process.env.ROUND ?? 50);
const WRITE_MS = 1;
const app = Fastify({ logger: false });
app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_req, body, done) => done(null, body));
/** @type {(() => void)[]} */
let waiting = [];
/** @type {ReturnType<typeof setTimeout> | null} */
let timer = null;
const answer = () => {
  timer = null;
  const round = waiting;
  waiting = [];
  for (const resolve of round) resolve();
};
app.post('/v1/pings', async (_req, reply) => {
  await new Promise((resolve) => {
    waiting.push(() => resolve(undefined));
    if (waiting.length >= ROUND) {
      if (timer) clearTimeout(timer);
      timer = setTimeout(answer, WRITE_MS);
    } else if (!timer) timer = setTimeout(answer, 3 * WRITE_MS);
  });
  return reply.code(204).send();
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
console.log('ready');
