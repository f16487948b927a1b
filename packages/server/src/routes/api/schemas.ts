import { PUBLIC_ID_PREFIXES, type PublicIdKind, publicIdPattern } from '../../domain/public-ids.ts';

/**
 * JSON Schemas shared by the /api routes. Response schemas are the serialisation allowlist:
 * a field not named here never leaves the server.
 */

/** A time, as an ISO 8601 string. */
export const dateTimeSchema = { type: 'string', format: 'date-time' } as const;
export const nullableDateTimeSchema = { type: ['string', 'null'], format: 'date-time' } as const;

/** `/:id` of a row with a bigint id (operator-only referrals, e-mails): digits only, so no cast can fail. */
export const bigintIdParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', pattern: '^[0-9]{1,18}$' } },
} as const;

/** A public id of this kind in a response, described for the API's readers. */
export const publicIdSchema = (kind: PublicIdKind) =>
  ({
    type: 'string',
    pattern: publicIdPattern(kind),
    description: `opaque: ${PUBLIC_ID_PREFIXES[kind]} and 20 random letters and digits`,
  }) as const;

/** `/:id` of a row by its public id: anything not of its form is refused (400) before a query runs. */
export const publicIdParams = (kind: PublicIdKind) =>
  ({
    type: 'object',
    required: ['id'],
    properties: { id: publicIdSchema(kind) },
  }) as const;

/** `{ 400: ApiError, 404: ApiError, … }` for a route's response schema. */
export const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((code) => [code, { $ref: 'ApiError#' }])) as Record<number, { $ref: string }>;

export const accountSchema = {
  type: 'object',
  required: ['id', 'email', 'role', 'plan', 'referralCode', 'emailVerified'],
  properties: {
    id: { type: 'string' },
    email: { type: 'string' },
    role: { type: 'string', enum: ['user', 'admin'] },
    plan: { type: 'string', enum: ['free', 'pro', 'business'] },
    referralCode: { type: 'string' },
    emailVerified: { type: 'boolean', description: 'the owner followed the link sent to the address' },
  },
} as const;

/** Money as the API shows it: integer cents and the currency. */
export const centsSchema = { type: 'integer', description: 'euro cents' } as const;

export const balancesSchema = {
  type: 'object',
  required: [
    'pendingCents',
    'onHoldCents',
    'availableCents',
    'processingCents',
    'paidCents',
    'reversedCents',
    'clawedBackCents',
    'reinstatedCents',
  ],
  properties: {
    pendingCents: centsSchema,
    onHoldCents: centsSchema,
    availableCents: centsSchema,
    processingCents: centsSchema,
    paidCents: centsSchema,
    reversedCents: centsSchema,
    clawedBackCents: centsSchema,
    reinstatedCents: { ...centsSchema, description: 'euro cents given back by won disputes' },
  },
} as const;

export const ledgerEntrySchema = {
  type: 'object',
  properties: {
    id: publicIdSchema('entry'),
    kind: { type: 'string', enum: ['install_bounty', 'commission', 'reversal', 'clawback', 'reinstatement'] },
    amountCents: centsSchema,
    state: { type: 'string', enum: ['pending', 'on_hold', 'available', 'paid', 'reversed'] },
    parentId: { type: ['string', 'null'], description: 'the public id of the entry this one takes back from' },
    invoiceId: { type: ['string', 'null'] },
    widgetId: { type: ['string', 'null'] },
    reason: { type: ['string', 'null'] },
    createdAt: dateTimeSchema,
    holdUntil: nullableDateTimeSchema,
    availableAt: nullableDateTimeSchema,
    payoutId: { type: ['string', 'null'], description: 'the public id of the payout that holds or paid the entry' },
  },
} as const;
