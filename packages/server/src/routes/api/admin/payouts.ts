import type { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../../db/client.ts';
import type { AuditAction } from '../../../db/queries/audit.ts';
import {
  PAYOUT_STATUSES,
  type Payout,
  type PayoutStatus,
  payoutDetails,
  payoutQueue,
  type QueuedPayout,
} from '../../../db/queries/payouts.ts';
import { euros } from '../../../domain/money.ts';
import { decryptDetails, type PayoutDetails } from '../../../domain/payout-details.ts';
import { HttpError } from '../../../errors.ts';
import { signedIn } from '../../../plugins/auth.ts';
import { audited } from '../../../services/audit.ts';
import { approvePayout, markPayoutPaid, rejectPayout, returnPayout } from '../../../services/payouts.ts';
import { payoutSchema } from '../payouts.ts';
import { errors, publicIdParams } from '../schemas.ts';

// Schemas. The operator sees what it needs to send the money: the details, decrypted.

const queueQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    status: {
      type: 'string',
      enum: ['open', ...PAYOUT_STATUSES],
      default: 'open',
      description: 'open: requested or approved',
    },
  },
} as const;

const queuedPayoutSchema = {
  type: 'object',
  required: [
    ...payoutSchema.required,
    'accountId',
    'email',
    'detailsReadable',
    'waitingSeconds',
    'otherAvailableCents',
    'warning',
    'batchId',
  ],
  properties: {
    ...payoutSchema.properties,
    accountId: { type: 'string' },
    email: { type: 'string' },
    detailsReadable: {
      type: 'boolean',
      description:
        'whether the stored details decrypt (false: altered, or another key); they are shown in full only by the reveal action',
    },
    waitingSeconds: { type: 'integer', description: 'from the request to now, or to when it was settled' },
    otherAvailableCents: {
      type: 'integer',
      description: "the account's available balance outside any payout; negative after a clawback",
    },
    warning: {
      type: ['string', 'null'],
      description: 'set on an open payout when clawbacks since the request mean paying it in full overpays',
    },
    batchId: {
      type: ['string', 'null'],
      description: 'the batch (pb_…) that holds it: one still to be paid, or the one that paid it',
    },
  },
} as const;

const text = (name: string, maxLength: number) => ({
  type: 'object',
  required: [name],
  additionalProperties: false,
  properties: { [name]: { type: 'string', minLength: 1, maxLength, pattern: '\\S' } },
});

const actionResponse = { 200: payoutSchema, ...errors(400, 401, 403, 404, 409) };

type Params = { Params: { id: string } };

/** The decisions on one payout, as the log says them. */
const LOGGED = {
  'payout.approve': 'payout approved',
  'payout.paid': 'payout paid',
  'payout.reject': 'payout rejected',
  'payout.returned': 'payout returned',
} as const satisfies Partial<Record<AuditAction, string>>;

const payoutIdParams = publicIdParams('payout');

/**
 * A queued payout for the operator: masked (its hint only), with whether its details decrypt,
 * so one that cannot be paid is seen before anyone tries.
 */
function forOperator(p: QueuedPayout, key: Buffer, now: Date, log: FastifyBaseLogger) {
  const { detailsEncrypted, ...rest } = p;
  let detailsReadable = true;
  try {
    decryptDetails(detailsEncrypted, key, p.accountId);
  } catch (err) {
    detailsReadable = false;
    log.warn({ payoutId: p.id, err: (err as Error).message }, 'payout details cannot be decrypted');
  }
  const settledAt = p.paidAt ?? (p.status === 'rejected' ? p.decidedAt : null) ?? now;
  const waitingSeconds = Math.max(0, Math.floor((settledAt.getTime() - p.requestedAt.getTime()) / 1000));
  return { ...rest, detailsReadable, waitingSeconds, warning: overpaymentWarning(p) };
}

/**
 * An open payout whose account has since been clawed back below zero: paying it in full would
 * pay more than the account has earned net. Approving it answers 409 `overpays` until new
 * earnings make up the difference; the operator can reject it, and the ambassador can then ask
 * for what remains. An approved payout whose money has gone is still recorded as paid, and the
 * debt is netted against later earnings.
 */
export function overpaymentWarning(p: Pick<QueuedPayout, 'status' | 'amountCents' | 'otherAvailableCents'>) {
  if (p.status !== 'requested' && p.status !== 'approved') return null;
  if (p.otherAvailableCents >= 0) return null;
  const owed = -p.otherAvailableCents;
  const net = p.amountCents - owed;
  return net > 0
    ? `Clawbacks since the request leave ${euros(-owed)}: paying ${euros(p.amountCents)} in full would overpay by ${euros(owed)}; the account has earned ${euros(net)} net, which it can ask for if this payout is rejected before it is sent`
    : `Clawbacks since the request leave ${euros(-owed)}: the account has earned nothing net; reject this payout rather than pay it`;
}

/**
 * /api/admin/payouts: the operator's queue (oldest first) and its decisions. A payout moves
 * requested → approved → paid, or to rejected from either open state, which frees its entries;
 * a paid payout that comes back is marked returned, which makes its entries available again.
 */
