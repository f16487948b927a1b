import type { FastifyInstance } from 'fastify';
import type { AuditAction, AuditEntry } from '../../../db/queries/audit.ts';
import {
  BATCH_STATES,
  type BatchState,
  type ListedBatch,
  listBatches,
  type PayoutBatch,
} from '../../../db/queries/payout-batches.ts';
import { PAYOUT_STATUSES } from '../../../db/queries/payouts.ts';
import { PAYOUT_METHODS } from '../../../domain/payout-details.ts';
import { publicIdPattern } from '../../../domain/public-ids.ts';
import { signedIn } from '../../../plugins/auth.ts';
import { audited, recordAudit } from '../../../services/audit.ts';
import {
  batchFile,
  cancelBatch,
  createBatch,
  markBatchPaid,
  sendBatchToPaypal,
} from '../../../services/payout-batches.ts';
import {
  centsSchema,
  dateTimeSchema,
  errors,
  nullableDateTimeSchema,
  publicIdParams,
  publicIdSchema,
} from '../schemas.ts';

// Schemas. A batch as the operator sees it: its state, totals and payouts (hints, never details).

const batchPayoutSchema = {
  type: 'object',
  required: ['id', 'accountId', 'email', 'amountCents', 'detailsHint', 'status'],
  properties: {
    id: publicIdSchema('payout'),
    accountId: { type: 'string' },
    email: { type: 'string' },
    amountCents: centsSchema,
    detailsHint: { type: 'string' },
    status: { type: 'string', enum: PAYOUT_STATUSES },
  },
} as const;

const batchSchema = {
  type: 'object',
  required: [
    'id',
    'method',
    'state',
    'payoutCount',
    'totalCents',
    'createdAt',
    'createdByEmail',
    'fileName',
    'fileDownloadedAt',
    'sentAt',
    'providerBatchId',
    'providerStatus',
    'lastError',
    'paidAt',
    'reference',
    'cancelledAt',
    'payouts',
  ],
  properties: {
    id: publicIdSchema('batch'),
    method: { type: 'string', enum: PAYOUT_METHODS },
    state: {
      type: 'string',
      enum: BATCH_STATES,
      description: 'created: its file can be downloaded; sent: handed to the PayPal API; paid; cancelled',
    },
    payoutCount: { type: 'integer' },
    totalCents: { ...centsSchema, description: 'euro cents: the sum of its payouts' },
    createdAt: dateTimeSchema,
    createdByEmail: { type: 'string' },
    fileName: { type: 'string', description: 'what its file downloads as' },
    fileDownloadedAt: { ...nullableDateTimeSchema, description: 'its file’s first download' },
    sentAt: nullableDateTimeSchema,
    providerBatchId: { type: ['string', 'null'], description: 'PayPal’s payout_batch_id, once sent' },
    providerStatus: { type: ['string', 'null'], description: 'PayPal’s batch_status when it was sent' },
    lastError: { type: ['string', 'null'], description: 'why the last send to PayPal failed' },
    paidAt: nullableDateTimeSchema,
    reference: { type: ['string', 'null'] },
    cancelledAt: nullableDateTimeSchema,
    payouts: { type: 'array', items: batchPayoutSchema },
  },
} as const;

const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    state: {
      type: 'string',
      enum: ['open', 'all', ...BATCH_STATES],
      default: 'all',
      description: 'open: created or sent',
    },
  },
} as const;

const listResponse = {
  type: 'object',
  required: ['batches', 'sepa', 'paypalApi'],
  properties: {
    batches: { type: 'array', items: batchSchema },
    sepa: {
      type: 'object',
      required: ['configured', 'demo', 'debtorName', 'debtorIbanHint'],
      description: 'the account SEPA files pay from (SEPA_DEBTOR_*)',
      properties: {
        configured: { type: 'boolean' },
        demo: { type: 'boolean', description: 'the demo’s made-up account' },
        debtorName: { type: ['string', 'null'] },
        debtorIbanHint: { type: ['string', 'null'], description: 'its IBAN’s last four characters' },
      },
    },
    paypalApi: { type: 'boolean', description: 'PayPal batches can be sent through the Payouts API' },
  },
} as const;

