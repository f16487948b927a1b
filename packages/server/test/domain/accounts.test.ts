import { describe, expect, it } from 'vitest';
import { canonicalEmail, isDisposableEmail, normaliseEmail, passwordProblem } from '../../src/domain/accounts.ts';
import { chooseAttribution, decodeAttribution, encodeAttribution, suspicion } from '../../src/domain/attribution.ts';
import {
  aliveAtHoldEnd,
  balancesOf,
  initialState,
  reinstatementPlacement,
  takeBackKind,
} from '../../src/domain/ledger.ts';

describe('accounts', () => {
  it.each([
    [' Ana@Example.COM ', 'ana@example.com'],
    ['a.b+c@sub.example.co.uk', 'a.b+c@sub.example.co.uk'],
    ['no-at-sign', null],
    ['two@@example.com', null],
    ['space in@example.com', null],
    ['x@nodot', null],
    [`${'a'.repeat(65)}@example.com`, null],
    [`a@${'b'.repeat(250)}.com`, null],
  ])('normaliseEmail(%j) = %j', (raw, expected) => {
    expect(normaliseEmail(raw)).toBe(expected);
  });

  it.each([
    ['Jane.Doe+promo@Gmail.com', 'janedoe@gmail.com'],
    ['janedoe@googlemail.com', 'janedoe@gmail.com'],
    ['jane.doe+x@example.com', 'jane.doe@example.com'],
    ['jane.doe@example.com', 'jane.doe@example.com'],
  ])('canonicalEmail(%j) = %j', (email, expected) => {
    expect(canonicalEmail(email)).toBe(expected);
  });

  it('knows disposable domains and their subdomains, and nothing else', () => {
    expect(isDisposableEmail('x@mailinator.com')).toBe(true);
    expect(isDisposableEmail('x@eu.mailinator.com')).toBe(true);
    expect(isDisposableEmail('x@notmailinator.com')).toBe(false);
    expect(isDisposableEmail('x@gmail.com')).toBe(false);
  });

  it('asks for passwords of 10 to 200 characters', () => {
    expect(passwordProblem('123456789')).toMatch(/at least 10/);
    expect(passwordProblem('1234567890')).toBeNull();
    expect(passwordProblem('x'.repeat(201))).toMatch(/at most 200/);
  });
});

describe('attribution', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  const at = (daysAgo: number) => now.getTime() / 1000 - daysAgo * 86_400;

  it('takes the cookie inside the window, the parameter outside it, nothing without either', () => {
    const cookie = { code: 'abcd2345', clickId: '7', at: at(89.99) };
    expect(chooseAttribution({ cookie, param: 'zzzz2345', now, windowDays: 90 })).toEqual({
      code: 'abcd2345',
      clickId: '7',
      via: 'cookie',
    });
    const old = { ...cookie, at: at(90) };
    expect(chooseAttribution({ cookie: old, param: 'zzzz2345', now, windowDays: 90 })).toEqual({
      code: 'zzzz2345',
      clickId: null,
      via: 'param',
    });
    expect(chooseAttribution({ cookie: old, param: null, now, windowDays: 90 })).toBeNull();
    // A click from the future (a clock skew or a forged value) is not trusted.
    expect(chooseAttribution({ cookie: { ...cookie, at: at(-1) }, param: null, now, windowDays: 90 })).toBeNull();
  });

  it('round-trips the cookie value and refuses malformed ones', () => {
    const value = { code: 'abcd2345', clickId: '12', at: 1_780_000_000 };
    expect(decodeAttribution(encodeAttribution(value))).toEqual(value);
    for (const bad of ['', 'abcd2345', 'ABCD.1.2', 'abcd2345.x.2', 'abcd2345.1.2.3', 'abcd2345.1.']) {
      expect(decodeAttribution(bad)).toBeNull();
    }
  });

  it('flags the referrer’s network and disposable mailboxes', () => {
    const base = {
      refereeEmail: 'a@example.com',
      refereeIpHash: 'h1',
      referrerIpHash: 'h2',
      isDisposable: isDisposableEmail,
    };
    expect(suspicion(base)).toBeNull();
    expect(suspicion({ ...base, referrerIpHash: 'h1' })).toBe('same_ip');
    expect(suspicion({ ...base, referrerIpHash: null })).toBeNull();
    expect(suspicion({ ...base, refereeEmail: 'a@yopmail.com' })).toBe('disposable_email');
  });
});

