import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../db/client.ts';
import type { AuditAction, AuditEntry } from '../../../db/queries/audit.ts';
import type { Review } from '../../../db/queries/referral-review.ts';
import { CHECK_OUTCOMES, CHECK_STATES } from '../../../domain/install-verification.ts';
import { HttpError } from '../../../errors.ts';
import { signedIn } from '../../../plugins/auth.ts';
import { audited } from '../../../services/audit.ts';
import {
  approveReferral,
  approveReferrals,
  rejectReferral,
  rejectReferrals,
} from '../../../services/referral-review.ts';
import { reviewedReferrals, reviewQueue } from '../../../services/review-queue.ts';
import { bigintIdParams, centsSchema, dateTimeSchema, errors, nullableDateTimeSchema } from '../schemas.ts';
import { clusterDecisionBody, clusterSchema } from './cluster-schemas.ts';

// Schemas. A referral as the operator reviews it.

const REVIEWS = ['none', 'flagged', 'approved', 'rejected'] as const;

const count = (description: string) => ({ type: 'integer', description }) as const;

const evidenceSchema = {
  type: 'object',
  description:
    'what bears on the referral; sign-ups and clicks are compared by salted hashes of their whole address, never the addresses',
  required: [
    'referrerSameAddress',
    'clickFromRefereeAddress',
    'otherRefereesSameAddress',
    'click',
    'referrer',
    'referee',
  ],
  properties: {
    referrerSameAddress: {
      type: ['boolean', 'null'],
      description:
        'the referee signed up from the address the referrer signed up from; null if either address is unknown',
    },
    clickFromRefereeAddress: {
      type: ['boolean', 'null'],
      description: 'the click came from the address the referee signed up from; null without a click or an address',
    },
    otherRefereesSameAddress: count('other referees of this referrer who signed up from the same address'),
    click: {
      type: ['object', 'null'],
      description: 'the click the referral was attributed to; null when it came by a ?ref= code alone',
      required: ['at', 'referringHost', 'campaign', 'widgetId'],
      properties: {
        at: dateTimeSchema,
        referringHost: { type: ['string', 'null'] },
        campaign: { type: ['string', 'null'] },
        widgetId: { type: ['string', 'null'] },
      },
    },
    referrer: {
      type: 'object',
      required: ['referrals', 'flagged', 'rejected'],
      properties: {
        referrals: count('all its referrals, this one included'),
        flagged: count('its referrals waiting for review, this one included'),
        rejected: count('its referrals rejected after review'),
      },
    },
    referee: {
      type: 'object',
      required: ['plan', 'signedUpAt', 'install'],
      properties: {
        plan: { type: 'string', enum: ['free', 'pro', 'business'] },
        signedUpAt: dateTimeSchema,
        install: {
          type: ['object', 'null'],
          description: 'its first widget that qualified as installed; null if none has',
          required: ['widgetId', 'origin', 'qualifiedAt', 'lastPublicPingAt', 'networks', 'check'],
          properties: {
            widgetId: { type: 'string' },
            origin: { type: ['string', 'null'] },
            qualifiedAt: dateTimeSchema,
            lastPublicPingAt: nullableDateTimeSchema,
            networks: count('distinct networks its visitors came from, on public pages'),
            check: {
              type: ['object', 'null'],
              description: 'what the check of its page for the snippet found; null if none was queued',
              required: ['state', 'attempts', 'outcome', 'url', 'detail', 'checkedAt'],
              properties: {
                state: { type: 'string', enum: CHECK_STATES },
                attempts: { type: 'integer' },
                outcome: { type: ['string', 'null'], enum: [...CHECK_OUTCOMES, null] },
                url: { type: ['string', 'null'], description: 'the page found carrying it, or the last one fetched' },
                detail: { type: ['string', 'null'] },
                checkedAt: nullableDateTimeSchema,
              },
            },
          },
        },
      },
    },
  },
} as const;

