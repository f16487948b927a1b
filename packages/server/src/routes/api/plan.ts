import type { FastifyInstance } from 'fastify';
import type Stripe from 'stripe';
import { accountForPlan, customerOfAccount, latestSubscriptions } from '../../db/queries/plans.ts';
import { grantedPlan, PLANS } from '../../domain/billing.ts';
import { DEMO_PRICE_CENTS, isPaidPlan, PAID_PLANS, type PaidPlan, PLAN_OFFERS, planName } from '../../domain/plans.ts';
import { HttpError } from '../../errors.ts';
import { signedIn } from '../../plugins/auth.ts';
import { stripeCheckout, stripeClient, stripePortal, stripePrices } from '../../services/checkout.ts';
import {
  cancelDemoSubscriptions,
  demoBillingDeps,
  demoSessionToken,
  payDemoSession,
  readDemoSession,
} from '../../services/demo-billing.ts';
import { centsSchema, dateTimeSchema, errors, nullableDateTimeSchema } from './schemas.ts';

const planEnum = { type: 'string', enum: PLANS } as const;

const planResponse = {
  type: 'object',
  required: ['plan', 'provider', 'plans', 'subscription', 'canManageBilling'],
  properties: {
    plan: planEnum,
    provider: {
      type: ['string', 'null'],
      enum: ['stripe', 'demo', null],
      description: 'who sells plans here; null when nothing can be bought (production without a Stripe key)',
    },
    plans: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'priceCents', 'currency', 'interval', 'hidesFooter', 'gives'],
        properties: {
          id: planEnum,
          name: { type: 'string' },
          priceCents: {
            ...centsSchema,
            type: ['integer', 'null'],
            description: 'a month; null when Stripe has no price for it',
          },
          currency: { type: 'string', enum: ['eur'] },
          interval: { type: 'string', enum: ['month'] },
          hidesFooter: { type: 'boolean', description: 'whether the owner may hide the “⚡ by Callbell” footer' },
          gives: { type: 'array', items: { type: 'string' } },
        },
      },
    },
    subscription: {
      type: ['object', 'null'],
      description: 'the latest subscription as the webhook recorded it, or null if there never was one',
      required: ['plan', 'status', 'startedAt', 'endedAt'],
      properties: {
        plan: planEnum,
        status: { type: 'string', description: 'Stripe’s status: active, trialing, past_due, canceled, …' },
        startedAt: nullableDateTimeSchema,
        endedAt: nullableDateTimeSchema,
      },
    },
    canManageBilling: {
      type: 'boolean',
      description: 'whether the account has a billing customer the portal can show',
    },
  },
} as const;

const urlResponse = { type: 'object', required: ['url'], properties: { url: { type: 'string' } } } as const;
const sessionBody = {
  type: 'object',
  required: ['session'],
  additionalProperties: false,
  properties: { session: { type: 'string', minLength: 1, maxLength: 1000 } },
} as const;
const planAfter = { type: 'object', required: ['plan'], properties: { plan: planEnum } } as const;

const PRICE_CACHE_MS = 5 * 60_000;

/**
 * /api/plan: the account's plan and what it can buy, checkout and the billing portal, through
 * Stripe or (without a Stripe key, outside production) the demo provider, whose pay and cancel
 * produce signed Stripe events delivered through the real webhook.
 */
