import type { ReferralSource } from './types.ts';

export interface ReferralLinkOptions {
  src?: ReferralSource;
  /** Widget id, for clicks on a widget footer. */
  w?: string;
  /** Campaign name chosen by the ambassador. */
  c?: string;
}

/**
 * The tracked referral link `ORIGIN/r/CODE?src=…&w=…&c=…`. The server records the click and
 * redirects to its configured landing page; the target is never part of the link.
 */
export function referralLink(origin: string, code: string, options: ReferralLinkOptions = {}): string {
  const url = new URL(`/r/${encodeURIComponent(code)}`, origin);
  for (const key of ['src', 'w', 'c'] as const) {
    const value = options[key];
    if (value) url.searchParams.set(key, value);
  }
  return url.href;
}

/**
 * The page address a ping reports: origin and path only. Queries and fragments often carry
 * tokens or personal data, so they never leave the page.
 */
export function pageAddress(href: string): string {
  const url = new URL(href);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin + url.pathname : url.protocol;
}
