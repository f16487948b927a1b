import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  type AffiliateRequest,
  type AffiliateStatus,
  decideRequest,
  findRequest,
  listRequests,
  withdrawAccess,
} from '../../../db/queries/affiliate.ts';
import { queueEmail } from '../../../db/queries/emails.ts';
import { AFFILIATE_STATUSES, reviewPromise } from '../../../domain/api-keys.ts';
import { HttpError } from '../../../errors.ts';
import { signedIn } from '../../../plugins/auth.ts';
import { audited } from '../../../services/audit.ts';
import { dateTimeSchema, errors, nullableDateTimeSchema } from '../schemas.ts';

const requestSchema = {
  type: 'object',
  required: ['accountId', 'status', 'requestedAt', 'reviewDueAt', 'waitedHours', 'promise'],
  properties: {
    accountId: { type: 'string' },
    email: { type: 'string' },
    status: { type: 'string', enum: [...AFFILIATE_STATUSES] },
    message: { type: ['string', 'null'] },
    requestedAt: dateTimeSchema,
    reviewDueAt: dateTimeSchema,
    decidedAt: nullableDateTimeSchema,
    rejectReason: { type: ['string', 'null'] },
    withdrawnAt: {
      ...nullableDateTimeSchema,
      description: 'when an approval was withdrawn; decidedAt stays the approval',
    },
    withdrawReason: { type: ['string', 'null'] },
    waitedHours: { type: 'integer', description: 'whole hours waited, until the decision or now' },
    promise: {
      type: 'string',
      enum: ['on_time', 'due_soon', 'breached', 'met', 'missed'],
      description: 'waiting: on_time, due_soon (in the last sixth of the window) or breached; decided: met or missed',
    },
  },
} as const;

const reasonBody = {
  type: 'object',
  required: ['reason'],
  additionalProperties: false,
  properties: { reason: { type: 'string', minLength: 1, maxLength: 1000 } },
} as const;

/** The reason the ambassador is shown: required, and more than blanks. */
function reasonOf(body: { reason: string }, what: string): string {
  const reason = body.reason.trim();
  if (!reason) throw new HttpError(400, 'reason_required', `Say why the ${what}`);
  return reason;
}

const accountParams = {
  type: 'object',
  required: ['accountId'],
  properties: { accountId: { type: 'string', maxLength: 64 } },
} as const;

/**
 * /api/admin/affiliate: the operator's review of affiliate platform requests. The platform
 * promises a decision within `affiliateReviewHours`; the queue shows, oldest first, how long
 * each request has waited by the programme's clock and whether the promise is about to break.
 */