const createBody = {
  type: 'object',
  required: ['payoutIds'],
  additionalProperties: false,
  properties: {
    payoutIds: {
      type: 'array',
      minItems: 1,
      maxItems: 500,
      uniqueItems: true,
      items: { type: 'string', pattern: publicIdPattern('payout') },
      description: 'approved payouts of one method, in no open batch',
    },
  },
} as const;

const referenceBody = {
  type: 'object',
  required: ['reference'],
  additionalProperties: false,
  properties: { reference: { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S' } },
} as const;

type Params = { Params: { id: string } };
const batchIdParams = publicIdParams('batch');

const fileName = (b: Pick<ListedBatch, 'id' | 'method'>) =>
  `callbell-${b.id}-${b.method === 'bank_transfer' ? 'sepa.xml' : 'paypal.csv'}`;

/**
 * /api/admin/payout-batches: approved payouts paid from one file. A batch moves created → paid
 * (or created → sent → paid through the PayPal API), or created → cancelled, which frees its
 * payouts for another batch.
 */
/** What the audit log keeps of a decision on a batch: its method, size and total, and more. */
const batchEntry = (
  action: AuditAction,
  b: Pick<PayoutBatch, 'id' | 'method' | 'payoutCount' | 'totalCents'>,
  more: Record<string, unknown>,
): AuditEntry => ({
  action,
  subjectType: 'payout_batch',
  subjectId: b.id,
  details: { method: b.method, payouts: b.payoutCount, totalCents: b.totalCents, ...more },
});

export default async function adminPayoutBatchRoutes(app: FastifyInstance) {
  const { db, config, clock } = app;
  const { sepaDebtor, paypal } = config.payouts;

  /** A batch as the routes answer it, with its payouts. */
  const shown = async (id: string) => {
    const [batch] = (await listBatches(db, BATCH_STATES, 1, id)).map((b) => ({ ...b, fileName: fileName(b) }));
    return batch;
  };

  app.get<{ Querystring: { state: 'open' | 'all' | BatchState } }>(
    '/api/admin/payout-batches',
    {
      schema: {
        summary: 'The 50 most recent payout batches, newest first, and how they can be paid',
        tags: ['admin'],
        querystring: listQuery,
        response: { 200: listResponse, ...errors(400, 401, 403) },
      },
      preHandler: app.requireAdmin,
    },
    async (req) => {
      const { state } = req.query;
      const states = state === 'all' ? BATCH_STATES : state === 'open' ? (['created', 'sent'] as const) : [state];
      const batches = (await listBatches(db, states)).map((b) => ({ ...b, fileName: fileName(b) }));
      return {
        batches,
        sepa: {
          configured: sepaDebtor !== null,
          demo: config.payouts.sepaDemo,
          debtorName: sepaDebtor?.name ?? null,
          debtorIbanHint: sepaDebtor ? `•••• ${sepaDebtor.iban.slice(-4)}` : null,
        },
        paypalApi: paypal !== null,
      };
    },
  );

  app.post<{ Body: { payoutIds: string[] } }>(
    '/api/admin/payout-batches',
    {
      schema: {
        summary: 'Put approved payouts of one method into a new batch',
        description:
          'All or nothing: an unknown payout answers 404, one not approved, already in a batch, or whose file cannot be made 409, payouts of two methods 400. A bank-transfer batch needs SEPA_DEBTOR_NAME and SEPA_DEBTOR_IBAN (409 sepa_not_configured).',
        tags: ['admin'],
        body: createBody,
        response: { 201: batchSchema, ...errors(400, 401, 403, 404, 409) },
      },
      preHandler: app.requireAdmin,
    },
    async (req, reply) => {
      const adminId = signedIn(req).id;
      const batch = await audited(
        req,
        db,
        (tx) =>
          createBatch(tx, {
            payoutIds: req.body.payoutIds,
            adminId,
            now: clock.now(),
            key: config.payoutKey,
            sepaDebtor,
          }),
        (b) => batchEntry('batch.create', b, { payoutIds: req.body.payoutIds }),
      );
      req.log.info(
        { batchId: batch.id, adminId, payouts: batch.payoutCount, totalCents: batch.totalCents },
        'payout batch created',
      );
      return reply.code(201).send(await shown(batch.id));
    },
  );

  app.get<Params>(
    '/api/admin/payout-batches/:id',
    {
      schema: {
        summary: 'A payout batch with its payouts',
        tags: ['admin'],
        params: batchIdParams,
        response: { 200: batchSchema, ...errors(400, 401, 403, 404) },
      },
      preHandler: app.requireAdmin,
    },
    async (req, reply) => {
      const batch = await shown(req.params.id);
      if (!batch) return reply.code(404).send({ error: 'not_found', message: `No payout batch ${req.params.id}` });
      return batch;
    },
  );

  app.get<Params>(
    '/api/admin/payout-batches/:id/file',
    {
      schema: {
        summary: 'The batch’s file: a SEPA credit transfer (pain.001.001.03) or PayPal’s bulk-upload CSV',
        description:
          'application/xml for bank transfers (executed on the day it is downloaded; the batch id is its message id, so a bank runs it once), text/csv for PayPal (no header line). A cancelled batch has none (409).',
        tags: ['admin'],
        params: batchIdParams,
        response: {
          200: { type: 'string', description: 'the file, as an attachment' },
          ...errors(400, 401, 403, 404, 409),
        },
      },
      preHandler: app.requireAdmin,
    },
    async (req, reply) => {
      const file = await batchFile(db, req.params.id, { now: clock.now(), key: config.payoutKey, sepaDebtor });
      req.log.info({ batchId: req.params.id, adminId: signedIn(req).id }, 'payout batch file downloaded');
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .send(file.body);
    },
  );

  app.post<Params>(
    '/api/admin/payout-batches/:id/send',
    {
      schema: {
        summary: 'Send a new PayPal batch through the PayPal Payouts API',
        description:
          'Needs PAYPAL_CLIENT_ID and PAYPAL_CLIENT_SECRET (409 paypal_not_configured). PayPal’s refusal answers 409 paypal_refused, an unreachable PayPal 502 paypal_unavailable; either way the batch stays new, with the reason in lastError, and can be sent again.',
        tags: ['admin'],
        params: batchIdParams,
        response: { 200: batchSchema, ...errors(400, 401, 403, 404, 409, 502) },
      },
      preHandler: app.requireAdmin,
    },
    async (req) => {
      const adminId = signedIn(req).id;
      const batch = await sendBatchToPaypal(db, req.params.id, { now: clock.now(), key: config.payoutKey, paypal });
      // Recorded once PayPal has taken it: the call cannot be inside a transaction.
      await recordAudit(req, db, batchEntry('batch.send', batch, { providerBatchId: batch.providerBatchId }));
      req.log.info({ batchId: batch.id, adminId, providerBatchId: batch.providerBatchId }, 'payout batch sent');
      return shown(batch.id);
    },
  );

  app.post<Params & { Body: { reference: string } }>(
    '/api/admin/payout-batches/:id/paid',
    {
      schema: {
        summary: 'Record that a batch was paid: each of its payouts is marked paid with the reference',
        tags: ['admin'],
        params: batchIdParams,
        body: referenceBody,
        response: { 200: batchSchema, ...errors(400, 401, 403, 404, 409) },
      },
      preHandler: app.requireAdmin,
    },
    async (req) => {
      const input = { reference: req.body.reference.trim(), adminId: signedIn(req).id, now: clock.now() };
      const batch = await audited(
        req,
        db,
        (tx) => markBatchPaid(tx, req.params.id, input),
        (b) => batchEntry('batch.paid', b, { reference: input.reference }),
      );
      req.log.info({ batchId: batch.id, adminId: input.adminId, totalCents: batch.totalCents }, 'payout batch paid');
      return shown(batch.id);
    },
  );

  app.post<Params>(
    '/api/admin/payout-batches/:id/cancel',
    {
      schema: {
        summary: 'Cancel a batch not yet sent: its payouts stay approved and can go into another',
        tags: ['admin'],
        params: batchIdParams,
        response: { 200: batchSchema, ...errors(400, 401, 403, 404, 409) },
      },
      preHandler: app.requireAdmin,
    },
    async (req) => {
      const adminId = signedIn(req).id;
      const batch = await audited(
        req,
        db,
        (tx) => cancelBatch(tx, req.params.id, { adminId, now: clock.now() }),
        (b) => batchEntry('batch.cancel', b, {}),
      );
      req.log.info({ batchId: batch.id, adminId }, 'payout batch cancelled');
      return shown(batch.id);
    },
  );
}
