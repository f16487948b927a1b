import type { FastifyInstance } from 'fastify';
import accountRoutes from './account.ts';
import adminAffiliateRoutes from './admin/affiliate.ts';
import adminAuditRoutes from './admin/audit.ts';
import adminDemoRoutes from './admin/demo.ts';
import adminEmailRoutes from './admin/emails.ts';
import adminOverviewRoutes from './admin/overview.ts';
import adminPayoutBatchRoutes from './admin/payout-batches.ts';
import adminPayoutRoutes from './admin/payouts.ts';
import adminReferralRoutes from './admin/referrals.ts';
import affiliateRoutes from './affiliate.ts';
import affiliateStatsRoutes from './affiliate-stats.ts';
import authRoutes from './auth.ts';
import billingRoutes from './billing.ts';
import payoutRoutes from './payouts.ts';
import planRoutes from './plan.ts';
import rewardsRoutes from './rewards.ts';
import widgetRoutes from './widgets.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * /api: the dashboard's API (session cookie + CSRF header), the operator's admin routes, the
 * affiliate statistics API (API keys) and the billing provider's webhook (signed). Nothing here
 * is cacheable, and no other site may send a state-changing request from a browser.
 */
export default async function api(app: FastifyInstance) {
  const { publicOrigin } = app.config;
  app.addHook('onRequest', async (req, reply) => {
    reply.header('cache-control', 'no-store');
    const origin = req.headers.origin;
    // Browsers send Origin on cross-site POSTs; servers (the billing provider) send none.
    if (origin && !SAFE_METHODS.has(req.method) && origin !== publicOrigin) {
      return reply.code(403).send({ error: 'cross_origin', message: `Requests from ${origin} are not allowed` });
    }
  });
  await app.register(authRoutes);
  await app.register(accountRoutes);
  await app.register(widgetRoutes);
  await app.register(rewardsRoutes);
  await app.register(payoutRoutes);
  await app.register(affiliateRoutes);
  await app.register(affiliateStatsRoutes);
  await app.register(billingRoutes);
  await app.register(planRoutes);
  await app.register(adminPayoutRoutes);
  await app.register(adminPayoutBatchRoutes);
  await app.register(adminReferralRoutes);
  await app.register(adminAffiliateRoutes);
  await app.register(adminOverviewRoutes);
  await app.register(adminEmailRoutes);
  await app.register(adminDemoRoutes);
  await app.register(adminAuditRoutes);
}
