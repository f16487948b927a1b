import { nullableDateTimeSchema } from '../schemas.ts';

// Schemas of network clusters as the operator reviews them (db/queries/review-clusters.ts).

const REVIEWS = ['none', 'flagged', 'approved', 'rejected'] as const;
const ROLES = ['referrer', 'referee'] as const;

const sightingSchema = {
  type: 'object',
  required: ['accountId', 'email', 'role', 'how', 'logins', 'origin', 'firstSeenAt', 'lastSeenAt', 'seenOn'],
  properties: {
    accountId: { type: 'string' },
    email: { type: 'string' },
    role: { type: 'string', enum: ROLES },
    how: {
      type: 'string',
      enum: ['signup', 'login', 'signup_and_login', 'visitor'],
      description: 'signed up, logged in (or both) from the network, or a visitor of its widget came from it',
    },
    logins: { type: 'integer', description: 'log-ins from the network' },
    origin: { type: ['string', 'null'], description: 'visitors: the site its widget was seen on' },
    firstSeenAt: nullableDateTimeSchema,
    lastSeenAt: nullableDateTimeSchema,
    seenOn: {
      type: ['string', 'null'],
      format: 'date',
      description: 'visitors: the UTC day the network was first counted, if known',
    },
  },
} as const;

export const clusterSchema = {
  type: 'object',
  description:
    'referees of one referrer sharing networks with each other or with the referrer; networks are named by a label and the start of their salted hash, never by address',
  required: ['id', 'referrerId', 'referrerEmail', 'referralIds', 'members', 'networks'],
  properties: {
    id: { type: 'string', description: 'c and its first referral id: stable while that referral stays in it' },
    referrerId: { type: 'string' },
    referrerEmail: { type: 'string' },
    referralIds: { type: 'array', items: { type: 'string' }, description: 'its referees’ referrals, in id order' },
    members: {
      type: 'array',
      items: {
        type: 'object',
        required: ['accountId', 'email', 'role', 'referralId', 'review'],
        properties: {
          accountId: { type: 'string' },
          email: { type: 'string' },
          role: { type: 'string', enum: ROLES },
          referralId: { type: ['string', 'null'] },
          review: { type: ['string', 'null'], enum: [...REVIEWS, null] },
        },
      },
    },
    networks: {
      type: 'array',
      items: {
        type: 'object',
        required: ['label', 'hash', 'kind', 'seen'],
        properties: {
          label: { type: 'string' },
          hash: { type: 'string', description: 'the first characters of the network’s salted hash' },
          kind: {
            type: 'string',
            enum: ['ipv4', 'ipv6_64', 'visitors', 'earlier', 'other'],
            description:
              'an IPv4 address, an IPv6 /64, a network compared among visitors (an IPv4 address or IPv6 /48), a sign-up address kept before networks were, or no address at all',
          },
          seen: { type: 'array', items: sightingSchema },
        },
      },
    },
  },
} as const;

/** The referrals an operator decides together (a cluster, or part of one). */
export const clusterDecisionBody = {
  type: 'object',
  required: ['referralIds'],
  additionalProperties: false,
  properties: {
    referralIds: {
      type: 'array',
      minItems: 1,
      maxItems: 200,
      uniqueItems: true,
      items: { type: 'string', pattern: '^[0-9]{1,18}$' },
      description: 'flagged referrals of one referrer',
    },
    reason: { type: 'string', maxLength: 500, description: 'rejecting: shown to the ambassador' },
  },
} as const;
