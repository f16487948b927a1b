/** How the operator's page puts the server's codes into words. Pure. */
import type { ResponseOf } from '../../api/client.ts';

export type QueuedPayout = ResponseOf<'/api/admin/payouts'>['payouts'][number];
export type FlaggedReferral = ResponseOf<'/api/admin/referrals'>['referrals'][number];
export type AffiliateRequest = ResponseOf<'/api/admin/affiliate/requests'>['requests'][number];
export type Programme = ResponseOf<'/api/admin/programme'>;
export type Waiting = ResponseOf<'/api/admin/waiting'>;

export const METHOD: Record<QueuedPayout['method'], string> = {
  bank_transfer: 'Bank transfer',
  paypal: 'PayPal',
};

/** The method inside a sentence: "by bank transfer". */
export const METHOD_IN_TEXT: Record<QueuedPayout['method'], string> = {
  bank_transfer: 'bank transfer',
  paypal: 'PayPal',
};

export const PAYOUT_STATUS: Record<QueuedPayout['status'], { label: string; badge: string }> = {
  requested: { label: 'Requested: to approve', badge: 'badge-info' },
  approved: { label: 'Approved: to send', badge: 'badge-warning' },
  paid: { label: 'Paid', badge: 'badge-success' },
  rejected: { label: 'Rejected', badge: 'badge-danger' },
};

/** Why sign-up flagged a referral, in words; an unknown reason is shown as the server gave it. */
export function flagReason(reason: string | null | undefined, refereeEmail: string): string {
  switch (reason) {
    case 'same_ip':
      return 'The referred account signed up from the same network as its referrer: it may be the referrer’s own second account.';
    case 'disposable_email': {
      const domain = refereeEmail.slice(refereeEmail.lastIndexOf('@') + 1);
      return `The referred account signed up with a throwaway e-mail address (${domain}).`;
    }
    case null:
    case undefined:
    case '':
      return 'Not flagged at sign-up.';
    default:
      return `Flagged at sign-up: ${reason}.`;
  }
}

export const SOURCE: Record<FlaggedReferral['source'], string> = {
  widget: 'the “⚡ by Callbell” footer of a widget',
  link: 'the referral link',
  banner: 'a banner',
  param: 'a sign-up link with the referral code',
};

export const PLAN: Record<FlaggedReferral['evidence']['referee']['plan'], string> = {
  free: 'Free',
  pro: 'Pro',
  business: 'Business',
};

export const REVIEW: Record<FlaggedReferral['review'], { label: string; badge: string }> = {
  none: { label: 'Not flagged', badge: '' },
  flagged: { label: 'Waiting for review', badge: 'badge-warning' },
  approved: { label: 'Approved', badge: 'badge-success' },
  rejected: { label: 'Rejected', badge: 'badge-danger' },
};

export const AFFILIATE_STATUS: Record<AffiliateRequest['status'], { label: string; badge: string }> = {
  requested: { label: 'Waiting', badge: 'badge-info' },
  approved: { label: 'Approved', badge: 'badge-success' },
  rejected: { label: 'Rejected', badge: 'badge-danger' },
  withdrawn: { label: 'Withdrawn', badge: '' },
};

/** "1 h", "25 h": whole hours, as the review promise counts them. */
export const hours = (n: number): string => `${n}\u00a0h`;