export default async function adminAffiliateRoutes(app: FastifyInstance) {
  const { db, clock, config } = app;
  const hours = config.programme.affiliateReviewHours;
  const withPromise = <T extends AffiliateRequest>(r: T, now: Date) => {
    const { waitedHours, dueAt, promise } = reviewPromise(r.requestedAt, r.decidedAt, now, hours);
    return { ...r, reviewDueAt: dueAt, waitedHours, promise };
  };

  app.get<{ Querystring: { status: AffiliateStatus; limit: number } }>(
    '/api/admin/affiliate/requests',
    {
      schema: {
        summary: 'Affiliate access requests in a status, oldest first, against the review promise',
        tags: ['admin'],
        querystring: {
          type: 'object',
          properties: {
            status: { type: 'string', enum: [...AFFILIATE_STATUSES], default: 'requested' },
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['promiseHours', 'requests'],
            properties: { promiseHours: { type: 'integer' }, requests: { type: 'array', items: requestSchema } },
          },
          ...errors(400, 401, 403),
        },
      },
      preHandler: app.requireAdmin,
    },
    async (req) => {
      const now = clock.now();
      const rows = await listRequests(db, req.query.status, req.query.limit);
      return { promiseHours: hours, requests: rows.map((r) => withPromise(r, now)) };
    },
  );

  /** Decides the account's pending request: 404 if it never asked, 409 if already decided. */
  const decide = async (
    req: FastifyRequest,
    accountId: string,
    decision: 'approved' | 'rejected',
    reason: string | null,
  ) => {
    const decidedBy = signedIn(req).id;
    const now = clock.now();
    const decided = await audited(
      req,
      db,
      async (tx) => {
        const row = await decideRequest(tx, { accountId, decision, reason, decidedBy, now });
        if (row) {
          await queueEmail(tx, {
            accountId,
            message:
              decision === 'approved'
                ? { kind: 'affiliate_approved', reviewHours: hours }
                : { kind: 'affiliate_rejected', reason: reason ?? '' },
            // A request decided again after a later one (a new request once rejected) is told again.
            dedupeKey: `affiliate_${decision}:${accountId}:${row.requestedAt.toISOString()}`,
            now,
          });
        }
        return row;
      },
      (row) =>
        row && {
          action: decision === 'approved' ? 'affiliate.approve' : 'affiliate.reject',
          subjectType: 'affiliate_request',
          subjectId: accountId,
          accountId,
          reason,
        },
    );
    if (!decided) {
      const existing = await findRequest(db, accountId);
      if (!existing) throw new HttpError(404, 'not_found', 'This account has not requested affiliate access');
      throw new HttpError(409, 'not_pending', `This request was already ${existing.status}`);
    }
    req.log.info({ accountId, decidedBy, decision }, 'affiliate request decided');
    return withPromise(decided, now);
  };

  app.post<{ Params: { accountId: string } }>(
    '/api/admin/affiliate/requests/:accountId/approve',
    {
      schema: {
        summary: 'Approve a pending request: the ambassador can then issue API keys',
        tags: ['admin'],
        params: accountParams,
        response: { 200: requestSchema, ...errors(400, 401, 403, 404, 409) },
      },
      preHandler: app.requireAdmin,
    },
    async (req) => decide(req, req.params.accountId, 'approved', null),
  );

  app.post<{ Params: { accountId: string }; Body: { reason: string } }>(
    '/api/admin/affiliate/requests/:accountId/reject',
    {
      schema: {
        summary: 'Reject a pending request, with the reason shown to the ambassador',
        tags: ['admin'],
        params: accountParams,
        body: reasonBody,
        response: { 200: requestSchema, ...errors(400, 401, 403, 404, 409) },
      },
      preHandler: app.requireAdmin,
    },
    async (req) => decide(req, req.params.accountId, 'rejected', reasonOf(req.body, 'request is rejected')),
  );

  app.post<{ Params: { accountId: string }; Body: { reason: string } }>(
    '/api/admin/affiliate/requests/:accountId/withdraw',
    {
      schema: {
        summary: "Withdraw an approved access: the account's API keys stop working at once",
        tags: ['admin'],
        params: accountParams,
        body: reasonBody,
        response: {
          200: {
            ...requestSchema,
            required: [...requestSchema.required, 'keysRevoked'],
            properties: { ...requestSchema.properties, keysRevoked: { type: 'integer' } },
          },
          ...errors(400, 401, 403, 404, 409),
        },
      },
      preHandler: app.requireAdmin,
    },
    async (req) => {
      const reason = reasonOf(req.body, 'access is withdrawn');
      const withdrawnBy = signedIn(req).id;
      const { accountId } = req.params;
      const now = clock.now();
      const done = await audited(
        req,
        db,
        (tx) => withdrawAccess(tx, { accountId, reason, withdrawnBy, now }),
        (result) =>
          result && {
            action: 'affiliate.withdraw',
            subjectType: 'affiliate_request',
            subjectId: accountId,
            accountId,
            reason,
            details: { keysRevoked: result.keysRevoked },
          },
      );
      if (!done) {
        const existing = await findRequest(db, accountId);
        if (!existing) throw new HttpError(404, 'not_found', 'This account has not requested affiliate access');
        throw new HttpError(
          409,
          'not_approved',
          `Only approved access can be withdrawn; this request is ${existing.status}`,
        );
      }
      req.log.info({ accountId, withdrawnBy, keysRevoked: done.keysRevoked }, 'affiliate access withdrawn');
      return { ...withPromise(done.request, now), keysRevoked: done.keysRevoked };
    },
  );
}
