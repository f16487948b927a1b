import { REFERRAL_CODE_RE } from '@callbell/protocol';

/**
 * Which referral a signup is attributed to. The attribution cookie set by /r/:code carries the
 * click the programme's model chose (last or first, inside the window); a `ref` parameter is
 * the fallback for visitors whose cookie was lost or never set. Pure: the caller looks the
 * code up and applies the fraud checks.
 */

/** The signed, httpOnly cookie /r/:code sets on the platform's own domain. */
export const ATTRIBUTION_COOKIE = 'cb_ref';

/** What the attribution cookie carries: which code, which click, when. */
export interface CookieAttribution {
  code: string;
  clickId: string;
  /** Unix seconds of the click. */
  at: number;
}

export const encodeAttribution = (a: CookieAttribution): string => `${a.code}.${a.clickId}.${a.at}`;

/** The cookie's value read back (after its signature was checked); null if malformed. */
export function decodeAttribution(value: string): CookieAttribution | null {
  const [code, clickId, at, extra] = value.split('.');
  if (extra !== undefined || !code || !REFERRAL_CODE_RE.test(code)) return null;
  if (!clickId || !/^\d{1,18}$/.test(clickId) || !at || !/^\d{1,12}$/.test(at)) return null;
  return { code, clickId, at: Number(at) };
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

export type FlagReason = 'same_ip' | 'disposable_email';

/**
 * Why a referral looks suspicious, or null. Flagged referrals still bind; what they earn waits
 * on hold for the operator instead of being paid automatically.
 */
export function suspicion(input: {
  refereeEmail: string;
  refereeIpHash: string;
  referrerIpHash: string | null;
  isDisposable: (email: string) => boolean;
}): FlagReason | null {
  // The referrer signing up a second account of its own: the referee signs up from the network
  // the referrer signed up from (DESIGN.md's case, where the click came from there too, is one
  // instance of it). An office or household sharing an address is flagged too, for a person to
  // decide, never refused.
  if (input.referrerIpHash && input.referrerIpHash === input.refereeIpHash) return 'same_ip';
  if (input.isDisposable(input.refereeEmail)) return 'disposable_email';
  return null;
}
