import { CAMPAIGN_MAX_LENGTH, isCampaign } from '@callbell/protocol';
import type { FastifyInstance } from 'fastify';
import {
  type AffiliateRequest,
  countActiveKeys,
  fileRequest,
  findRequest,
  insertKey,
  listKeys,
  revokeKey,
} from '../../db/queries/affiliate.ts';
import { AFFILIATE_STATUSES, issueApiKey, reviewPromise } from '../../domain/api-keys.ts';
import { BANNER_SIZES, bannerHtml, bannerLink } from '../../domain/banners.ts';
import { HttpError } from '../../errors.ts';
import { signedIn } from '../../plugins/auth.ts';
import { dateTimeSchema, errors, nullableDateTimeSchema } from './schemas.ts';

const bannersSchema = {
  type: 'object',
  required: ['campaign', 'banners'],
  properties: {
    campaign: { type: ['string', 'null'] },
    banners: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'width', 'height', 'imageUrl', 'linkUrl', 'html'],
        properties: {
          id: { type: 'string', description: '<width>x<height>' },
          name: { type: 'string' },
          width: { type: 'integer' },
          height: { type: 'integer' },
          imageUrl: { type: 'string', description: 'the hosted SVG' },
          linkUrl: { type: 'string', description: 'the referral link, src=banner' },
          html: { type: 'string', description: 'the image inside the link, ready to paste' },
        },
      },
    },
  },
} as const;

/** Keys an account may hold unrevoked at once: enough to rotate, few enough to keep track of. */
export const MAX_ACTIVE_KEYS = 5;
/** The longest name a key may carry: a label for a list, not a description. */
export const KEY_NAME_MAX = 60;

const keySchema = {
  type: 'object',
  required: ['id', 'name', 'createdAt', 'revokedAt'],
  properties: {
    id: { type: 'string', description: 'public; the key reads cbk_<id>_<secret>' },
    name: { type: ['string', 'null'], description: 'what its owner called it' },
    createdAt: dateTimeSchema,
    revokedAt: nullableDateTimeSchema,
    lastUsedAt: { ...nullableDateTimeSchema, description: 'the last authenticated request, to the minute' },
  },
} as const;

const affiliateSchema = {
  type: 'object',
  required: ['status', 'promiseHours', 'keys'],
  properties: {
    status: { type: 'string', enum: ['none', ...AFFILIATE_STATUSES] },
    promiseHours: { type: 'integer', description: 'the review promise: a decision within this many hours' },
    message: { type: ['string', 'null'] },
    requestedAt: nullableDateTimeSchema,
    reviewDueAt: { ...nullableDateTimeSchema, description: 'requestedAt plus the review promise' },
    decidedAt: nullableDateTimeSchema,
    rejectReason: { type: ['string', 'null'] },
    withdrawnAt: nullableDateTimeSchema,
    withdrawReason: { type: ['string', 'null'], description: 'why the operator withdrew an approved access' },
    keys: { type: 'array', items: keySchema, description: 'only once approved; never the secrets' },
  },
} as const;

/**
 * /api/affiliate: the ambassador's access request and API keys (session). The statistics the
 * keys open are in affiliate-stats.ts.
 */
export default async function affiliateRoutes(app: FastifyInstance) {
  const { db, clock, config } = app;
  const promiseHours = config.programme.affiliateReviewHours;

  const view = async (accountId: string, request?: AffiliateRequest | null) => {
    const r = request === undefined ? await findRequest(db, accountId) : request;
    if (!r) return { status: 'none' as const, promiseHours, keys: [] };
    return {
      ...r,
      promiseHours,
      reviewDueAt: reviewPromise(r.requestedAt, r.decidedAt, clock.now(), promiseHours).dueAt,
      keys: r.status === 'approved' ? await listKeys(db, accountId) : [],
    };
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
    async (req) => view(signedIn(req).id),
  );

  app.get<{ Querystring: { campaign?: string } }>(
    '/api/affiliate/banners',
    {
      schema: {
        summary: 'Banners to paste on a site: hosted images linked to my referral link (src=banner)',
        tags: ['affiliate'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            campaign: {
              type: 'string',
              description: `a campaign name for the links: letters, digits, ".", "_" or "-", at most ${CAMPAIGN_MAX_LENGTH}`,
            },
          },
        },
        response: { 200: bannersSchema, ...errors(400, 401, 403) },
      },
      preHandler: app.requireUser,
    },
    async (req) => {
      const account = signedIn(req);
      const campaign = req.query.campaign ?? null;
      if (campaign !== null && !isCampaign(campaign)) {
        throw new HttpError(
          400,
          'invalid_campaign',
          `A campaign is 1 to ${CAMPAIGN_MAX_LENGTH} letters, digits, ".", "_" or "-", so it survives URLs and spreadsheets`,
        );
      }
      if ((await findRequest(db, account.id))?.status !== 'approved') {
        throw new HttpError(403, 'affiliate_not_approved', 'Banners come with affiliate platform access');
      }
      const linkUrl = bannerLink(config.publicOrigin, account.referralCode, campaign);
      return {
        campaign,
        banners: BANNER_SIZES.map((size) => {
          const imageUrl = new URL(`/banners/${size.id}.svg`, config.publicOrigin).href;
          return { ...size, imageUrl, linkUrl, html: bannerHtml(imageUrl, linkUrl, size) };
        }),
      };
    },
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
      const { id } = signedIn(req);
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

  app.post<{ Body: { name?: string } | undefined }>(
    '/api/affiliate/keys',
    {
      schema: {
        summary: 'Issue an API key; its secret is shown in this response only',
        tags: ['affiliate'],
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            name: { type: 'string', maxLength: KEY_NAME_MAX, description: 'where the key is used, to tell keys apart' },
          },
        },
        response: {
          201: {
            type: 'object',
            required: ['id', 'key', 'createdAt'],
            properties: { ...keySchema.properties, key: { type: 'string', description: 'shown once' } },
          },
          ...errors(400, 401, 403, 409),
        },
      },
      // The name is optional, and so is the body that carries it.
      preValidation: async (req) => {
        req.body ??= {};
      },
      preHandler: app.requireUser,
    },
    async (req, reply) => {
      const { id: accountId } = signedIn(req);
      const name = req.body?.name?.trim() || null;
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
        return insertKey(tx, { id: issued.id, accountId, name, secretHash: issued.secretHash, now: clock.now() });
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
      const { id: accountId } = signedIn(req);
      const revoked = await revokeKey(db, { id: req.params.id, accountId, now: clock.now() });
      if (!revoked) throw new HttpError(404, 'not_found', 'No such API key');
      req.log.info({ accountId, keyId: revoked.id }, 'api key revoked');
      return revoked;
    },
  );
}
