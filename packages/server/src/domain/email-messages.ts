import { escapeHtml } from './html.ts';
import { euros } from './money.ts';

/**
 * What the platform writes to people, pure: a message's facts in, its subject and its text and
 * HTML parts out. Both parts are drawn from one description (heading, paragraphs, a list, one
 * action), so they always say the same thing. Facts are JSON (they wait in the outbox), so
 * times are ISO strings.
 */

/** How long the links in these messages work. */
export const VERIFY_TTL_HOURS = 7 * 24;
export const RESET_TTL_MINUTES = 60;

export interface EarningFact {
  kind: 'install_bounty' | 'commission' | 'reinstatement';
  amountCents: number;
  /** The referee, masked (an***@example.com). */
  referee: string | null;
  /** When it becomes available; null while it waits for the operator's review. */
  holdUntil: string | null;
}

export type EmailMessage =
  | { kind: 'verify_email'; token: string }
  | { kind: 'password_reset'; token: string }
  | { kind: 'earnings_digest'; earnings: EarningFact[]; more: number; totalCents: number }
  | {
      kind: 'money_available';
      amountCents: number;
      availableCents: number;
      minPayoutCents: number;
      /** The address is confirmed: a payout can be asked for (else that comes first). */
      emailConfirmed: boolean;
      /** A payout request is open: the next one waits for it. */
      payoutOpen: boolean;
    }
  | { kind: 'payout_requested' | 'payout_approved'; amountCents: number; method: PayoutMethodName; detailsHint: string }
  | { kind: 'payout_paid'; amountCents: number; method: PayoutMethodName; detailsHint: string; reference: string }
  | { kind: 'payout_rejected'; amountCents: number; reason: string }
  | { kind: 'payout_returned'; amountCents: number; method: PayoutMethodName; detailsHint: string; reason: string }
  | { kind: 'affiliate_approved'; reviewHours: number }
  | { kind: 'affiliate_rejected'; reason: string }
  | { kind: 'referral_held'; referee: string }
  | { kind: 'referral_approved'; referee: string }
  | { kind: 'referral_rejected'; referee: string; note: string | null };

export type EmailKind = EmailMessage['kind'];
type PayoutMethodName = 'paypal' | 'bank_transfer';

/** Programme news an ambassador can turn off; every other message is about their own action or money. */
export const UNSUBSCRIBABLE: ReadonlySet<EmailKind> = new Set(['earnings_digest', 'money_available']);