const referralSchema = {
  type: 'object',
  required: [
    'id',
    'referrerId',
    'referrerEmail',
    'refereeId',
    'refereeEmail',
    'source',
    'flaggedReason',
    'review',
    'reviewNote',
    'createdAt',
    'reviewedAt',
    'onHoldCents',
    'onHoldEntries',
    'evidence',
    'clusterId',
  ],
  properties: {
    id: { type: 'string' },
    referrerId: { type: 'string' },
    referrerEmail: { type: 'string' },
    refereeId: { type: 'string' },
    refereeEmail: { type: 'string' },
    source: { type: 'string', enum: ['widget', 'link', 'banner', 'param'] },
    flaggedReason: {
      type: ['string', 'null'],
      description:
        'why it waits for review: same_ip, disposable_email (at sign-up), network_cluster, install_unverified (later)',
    },
    review: { type: 'string', enum: REVIEWS },
    reviewNote: { type: ['string', 'null'] },
    createdAt: dateTimeSchema,
    reviewedAt: nullableDateTimeSchema,
    onHoldCents: { ...centsSchema, description: 'the net of its entries waiting on hold' },
    onHoldEntries: { type: 'integer' },
    evidence: evidenceSchema,
    clusterId: { type: ['string', 'null'], description: 'the network cluster it belongs to, listed in clusters' },
  },
} as const;

const queueSchema = {
  type: 'object',
  required: ['referrals', 'clusters'],
  properties: {
    referrals: { type: 'array', items: referralSchema },
    clusters: { type: 'array', items: clusterSchema, description: 'the clusters the listed referrals belong to' },
  },
} as const;

const rejectBody = {
  type: ['object', 'null'],
  additionalProperties: false,
  properties: { reason: { type: 'string', maxLength: 500, description: 'shown to the ambassador' } },
} as const;

const actionResponse = { 200: referralSchema, ...errors(400, 401, 403, 404, 409) };

type Params = { Params: { id: string } };

/**
 * /api/admin/referrals: the operator's review of flagged referrals. Approving lets their
 * on-hold earnings mature like any others; rejecting reverses them, with the reason shown.
 */
interface ReferralOwner {
  id: string;
  publicId: string;
  referrerId: string;
  refereeId: string;
}

/** Whose referrals these are: the audit log names the referrer, whose money the decision moves. */
async function referralOwners(db: Db, ids: readonly string[]): Promise<ReferralOwner[]> {
  const { rows } = await db.query<ReferralOwner>(
    `select id::text as id, public_id as "publicId", referrer_id as "referrerId", referee_id as "refereeId"
     from referrals where id = any($1::bigint[]) order by id`,
    [ids],
  );
  return rows;
}

const referralEntry = (action: AuditAction, r: ReferralOwner, reason: string | null): AuditEntry => ({
  action,
  subjectType: 'referral',
  subjectId: r.id,
  accountId: r.referrerId,
  reason,
  details: { publicId: r.publicId, refereeId: r.refereeId },
});

/** A cluster decided at once: one record, on the first referral, naming every one. */
const clusterEntry = (action: AuditAction, rs: ReferralOwner[], reason: string | null): AuditEntry | null => {
  const [first] = rs;
  if (!first) return null;
  return {
    action,
    subjectType: 'referral_cluster',
    subjectId: rs.map((r) => r.id).join(','),
    accountId: first.referrerId,
    reason,
    details: { referrals: rs.length, publicIds: rs.map((r) => r.publicId), refereeIds: rs.map((r) => r.refereeId) },
  };
};

