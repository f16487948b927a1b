import type { FastifyInstance } from 'fastify';
import { accountBalances } from '../../db/queries/ledger.ts';
import { PAYOUT_STATUSES, payoutsOf } from '../../db/queries/payouts.ts';
import { EMAIL_MAX } from '../../domain/accounts.ts';
import { PAYOUT_METHODS, type PayoutDetailsInput, parsePayoutDetails } from '../../domain/payout-details.ts';
import { HttpError } from '../../errors.ts';
import { signedIn } from '../../plugins/auth.ts';
import { enforceLimits, rateLimit } from '../../rate-limit.ts';
import { requestPayout } from '../../services/payouts.ts';
import { centsSchema, dateTimeSchema, errors, nullableDateTimeSchema, publicIdSchema } from './schemas.ts';

// Schemas. The payout as its ambassador sees it: the details never, their hint only.

export const payoutSchema = {
  type: 'object',
  required: ['id', 'amountCents', 'method', 'detailsHint', 'status', 'requestedAt'],
  properties: {
    id: publicIdSchema('payout'),
    amountCents: centsSchema,
    method: { type: 'string', enum: PAYOUT_METHODS },
    detailsHint: { type: 'string', description: 'the IBAN’s last four characters, or the masked PayPal address' },
    status: {
      type: 'string',
      enum: PAYOUT_STATUSES,
      description: 'returned: paid, then sent back by the bank or PayPal; the amount is available again',
    },
    reference: { type: ['string', 'null'], description: 'the transfer’s reference, once paid' },
    rejectReason: { type: ['string', 'null'] },
    requestedAt: dateTimeSchema,
    decidedAt: nullableDateTimeSchema,
    paidAt: nullableDateTimeSchema,
    returnedAt: nullableDateTimeSchema,
    returnReason: { type: ['string', 'null'], description: 'why the bank or PayPal sent the payout back' },
  },
} as const;

const requestBody = {
  type: 'object',
  required: ['method'],
  additionalProperties: false,
  properties: {
    method: { type: 'string', enum: PAYOUT_METHODS },
    email: { type: 'string', maxLength: EMAIL_MAX, description: 'PayPal: the account’s e-mail' },
    iban: { type: 'string', maxLength: 64, description: 'bank transfer: spaces allowed' },
    holderName: { type: 'string', maxLength: 200, description: 'bank transfer: the account holder' },
    expectedAmountCents: {
      ...centsSchema,
      description:
        'the amount the ambassador confirmed; if the request would pay another, it is refused with 409 amount_changed',
    },
  },
} as const;

const historyResponse = {
  type: 'object',
  required: ['availableCents', 'minPayoutCents', 'payouts'],
  properties: {
    availableCents: centsSchema,
    minPayoutCents: centsSchema,
    payouts: { type: 'array', items: payoutSchema },
  },
} as const;

const FIELD_ERRORS = { email: 'invalid_email', iban: 'invalid_iban', holderName: 'invalid_holder_name' } as const;

/**
 * /api/payouts: an ambassador requests its whole available balance, paid by PayPal or bank
 * transfer, and sees its payouts. The details are encrypted before they reach the database and
 * never logged or sent back.
 */
export default async function payoutRoutes(app: FastifyInstance) {
  const { db, config, clock } = app;
  const perAccount = rateLimit(app, {
    max: 20,
    timeWindow: 60 * 60_000,
    keyGenerator: (req) => `payout:${req.account?.id ?? req.ip}`,
  });

  app.post<{ Body: PayoutDetailsInput & { expectedAmountCents?: number } }>(
    '/api/payouts',
    {
      schema: {
        summary: 'Request the whole available balance as a payout',
        description:
          'Send expectedAmountCents, the amount shown when the ambassador confirmed: a request that would pay another amount is refused (409 amount_changed) and nothing is written. The account’s address must be confirmed first (403 email_unverified).',
        tags: ['payouts'],
        body: requestBody,
        response: { 201: payoutSchema, ...errors(400, 401, 403, 409, 429) },
      },
      preHandler: [app.requireUser, enforceLimits('Too many payout requests; try again later', perAccount)],
    },
    async (req, reply) => {
      const account = signedIn(req);
      // Money goes where the owner of the address says: first prove the address is theirs.
      if (!account.emailVerified) {
        throw new HttpError(
          403,
          'email_unverified',
          `Confirm your e-mail address first: open the link we sent to ${account.email}, or ask for a new one`,
        );
      }
      const parsed = parsePayoutDetails(req.body);
      if ('problem' in parsed) throw new HttpError(400, FIELD_ERRORS[parsed.field], parsed.problem);
      const accountId = account.id;
      const payout = await requestPayout(db, {
        accountId,
        details: parsed.details,
        expectedAmountCents: req.body.expectedAmountCents,
        key: config.payoutKey,
        minPayoutCents: config.programme.minPayoutCents,
        now: clock.now(),
      });
      req.log.info({ payoutId: payout.id, accountId, amountCents: payout.amountCents }, 'payout requested');
      return reply.code(201).send(payout);
    },
  );

  app.get(
    '/api/payouts',
    {
      schema: {
        summary: 'The account’s payouts, newest first, and what it can request now',
        tags: ['payouts'],
        response: { 200: historyResponse, ...errors(401) },
      },
      preHandler: app.requireUser,
    },
    async (req) => {
      const accountId = signedIn(req).id;
      const [balances, payouts] = await Promise.all([accountBalances(db, accountId), payoutsOf(db, accountId)]);
      return { availableCents: balances.availableCents, minPayoutCents: config.programme.minPayoutCents, payouts };
    },
  );
}
