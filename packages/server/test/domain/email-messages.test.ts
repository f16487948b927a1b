import { describe, expect, it } from 'vitest';
import { type EmailMessage, renderEmail, retryDelayMs, UNSUBSCRIBABLE } from '../../src/domain/email-messages.ts';

const ctx = {
  origin: 'https://app.callbell.test',
  unsubscribeUrl: 'https://app.callbell.test/app/unsubscribe?token=t',
};

const EVERY: EmailMessage[] = [
  { kind: 'verify_email', token: 'a/b+c' },
  { kind: 'password_reset', token: 'x' },
  {
    kind: 'earnings_digest',
    earnings: [{ kind: 'reinstatement', amountCents: 870, referee: null, holdUntil: null }],
    more: 0,
    totalCents: 870,
  },
  {
    kind: 'money_available',
    amountCents: 1000,
    availableCents: 6000,
    minPayoutCents: 5000,
    emailConfirmed: true,
    payoutOpen: false,
  },
  { kind: 'payout_requested', amountCents: 6000, method: 'paypal', detailsHint: 'a•••@example.com' },
  { kind: 'payout_approved', amountCents: 6000, method: 'bank_transfer', detailsHint: '•••• 3000' },
  { kind: 'payout_paid', amountCents: 6000, method: 'paypal', detailsHint: 'a•••@example.com', reference: 'R1' },
  { kind: 'payout_rejected', amountCents: 6000, reason: 'Closed account' },
  {
    kind: 'payout_returned',
    amountCents: 6000,
    method: 'bank_transfer',
    detailsHint: '•••• 3000',
    reason: 'Account closed (AC04)',
  },
  { kind: 'affiliate_approved', reviewHours: 24 },
  { kind: 'affiliate_rejected', reason: 'No site yet' },
  { kind: 'referral_held', referee: 'b***@example.com' },
  { kind: 'referral_approved', referee: 'b***@example.com' },
  { kind: 'referral_rejected', referee: 'b***@example.com', note: null },
];

describe('renderEmail', () => {
  it.each(EVERY)('$kind: a subject, and text and HTML that say the same', (m) => {
    const r = renderEmail(m, ctx);
    expect(r.subject.length).toBeGreaterThan(5);
    const heading = r.text.split('\n')[0] ?? '';
    expect(r.html).toContain(`<title>${r.subject}</title>`);
    expect(r.html).toContain(heading);
    // The unsubscribe link only where there is something to stop.
    expect(r.text.includes(ctx.unsubscribeUrl)).toBe(UNSUBSCRIBABLE.has(m.kind));
  });

  it('escapes what people wrote into the HTML, and encodes tokens into links', () => {
    const r = renderEmail(
      { kind: 'payout_rejected', amountCents: 100, reason: '<img src=x onerror=alert(1)> & "so"' },
      ctx,
    );
    expect(r.html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;so&quot;');
    expect(r.html).not.toContain('<img');
    expect(r.text).toContain('The reason: <img src=x onerror=alert(1)> & "so"');
    const v = renderEmail({ kind: 'verify_email', token: 'a/b+c' }, ctx);
    expect(v.text).toContain('https://app.callbell.test/app/verify?token=a%2Fb%2Bc');
  });

  it('tells a returned payout’s reason and asks for corrected details', () => {
    const r = renderEmail(
      {
        kind: 'payout_returned',
        amountCents: 6010,
        method: 'bank_transfer',
        detailsHint: '•••• 3000',
        reason: 'Account closed (AC04)',
      },
      ctx,
    );
    expect(r.subject).toBe('Your payout of €60.10 came back: please check your details');
    expect(r.text).toContain(
      'by bank transfer to the IBAN •••• 3000 came back to us. The reason: Account closed (AC04)',
    );
    expect(r.text).toContain('request the payout again with the corrected details');
    expect(r.text).toContain('Correct and request again: https://app.callbell.test/app/rewards');
  });

  it('says what stands between available money and a payout', () => {
    const note = (over: object) =>
      renderEmail(
        {
          kind: 'money_available',
          amountCents: 2500,
          availableCents: 5500,
          minPayoutCents: 5000,
          emailConfirmed: true,
          payoutOpen: false,
          ...over,
        },
        ctx,
      );
    expect(note({}).subject).toBe('€55.00 is ready to be paid out');
    expect(note({}).text).toContain('Request a payout: https://app.callbell.test/app/rewards');
    expect(note({ availableCents: 3000 }).text).toContain('Payouts start at €50.00: €20.00 to go.');
    const unconfirmed = note({ emailConfirmed: false });
    expect(unconfirmed.subject).toBe('€25.00 of rewards is now available');
    expect(unconfirmed.text).toContain('Confirm your e-mail address first');
    expect(unconfirmed.text).not.toContain('Request a payout:');
    expect(note({ payoutOpen: true }).text).toContain('once it is paid, you can ask for this too');
  });

  it('tries a failed message six times over about nine hours', () => {
    const waits = [1, 2, 3, 4, 5, 6].map(retryDelayMs);
    expect(waits).toEqual([60_000, 300_000, 1_800_000, 7_200_000, 21_600_000, null]);
  });
});
