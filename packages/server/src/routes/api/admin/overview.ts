import type { FastifyInstance } from 'fastify';
import { type Config, loadConfig } from '../../../config.ts';
import { waitingRequestCounts } from '../../../db/queries/affiliate.ts';
import { openPayoutCounts } from '../../../db/queries/payouts.ts';
import { flaggedCount } from '../../../db/queries/referral-review.ts';
import { centsSchema, errors } from '../schemas.ts';

type Programme = Config['programme'];

/**
 * The environment variable that sets each programme rule (read by config.ts). The operator
 * changes a rule there; test/routes/admin-overview.test.ts holds each name to config.ts.
 */
export const PROGRAMME_VARIABLES: { [K in keyof Programme]: string } = {
  installBountyCents: 'INSTALL_BOUNTY_CENTS',
  commissionRateBps: 'COMMISSION_RATE_BPS',
  minPayoutCents: 'MIN_PAYOUT_CENTS',
  holdDays: 'HOLD_DAYS',
  attributionWindowDays: 'ATTRIBUTION_WINDOW_DAYS',
  attributionModel: 'ATTRIBUTION_MODEL',
  qualifyMinVisitors: 'QUALIFY_MIN_VISITORS',
  qualifyMinNetworks: 'QUALIFY_MIN_NETWORKS',
  livenessDays: 'LIVENESS_DAYS',
  affiliateReviewHours: 'AFFILIATE_REVIEW_HOURS',
};

const days = (description: string) => ({ type: 'integer', minimum: 0, description }) as const;

const programmeSchema = {
  type: 'object',
  required: Object.keys(PROGRAMME_VARIABLES),
  additionalProperties: false,
  properties: {
    installBountyCents: { ...centsSchema, description: 'paid once per referred account whose widget is installed' },
    commissionRateBps: { type: 'integer', description: 'of each paid licence invoice, net of tax; 3000 is 30 %' },
    minPayoutCents: { ...centsSchema, description: 'the available balance a payout request needs' },
    holdDays: days('days an earning waits before it becomes available'),
    attributionWindowDays: days('days a click is remembered for the sign-up it may lead to'),
    attributionModel: { type: 'string', enum: ['first', 'last'], description: 'which click wins inside the window' },
    qualifyMinVisitors: {
      type: 'integer',
      description: 'distinct visitors on a public page before a widget counts as installed',
    },
    qualifyMinNetworks: { type: 'integer', description: '…coming from at least this many distinct networks' },
    livenessDays: days('the install bounty needs a heartbeat within this many days before its hold ends'),
    affiliateReviewHours: { type: 'integer', description: 'the promised time to decide an affiliate request' },
  },
} as const;

const waitingCount = { type: 'integer', minimum: 0 } as const;

/**
 * /api/admin/programme and /api/admin/waiting: what the operator's page opens with, the rules
 * in force (each referral keeps the terms of its sign-up) and how much waits in each queue.
 */
export default async function adminOverviewRoutes(app: FastifyInstance) {
  const { db, config, clock } = app;
  // Defaults: what config.ts gives with no variable set (the development values, never secrets).
  const defaults = loadConfig({}).programme;

  app.get(
    '/api/admin/programme',
    {
      schema: {
        summary: 'The programme rules in force, their defaults, and the variable that sets each',
        tags: ['admin'],
        response: {
          200: {
            type: 'object',
            required: ['programme', 'defaults', 'variables'],
            properties: {
              programme: programmeSchema,
              defaults: programmeSchema,
              variables: {
                type: 'object',
                description: 'the environment variable that sets each rule',
                required: Object.keys(PROGRAMME_VARIABLES),
                additionalProperties: false,
                properties: Object.fromEntries(Object.keys(PROGRAMME_VARIABLES).map((k) => [k, { type: 'string' }])),
              },
            },
          },
          ...errors(401, 403),
        },
      },
      preHandler: app.requireAdmin,
    },
    async () => ({ programme: config.programme, defaults, variables: PROGRAMME_VARIABLES }),
  );

  app.get(
    '/api/admin/waiting',
    {
      schema: {
        summary: 'How much waits for the operator in each queue',
        tags: ['admin'],
        response: {
          200: {
            type: 'object',
            required: ['payouts', 'referrals', 'affiliate'],
            properties: {
              payouts: {
                type: 'object',
                required: ['requested', 'approved'],
                properties: {
                  requested: { ...waitingCount, description: 'to approve or reject' },
                  approved: { ...waitingCount, description: 'approved, to send and mark paid' },
                },
              },
              referrals: {
                type: 'object',
                required: ['flagged'],
                properties: { flagged: { ...waitingCount, description: 'flagged, waiting for review' } },
              },
              affiliate: {
                type: 'object',
                required: ['requested', 'overdue'],
                properties: {
                  requested: { ...waitingCount, description: 'requests waiting for a decision' },
                  overdue: { ...waitingCount, description: 'of those, waiting longer than the review promise' },
                },
              },
            },
          },
          ...errors(401, 403),
        },
      },
      preHandler: app.requireAdmin,
    },
    async () => {
      const [payouts, flagged, affiliate] = await Promise.all([
        openPayoutCounts(db),
        flaggedCount(db),
        waitingRequestCounts(db, clock.now(), config.programme.affiliateReviewHours),
      ]);
      return { payouts, referrals: { flagged }, affiliate };
    },
  );
}
