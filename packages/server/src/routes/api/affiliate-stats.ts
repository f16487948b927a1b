import { utcDay } from '@callbell/protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findKeyForAuth, findRequest, touchKey } from '../../db/queries/affiliate.ts';
import { statsRows } from '../../db/queries/stats.ts';
import { bearerKey, secretMatches } from '../../domain/api-keys.ts';
import {
  assembleStats,
  GROUP_BYS,
  type GroupBy,
  METRICS,
  type Metric,
  resolveRange,
  statsCsv,
  statsFilename,
} from '../../domain/stats.ts';
import { HttpError } from '../../errors.ts';
import { signedIn } from '../../plugins/auth.ts';
import { enforceLimits, rateLimit } from '../../rate-limit.ts';
import { errors } from './schemas.ts';

/** Statistics requests per key per minute, and per address before any key is checked. */
export const STATS_PER_KEY_PER_MINUTE = 60;
export const STATS_PER_IP_PER_MINUTE = 600;
/** Statistics requests per signed-in account per minute: one view of the dashboard asks four at once. */
export const STATS_PER_SESSION_PER_MINUTE = 120;
const STATS_DEFAULT_DAYS = 30;
const STATS_MAX_DAYS = 366;
const STATS_MAX_GROUPS = 100;

/** What each metric counts; domain/stats.ts has the full definitions. */
const METRIC_DOCS: Record<Metric, string> = {
  clicks: 'referral-link clicks, bots excluded',
  uniqueClicks: 'distinct addresses among those clicks, distinct within the cell (day, group or range)',
  signups: 'referred accounts created',
  installs: 'referees whose first widget qualified as installed',
  payingCustomers: 'distinct referees with a paid invoice above zero, distinct within the cell',
  commissionCents:
    'recurring commissions written, minus their reversals and clawbacks, plus what won disputes gave back (may be negative)',
  bountyCents: 'install bounties written, minus their reversals and clawbacks written',
};
const metrics = {
  type: 'object',
  required: [...METRICS],
  properties: Object.fromEntries(METRICS.map((m) => [m, { type: 'integer', description: METRIC_DOCS[m] }])),
} as const;
const series = {
  type: 'array',
  items: {
    type: 'object',
    required: ['day', ...METRICS],
    properties: { day: { type: 'string', format: 'date' }, ...metrics.properties },
  },
  description: 'one entry per day of the range, zeros included',
} as const;

const statsSchema = {
  type: 'object',
  required: ['from', 'to', 'groupBy', 'totals', 'series', 'groups', 'omittedGroups'],
  properties: {
    from: { type: 'string', format: 'date', description: 'the first day, included' },
    to: { type: 'string', format: 'date', description: 'the last day, included' },
    groupBy: { type: ['string', 'null'], enum: [...GROUP_BYS, null] },
    totals: { ...metrics, description: 'the whole range; distinct counts are distinct over it' },
    series,
    groups: {
      type: 'array',
      description: 'busiest first (every source, in a fixed order, for source); empty without groupBy',
      items: {
        type: 'object',
        required: ['key', 'totals', 'series'],
        properties: {
          key: { type: ['string', 'null'], description: 'null: no campaign, or no widget' },
          totals: metrics,
          series,
        },
      },
    },
    omittedGroups: { type: 'integer', description: 'groups beyond the first 100 (the least active), left out' },
  },
} as const;

interface StatsQuery {
  from?: string;
  to?: string;
  days?: number;
  groupBy?: GroupBy;
  format?: 'json' | 'csv';
}

/** The range, grouping and format a statistics request takes, by key or by session alike. */
const statsQuerySchema = {
  type: 'object',
  properties: {
    from: { type: 'string', maxLength: 10, description: 'YYYY-MM-DD, default `days` days ending at to' },
    to: { type: 'string', maxLength: 10, description: 'YYYY-MM-DD, default today (UTC)' },
    days: {
      type: 'integer',
      minimum: 1,
      maximum: STATS_MAX_DAYS,
      description: `how many days end at to, when from is not given (default ${STATS_DEFAULT_DAYS})`,
    },
    groupBy: { type: 'string', enum: [...GROUP_BYS] },
    format: { type: 'string', enum: ['json', 'csv'] },
  },
} as const;

declare module 'fastify' {
  interface FastifyRequest {
    /** The API key a statistics request authenticated with; set by the affiliate routes. */
    apiKey: { id: string; accountId: string } | null;
  }
}

/** Whether the client asked for CSV: `format=csv`, or an Accept naming text/csv and not JSON. */
function wantsCsv(req: FastifyRequest<{ Querystring: StatsQuery }>): boolean {
  if (req.query.format) return req.query.format === 'csv';
  const types = (req.headers.accept ?? '').split(',').map((t) => t.split(';')[0]?.trim().toLowerCase());
  return types.includes('text/csv') && !types.includes('application/json');
}

/**
 * The affiliate statistics, per UTC day, optionally grouped, as JSON or CSV, twice over:
 * /api/affiliate/v1/stats by API key only (never a session: scripts and spreadsheets call it),
 * and /api/affiliate/stats by session for the dashboard. Both answer through `answer` below.
 */
