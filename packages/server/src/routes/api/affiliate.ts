import { utcDay } from '@callbell/protocol';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  type AffiliateRequest,
  countActiveKeys,
  fileRequest,
  findKeyForAuth,
  findRequest,
  insertKey,
  listKeys,
  revokeKey,
  touchKey,
} from '../../db/queries/affiliate.ts';
import { statsRows } from '../../db/queries/stats.ts';
import { AFFILIATE_STATUSES, bearerKey, issueApiKey, secretMatches } from '../../domain/api-keys.ts';
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
import { enforceLimits } from '../../rate-limit.ts';
import { errors } from './schemas.ts';

/** Keys an account may hold unrevoked at once: enough to rotate, few enough to keep track of. */
export const MAX_ACTIVE_KEYS = 5;
/** Statistics requests per key per minute, and per address before any key is checked. */
export const STATS_PER_KEY_PER_MINUTE = 60;
export const STATS_PER_IP_PER_MINUTE = 600;
const STATS_DEFAULT_DAYS = 30;
const STATS_MAX_DAYS = 366;
const STATS_MAX_GROUPS = 100;

const date = { type: 'string', format: 'date-time' } as const;
const nullableDate = { type: ['string', 'null'], format: 'date-time' } as const;

const keySchema = {
  type: 'object',
  required: ['id', 'createdAt', 'revokedAt'],
  properties: {
    id: { type: 'string' },
    createdAt: date,
    revokedAt: nullableDate,
    lastUsedAt: { ...nullableDate, description: 'the last authenticated request, to the minute' },
  },
} as const;

const affiliateSchema = {
  type: 'object',
  required: ['status', 'keys'],
  properties: {
    status: { type: 'string', enum: ['none', ...AFFILIATE_STATUSES] },
    message: { type: ['string', 'null'] },
    requestedAt: nullableDate,
    reviewDueAt: { ...nullableDate, description: 'requestedAt plus the review promise' },
    decidedAt: nullableDate,
    rejectReason: { type: ['string', 'null'] },
    withdrawnAt: nullableDate,
    withdrawReason: { type: ['string', 'null'], description: 'why the operator withdrew an approved access' },
    keys: { type: 'array', items: keySchema, description: 'only once approved; never the secrets' },
  },
} as const;

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
  properties: Object.fromEntries(METRICS.map((m) => [m, { type: 'integer', description: METRIC_DOCS[m] }])),
} as const;
const series = {
  type: 'array',
  items: { type: 'object', properties: { day: { type: 'string' }, ...metrics.properties } },
} as const;

const statsSchema = {
  type: 'object',
  properties: {
    from: { type: 'string' },
    to: { type: 'string' },
    groupBy: { type: ['string', 'null'] },
    totals: metrics,
    series,
    groups: {
      type: 'array',
      items: { type: 'object', properties: { key: { type: ['string', 'null'] }, totals: metrics, series } },
    },
    omittedGroups: { type: 'integer' },
  },
} as const;

interface StatsQuery {
  from?: string;
  to?: string;
  groupBy?: GroupBy;
  format?: 'json' | 'csv';
}

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
 * /api/affiliate: the ambassador's access request and API keys (session), and the advanced
 * statistics API (API key only, never a session: scripts and spreadsheets call it).
 */
