import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { isUnavailable } from '../db/sqlstate.ts';
import { HttpError } from '../errors.ts';

/** Seconds a client is asked to wait before trying again while the database is unreachable. */
export const RETRY_AFTER_SECONDS = 10;

/** Fastify's own errors that are the client's fault, and what they become (its message unless given). */
const CLIENT_ERRORS: Record<string, [number, string, string?]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'too_large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'invalid_json'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'invalid_json'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'invalid_request'],
  FST_ERR_BAD_URL: [400, 'bad_url', 'The address holds a malformed percent-encoding (such as %ff)'],
  FST_ERR_MAX_PARAM_LENGTH: [414, 'uri_too_long', 'A part of the address is too long'],
};

/** The answer while the database cannot be reached: try again shortly, with nothing lost. */
export function sendUnavailable(
  reply: FastifyReply,
  message = 'The service is briefly unavailable; try again shortly',
) {
  return reply.code(503).header('retry-after', String(RETRY_AFTER_SECONDS)).send({ error: 'unavailable', message });
}

/**
 * Database errors caused by what the client sent, past the schemas: Postgres stores no NUL
 * character in text (22021) or jsonb (22P05), and a number can exceed its column (22003).
 */
const DATABASE_CLIENT_ERRORS: Record<string, string> = {
  '22021': 'The request contains a character that cannot be stored (such as NUL)',
  '22P05': 'The request contains a character that cannot be stored (such as \\u0000)',
  '22003': 'A number in the request is out of range',
};

/** Fastify's message, less the `FST_…: ` prefix some carry, and never empty. */
const publicMessage = (err: FastifyError) =>
  err.message.replace(/^FST_[A-Z_]+: /, '') || 'The request could not be understood';

/**
 * One error handler for the app: every error is `{ error, message }` with the right status.
 * A 5xx never shows its cause to the client; it is logged instead.
 */
export function handleError(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof HttpError) {
    if (err.code === 'unavailable') return sendUnavailable(reply, err.message);
    return reply.code(err.statusCode).send({ error: err.code, message: err.message });
  }
  // Logged once for the whole outage by the database's watch (db/outage.ts), not per request.
  if (isUnavailable(err)) return sendUnavailable(reply);
  if (err.validation) {
    return reply.code(400).send({ error: 'invalid_request', message: err.message });
  }
  const known = err.code ? CLIENT_ERRORS[err.code] : undefined;
  if (known) return reply.code(known[0]).send({ error: known[1], message: known[2] ?? publicMessage(err) });
  const dbMessage = err.code ? DATABASE_CLIENT_ERRORS[err.code] : undefined;
  if (dbMessage) {
    req.log.warn({ code: err.code }, 'request refused by the database');
    return reply.code(400).send({ error: 'invalid_request', message: dbMessage });
  }
  if (err.statusCode === 429) return reply.code(429).send({ error: 'rate_limited', message: err.message });
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return reply.code(err.statusCode).send({ error: 'bad_request', message: publicMessage(err) });
  }
  req.log.error({ err }, 'request failed');
  return reply.code(500).send({ error: 'internal', message: 'Something went wrong on our side' });
}

/** A referral link, however mangled: whatever goes wrong, its visitor is sent to the landing page. */
const REFERRAL_PATH = /^\/r(?:[/?#]|$)/;

/**
 * Fastify's `frameworkErrors`: errors met before any route is chosen (a malformed
 * percent-encoding, an over-long parameter), answered by the app's error handler, or, on a
 * referral link, by the redirect a visitor is promised.
 */
export const frameworkErrors =
  (landingUrl: string) =>
  (err: FastifyError, req: FastifyRequest, reply: FastifyReply): void => {
    reply.header('x-content-type-options', 'nosniff');
    if (REFERRAL_PATH.test(req.raw.url ?? '')) {
      reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').redirect(landingUrl, 302);
      return;
    }
    handleError(err, req, reply);
  };

/** What Node's parser reports, and what each becomes. */
const SOCKET_ERRORS: Record<string, [number, string, string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'timeout', 'The request did not arrive in time'],
  HPE_HEADER_OVERFLOW: [431, 'headers_too_large', 'The request line and headers are too large'],
};

/**
 * Fastify's `clientErrorHandler`: a request Node could not parse, or that timed out, answered
 * in the app's format before the connection is closed. A referral link too long for Node still
 * redirects. Runs with the Fastify instance as `this`.
 */
export function clientErrorHandler(
  this: FastifyInstance,
  err: Error & { code?: string; rawPacket?: unknown },
  socket: Socket,
): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) {
    const line = Buffer.isBuffer(err.rawPacket) ? err.rawPacket.subarray(0, 16).toString('latin1') : '';
    if (/^(?:GET|HEAD) \/r[/? ]/.test(line)) {
      socket.write(
        `HTTP/1.1 302 Found\r\nLocation: ${this.config.landingUrl}\r\nCache-Control: no-store\r\nReferrer-Policy: no-referrer\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
      );
    } else {
      const [status, error, message] = (err.code && SOCKET_ERRORS[err.code]) || [
        400,
        'bad_request',
        'The request could not be parsed as HTTP',
      ];
      const body = JSON.stringify({ error, message });
      socket.write(
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    }
  }
  this.log.debug({ code: err.code }, 'client error');
  socket.destroy(err);
}

/** The error handler, and the answer for a path no route serves. */
export default fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler(handleError);
    app.setNotFoundHandler((req, reply) =>
      reply
        .code(404)
        .send({ error: 'not_found', message: `Nothing at ${req.method} ${req.url.split('?')[0]?.slice(0, 200)}` }),
    );
  },
  { name: 'errors' },
);