export default async function affiliateStatsRoutes(app: FastifyInstance) {
  const { db, clock } = app;

  /** The account's report for the request's range and grouping, as JSON or as a CSV download. */
  const answer = async (req: FastifyRequest<{ Querystring: StatsQuery }>, reply: FastifyReply, accountId: string) => {
    const { days = STATS_DEFAULT_DAYS, ...query } = req.query;
    if (req.query.days !== undefined && query.from !== undefined) {
      throw new HttpError(400, 'bad_range', 'Give either from or days, not both');
    }
    const range = resolveRange(query, utcDay(clock.now().getTime()), { defaultDays: days, maxDays: STATS_MAX_DAYS });
    if (!range.ok) throw new HttpError(400, range.code, range.message);
    const groupBy = query.groupBy ?? null;
    const rows = await statsRows(db, { accountId, start: range.start, end: range.end, groupBy });
    const report = assembleStats({ from: range.from, to: range.to, groupBy, rows, maxGroups: STATS_MAX_GROUPS });
    if (!wantsCsv(req)) return report;
    // JSON says so in `omittedGroups`; a CSV has nowhere to say it but a header.
    if (report.omittedGroups) reply.header('x-omitted-groups', String(report.omittedGroups));
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${statsFilename(report)}"`)
      .send(statsCsv(report));
  };

  // The statistics API. The key is checked on request, before the query string is validated,
  // so that a caller without a valid key learns nothing, not even which parameters are wrong.
  app.decorateRequest('apiKey', null);
  const perIp = rateLimit(app, {
    max: STATS_PER_IP_PER_MINUTE,
    timeWindow: 60_000,
    keyGenerator: (req) => `affiliate-stats-ip:${req.ip}`,
  });
  const perKey = rateLimit(app, {
    max: STATS_PER_KEY_PER_MINUTE,
    timeWindow: 60_000,
    keyGenerator: (req) => `affiliate-stats-key:${req.apiKey?.id}`,
  });
  const authenticateKey = async (req: FastifyRequest) => {
    const sent = bearerKey(req.headers.authorization);
    const key = sent ? await findKeyForAuth(db, sent.id) : null;
    if (!sent || !key || !secretMatches(sent.secret, key.secretHash)) {
      throw new HttpError(401, 'invalid_api_key', 'Send a valid API key as "Authorization: Bearer cbk_…"');
    }
    if (key.revoked) throw new HttpError(401, 'api_key_revoked', 'This API key has been revoked');
    if (key.access !== 'approved') {
      throw new HttpError(403, 'affiliate_not_approved', 'This account no longer has affiliate platform access');
    }
    req.apiKey = { id: key.id, accountId: key.accountId };
    await touchKey(db, key.id, clock.now());
  };

  app.get<{ Querystring: StatsQuery }>(
    '/api/affiliate/v1/stats',
    {
      schema: {
        summary: 'Advanced statistics per UTC day, optionally grouped; JSON or CSV (format=csv or Accept: text/csv)',
        tags: ['affiliate'],
        security: [{ affiliateKey: [] }],
        querystring: statsQuerySchema,
        response: { 200: statsSchema, ...errors(400, 401, 403, 429) },
      },
      onRequest: [
        enforceLimits('Too many requests from this address', perIp),
        authenticateKey,
        enforceLimits(`At most ${STATS_PER_KEY_PER_MINUTE} requests a minute per API key`, perKey),
      ],
    },
    async (req, reply) => {
      const accountId = req.apiKey?.accountId;
      if (!accountId) throw new HttpError(401, 'invalid_api_key', 'Send a valid API key');
      return answer(req, reply, accountId);
    },
  );

  // The same statistics for the dashboard, by session: only while the access is approved, and
  // refused before the query string is read, as the key route does.
  const perSession = rateLimit(app, {
    max: STATS_PER_SESSION_PER_MINUTE,
    timeWindow: 60_000,
    keyGenerator: (req) => `affiliate-stats-session:${signedIn(req).id}`,
  });
  const requireApproved = async (req: FastifyRequest) => {
    if ((await findRequest(db, signedIn(req).id))?.status !== 'approved') {
      throw new HttpError(
        403,
        'affiliate_not_approved',
        'Statistics come with affiliate platform access: request it on the Affiliate page',
      );
    }
  };

  app.get<{ Querystring: StatsQuery }>(
    '/api/affiliate/stats',
    {
      schema: {
        summary: 'My affiliate statistics for the dashboard (session): the same as /api/affiliate/v1/stats',
        tags: ['affiliate'],
        querystring: statsQuerySchema,
        response: { 200: statsSchema, ...errors(400, 401, 403, 429) },
      },
      // The limiter before the access check, so a flood costs no database query.
      onRequest: [
        app.requireUser,
        enforceLimits(`At most ${STATS_PER_SESSION_PER_MINUTE} statistics requests a minute`, perSession),
        requireApproved,
      ],
    },
    async (req, reply) => answer(req, reply, signedIn(req).id),
  );
}