export default async function planRoutes(app: FastifyInstance) {
  const { db, config, clock } = app;
  const { billing } = config;
  let stripe: Stripe | null = null;
  const client = async () => {
    stripe ??= await stripeClient(billing);
    return stripe;
  };
  let prices: { at: number; cents: Record<PaidPlan, number | null> } | null = null;
  const priceCents = async (): Promise<Record<PaidPlan, number | null>> => {
    if (billing.provider !== 'stripe') return DEMO_PRICE_CENTS;
    if (prices && Date.now() - prices.at < PRICE_CACHE_MS) return prices.cents;
    const cents = await stripePrices(await client(), billing.priceLookupKeys);
    prices = { at: Date.now(), cents };
    return cents;
  };
  const provider = () => {
    if (!billing.provider) {
      throw new HttpError(
        503,
        'billing_not_configured',
        'Plans cannot be bought here yet: the operator has not set up Stripe',
      );
    }
    return billing.provider;
  };
  const demoDeps = () => {
    if (provider() !== 'demo') throw new HttpError(404, 'not_found', 'The demo billing provider is not in use here');
    return demoBillingDeps(app);
  };

  /** The demo session a token states, if it is valid and the signed-in account's. */
  const ownSession = (token: string, accountId: string) => {
    const session = readDemoSession(config.cookieSecret, token, clock.now());
    if (session.accountId !== accountId) {
      throw new HttpError(400, 'invalid_session', 'This checkout link belongs to another account');
    }
    return session;
  };

  app.get(
    '/api/plan',
    {
      schema: {
        summary: 'The account’s plan, the plans on offer and the subscription as billing recorded it',
        tags: ['plan'],
        response: { 200: planResponse, ...errors(401, 502) },
      },
      preHandler: app.requireUser,
    },
    async (req) => {
      const accountId = signedIn(req).id;
      const [account, subscriptions, customer, cents] = await Promise.all([
        accountForPlan(db, accountId),
        latestSubscriptions(db, accountId),
        customerOfAccount(db, accountId),
        priceCents(),
      ]);
      // The one granting the plan, else the latest one recorded.
      const sub = subscriptions.find((s) => grantedPlan(s) !== 'free') ?? subscriptions[0] ?? null;
      return {
        plan: account?.plan ?? 'free',
        provider: billing.provider,
        plans: PLAN_OFFERS.map((p) => ({
          ...p,
          priceCents: isPaidPlan(p.id) ? cents[p.id] : 0,
          currency: 'eur',
          interval: 'month',
        })),
        subscription: sub && { plan: sub.plan, status: sub.status, startedAt: sub.startedAt, endedAt: sub.endedAt },
        canManageBilling: customer !== null,
      };
    },
  );

  app.post<{ Body: { plan: string } }>(
    '/api/plan/checkout',
    {
      schema: {
        summary: 'Start buying a paid plan: answers the checkout page to send the person to',
        description:
          'Stripe Checkout with a Stripe key; the dashboard’s demo checkout page otherwise. 409 already_on_plan, 409 change_in_portal (another paid plan is running: change it in the billing portal), 503 when nothing can be bought here.',
        tags: ['plan'],
        body: {
          type: 'object',
          required: ['plan'],
          additionalProperties: false,
          properties: { plan: { type: 'string', maxLength: 40 } },
        },
        response: { 200: urlResponse, ...errors(400, 401, 403, 409, 502, 503) },
      },
      preHandler: app.requireUser,
    },
    async (req) => {
      const { plan } = req.body;
      if (!isPaidPlan(plan)) {
        throw new HttpError(
          400,
          'unknown_plan',
          `There is no plan "${plan}" to buy: choose ${PAID_PLANS.join(' or ')}`,
        );
      }
      const kind = provider();
      const session = signedIn(req);
      const account = await accountForPlan(db, session.id);
      const current = account?.plan ?? 'free';
      if (current === plan) throw new HttpError(409, 'already_on_plan', `You are already on the ${plan} plan`);
      if (current !== 'free') {
        throw new HttpError(409, 'change_in_portal', 'You already pay for a plan: change it under Manage billing');
      }
      if (kind === 'demo') {
        const token = demoSessionToken(config.cookieSecret, { accountId: session.id, plan, now: clock.now() });
        return { url: `${config.publicOrigin}/app/plan/checkout?session=${encodeURIComponent(token)}` };
      }
      const url = await stripeCheckout({
        db,
        stripe: await client(),
        config,
        account: { id: session.id, email: account?.email ?? session.email },
        plan,
        now: clock.now(),
      });
      req.log.info({ accountId: session.id, plan }, 'checkout started');
      return { url };
    },
  );

  app.post(
    '/api/plan/portal',
    {
      schema: {
        summary: 'Open the billing portal: answers its URL',
        tags: ['plan'],
        response: { 200: urlResponse, ...errors(401, 403, 409, 502, 503) },
      },
      preHandler: app.requireUser,
    },
    async (req) => {
      const accountId = signedIn(req).id;
      if (provider() === 'demo') {
        if (!(await customerOfAccount(db, accountId))) {
          throw new HttpError(409, 'no_customer', 'There is no billing account yet: upgrade first');
        }
        return { url: `${config.publicOrigin}/app/plan/portal` };
      }
      return { url: await stripePortal(db, await client(), config, accountId) };
    },
  );

  app.get<{ Querystring: { session: string } }>(
    '/api/plan/demo/session',
    {
      schema: {
        summary: 'Demo provider: what a checkout session sells, once its signature is verified',
        tags: ['plan'],
        querystring: sessionBody,
        response: {
          200: {
            type: 'object',
            required: ['plan', 'name', 'priceCents', 'expiresAt'],
            properties: {
              plan: planEnum,
              name: { type: 'string' },
              priceCents: centsSchema,
              expiresAt: dateTimeSchema,
            },
          },
          ...errors(400, 401, 404, 503),
        },
      },
      preHandler: app.requireUser,
    },
    async (req) => {
      demoDeps();
      const session = ownSession(req.query.session, signedIn(req).id);
      return {
        plan: session.plan,
        name: planName(session.plan),
        priceCents: DEMO_PRICE_CENTS[session.plan],
        expiresAt: session.expiresAt,
      };
    },
  );

  app.post<{ Body: { session: string } }>(
    '/api/plan/demo/pay',
    {
      schema: {
        summary: 'Demo provider: pay a checkout session (no money moves)',
        description:
          'Verifies the signed session, then delivers the customer, subscription and paid invoice events a real checkout would, signed, through POST /api/billing/stripe; answers once they are applied. Paying one session again changes nothing.',
        tags: ['plan'],
        body: sessionBody,
        response: {
          200: {
            ...planAfter,
            required: ['plan', 'alreadyPaid'],
            properties: { ...planAfter.properties, alreadyPaid: { type: 'boolean' } },
          },
          ...errors(400, 401, 403, 404, 409, 503),
        },
      },
      preHandler: app.requireUser,
    },
    async (req) => {
      const deps = demoDeps();
      const session = ownSession(req.body.session, signedIn(req).id);
      const result = await payDemoSession(deps, session);
      req.log.info(
        { accountId: session.accountId, plan: session.plan, alreadyPaid: result.alreadyPaid },
        'demo checkout paid',
      );
      return result;
    },
  );

  app.post(
    '/api/plan/demo/cancel',
    {
      schema: {
        summary: 'Demo provider: cancel the running subscription now, as the billing portal would',
        tags: ['plan'],
        response: { 200: planAfter, ...errors(401, 403, 404, 409, 503) },
      },
      preHandler: app.requireUser,
    },
    async (req) => cancelDemoSubscriptions(demoDeps(), signedIn(req).id),
  );
}
