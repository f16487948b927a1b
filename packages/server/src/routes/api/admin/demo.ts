import type { FastifyInstance } from 'fastify';
import {
  type DemoInvoice,
  demoInvoice,
  demoInvoices,
  holdsEndingBy,
  runningSubscriptions,
  statesOf,
} from '../../../db/queries/demo.ts';
import { DAY_MS } from '../../../domain/clock.ts';
import { HttpError } from '../../../errors.ts';
import { recordAudit } from '../../../services/audit.ts';
import {
  cancelDemoSubscriptions,
  type DisputeStep,
  demoBillingDeps,
  disputeDemoInvoice,
  refundDemoInvoice,
  renewDemoSubscriptions,
} from '../../../services/demo-billing.ts';
import { isDemoClock } from '../../../services/demo-clock.ts';
import { centsSchema, dateTimeSchema, errors, nullableDateTimeSchema } from '../schemas.ts';

const invoiceSchema = {
  type: 'object',
  required: [
    'id',
    'email',
    'amountPaidCents',
    'paidAt',
    'refundedCents',
    'disputeStatus',
    'commissionCents',
    'commissionState',
  ],
  properties: {
    id: { type: 'string' },
    email: { type: 'string' },
    subscriptionId: { type: ['string', 'null'] },
    amountPaidCents: centsSchema,
    paidAt: dateTimeSchema,
    refundedCents: centsSchema,
    disputeStatus: { type: ['string', 'null'], description: 'the demo dispute: needs_response, won or lost' },
    commissionCents: { ...centsSchema, type: ['integer', 'null'] },
    commissionState: { type: ['string', 'null'] },
  },
} as const;

const consoleSchema = {
  type: 'object',
  required: ['clock', 'billing', 'invoices', 'subscriptions'],
  properties: {
    clock: {
      type: 'object',
      required: ['now', 'skippedDays'],
      properties: { now: dateTimeSchema, skippedDays: { type: 'number' } },
    },
    billing: { type: 'boolean', description: 'whether the demo billing provider is in use (no Stripe key)' },
    invoices: { type: 'array', items: invoiceSchema },
    subscriptions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'accountId', 'email', 'plan', 'status', 'startedAt'],
        properties: {
          id: { type: 'string' },
          accountId: { type: 'string' },
          email: { type: 'string' },
          plan: { type: 'string' },
          status: { type: 'string' },
          startedAt: nullableDateTimeSchema,
        },
      },
    },
  },
} as const;

const invoiceParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 200 } },
} as const;

/**
 * /api/admin/demo: the operator's demo console (CALLBELL_DEMO only, never in production). It
 * moves the programme's clock forward, and plays the billing provider's part after a payment:
 * refunds, disputes and cancellations, each a signed Stripe event through the real webhook.
 * Each is recorded in the audit log once done: it goes through the webhook in requests of its
 * own, so it cannot share their transaction.
 */
