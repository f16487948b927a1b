/** How the operator's page puts the server's codes into words. Pure. */
import type { ResponseOf } from '../../api/client.ts';
import type { Tone } from '../../components/Badge.tsx';

export type QueuedPayout = ResponseOf<'/api/admin/payouts'>['payouts'][number];
export type ReferralQueue = ResponseOf<'/api/admin/referrals'>;
export type FlaggedReferral = ReferralQueue['referrals'][number];
export type ReferralCluster = ReferralQueue['clusters'][number];
export type AffiliateRequest = ResponseOf<'/api/admin/affiliate/requests'>['requests'][number];
export type Programme = ResponseOf<'/api/admin/programme'>;
export type Waiting = ResponseOf<'/api/admin/waiting'>;

export const PAYOUT_STATUS: Record<QueuedPayout['status'], { label: string; tone: Tone }> = {
  requested: { label: 'Requested: to approve', tone: 'info' },
  approved: { label: 'Approved: to send', tone: 'warning' },
  paid: { label: 'Paid', tone: 'success' },
  rejected: { label: 'Rejected', tone: 'danger' },
  returned: { label: 'Returned: available again', tone: 'danger' },
};

/** Why a referral was flagged, in words; an unknown reason is shown as the server gave it. */
export function flagReason(reason: string | null | undefined, refereeEmail: string): string {
  switch (reason) {
    case 'network_cluster':
      return 'The referred account shares networks with its referrer or with other accounts it referred (the cluster below): they may be one person.';
    case 'install_unverified':
      return 'Its widget counted as installed, but the page it was installed on was never found carrying the snippet: the pings may have been made up.';
    case 'same_ip':
      return 'The referred account signed up from the same internet address as its referrer: it may be the referrer’s own second account.';
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

export const REVIEW: Record<FlaggedReferral['review'], { label: string; tone: Tone }> = {
  none: { label: 'Not flagged', tone: 'neutral' },
  flagged: { label: 'Waiting for review', tone: 'warning' },
  approved: { label: 'Approved', tone: 'success' },
  rejected: { label: 'Rejected', tone: 'danger' },
};

export const AFFILIATE_STATUS: Record<AffiliateRequest['status'], { label: string; tone: Tone }> = {
  requested: { label: 'Waiting', tone: 'info' },
  approved: { label: 'Approved', tone: 'success' },
  rejected: { label: 'Rejected', tone: 'danger' },
  withdrawn: { label: 'Withdrawn', tone: 'neutral' },
};

/** "1 h", "25 h": whole hours, as the review promise counts them. */
export const hours = (n: number): string => `${n}\u00a0h`;

/** The reason a referral's or a cluster's rejection may carry: the referrer is shown it. */
export const REJECT_REASON = {
  label: 'Reason (optional)',
  hint: 'Shown to the referrer with the reversed earnings.',
  maxLength: 500,
  multiline: true,
} as const;