export interface RenderContext {
  /** The dashboard's origin, for links. */
  origin: string;
  /** The one-click unsubscribe link, for the kinds that carry one. */
  unsubscribeUrl: string | null;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

interface Body {
  heading: string;
  paragraphs: string[];
  list?: string[];
  action?: { label: string; url: string };
  /** Small print under the action. */
  note?: string;
}

const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const day = (iso: string) => DATE.format(new Date(iso));
const methodWords = (m: PayoutMethodName, hint: string) =>
  m === 'paypal' ? `PayPal (${hint})` : `bank transfer to the IBAN ${hint}`;

function earningLine(e: EarningFact): string {
  const who = e.referee ?? 'a referred account';
  const what =
    e.kind === 'install_bounty'
      ? `install bounty: ${who} installed the widget`
      : e.kind === 'commission'
        ? `commission on a payment by ${who}`
        : `given back to you: a dispute on ${who}'s payment was won`;
  const when = e.holdUntil ? `available on ${day(e.holdUntil)}` : 'waiting for a review';
  return `${euros(e.amountCents)}, ${what} (${when})`;
}

function describe(m: EmailMessage, origin: string): { subject: string; body: Body } {
  const app = (path: string) => `${origin}/app/${path}`;
  switch (m.kind) {
    case 'verify_email':
      return {
        subject: 'Confirm your e-mail address',
        body: {
          heading: 'Confirm your e-mail address',
          paragraphs: [
            'Welcome to Callbell. Confirm that this address is yours, so we can tell you about your rewards and pay them out.',
          ],
          action: { label: 'Confirm my address', url: `${app('verify')}?token=${encodeURIComponent(m.token)}` },
          note: `The link works once, for ${VERIFY_TTL_HOURS / 24} days. If you did not create an account, ignore this message.`,
        },
      };
    case 'password_reset':
      return {
        subject: 'Reset your password',
        body: {
          heading: 'Reset your password',
          paragraphs: ['Someone, hopefully you, asked to reset the password of your Callbell account.'],
          action: { label: 'Choose a new password', url: `${app('reset')}?token=${encodeURIComponent(m.token)}` },
          note: `The link works once, for ${RESET_TTL_MINUTES} minutes, and logs out every other session. If you did not ask, ignore this message: your password stays as it is.`,
        },
      };
    case 'earnings_digest':
      return {
        subject: `You earned ${euros(m.totalCents)} in rewards`,
        body: {
          heading: `You earned ${euros(m.totalCents)}`,
          paragraphs: [
            m.earnings.length + m.more === 1
              ? 'A new reward since our last message:'
              : `${m.earnings.length + m.more} new rewards since our last message:`,
          ],
          list: [...m.earnings.map(earningLine), ...(m.more ? [`and ${m.more} more`] : [])],
          action: { label: 'See your rewards', url: app('rewards') },
          note: 'Rewards wait out a hold period before you can request them, in case a payment is refunded.',
        },
      };
    case 'money_available': {
      const enough = m.availableCents >= m.minPayoutCents;
      const canRequest = enough && m.emailConfirmed && !m.payoutOpen;
      const next = !enough
        ? `Payouts start at ${euros(m.minPayoutCents)}: ${euros(m.minPayoutCents - m.availableCents)} to go.`
        : m.payoutOpen
          ? 'You have a payout request being processed: once it is paid, you can ask for this too.'
          : m.emailConfirmed
            ? 'That is enough for a payout: request it by PayPal or bank transfer.'
            : 'That is enough for a payout. Confirm your e-mail address first (the link is in our welcome message, or ask for a new one on the Rewards page), then request it.';
      return {
        subject: canRequest
          ? `${euros(m.availableCents)} is ready to be paid out`
          : `${euros(m.amountCents)} of rewards is now available`,
        body: {
          heading: `${euros(m.amountCents)} is now available`,
          paragraphs: [
            `Rewards worth ${euros(m.amountCents)} finished their hold. Your available balance is ${euros(m.availableCents)}.`,
            next,
          ],
          action: { label: canRequest ? 'Request a payout' : 'See your rewards', url: app('rewards') },
        },
      };
    }
    case 'payout_requested':
      return {
        subject: `We received your payout request for ${euros(m.amountCents)}`,
        body: {
          heading: 'Payout requested',
          paragraphs: [
            `You asked for ${euros(m.amountCents)} by ${methodWords(m.method, m.detailsHint)}. We check every request before the money leaves, and write to you at each step.`,
          ],
          action: { label: 'Follow your payout', url: app('rewards') },
        },
      };
    case 'payout_approved':
      return {
        subject: `Your payout of ${euros(m.amountCents)} is approved`,
        body: {
          heading: 'Payout approved',
          paragraphs: [
            `Your payout of ${euros(m.amountCents)} is approved and goes out with the next batch, by ${methodWords(m.method, m.detailsHint)}.`,
          ],
          action: { label: 'Follow your payout', url: app('rewards') },
        },
      };
    case 'payout_paid':
      return {
        subject: `Your payout of ${euros(m.amountCents)} is on its way`,
        body: {
          heading: 'Payout sent',
          paragraphs: [
            `We sent ${euros(m.amountCents)} by ${methodWords(m.method, m.detailsHint)}, with the reference ${m.reference}.`,
            m.method === 'paypal'
              ? 'It usually shows in your PayPal account within minutes.'
              : 'A SEPA transfer usually arrives within one or two working days.',
          ],
          action: { label: 'See your payouts', url: app('rewards') },
        },
      };
    case 'payout_rejected':
      return {
        subject: `Your payout request for ${euros(m.amountCents)} was not approved`,
        body: {
          heading: 'Payout not approved',
          paragraphs: [
            `We did not approve your payout request for ${euros(m.amountCents)}. The reason: ${m.reason}`,
            'The money is back in your available balance, so you can correct what is needed and ask again.',
          ],
          action: { label: 'See your rewards', url: app('rewards') },
        },
      };
    case 'payout_returned':
      return {
        subject: `Your payout of ${euros(m.amountCents)} came back: please check your details`,
        body: {
          heading: 'Payout returned',
          paragraphs: [
            `The ${euros(m.amountCents)} we sent by ${methodWords(m.method, m.detailsHint)} came back to us. The reason: ${m.reason}`,
            'The money is back in your available balance. Check your payout details (the IBAN and the account holder’s name, or your PayPal address), then request the payout again with the corrected details.',
          ],
          action: { label: 'Correct and request again', url: app('rewards') },
        },
      };
    case 'affiliate_approved':
      return {
        subject: 'Your affiliate platform is open',
        body: {
          heading: 'Welcome to the affiliate platform',
          paragraphs: ['Your request was approved. What to do next:'],
          list: [
            'Look at your statistics per day, by source, campaign and widget, and download them as CSV.',
            'Create an API key to pull the same statistics into your own tools.',
            'Pick a banner and paste its embed code into your site or newsletter: clicks on it count as yours.',
          ],
          action: { label: 'Open the affiliate platform', url: app('affiliate') },
          note: `We answer every access request within ${m.reviewHours} hours; reply to this message if something is missing.`,
        },
      };
    case 'affiliate_rejected':
      return {
        subject: 'About your affiliate platform request',
        body: {
          heading: 'Your request was not approved',
          paragraphs: [
            `We looked at your request for the affiliate platform and did not approve it this time. The reason: ${m.reason}`,
            'Your referral link and rewards work as before, and you can ask again once things change.',
          ],
          action: { label: 'See your rewards', url: app('rewards') },
        },
      };
    case 'referral_held':
      return {
        subject: 'A new referral is held for review',
        body: {
          heading: 'A referral is held for review',
          paragraphs: [
            `${m.referee} signed up with your referral link. Some of its details need a person to look at them, so what it earns you waits on hold until our review; you do not need to do anything.`,
          ],
          action: { label: 'See your referrals', url: app('rewards') },
        },
      };
    case 'referral_approved':
      return {
        subject: 'Your referral passed its review',
        body: {
          heading: 'Referral approved',
          paragraphs: [
            `We reviewed your referral of ${m.referee} and approved it. What it earns follows the usual hold period.`,
          ],
          action: { label: 'See your rewards', url: app('rewards') },
        },
      };
    case 'referral_rejected':
      return {
        subject: 'Your referral did not pass its review',
        body: {
          heading: 'Referral not approved',
          paragraphs: [
            `We reviewed your referral of ${m.referee} and did not approve it${m.note ? `: ${m.note}` : '.'}`,
            'What it had earned is reversed, and it earns nothing more. Your other referrals are not affected.',
          ],
          action: { label: 'See your rewards', url: app('rewards') },
        },
      };
  }
}

const FOOTER = 'Callbell Rewards: every site with your widget earns you rewards.';

/** The message's subject and its text and HTML parts. */
export function renderEmail(m: EmailMessage, ctx: RenderContext): RenderedEmail {
  const { subject, body } = describe(m, ctx.origin);
  const unsubscribe = UNSUBSCRIBABLE.has(m.kind) ? ctx.unsubscribeUrl : null;
  const text = [
    body.heading,
    '',
    ...body.paragraphs.flatMap((p) => [p, '']),
    ...(body.list ? [...body.list.map((l) => `- ${l}`), ''] : []),
    ...(body.action ? [`${body.action.label}: ${body.action.url}`, ''] : []),
    ...(body.note ? [body.note, ''] : []),
    '--',
    FOOTER,
    ...(unsubscribe ? [`Stop these e-mails: ${unsubscribe}`] : []),
  ].join('\n');

  const e = escapeHtml;
  const p = (s: string, style = '') => `<p style="margin:0 0 16px${style}">${e(s)}</p>`;
  const action = body.action
    ? `<p style="margin:24px 0"><a href="${e(body.action.url)}" style="display:inline-block;background:#1d4ed8;color:#ffffff;padding:12px 20px;border-radius:8px;font-weight:600;text-decoration:none">${e(body.action.label)}</a></p>
<p style="margin:0 0 16px;font-size:14px;color:#4b5563">If the button does not work, open this address: <a href="${e(body.action.url)}" style="color:#1d4ed8;word-break:break-all">${e(body.action.url)}</a></p>`
    : '';
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(subject)}</title></head>
<body style="margin:0;padding:0;background:#f5f7fb;color:#111827;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif">
<div role="article" aria-label="${e(subject)}" style="max-width:560px;margin:0 auto;padding:24px 16px">
<p style="margin:0 0 16px;font-weight:700;font-size:18px"><span aria-hidden="true">⚡</span> Callbell</p>
<div style="background:#ffffff;border-radius:12px;padding:24px;border:1px solid #e5e7eb">
<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3">${e(body.heading)}</h1>
${body.paragraphs.map((x) => p(x)).join('\n')}
${body.list ? `<ul style="margin:0 0 16px;padding-left:20px">${body.list.map((l) => `<li style="margin:0 0 6px">${e(l)}</li>`).join('')}</ul>` : ''}
${action}
${body.note ? p(body.note, ';font-size:14px;color:#4b5563') : ''}
</div>
<p style="margin:16px 0 0;font-size:13px;color:#4b5563">${e(FOOTER)}${unsubscribe ? ` <a href="${e(unsubscribe)}" style="color:#4b5563">Stop these e-mails</a>.` : ''}</p>
</div></body></html>`;
  return { subject, text, html };
}

/** Minutes to wait after each failed attempt to send; after the last, the message is given up. */
const RETRY_MINUTES = [1, 5, 30, 120, 360] as const;

/**
 * How long to wait before trying a message again after its `attempts`th failed attempt, or null
 * when that was the last: six tries over about nine hours, then the operator is shown it failed.
 */
export function retryDelayMs(attempts: number): number | null {
  const minutes = RETRY_MINUTES[attempts - 1];
  return minutes === undefined ? null : minutes * 60_000;
}