export default async function affiliateRoutes(app: FastifyInstance) {
  const { db, clock, config } = app;
  const reviewMs = config.programme.affiliateReviewHours * 3_600_000;

  const view = async (accountId: string, request?: AffiliateRequest | null) => {
    const r = request === undefined ? await findRequest(db, accountId) : request;
    if (!r) return { status: 'none' as const, keys: [] };
    return {
      ...r,
      reviewDueAt: new Date(r.requestedAt.getTime() + reviewMs),
      keys: r.status === 'approved' ? await listKeys(db, accountId) : [],
    };
  };
  const accountOf = (req: FastifyRequest) => {
    // requireUser has run: it sets the account or throws
    if (!req.account) throw new HttpError(401, 'unauthenticated', 'Log in to continue');
    return req.account;
  };

  app.get(
    '/api/affiliate',
    {
      schema: {
        summary: 'My affiliate platform access: request status, review deadline, API keys',
        tags: ['affiliate'],
        response: { 200: affiliateSchema, ...errors(401) },
      },
      preHandler: app.requireUser,
    },
    async (req) => view(accountOf(req).id),
  );

  app.post<{ Body: { message?: string } | undefined }>(
    '/api/affiliate/request',
    {
      schema: {
        summary: 'Request access to the affiliate platform',
        tags: ['affiliate'],
        body: {
          type: 'object',
          additionalProperties: false,
          properties: { message: { type: 'string', maxLength: 2000, description: 'why you want access' } },
        },
        response: { 201: affiliateSchema, ...errors(400, 401, 403, 409) },
      },
      // The message is optional, and so is the body that carries it.
      preValidation: async (req) => {
        req.body ??= {};
      },
      preHandler: app.requireUser,
    },
    async (req, reply) => {
      const { id } = accountOf(req);
      const message = req.body?.message?.trim() || null;
      const filed = await fileRequest(db, { accountId: id, message, now: clock.now() });
      if (!filed) {
        const status = (await findRequest(db, id))?.status;
        throw status === 'approved'
          ? new HttpError(409, 'already_approved', 'Your access is already approved')
          : new HttpError(409, 'already_requested', 'Your request is waiting for review');
      }
      return reply.code(201).send(await view(id, filed));
    },
  );

  app.post(
    '/api/affiliate/keys',
    {
      schema: {
        summary: 'Issue an API key; its secret is shown in this response only',
        tags: ['affiliate'],
        response: {
          201: {
            type: 'object',
            required: ['id', 'key', 'createdAt'],
            properties: { ...keySchema.properties, key: { type: 'string', description: 'shown once' } },
          },
          ...errors(401, 403, 409),
        },
      },
      preHandler: app.requireUser,
    },
    async (req, reply) => {
      const { id: accountId } = accountOf(req);
      const issued = issueApiKey();
      const stored = await db.transaction(async (tx) => {
        // The request row, locked, serialises issuing per account, so the cap holds under races.
        const access = await findRequest(tx, accountId, true);
        if (access?.status !== 'approved') {
          throw new HttpError(403, 'affiliate_not_approved', 'API keys are issued once your access is approved');
        }
        if ((await countActiveKeys(tx, accountId)) >= MAX_ACTIVE_KEYS) {
          throw new HttpError(409, 'too_many_keys', `Revoke a key first: at most ${MAX_ACTIVE_KEYS} can be active`);
        }
        return insertKey(tx, { id: issued.id, accountId, secretHash: issued.secretHash, now: clock.now() });
      });
      req.log.info({ accountId, keyId: stored.id }, 'api key issued');
      return reply.code(201).send({ ...stored, key: issued.key });
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/affiliate/keys/:id',
    {
      schema: {
        summary: 'Revoke one of my API keys',
        tags: ['affiliate'],
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 64 } } },
        response: { 200: keySchema, ...errors(401, 403, 404) },
      },
      preHandler: app.requireUser,
    },
    async (req) => {
      const { id: accountId } = accountOf(req);
      const revoked = await revokeKey(db, { id: req.params.id, accountId, now: clock.now() });
      if (!revoked) throw new HttpError(404, 'not_found', 'No such API key');
      req.log.info({ accountId, keyId: revoked.id }, 'api key revoked');
      return revoked;
    },
  );

  // The statistics API. The key is checked on request, before the query string is validated,
  // so that a caller without a valid key learns nothing, not even which parameters are wrong.
  app.decorateRequest('apiKey', null);
  const perIp = app.createRateLimit({
    max: STATS_PER_IP_PER_MINUTE,
    timeWindow: 60_000,
    keyGenerator: (req) => `affiliate-stats-ip:${req.ip}`,
  });
  const perKey = app.createRateLimit({
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
        querystring: {
          type: 'object',
          properties: {
            from: { type: 'string', maxLength: 10, description: 'YYYY-MM-DD, default 29 days before to' },
            to: { type: 'string', maxLength: 10, description: 'YYYY-MM-DD, default today (UTC)' },
            groupBy: { type: 'string', enum: [...GROUP_BYS] },
            format: { type: 'string', enum: ['json', 'csv'] },
          },
        },
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
      const range = resolveRange(req.query, utcDay(clock.now().getTime()), {
        defaultDays: STATS_DEFAULT_DAYS,
        maxDays: STATS_MAX_DAYS,
      });
      if (!range.ok) throw new HttpError(400, range.code, range.message);
      const groupBy = req.query.groupBy ?? null;
      const rows = await statsRows(db, { accountId, start: range.start, end: range.end, groupBy });
      const report = assembleStats({ from: range.from, to: range.to, groupBy, rows, maxGroups: STATS_MAX_GROUPS });
      if (!wantsCsv(req)) return report;
      // JSON says so in `omittedGroups`; a CSV has nowhere to say it but a header.
      if (report.omittedGroups) reply.header('x-omitted-groups', String(report.omittedGroups));
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${statsFilename(report)}"`)
        .send(statsCsv(report));
    },
  );
}
