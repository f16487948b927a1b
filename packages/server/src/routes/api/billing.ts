import type { FastifyInstance } from 'fastify';
import { retryOnConflict } from '../../db/retry.ts';
import { HttpError } from '../../errors.ts';
import { applyStripeEvent } from '../../services/billing.ts';
import { stripePackage } from '../../services/checkout.ts';
import { errors } from './schemas.ts';

/** How far a signature's timestamp may be from now, either way: Stripe's own default. */
const SIGNATURE_TOLERANCE_S = 300;

/** Stripe's events are a few kilobytes; a megabyte-sized body is not one of them. */
export const WEBHOOK_BODY_LIMIT = 256 * 1024;

const receiptSchema = {
  type: 'object',
  required: ['received', 'outcome'],
  properties: {
    received: { type: 'boolean' },
    outcome: { type: 'string', enum: ['applied', 'duplicate', 'ignored', 'unmatched'] },
    eventId: { type: 'string' },
  },
} as const;

/** Stripe's verification error, told plainly: which part of the signature is wrong. */
function signatureProblem(err: unknown): HttpError {
  const message = err instanceof Error ? err.message : '';
  if (/timestamp outside the tolerance/i.test(message)) {
    return new HttpError(400, 'stale_signature', 'The Stripe-Signature timestamp is too old; replays are refused');
  }
  if (err instanceof SyntaxError) return new HttpError(400, 'invalid_json', 'The signed body is not valid JSON');
  return new HttpError(400, 'invalid_signature', 'The Stripe-Signature header does not match this body and secret');
}

/**
 * POST /api/billing/stripe: the billing provider's webhook. The signature covers the exact
 * bytes sent, so this plugin (encapsulated: no other route is affected) keeps JSON bodies raw
 * and verifies them with Stripe's own package against the app's clock, then hands the event
 * to services/billing.ts. Every stored event answers 200, replays included, so Stripe stops
 * retrying; a bad signature stores nothing.
 */
export default async function billingRoutes(app: FastifyInstance) {
  const { config, db, clock } = app;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  app.post(
    '/api/billing/stripe',
    {
      bodyLimit: WEBHOOK_BODY_LIMIT,
      schema: {
        summary: 'Stripe webhook (signed): invoices, refunds, disputes, subscriptions',
        tags: ['billing'],
        // No body schema: the raw bytes are what is signed; the event is read once verified.
        headers: {
          type: 'object',
          properties: { 'stripe-signature': { type: 'string', maxLength: 4096 } },
        },
        response: { 200: receiptSchema, ...errors(400, 413, 415, 503) },
      },
    },
    async (req) => {
      const secret = config.stripeWebhookSecret;
      if (!secret) throw new HttpError(503, 'billing_not_configured', 'Billing webhooks are not configured here');
      const signature = req.headers['stripe-signature'];
      if (!signature) throw new HttpError(400, 'missing_signature', 'The Stripe-Signature header is required');
      if (!Buffer.isBuffer(req.body) || req.body.length === 0) {
        throw new HttpError(400, 'invalid_body', 'Send the event as an application/json body');
      }
      // Stripe's check refuses a timestamp too old, not one from the future: a signature made
      // ahead of time would stay replayable until then. Refused the same way, with the same
      // tolerance (five minutes), by the app's clock.
      const signedAt = /(?:^|,)\s*t=(\d{1,12})(?:,|$)/.exec(String(signature))?.[1];
      if (signedAt && Number(signedAt) * 1000 > clock.now().getTime() + SIGNATURE_TOLERANCE_S * 1000) {
        throw new HttpError(
          400,
          'future_signature',
          'The Stripe-Signature timestamp is in the future; check the sending clock',
        );
      }
      let event: unknown;
      try {
        event = (await stripePackage()).webhooks.constructEvent(
          req.body,
          signature,
          secret,
          SIGNATURE_TOLERANCE_S,
          undefined,
          clock.now().getTime(),
        );
      } catch (err) {
        throw signatureProblem(err);
      }
      // A deadlock with a payout decision or the ledger tick rolls the event back whole: run it again.
      const result = await retryOnConflict(() => applyStripeEvent(db, event, clock.now()));
      if (result.outcome === 'invalid') {
        throw new HttpError(400, 'invalid_event', `Unusable Stripe event: ${result.reason ?? 'malformed'}`);
      }
      req.log.info({ eventId: result.eventId, outcome: result.outcome, reason: result.reason }, 'billing event');
      if (result.outcome === 'applied') app.ledger.changed();
      return { received: true, outcome: result.outcome, ...(result.eventId ? { eventId: result.eventId } : {}) };
    },
  );
}
