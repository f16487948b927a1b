/** How the E-mail section puts the server's codes into words, and a message's text into links. Pure. */
import type { ResponseOf } from '../../api/client.ts';
import type { Tone } from '../../components/Badge.tsx';
import { duration, plural } from '../../format.ts';

export type EmailList = ResponseOf<'/api/admin/emails'>;
export type EmailSummary = EmailList['emails'][number];
export type EmailStatus = EmailSummary['status'];
export type EmailMessage = ResponseOf<'/api/admin/emails/{id}'>;

export const EMAIL_STATUS: Record<EmailStatus, { label: string; tone: Tone }> = {
  queued: { label: 'Queued', tone: 'info' },
  sent: { label: 'Sent', tone: 'success' },
  outbox: { label: 'In the outbox', tone: 'neutral' },
  failed: { label: 'Failed', tone: 'danger' },
};

const KIND: Record<string, string> = {
  verify_email: 'Address confirmation',
  password_reset: 'Password reset',
  earnings_digest: 'Earnings digest',
  money_available: 'Money available',
  payout_requested: 'Payout requested',
  payout_approved: 'Payout approved',
  payout_paid: 'Payout paid',
  payout_rejected: 'Payout rejected',
  payout_returned: 'Payout returned',
  affiliate_approved: 'Affiliate access approved',
  affiliate_rejected: 'Affiliate request turned down',
  referral_held: 'Referral held for review',
  referral_approved: 'Referral approved',
  referral_rejected: 'Referral rejected',
};

/** What a message is about, in words; a kind this page does not know yet is shown readably. */
export function emailKind(kind: string): string {
  const known = KIND[kind];
  if (known) return known;
  const words = kind.replace(/_/g, ' ').trim();
  return words ? words[0]?.toUpperCase() + words.slice(1) : 'Message';
}

/** Where the platform's mail goes, and whether its bodies can be read here. */
export function transportWords(list: Pick<EmailList, 'transport' | 'bodiesReadable'>): string {
  if (list.transport === 'smtp') {
    return 'Mail is sent through the SMTP server in SMTP_URL. Only its delivery is shown here, not what it said.';
  }
  return list.bodiesReadable
    ? 'SMTP_URL is not set, so no mail leaves this server: each message is kept in the outbox below, where you can read it and follow its links.'
    : 'SMTP_URL is not set, so no mail leaves this server: messages are kept in the outbox, and nobody receives them. Set SMTP_URL to send them.';
}

export type TextPart = { text: string } | { url: string };

// A URL ends before a space or a bracket or quote around it; punctuation closing a sentence is not part of it.
const LINK = /https?:\/\/[^\s<>"'()[\]{}]+/g;
const TRAILING = /[.,;:!?]+$/;

/** A message's text, cut into plain text and the web addresses in it, in order. */
export function textWithLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let from = 0;
  for (const match of text.matchAll(LINK)) {
    const url = match[0].replace(TRAILING, '');
    const at = match.index;
    if (at > from) parts.push({ text: text.slice(from, at) });
    parts.push({ url });
    from = at + url.length;
  }
  if (from < text.length) parts.push({ text: text.slice(from) });
  return parts;
}

/** What a message's subject line shows; it is only written at the first try. */
export const subjectOf = (e: Pick<EmailSummary, 'subject' | 'kind'>): string =>
  e.subject ?? `${emailKind(e.kind)} (not written yet)`;

/**
 * Where a message's delivery is at, in a few words; null when its status says it all (not
 * tried yet, kept in the outbox, or sent within a minute of being queued).
 */
export function deliveryWords(e: EmailSummary): string | null {
  const tries = plural(e.attempts, 'try', 'tries');
  switch (e.status) {
    case 'queued':
      return e.attempts ? `${tries} so far` : null;
    case 'failed':
      return `Gave up after ${tries}`;
    case 'outbox':
      return null;
    case 'sent': {
      const late = e.sentAt ? new Date(e.sentAt).getTime() - new Date(e.createdAt).getTime() : 0;
      if (late < 60_000) return null;
      return `Sent ${duration(late)} after it was queued${e.attempts > 1 ? `, at the ${ordinal(e.attempts)} try` : ''}`;
    }
  }
}

/** 2 → "2nd": how many tries a message took. */
const ordinal = (n: number): string => {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
};
