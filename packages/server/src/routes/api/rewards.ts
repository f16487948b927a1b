import { referralLink } from '@callbell/protocol';
import type { FastifyInstance } from 'fastify';
import { accountBalances } from '../../db/queries/ledger.ts';
import { openPayoutOf, payoutsOf } from '../../db/queries/payouts.ts';
import { clickStats, entriesPage, refereesPage, referralStats } from '../../db/queries/rewards.ts';
import { addDays } from '../../domain/clock.ts';
import type { PublicIdKind } from '../../domain/public-ids.ts';
import { signedIn } from '../../plugins/auth.ts';
import { payoutSchema } from './payouts.ts';
import { balancesSchema, centsSchema, dateTimeSchema, errors, ledgerEntrySchema, publicIdSchema } from './schemas.ts';

// ---- Schemas: the allowlist of what an ambassador sees of its own programme. ----

const int = { type: 'integer' } as const;
const nullableString = { type: ['string', 'null'] } as const;

const summarySchema = {
  type: 'object',
  required: ['referralCode', 'referralLink', 'terms', 'stats', 'balances', 'payout', 'payouts'],
  properties: {
    referralCode: { type: 'string' },
    referralLink: { type: 'string' },
    terms: {
      type: 'object',
      description: 'the programme’s terms today; each referral keeps the terms of its signup',
      required: ['installBountyCents', 'commissionRateBps', 'minPayoutCents', 'holdDays'],
      properties: {
        installBountyCents: centsSchema,
        commissionRateBps: { type: 'integer', description: 'basis points: 3000 is 30 %' },
        minPayoutCents: centsSchema,
        holdDays: int,
      },
    },
    stats: {
      type: 'object',
      required: ['clicks', 'signups', 'installs', 'payingCustomers'],
      properties: {
        clicks: {
          type: 'object',
          description: 'bots left out; unique by visitor network',
          required: ['total', 'unique', 'last30Days', 'uniqueLast30Days'],
          properties: { total: int, unique: int, last30Days: int, uniqueLast30Days: int },
        },
        signups: int,
        installs: { type: 'integer', description: 'referees whose widget qualified as installed' },
        payingCustomers: { type: 'integer', description: 'referees with at least one paid invoice' },
      },
    },
    balances: balancesSchema,
    payout: {
      type: 'object',
      required: ['canRequest', 'missingCents', 'openPayout'],
      properties: {
        canRequest: { type: 'boolean' },
        missingCents: { type: 'integer', description: 'how much more must become available first' },
        openPayout: { type: 'boolean', description: 'a request is already being processed' },
      },
    },
    payouts: { type: 'array', items: payoutSchema },
  },
} as const;

/** A page's query: the cursor is the public id of the last row of the previous page. */
const page = (kind: PublicIdKind) =>
  ({
    type: 'object',
    properties: {
      limit: { type: 'integer', minimum: 1, maximum: 100, default: 50 },
      before: { ...publicIdSchema(kind), description: 'the last id of the previous page (its nextBefore)' },
    },
  }) as const;

const entriesSchema = {
  type: 'object',
  required: ['entries', 'nextBefore'],
  properties: {
    entries: {
      type: 'array',
      items: {
        ...ledgerEntrySchema,
        required: [...Object.keys(ledgerEntrySchema.properties), 'referee', 'description'],
        properties: {
          ...ledgerEntrySchema.properties,
          referee: { ...nullableString, description: 'the referee, masked' },
          description: { type: 'string' },
        },
      },
    },
    nextBefore: { ...nullableString, description: 'pass as `before` for the next page; null on the last' },
  },
} as const;

const refereesSchema = {
  type: 'object',
  required: ['referees', 'nextBefore'],
  properties: {
    referees: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'email', 'signedUpAt', 'source', 'campaign', 'review', 'installed', 'paying', 'earnedCents'],
        properties: {
          id: publicIdSchema('referral'),
          email: { type: 'string', description: 'masked: an***@example.com' },
          signedUpAt: dateTimeSchema,
          source: { type: 'string', enum: ['widget', 'link', 'banner', 'param'] },
          campaign: nullableString,
          review: { type: 'string', enum: ['none', 'flagged', 'approved', 'rejected'] },
          installed: { type: 'boolean' },
          paying: { type: 'boolean' },
          earnedCents: { ...centsSchema, description: 'net: reversals and clawbacks subtracted, reinstatements added' },
        },
      },
    },
    nextBefore: nullableString,
  },
} as const;

interface PageQuery {
  limit: number;
  before?: string;
}

/** A page of at most `limit` rows (one more is read to know whether another page follows). */
function paged<T extends { id: string }>(rows: T[], limit: number): { rows: T[]; nextBefore: string | null } {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  return { rows: kept, nextBefore: more ? (kept.at(-1)?.id ?? null) : null };
}

// ---- Routes ----

/**
 * /api/rewards: an ambassador's own programme: its link, the terms, its numbers, balances and
 * payouts, its ledger and its referees. Only ever the signed-in account's own.
 */
export default async function rewardsRoutes(app: FastifyInstance) {
  const { db, config, clock } = app;
  const { programme } = config;
  const auth = { onRequest: app.requireUser };

  app.get(
    '/api/rewards',
    {
      ...auth,
      schema: {
        summary: 'Referral link, terms, stats, balances and payouts',
        tags: ['rewards'],
        response: { 200: summarySchema, ...errors(401) },
      },
    },
    async (req) => {
      const account = signedIn(req);
      const [clicks, referrals, balances, open, payouts] = await Promise.all([
        clickStats(db, account.id, addDays(clock.now(), -30)),
        referralStats(db, account.id),
        accountBalances(db, account.id),
        openPayoutOf(db, account.id),
        payoutsOf(db, account.id),
      ]);
      // As the payout request checks it: the minimum, and never a payout of nothing.
      const threshold = Math.max(programme.minPayoutCents, 1);
      return {
        referralCode: account.referralCode,
        referralLink: referralLink(config.publicOrigin, account.referralCode, { src: 'link' }),
        terms: {
          installBountyCents: programme.installBountyCents,
          commissionRateBps: programme.commissionRateBps,
          minPayoutCents: programme.minPayoutCents,
          holdDays: programme.holdDays,
        },
        stats: { clicks, ...referrals },
        balances,
        payout: {
          canRequest: balances.availableCents >= threshold && !open,
          missingCents: Math.max(0, threshold - balances.availableCents),
          openPayout: open !== null,
        },
        payouts,
      };
    },
  );

  app.get<{ Querystring: PageQuery }>(
    '/api/rewards/entries',
    {
      ...auth,
      schema: {
        summary: 'Ledger entries with their reasons, newest first',
        tags: ['rewards'],
        querystring: page('entry'),
        response: { 200: entriesSchema, ...errors(400, 401) },
      },
    },
    async (req) => {
      const { limit, before } = req.query;
      const { rows, nextBefore } = paged(await entriesPage(db, signedIn(req).id, limit + 1, before), limit);
      return { entries: rows, nextBefore };
    },
  );

  app.get<{ Querystring: PageQuery }>(
    '/api/rewards/referrals',
    {
      ...auth,
      schema: {
        summary: 'The accounts this ambassador referred, newest first',
        tags: ['rewards'],
        querystring: page('referral'),
        response: { 200: refereesSchema, ...errors(400, 401) },
      },
    },
    async (req) => {
      const { limit, before } = req.query;
      const { rows, nextBefore } = paged(await refereesPage(db, signedIn(req).id, limit + 1, before), limit);
      return { referees: rows, nextBefore };
    },
  );
}