describe('ledger rules', () => {
  it('starts earnings by the referral’s review', () => {
    expect(initialState('none')).toBe('pending');
    expect(initialState('approved')).toBe('pending');
    expect(initialState('flagged')).toBe('on_hold');
    expect(initialState('rejected')).toBeNull();
  });

  it('takes back by reversal in the hold, by clawback after it', () => {
    expect(takeBackKind('pending')).toBe('reversal');
    expect(takeBackKind('on_hold')).toBe('reversal');
    expect(takeBackKind('available')).toBe('clawback');
    expect(takeBackKind('paid')).toBe('clawback');
    expect(takeBackKind('reversed')).toBeNull();
  });

  it('counts a widget alive with a ping inside the liveness window before the hold end, or after it', () => {
    const end = new Date('2026-04-01T00:00:00Z');
    const day = 86_400_000;
    expect(aliveAtHoldEnd(null, end, 7)).toBe(false);
    expect(aliveAtHoldEnd(new Date(end.getTime() - 7 * day), end, 7)).toBe(true);
    expect(aliveAtHoldEnd(new Date(end.getTime() - 7 * day - 1), end, 7)).toBe(false);
    expect(aliveAtHoldEnd(new Date(end.getTime() + day), end, 7)).toBe(true);
  });

  it('sums balances by state, with payout-held entries apart', () => {
    const b = balancesOf([
      { kind: 'commission', state: 'pending', amountCents: 300, payoutId: null },
      { kind: 'reversal', state: 'pending', amountCents: -100, payoutId: null },
      { kind: 'install_bounty', state: 'available', amountCents: 1000, payoutId: null },
      { kind: 'commission', state: 'available', amountCents: 5000, payoutId: '1' },
      { kind: 'clawback', state: 'available', amountCents: -250, payoutId: null },
      { kind: 'commission', state: 'paid', amountCents: 700, payoutId: '0' },
      { kind: 'commission', state: 'reversed', amountCents: 400, payoutId: null },
      { kind: 'reversal', state: 'reversed', amountCents: -400, payoutId: null },
      { kind: 'install_bounty', state: 'on_hold', amountCents: 1000, payoutId: null },
    ]);
    expect(b).toEqual({
      pendingCents: 200,
      onHoldCents: 1000,
      availableCents: 750,
      processingCents: 5000,
      paidCents: 700,
      reversedCents: 500,
      clawedBackCents: 250,
      reinstatedCents: 0,
    });
  });

  it('places money given back as the take-back it undoes would have been, or as a fresh earning', () => {
    expect(reinstatementPlacement('pending')).toBe('with_hold');
    expect(reinstatementPlacement('on_hold')).toBe('with_hold');
    expect(reinstatementPlacement('available')).toBe('available');
    expect(reinstatementPlacement('paid')).toBe('available');
    expect(reinstatementPlacement('reversed')).toBe('fresh');
  });

  it('counts a reinstatement in the balance of its state and in what was given back, never in what was taken back', () => {
    const b = balancesOf([
      { kind: 'commission', state: 'available', amountCents: 3000, payoutId: null },
      { kind: 'clawback', state: 'available', amountCents: -1800, payoutId: null },
      { kind: 'reinstatement', state: 'available', amountCents: 1800, payoutId: null },
      { kind: 'commission', state: 'reversed', amountCents: 500, payoutId: null },
      { kind: 'reversal', state: 'reversed', amountCents: -500, payoutId: null },
      { kind: 'reinstatement', state: 'pending', amountCents: 500, payoutId: null },
    ]);
    expect(b).toEqual({
      pendingCents: 500,
      onHoldCents: 0,
      availableCents: 3000,
      processingCents: 0,
      paidCents: 0,
      reversedCents: 500,
      clawedBackCents: 1800,
      reinstatedCents: 2300,
    });
  });
});
