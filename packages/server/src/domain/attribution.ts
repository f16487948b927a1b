import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { REFERRAL_CODE_RE } from '@callbell/protocol';

/**
 * Which referral a signup is attributed to. The attribution cookie set by /r/:code carries the
 * click the programme's model chose (last or first, inside the window); a `ref` parameter is
 * the fallback for visitors whose cookie was lost or never set. Pure: the caller looks the
 * code up and applies the fraud checks.
 */

/** The sealed, httpOnly cookie /r/:code sets on the platform's own domain. */
export const ATTRIBUTION_COOKIE = 'cb_ref';

/** What the attribution cookie carries: which code, which click, when. */
export interface CookieAttribution {
  code: string;
  clickId: string;
  /** Unix seconds of the click. */
  at: number;
}

export const encodeAttribution = (a: CookieAttribution): string => `${a.code}.${a.clickId}.${a.at}`;

/** The cookie's plain value read back (once its seal or signature was checked); null if malformed. */
export function decodeAttribution(value: string): CookieAttribution | null {
  const [code, clickId, at, extra] = value.split('.');
  if (extra !== undefined || !code || !REFERRAL_CODE_RE.test(code)) return null;
  if (!clickId || !/^\d{1,18}$/.test(clickId) || !at || !/^\d{1,12}$/.test(at)) return null;
  return { code, clickId, at: Number(at) };
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface AttributionSeal {
  /** The cookie's value: the attribution encrypted and authenticated, opaque to the visitor. */
  seal(a: CookieAttribution): string;
  /**
   * The attribution a cookie holds, or null if it was not sealed with this secret or is
   * malformed. `unsign` reads the signed cookies set before cookies were sealed (readable, so
   * they showed the click's id), which stay valid until their window ends.
   */
  open(value: string, unsign: (value: string) => { valid: boolean; value: string | null }): CookieAttribution | null;
}

/**
 * Seals the attribution cookie with AES-256-GCM under a key derived from the cookie secret: the
 * visitor sees neither the click's id (a sequence number) nor when it was made, and cannot
 * change either.
 */
export function attributionSeal(secret: string): AttributionSeal {
  const key = createHash('sha256').update(`attribution-cookie:${secret}`).digest();
  return {
    seal(a) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(encodeAttribution(a), 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    },
    open(value, unsign) {
      if (/^[A-Za-z0-9_-]{40,200}$/.test(value)) {
        const raw = Buffer.from(value, 'base64url');
        try {
          const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
          decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
          const plain = Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
          return decodeAttribution(plain.toString('utf8'));
        } catch {
          return null;
        }
      }
      const legacy = unsign(value);
      return legacy.valid && legacy.value ? decodeAttribution(legacy.value) : null;
    },
  };
}

export type Attributed =
  | { code: string; clickId: string; via: 'cookie' }
  | { code: string; clickId: null; via: 'param' };

/** The referral to bind at signup, or null when there is none inside the window. */
export function chooseAttribution(input: {
  cookie: CookieAttribution | null;
  param: string | null;
  now: Date;
  windowDays: number;
}): Attributed | null {
  const { cookie, param, now, windowDays } = input;
  const ageSeconds = cookie ? now.getTime() / 1000 - cookie.at : Number.POSITIVE_INFINITY;
  if (cookie && ageSeconds >= 0 && ageSeconds < windowDays * 86_400) {
    return { code: cookie.code, clickId: cookie.clickId, via: 'cookie' };
  }
  return param ? { code: param, clickId: null, via: 'param' } : null;
}

/**
 * Why a referral waits for the operator: at sign-up, `same_ip` and `disposable_email`
 * (suspicion below); later, `network_cluster` (domain/network-clusters.ts) and
 * `install_unverified` (its install's page was not found carrying the snippet).
 */
export type FlagReason = 'same_ip' | 'disposable_email' | 'network_cluster' | 'install_unverified';

/**
 * Why a referral looks suspicious, or null. Flagged referrals still bind; what they earn waits
 * on hold for the operator instead of being paid automatically.
 */
export function suspicion(input: {
  refereeEmail: string;
  refereeIpHash: string;
  referrerIpHash: string | null;
  isDisposable: (email: string) => boolean;
}): 'same_ip' | 'disposable_email' | null {
  // The referrer signing up a second account of its own: the referee signs up from the network
  // the referrer signed up from (DESIGN.md's case, where the click came from there too, is one
  // instance of it). An office or household sharing an address is flagged too, for a person to
  // decide, never refused.
  if (input.referrerIpHash && input.referrerIpHash === input.refereeIpHash) return 'same_ip';
  if (input.isDisposable(input.refereeEmail)) return 'disposable_email';
  return null;
}