export default async function adminDemoRoutes(app: FastifyInstance) {
  const { db, config, clock } = app;
  const demoOnly = async () => {
    if (!config.demo) throw new HttpError(404, 'not_found', 'The demo console exists only in the demo');
  };
  const billing = () => {
    if (config.billing.provider !== 'demo') {
      throw new HttpError(404, 'not_found', 'Billing here is Stripe’s: refunds and disputes happen in its dashboard');
    }
    return demoBillingDeps(app);
  };
  const invoiceOr404 = async (id: string): Promise<DemoInvoice> => {
    const invoice = await demoInvoice(db, id);
    if (!invoice) throw new HttpError(404, 'not_found', `No paid invoice ${id}`);
    return invoice;
  };
  const skipped = () => (isDemoClock(clock) ? clock.offsetMs() / DAY_MS : 0);
  const invoiceAnswer = { 200: invoiceSchema, ...errors(400, 401, 403, 404, 409, 503) };

  app.get(
    '/api/admin/demo',
    {
      schema: {
        summary: 'Demo console: the programme’s clock, paid invoices and running subscriptions',
        tags: ['admin', 'demo'],
        response: { 200: consoleSchema, ...errors(401, 403, 404) },
      },
      preHandler: [app.requireAdmin, demoOnly],
    },
    async () => ({
      clock: { now: clock.now(), skippedDays: skipped() },
      billing: config.billing.provider === 'demo',
      invoices: await demoInvoices(db, { limit: 50 }),
      subscriptions: await runningSubscriptions(db),
    }),
  );

  app.post<{ Body: { days: number } }>(
    '/api/admin/demo/clock',
    {
      schema: {
        summary: 'Demo console: move the programme’s clock forward, bill the renewals due, end the holds that are over',
        tags: ['admin', 'demo'],
        body: {
          type: 'object',
          required: ['days'],
          additionalProperties: false,
          properties: { days: { type: 'integer', minimum: 1, maximum: 90 } },
        },
        response: {
          200: {
            type: 'object',
            required: ['now', 'skippedDays', 'renewed', 'available', 'reversed'],
            properties: {
              now: dateTimeSchema,
              skippedDays: { type: 'number' },
              renewed: { type: 'integer', description: 'subscription renewals billed for the time skipped' },
              available: { type: 'integer', description: 'earnings whose hold ended and became available' },
              reversed: { type: 'integer', description: 'install bounties reversed: their widget was no longer seen' },
            },
          },
          ...errors(400, 401, 403, 404),
        },
      },
      preHandler: [app.requireAdmin, demoOnly],
    },
    async (req) => {
      if (!isDemoClock(clock)) throw new HttpError(404, 'not_found', 'This server’s clock cannot be moved');
      // The holds the jump ends, told by what becomes of them (the ledger's own timers may end
      // some before this request's tick does).
      const ending = await holdsEndingBy(db, new Date(clock.now().getTime() + req.body.days * DAY_MS));
      await clock.skipDays(req.body.days);
      // Subscriptions that renewed meanwhile are billed, as Stripe would have, before holds end.
      const renewed = config.billing.provider === 'demo' ? await renewDemoSubscriptions(demoBillingDeps(app)) : 0;
      await app.ledger.tick();
      app.ledger.changed();
      const states = await statesOf(db, ending);
      const ended = { available: states.available ?? 0, reversed: states.reversed ?? 0 };
      req.log.info({ days: req.body.days, renewed, ...ended }, 'demo clock moved forward');
      await recordAudit(req, db, {
        action: 'demo.advance',
        subjectType: 'clock',
        subjectId: 'programme',
        details: { days: req.body.days, renewed, ...ended },
      });
      return { now: clock.now(), skippedDays: skipped(), renewed, ...ended };
    },
  );

  app.post<{ Params: { id: string }; Body: { amountCents: number } }>(
    '/api/admin/demo/invoices/:id/refund',
    {
      schema: {
        summary: 'Demo console: refund part or all of a paid invoice (a signed charge.refunded)',
        tags: ['admin', 'demo'],
        params: invoiceParams,
        body: {
          type: 'object',
          required: ['amountCents'],
          additionalProperties: false,
          properties: { amountCents: { type: 'integer', minimum: 1, maximum: 100_000_000 } },
        },
        response: invoiceAnswer,
      },
      preHandler: [app.requireAdmin, demoOnly],
    },
    async (req) => {
      const deps = billing();
      const invoice = await invoiceOr404(req.params.id);
      await refundDemoInvoice(deps, invoice, req.body.amountCents);
      await recordAudit(req, db, {
        action: 'demo.billing',
        subjectType: 'invoice',
        subjectId: req.params.id,
        accountId: invoice.accountId,
        details: { event: 'refund', amountCents: req.body.amountCents },
      });
      return invoiceOr404(req.params.id);
    },
  );

  app.post<{ Params: { id: string }; Body: { step: DisputeStep } }>(
    '/api/admin/demo/invoices/:id/dispute',
    {
      schema: {
        summary: 'Demo console: open the invoice’s dispute, or close it won or lost (signed dispute events)',
        tags: ['admin', 'demo'],
        params: invoiceParams,
        body: {
          type: 'object',
          required: ['step'],
          additionalProperties: false,
          properties: { step: { type: 'string', enum: ['open', 'won', 'lost'] } },
        },
        response: invoiceAnswer,
      },
      preHandler: [app.requireAdmin, demoOnly],
    },
    async (req) => {
      const deps = billing();
      const invoice = await invoiceOr404(req.params.id);
      await disputeDemoInvoice(deps, invoice, req.body.step);
      await recordAudit(req, db, {
        action: 'demo.billing',
        subjectType: 'invoice',
        subjectId: req.params.id,
        accountId: invoice.accountId,
        details: { event: `dispute_${req.body.step}` },
      });
      return invoiceOr404(req.params.id);
    },
  );

  app.post<{ Params: { accountId: string } }>(
    '/api/admin/demo/accounts/:accountId/cancel',
    {
      schema: {
        summary: 'Demo console: cancel the account’s subscription now (a signed customer.subscription.deleted)',
        tags: ['admin', 'demo'],
        params: {
          type: 'object',
          required: ['accountId'],
          properties: { accountId: { type: 'string', minLength: 1, maxLength: 100 } },
        },
        response: {
          200: { type: 'object', required: ['plan'], properties: { plan: { type: 'string' } } },
          ...errors(400, 401, 403, 404, 409, 503),
        },
      },
      preHandler: [app.requireAdmin, demoOnly],
    },
    async (req) => {
      const answer = await cancelDemoSubscriptions(billing(), req.params.accountId);
      await recordAudit(req, db, {
        action: 'demo.billing',
        subjectType: 'subscription',
        subjectId: req.params.accountId,
        accountId: req.params.accountId,
        details: { event: 'cancel' },
      });
      return answer;
    },
  );
}