export default async function adminPayoutRoutes(app: FastifyInstance) {
  const { db, config, clock } = app;

  /**
   * A decision on one payout, in one transaction with its audit record (the amount, and what
   * the operator gave), then logged.
   */
  const decide = async (
    req: FastifyRequest,
    action: keyof typeof LOGGED,
    move: (tx: Db) => Promise<Payout>,
    given: { reason?: string; details?: Record<string, unknown> } = {},
  ) => {
    const payout = await audited(req, db, move, (p) => ({
      action,
      subjectType: 'payout',
      subjectId: p.id,
      accountId: p.accountId,
      reason: given.reason ?? null,
      details: { amountCents: p.amountCents, ...given.details },
    }));
    req.log.info({ payoutId: payout.id, adminId: signedIn(req).id }, LOGGED[action]);
    return payout;
  };

  app.get<{ Querystring: { status: 'open' | PayoutStatus } }>(
    '/api/admin/payouts',
    {
      schema: {
        summary: 'Payouts by status, oldest first, their details masked',
        tags: ['admin'],
        querystring: queueQuery,
        response: {
          200: {
            type: 'object',
            required: ['payouts'],
            properties: { payouts: { type: 'array', items: queuedPayoutSchema } },
          },
          ...errors(400, 401, 403),
        },
      },
      preHandler: app.requireAdmin,
    },
    async (req) => {
      const { status } = req.query;
      const rows = await payoutQueue(db, status === 'open' ? ['requested', 'approved'] : [status]);
      const now = clock.now();
      return { payouts: rows.map((p) => forOperator(p, config.payoutKey, now, req.log)) };
    },
  );

  app.post<Params>(
    '/api/admin/payouts/:id/approve',
    {
      schema: {
        summary: 'Approve a requested payout',
        tags: ['admin'],
        params: payoutIdParams,
        response: actionResponse,
      },
      preHandler: app.requireAdmin,
    },
    async (req) => {
      const input = { adminId: signedIn(req).id, now: clock.now() };
      return decide(req, 'payout.approve', (tx) => approvePayout(tx, req.params.id, input));
    },
  );

  app.post<Params & { Body: { reference: string } }>(
    '/api/admin/payouts/:id/paid',
    {
      schema: {
        summary: 'Record that an approved payout was sent, with the transfer’s reference',
        tags: ['admin'],
        params: payoutIdParams,
        body: text('reference', 200),
        response: actionResponse,
      },
      preHandler: app.requireAdmin,
    },
    async (req) => {
      const input = { reference: req.body.reference.trim(), adminId: signedIn(req).id, now: clock.now() };
      return decide(req, 'payout.paid', (tx) => markPayoutPaid(tx, req.params.id, input), {
        details: { reference: input.reference },
      });
    },
  );

  app.post<Params & { Body: { reason: string } }>(
    '/api/admin/payouts/:id/reject',
    {
      schema: {
        summary: 'Reject an open payout; its amount becomes available again',
        tags: ['admin'],
        params: payoutIdParams,
        body: text('reason', 500),
        response: actionResponse,
      },
      preHandler: app.requireAdmin,
    },
    async (req) => {
      const input = { reason: req.body.reason.trim(), adminId: signedIn(req).id, now: clock.now() };
      return decide(req, 'payout.reject', (tx) => rejectPayout(tx, req.params.id, input), { reason: input.reason });
    },
  );

  app.post<Params & { Body: { reason: string } }>(
    '/api/admin/payouts/:id/return',
    {
      schema: {
        summary: 'Record that a paid payout came back; its amount becomes available again',
        description:
          'For a transfer the bank returned or a PayPal payment that was refused or unclaimed. The ambassador sees the reason and is asked by e-mail to correct the payout details.',
        tags: ['admin'],
        params: payoutIdParams,
        body: text('reason', 500),
        response: actionResponse,
      },
      preHandler: app.requireAdmin,
    },
    async (req) => {
      const input = { reason: req.body.reason.trim(), adminId: signedIn(req).id, now: clock.now() };
      return decide(req, 'payout.returned', (tx) => returnPayout(tx, req.params.id, input), { reason: input.reason });
    },
  );

  app.post<Params>(
    '/api/admin/payouts/:id/details',
    {
      schema: {
        summary: 'Reveal a payout’s details in full (recorded in the audit log)',
        description:
          'The IBAN and holder, or the PayPal address, decrypted. Each reveal is an action of its own, recorded with who and when; the queue shows only the masked hint.',
        tags: ['admin'],
        params: payoutIdParams,
        response: {
          200: {
            type: 'object',
            required: ['id', 'method'],
            properties: {
              id: { type: 'string' },
              method: { type: 'string', enum: ['paypal', 'bank_transfer'] },
              email: { type: 'string' },
              iban: { type: 'string' },
              holderName: { type: 'string' },
            },
          },
          ...errors(400, 401, 403, 404, 409),
        },
      },
      preHandler: app.requireAdmin,
    },
    async (req) => {
      const id = req.params.id;
      return audited(
        req,
        db,
        async (tx) => {
          const found = await payoutDetails(tx, id);
          if (!found) throw new HttpError(404, 'not_found', `No payout ${id}`);
          let details: PayoutDetails;
          try {
            details = decryptDetails(found.detailsEncrypted, config.payoutKey, found.accountId);
          } catch {
            throw new HttpError(
              409,
              'details_unreadable',
              'These payout details cannot be decrypted (altered, or encrypted with another key); reject the payout',
            );
          }
          return { id, accountId: found.accountId, ...details };
        },
        (d) => ({ action: 'payout.details_reveal', subjectType: 'payout', subjectId: d.id, accountId: d.accountId }),
      ).then(({ accountId: _, ...shown }) => shown);
    },
  );
}
