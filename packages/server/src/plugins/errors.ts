import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { HttpError } from '../errors.ts';

/** Fastify's own errors that are the client's fault, and what they become. */
const CLIENT_ERRORS: Record<string, [number, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'too_large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'invalid_json'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'invalid_json'],
};

/**
 * Database errors caused by what the client sent, past the schemas: Postgres stores no NUL
 * character in text (22021) or jsonb (22P05), and a number can exceed its column (22003).
 */
const DATABASE_CLIENT_ERRORS: Record<string, string> = {
  '22021': 'The request contains a character that cannot be stored (such as NUL)',
  '22P05': 'The request contains a character that cannot be stored (such as \\u0000)',
  '22003': 'A number in the request is out of range',
};

/**
 * One error handler for the app: every error is `{ error, message }` with the right status.
 * A 5xx never shows its cause to the client; it is logged instead.
 */
export default fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((err: FastifyError, req, reply) => {
      if (err instanceof HttpError) return reply.code(err.statusCode).send({ error: err.code, message: err.message });
      if (err.validation) {
        return reply.code(400).send({ error: 'invalid_request', message: err.message });
      }
      const known = err.code ? CLIENT_ERRORS[err.code] : undefined;
      if (known) return reply.code(known[0]).send({ error: known[1], message: err.message });
      const dbMessage = err.code ? DATABASE_CLIENT_ERRORS[err.code] : undefined;
      if (dbMessage) {
        req.log.warn({ code: err.code }, 'request refused by the database');
        return reply.code(400).send({ error: 'invalid_request', message: dbMessage });
      }
      if (err.statusCode === 429) return reply.code(429).send({ error: 'rate_limited', message: err.message });
      if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
        return reply.code(err.statusCode).send({ error: 'bad_request', message: err.message });
      }
      req.log.error({ err }, 'request failed');
      return reply.code(500).send({ error: 'internal', message: 'Something went wrong on our side' });
    });
    app.setNotFoundHandler((req, reply) =>
      reply.code(404).send({ error: 'not_found', message: `Nothing at ${req.method} ${req.url.split('?')[0]}` }),
    );
  },
  { name: 'errors' },
);
