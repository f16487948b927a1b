import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AUDIT_ACTIONS, type AuditFilter, type AuditRecord, listAudit } from '../../../db/queries/audit.ts';
import { csvCell } from '../../../domain/stats.ts';
import { HttpError } from '../../../errors.ts';
import { dateTimeSchema, errors } from '../schemas.ts';

/** The kinds of thing actions touch: `payout` filters every `payout.*` action. */
const AUDIT_KINDS = [...new Set(AUDIT_ACTIONS.map((a) => a.split('.')[0] as string))];

/** The most records one CSV export holds; a wider one is refused, to be narrowed by dates. */
export const AUDIT_EXPORT_MAX = 50_000;

interface Query {
  action?: string;
  actor?: string;
  account?: string;
  from?: string;
  to?: string;
  before?: string;
  limit: number;
}

const filterProperties = {
  action: {
    type: 'string',
    enum: [...AUDIT_ACTIONS, ...AUDIT_KINDS],
    description: 'one action, or a kind of thing (payout, batch, referral, cluster, install, affiliate, email, demo)',
  },
  actor: { type: 'string', minLength: 1, maxLength: 254, description: "the operator's account id or e-mail" },
  account: { type: 'string', minLength: 1, maxLength: 254, description: "the affected account's id or e-mail" },
  from: { ...dateTimeSchema, description: 'from this time on' },
  to: { ...dateTimeSchema, description: 'before this time' },
} as const;

const recordSchema = {
  type: 'object',
  required: [
    'id',
    'at',
    'actorId',
    'actorEmail',
    'action',
    'subjectType',
    'subjectId',
    'accountId',
    'accountEmail',
    'reason',
    'details',
  ],
  properties: {
    id: { type: 'string' },
    at: dateTimeSchema,
    actorId: { type: 'string' },
    actorEmail: { type: 'string', description: "the operator's address when it acted" },
    action: { type: 'string', enum: [...AUDIT_ACTIONS] },
    subjectType: { type: 'string' },
    subjectId: { type: 'string' },
    accountId: { type: ['string', 'null'] },
    accountEmail: { type: ['string', 'null'] },
    reason: { type: ['string', 'null'] },
    details: { type: 'object', additionalProperties: true },
  },
} as const;

/** The filter a query states; a range that ends before it starts is refused. */
function filterOf(q: Omit<Query, 'limit'>): AuditFilter {
  const from = q.from ? new Date(q.from) : undefined;
  const to = q.to ? new Date(q.to) : undefined;
  if (from && to && to <= from) throw new HttpError(400, 'invalid_range', '`to` must be after `from`');
  return {
    ...(q.action ? { action: q.action } : {}),
    ...(q.actor ? { actor: q.actor.trim() } : {}),
    ...(q.account ? { account: q.account.trim() } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(q.before ? { before: q.before } : {}),
  };
}

const CSV_HEADER = [
  'at',
  'actor_email',
  'actor_id',
  'action',
  'subject_type',
  'subject_id',
  'account_email',
  'account_id',
  'reason',
  'details',
];

/** The records as CSV (RFC 4180), formulas neutralised, details as JSON. */
export function auditCsv(records: AuditRecord[]): string {
  const lines = [CSV_HEADER.join(',')];
  for (const r of records) {
    lines.push(
      [
        r.at.toISOString(),
        r.actorEmail,
        r.actorId,
        r.action,
        r.subjectType,
        r.subjectId,
        r.accountEmail,
        r.accountId,
        r.reason,
        JSON.stringify(r.details),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * /api/admin/audit: what operators did, newest first, filtered by action or kind, operator,
 * affected account and time; and the same as a CSV file. Read-only: the log is written only by
 * the actions themselves (services/audit.ts).
 */
export default async function adminAuditRoutes(app: FastifyInstance) {
  const { db } = app;

  app.get<{ Querystring: Query }>(
    '/api/admin/audit',
    {
      schema: {
        summary: 'The operator audit log, newest first',
        tags: ['admin'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            ...filterProperties,
            before: { type: 'string', pattern: '^[0-9]{1,18}$', description: 'the id to page on from' },
            limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['records'],
            properties: { records: { type: 'array', items: recordSchema } },
          },
          ...errors(400, 401, 403),
        },
      },
      preHandler: app.requireAdmin,
    },
    async (req) => ({ records: await listAudit(db, filterOf(req.query), req.query.limit) }),
  );

  app.get<{ Querystring: Omit<Query, 'limit' | 'before'> }>(
    '/api/admin/audit.csv',
    {
      schema: {
        summary: 'The operator audit log as CSV, with the same filters',
        tags: ['admin'],
        produces: ['text/csv'],
        querystring: { type: 'object', additionalProperties: false, properties: filterProperties },
        response: { 200: { type: 'string', description: 'CSV, one record a line' }, ...errors(400, 401, 403, 413) },
      },
      preHandler: app.requireAdmin,
    },
    async (req: FastifyRequest<{ Querystring: Omit<Query, 'limit' | 'before'> }>, reply) => {
      const records = await listAudit(db, filterOf(req.query), AUDIT_EXPORT_MAX + 1);
      if (records.length > AUDIT_EXPORT_MAX) {
        throw new HttpError(
          413,
          'too_many_records',
          `More than ${AUDIT_EXPORT_MAX} records match; narrow the dates and export in parts`,
        );
      }
      const day = app.clock.now().toISOString().slice(0, 10);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="callbell-audit-${day}.csv"`)
        .send(auditCsv(records));
    },
  );
}
