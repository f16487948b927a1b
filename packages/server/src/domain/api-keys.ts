import { randomBytes } from 'node:crypto';
import { randomCode, safeEqual, sha256Hex } from './secrets.ts';

/**
 * The affiliate platform's credentials, pure: the API key format and the review promise that
 * comes before a key can be issued.
 *
 * A key reads `cbk_<id>_<secret>`. The id is public (it names the key in lists and logs, and
 * finds its row); the secret is 32 random bytes, base64url, shown once and stored only as its
 * sha256. The id's alphabet has no `_`, so the key splits unambiguously even though base64url
 * secrets may contain `_` themselves.
 */

export const API_KEY_PREFIX = 'cbk_';

/** Where an account's request for the affiliate platform stands. */
export const AFFILIATE_STATUSES = ['requested', 'approved', 'rejected', 'withdrawn'] as const;
export type AffiliateStatus = (typeof AFFILIATE_STATUSES)[number];
const ID_LENGTH = 16; // 32^16 = 2^80 ids: collisions are not a practical concern
const SECRET_BYTES = 32;
const KEY_RE = /^cbk_([a-z2-9]{16})_([A-Za-z0-9_-]{43})$/;

export interface IssuedKey {
  /** Public: names the key. */
  id: string;
  /** The whole key, to show once. */
  key: string;
  /** What is stored: sha256 (hex) of the secret. */
  secretHash: string;
}

/** A new API key: its public id, the key to hand over once, and the hash to store. */
export function issueApiKey(): IssuedKey {
  const id = randomCode(ID_LENGTH);
  const secret = randomBytes(SECRET_BYTES).toString('base64url');
  return { id, key: `${API_KEY_PREFIX}${id}_${secret}`, secretHash: sha256Hex(secret) };
}

/** The id and secret of a well-formed key, or null. */
export function parseApiKey(key: string): { id: string; secret: string } | null {
  const match = KEY_RE.exec(key);
  return match?.[1] && match[2] ? { id: match[1], secret: match[2] } : null;
}

/** The key in an `Authorization: Bearer …` header (the scheme in any case), or null. */
export function bearerKey(header: string | undefined): { id: string; secret: string } | null {
  if (!header || header.length > 200) return null;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  return match?.[1] ? parseApiKey(match[1]) : null;
}

/** Whether a secret matches the stored hash, in constant time. */
export const secretMatches = (secret: string, secretHash: string): boolean => safeEqual(sha256Hex(secret), secretHash);

/**
 * Where a request stands against the review promise (a decision within `promiseHours`):
 * decided in time or late, or still waiting and on time, due soon, or overdue.
 */
export type ReviewPromise = 'met' | 'missed' | 'on_time' | 'due_soon' | 'breached';

/** The last part of the promised window in which a waiting request counts as due soon. */
export const DUE_SOON_FRACTION = 1 / 6; // 4 hours of the default 24

const HOUR_MS = 3_600_000;

/**
 * How long a request has waited (until its decision, or until `now`), in whole hours rounded
 * down, when its decision is due, and where it stands against the promise.
 */
export function reviewPromise(
  requestedAt: Date,
  decidedAt: Date | null,
  now: Date,
  promiseHours: number,
): { waitedHours: number; dueAt: Date; promise: ReviewPromise } {
  const dueAt = new Date(requestedAt.getTime() + promiseHours * HOUR_MS);
  const until = decidedAt ?? now;
  const waitedMs = Math.max(0, until.getTime() - requestedAt.getTime());
  const waitedHours = Math.floor(waitedMs / HOUR_MS);
  if (decidedAt) return { waitedHours, dueAt, promise: decidedAt <= dueAt ? 'met' : 'missed' };
  if (now > dueAt) return { waitedHours, dueAt, promise: 'breached' };
  const soon = dueAt.getTime() - promiseHours * HOUR_MS * DUE_SOON_FRACTION;
  return { waitedHours, dueAt, promise: now.getTime() >= soon ? 'due_soon' : 'on_time' };
}
