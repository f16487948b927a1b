import type { FastifyInstance } from 'fastify';
import {
  EMAIL_STATUSES,
  type EmailStatus,
  emailCounts,
  findEmail,
  listEmails,
  retryFailedEmail,
} from '../../../db/queries/emails.ts';
import { HttpError } from '../../../errors.ts';
import { audited } from '../../../services/audit.ts';
import { bigintIdParams, dateTimeSchema, errors, nullableDateTimeSchema } from '../schemas.ts';

const summarySchema = {
  type: 'object',
  required: ['id', 'kind', 'status', 'to', 'subject', 'attempts', 'lastError', 'createdAt', 'sentAt', 'nextAttemptAt'],
  properties: {
    id: { type: 'string' },
    kind: { type: 'string', description: 'verify_email, password_reset, earnings_digest, payout_paid, …' },
    status: {
      type: 'string',
      enum: EMAIL_STATUSES,
      description:
        'queued (waiting or to be tried again), sent (through SMTP), outbox (kept here: no SMTP_URL), failed',
    },
    to: { type: 'string' },
    subject: { type: ['string', 'null'], description: 'null until the first attempt' },
    attempts: { type: 'integer' },
    lastError: { type: ['string', 'null'] },
    createdAt: dateTimeSchema,
    sentAt: nullableDateTimeSchema,
    nextAttemptAt: { ...nullableDateTimeSchema, description: 'when a queued message is tried (again)' },
  },
} as const;

/**
 * /api/admin/emails: what the platform has written to people, for the operator. Delivery is
 * always shown; the bodies only where mail stays in the outbox outside production (the demo),
 * since a body can hold a password reset link.
 */
export default async function adminEmailRoutes(app: FastifyInstance) {
  const { db, config, clock } = app;
  const bodiesReadable = app.mail.transport === 'outbox' && !config.production;

  app.get<{ Querystring: { status?: EmailStatus; before?: string; limit: number } }>(
    '/api/admin/emails',
    {
      schema: {
        summary: 'E-mail, newest first, with how many are in each status',
        tags: ['admin'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { type: 'string', enum: EMAIL_STATUSES },
            before: { type: 'string', pattern: '^[0-9]{1,18}$', description: 'the id to page on from' },
            limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['transport', 'bodiesReadable', 'counts', 'emails'],
            properties: {
              transport: { type: 'string', enum: ['smtp', 'outbox'] },
              bodiesReadable: { type: 'boolean' },
              counts: {
                type: 'object',
                required: [...EMAIL_STATUSES],
                properties: Object.fromEntries(EMAIL_STATUSES.map((s) => [s, { type: 'integer' }])),
              },
              emails: { type: 'array', items: summarySchema },
            },
          },
          ...errors(400, 401, 403),
        },
      },
      preHandler: app.requireAdmin,
    },
    async (req) => {
      const { status, before, limit } = req.query;
      const [counts, emails] = await Promise.all([
        emailCounts(db),
        listEmails(db, { status: status ?? null, before: before ?? null, limit }),
      ]);
      return { transport: app.mail.transport, bodiesReadable, counts, emails };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/admin/emails/:id',
    {
      schema: {
        summary: 'One message; its text and HTML where bodies are readable (the demo’s outbox)',
        tags: ['admin'],
        params: bigintIdParams,
        response: {
          200: {
            ...summarySchema,
            required: [...summarySchema.required, 'text', 'html'],
            properties: {
              ...summarySchema.properties,
              text: { type: ['string', 'null'] },
              html: { type: ['string', 'null'] },
            },
          },
          ...errors(400, 401, 403, 404),
        },
      },
      preHandler: app.requireAdmin,
    },
    async (req) => {
      const email = await findEmail(db, req.params.id);
      if (!email) throw new HttpError(404, 'not_found', `No e-mail ${req.params.id}`);
      return bodiesReadable ? email : { ...email, text: null, html: null };
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/admin/emails/:id/retry',
    {
      schema: {
        summary: 'Try a failed message again now, with its tries counted afresh',
        tags: ['admin'],
        params: bigintIdParams,
        response: { 200: summarySchema, ...errors(400, 401, 403, 404, 409) },
      },
      preHandler: app.requireAdmin,
    },
    async (req) => {
      const retried = await audited(
        req,
        db,
        (tx) => retryFailedEmail(tx, req.params.id, clock.now()),
        (e) =>
          e && {
            action: 'email.retry',
            subjectType: 'email',
            subjectId: e.id,
            accountId: e.accountId,
            details: { kind: e.kind },
          },
      );
      if (retried) {
        req.log.info({ emailId: retried.id }, 'failed e-mail queued again');
        return retried;
      }
      const existing = await findEmail(db, req.params.id);
      if (!existing) throw new HttpError(404, 'not_found', `No e-mail ${req.params.id}`);
      throw new HttpError(409, 'not_failed', `This message is ${existing.status}: only a failed one is tried again`);
    },
  );
}