export default async function adminReferralRoutes(app: FastifyInstance) {
  const { db, clock } = app;
  const reviewed = async (id: string) => {
    const [referral] = (await reviewedReferrals(db, [id])).referrals;
    if (!referral) throw new HttpError(404, 'not_found', `No referral ${id}`);
    app.ledger.changed(); // what it held may end its hold now
    return referral;
  };

  app.get<{ Querystring: { review: Review } }>(
    '/api/admin/referrals',
    {
      schema: {
        summary: 'Referrals by review state (flagged by default), oldest first, with what waits on hold',
        tags: ['admin'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { review: { type: 'string', enum: REVIEWS, default: 'flagged' } },
        },
        response: { 200: queueSchema, ...errors(400, 401, 403) },
      },
      preHandler: app.requireAdmin,
    },
    async (req) => reviewQueue(db, req.query.review),
  );

  app.post<Params>(
    '/api/admin/referrals/:id/approve',
    {
      schema: {
        summary: 'Clear a flagged referral',
        tags: ['admin'],
        params: bigintIdParams,
        response: actionResponse,
      },
      preHandler: app.requireAdmin,
    },
    async (req) => {
      await audited(
        req,
        db,
        async (tx) => {
          await approveReferral(tx, req.params.id, { adminId: signedIn(req).id, now: clock.now() });
          return referralOwners(tx, [req.params.id]);
        },
        ([r]) => (r ? referralEntry('referral.approve', r, null) : null),
      );
      req.log.info({ referralId: req.params.id, adminId: req.account?.id }, 'referral approved');
      return reviewed(req.params.id);
    },
  );

  app.post<Params & { Body: { reason?: string } | null }>(
    '/api/admin/referrals/:id/reject',
    {
      schema: {
        summary: 'Reject a flagged referral: what it earned on hold is reversed',
        tags: ['admin'],
        params: bigintIdParams,
        body: rejectBody,
        response: actionResponse,
      },
      preHandler: app.requireAdmin,
    },
    async (req) => {
      const note = req.body?.reason?.trim() || null;
      await audited(
        req,
        db,
        async (tx) => {
          await rejectReferral(tx, req.params.id, { note, adminId: signedIn(req).id, now: clock.now() });
          return referralOwners(tx, [req.params.id]);
        },
        ([r]) => (r ? referralEntry('referral.reject', r, note) : null),
      );
      req.log.info({ referralId: req.params.id, adminId: req.account?.id }, 'referral rejected');
      return reviewed(req.params.id);
    },
  );

  app.post<{ Body: { referralIds: string[] } }>(
    '/api/admin/referrals/clusters/approve',
    {
      schema: {
        summary: 'Clear several flagged referrals of one referrer at once (a cluster): all or none',
        tags: ['admin'],
        body: clusterDecisionBody,
        response: { 200: queueSchema, ...errors(400, 401, 403, 404, 409) },
      },
      preHandler: app.requireAdmin,
    },
    async (req) => {
      const ids = req.body.referralIds;
      await audited(
        req,
        db,
        async (tx) => {
          await approveReferrals(tx, ids, { adminId: signedIn(req).id, now: clock.now() });
          return referralOwners(tx, ids);
        },
        (rs) => clusterEntry('cluster.approve', rs, null),
      );
      req.log.info({ referrals: ids.length, adminId: req.account?.id }, 'referral cluster approved');
      app.ledger.changed();
      return reviewedReferrals(db, ids);
    },
  );

  app.post<{ Body: { referralIds: string[]; reason?: string } }>(
    '/api/admin/referrals/clusters/reject',
    {
      schema: {
        summary: 'Reject several flagged referrals of one referrer at once (a cluster): all or none',
        tags: ['admin'],
        body: clusterDecisionBody,
        response: { 200: queueSchema, ...errors(400, 401, 403, 404, 409) },
      },
      preHandler: app.requireAdmin,
    },
    async (req) => {
      const ids = req.body.referralIds;
      const note = req.body.reason?.trim() || null;
      await audited(
        req,
        db,
        async (tx) => {
          await rejectReferrals(tx, ids, { note, adminId: signedIn(req).id, now: clock.now() });
          return referralOwners(tx, ids);
        },
        (rs) => clusterEntry('cluster.reject', rs, note),
      );
      req.log.info({ referrals: ids.length, adminId: req.account?.id }, 'referral cluster rejected');
      return reviewedReferrals(db, ids);
    },
  );
}
