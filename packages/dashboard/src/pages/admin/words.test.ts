import { describe, expect, it } from 'vitest';
import { canRefund, centsOf, clockReport, daysOf, disputeSteps, typedEuros } from './demo-words.ts';
import { emailKind, textWithLinks } from './email-words.ts';
import { invoice } from './fixtures.ts';

describe('an amount typed in euros', () => {
  it('is read in cents, with a comma or a point, with or without the euro sign', () => {
    expect(centsOf('12.50')).toBe(1250);
    expect(centsOf('12,5')).toBe(1250);
    expect(centsOf(' €12 ')).toBe(1200);
    expect(centsOf('0.07')).toBe(7);
    expect(centsOf('49.00 €')).toBe(4900);
  });

  it('is refused when it is not one', () => {
    for (const typed of ['', '-5', '1,234.50', '12.345', 'ten', '1e3', '.50']) expect(centsOf(typed)).toBeNull();
  });

  it('is proposed as a person types it', () => {
    expect(typedEuros(3900)).toBe('39.00');
    expect(typedEuros(7)).toBe('0.07');
    expect(typedEuros(123456)).toBe('1234.56');
  });
});

describe('days typed to skip', () => {
  it('are a whole number from 1 to 90', () => {
    expect(daysOf('25')).toBe(25);
    expect(daysOf(' 90 ')).toBe(90);
    for (const typed of ['', '0', '91', '2.5', '-3', '1e1', 'ten']) expect(daysOf(typed)).toBeNull();
  });
});

describe('what moving the clock did', () => {
  it('says each thing that followed, in words', () => {
    expect(clockReport({ now: '', skippedDays: 30, renewed: 0, available: 2, reversed: 1 })).toBe(
      '2 earnings became available; 1 install bounty reversed: its widget was not seen.',
    );
    expect(clockReport({ now: '', skippedDays: 30, renewed: 3, available: 1, reversed: 2 })).toBe(
      '3 subscription renewals billed; 1 earning became available; 2 install bounties reversed: their widgets were not seen.',
    );
    expect(clockReport({ now: '', skippedDays: 1, renewed: 0, available: 0, reversed: 0 })).toBe(
      'No hold ended and nothing was reversed.',
    );
  });
});

describe('the steps an invoice offers', () => {
  it('follow from its dispute and what is left of it', () => {
    expect(disputeSteps(invoice())).toEqual(['open']);
    expect(disputeSteps(invoice({ disputeStatus: 'needs_response' }))).toEqual(['won', 'lost']);
    expect(disputeSteps(invoice({ disputeStatus: 'won' }))).toEqual([]);
    expect(disputeSteps(invoice({ refundedCents: 4900 }))).toEqual([]);
    expect(canRefund(invoice({ refundedCents: 4000 }))).toBe(true);
    expect(canRefund(invoice({ refundedCents: 4900 }))).toBe(false);
    expect(canRefund(invoice({ disputeStatus: 'needs_response' }))).toBe(false);
    expect(canRefund(invoice({ disputeStatus: 'won' }))).toBe(true);
  });
});

describe('a message in words', () => {
  it('names its kind, and a kind not known yet readably', () => {
    expect(emailKind('verify_email')).toBe('Address confirmation');
    expect(emailKind('quarterly_report')).toBe('Quarterly report');
  });

  it('cuts its text into text and links, leaving out what closes a sentence', () => {
    expect(
      textWithLinks(
        'Confirm: https://x.test/app/verify?token=a%2Bb. Or (see https://x.test/help), then http://x.test!',
      ),
    ).toEqual([
      { text: 'Confirm: ' },
      { url: 'https://x.test/app/verify?token=a%2Bb' },
      { text: '. Or (see ' },
      { url: 'https://x.test/help' },
      { text: '), then ' },
      { url: 'http://x.test' },
      { text: '!' },
    ]);
    expect(textWithLinks('No link here')).toEqual([{ text: 'No link here' }]);
    expect(textWithLinks('javascript:alert(1) ftp://x.test')).toEqual([{ text: 'javascript:alert(1) ftp://x.test' }]);
  });
});
