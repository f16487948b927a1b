import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { accountBalances, insertEntry } from '../../src/db/queries/ledger.ts';
import type { EntryKind, EntryState } from '../../src/domain/ledger.ts';
import { decryptDetails } from '../../src/domain/payout-details.ts';
import { type TestClock, testClock } from '../clock.ts';
import { describeEachDb } from '../databases.ts';
import { testApp } from '../fixtures.ts';
import { as, signUp, type TestUser } from '../sessions.ts';

const IBAN = 'DE89 3704 0044 0532 0130 00';
const BANK = { method: 'bank_transfer', iban: IBAN, holderName: 'Ana López' } as const;
const PAYPAL = { method: 'paypal', email: 'Ana.Lopez@Example.com' } as const;
const euro = (cents: number) => `€${(cents / 100).toFixed(2)}`;
const START = '2026-03-01T10:00:00Z';

describeEachDb('/api/payouts', (db) => {
  let app: FastifyInstance;
  let clock: TestClock;
  let ana: TestUser;
  // One app for the suite, its clock set back before each test (as billing.test.ts does): the
  // database is emptied between tests, and Ana signs up from an address of her own each time,
  // so the sign-up limit per address never carries over.
  let shared: FastifyInstance;
  let n = 0;
  beforeAll(async () => {
    clock = testClock(START);
    shared = await testApp(db(), {}, clock);
  });
  afterAll(() => shared.close());
  beforeEach(async () => {
    clock.set(START);
    app = shared;
    n++;
    ana = await signUp(app, { ip: `203.0.113.${100 + n}` });
  });
  afterEach(async () => {
    if (app !== shared) await app.close();
  });

  let seq = 0;
  /** A ledger entry of the account, available now unless told otherwise. */
  const entry = (user: TestUser, amountCents: number, state: EntryState = 'available', kind?: EntryKind) =>
    insertEntry(db(), {
      accountId: user.id,
      referralId: null,
      kind: kind ?? (amountCents < 0 ? 'clawback' : 'commission'),
      amountCents,
      state,
      sourceKey: `test:${++seq}`,
      reason: amountCents < 0 ? 'Invoice refunded after the hold' : null,
      createdAt: clock.now(),
      availableAt: state === 'available' ? clock.now() : null,
    });
  const request = (user: TestUser, payload: object = BANK) =>
    as(app, user)({ method: 'POST', url: '/api/payouts', payload });
  const history = (user: TestUser) => as(app, user)({ method: 'GET', url: '/api/payouts' });
  const payoutRows = () =>
    db().query<{
      id: string;
      account_id: string;
      amount_cents: number;
      details_encrypted: string;
      details_hint: string;
    }>(
      'select public_id as id, account_id, amount_cents, details_encrypted, details_hint from payouts p order by p.id',
    );
  const heldBy = async (payoutId: string) =>
    (
      await db().query<{ amount_cents: number }>(
        'select e.amount_cents from ledger_entries e join payouts p on p.id = e.payout_id where p.public_id = $1',
        [payoutId],
      )
    ).rows.map((r) => r.amount_cents);

  describe('the minimum (€50.00)', () => {
    it('refuses a request below it with 409, naming the minimum and what is available, writing nothing', async () => {
      await entry(ana, 3000);
      await entry(ana, 1999);
      await entry(ana, 5000, 'pending'); // not available yet: does not count
      const res = await request(ana);
      expect(res.statusCode).toBe(409);
      expect(res.json()).toEqual({
        error: 'below_minimum',
        message: 'Payouts start at €50.00 available; you have €49.99 available',
      });
      expect((await payoutRows()).rows).toEqual([]);
      expect(await accountBalances(db(), ana.id)).toMatchObject({ availableCents: 4999, processingCents: 0 });
    });

    it('pays exactly the minimum', async () => {
      await entry(ana, 2500);
      await entry(ana, 2500);
      const res = await request(ana);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ amountCents: 5000, status: 'requested', method: 'bank_transfer' });
      expect(await accountBalances(db(), ana.id)).toMatchObject({ availableCents: 0, processingCents: 5000 });
    });

    it('takes the whole available balance above it, and nothing that is not available', async () => {
      for (const cents of [3000, 2500, 1234]) await entry(ana, cents);
      await entry(ana, 1000, 'pending');
      await entry(ana, 1000, 'on_hold');
      await entry(ana, 9000, 'paid');
      const res = await request(ana);
      expect(res.statusCode, res.body).toBe(201);
      const payout = res.json();
      expect(payout.amountCents).toBe(6734);
      expect((await heldBy(payout.id)).sort()).toEqual([1234, 2500, 3000]);
      expect(await accountBalances(db(), ana.id)).toMatchObject({
        availableCents: 0,
        processingCents: 6734,
        pendingCents: 1000,
        onHoldCents: 1000,
        paidCents: 9000,
      });
    });

    it('nets a clawback into the payout it is part of', async () => {
      await entry(ana, 8000);
      await entry(ana, -2000);
      const res = await request(ana);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().amountCents).toBe(6000);
      expect((await heldBy(res.json().id)).sort((a, b) => a - b)).toEqual([-2000, 8000]);
    });

    it('refuses a request while a clawback leaves the balance negative', async () => {
      await entry(ana, 6000, 'paid'); // paid out earlier
      await entry(ana, -1500); // then refunded after the hold
      await entry(ana, 1000, 'pending');
      const res = await request(ana);
      expect(res.statusCode).toBe(409);
      expect(res.json().message).toBe('Payouts start at €50.00 available; you have -€15.00 available');
      expect((await payoutRows()).rows).toEqual([]);
      expect(await accountBalances(db(), ana.id)).toMatchObject({ availableCents: -1500 });
    });

    it('follows MIN_PAYOUT_CENTS, and never pays an empty balance even with a zero minimum', async () => {
      app = await testApp(db(), { MIN_PAYOUT_CENTS: '0' }, clock);
      const res = await request(ana);
      expect(res.statusCode).toBe(409);
      expect(res.json().message).toBe('Payouts start at €0.00 available; you have €0.00 available');
      await entry(ana, 1);
      expect((await request(ana)).statusCode).toBe(201);
    });
  });

  describe('the amount confirmed (expectedAmountCents)', () => {
    it('pays when it is what the request takes', async () => {
      await entry(ana, 4000);
      await entry(ana, 2940);
      const res = await request(ana, { ...BANK, expectedAmountCents: 6940 });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().amountCents).toBe(6940);
      expect(await accountBalances(db(), ana.id)).toMatchObject({ availableCents: 0, processingCents: 6940 });
    });

    it.each([
      ['more became available since', 6940, 8940],
      ['some was taken back since', 6940, 5940],
    ])('refuses with 409 amount_changed when %s, naming the new amount, writing nothing', async (_name, shown, now) => {
      await entry(ana, shown);
      await entry(ana, now - shown);
      const res = await request(ana, { ...BANK, expectedAmountCents: shown });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toEqual({
        error: 'amount_changed',
        message: `Your available balance is now ${euro(now)}, not ${euro(shown)}: check the new amount and request it again`,
      });
      expect((await payoutRows()).rows).toEqual([]);
      expect(await accountBalances(db(), ana.id)).toMatchObject({ availableCents: now, processingCents: 0 });
      // Confirming the new amount goes through.
      expect((await request(ana, { ...BANK, expectedAmountCents: now })).statusCode).toBe(201);
    });

    it('says a balance fallen under the minimum is under it, rather than only changed', async () => {
      await entry(ana, 6000);
      await entry(ana, -2000);
      const res = await request(ana, { ...BANK, expectedAmountCents: 6000 });
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toBe('below_minimum');
    });

    it('refuses an expected amount that is not a whole number of cents with 400', async () => {
      await entry(ana, 6940);
      const res = await request(ana, { ...BANK, expectedAmountCents: 69.4 });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toBe('invalid_request');
      expect((await payoutRows()).rows).toEqual([]);
    });
  });

  describe('one open request per account', () => {
    it('answers a second request with 409 while the first is open, even with new money available', async () => {
      await entry(ana, 5000);
      expect((await request(ana)).statusCode).toBe(201);
      await entry(ana, 7000);
      const res = await request(ana, PAYPAL);
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ error: 'payout_open' });
      expect(res.json().message).toMatch(/€50\.00 requested on 2026-03-01 is still being processed/);
      expect((await payoutRows()).rows).toHaveLength(1);
      expect(await accountBalances(db(), ana.id)).toMatchObject({ availableCents: 7000, processingCents: 5000 });
    });

    it('lets exactly one of several concurrent requests through, holding each entry once', async () => {
      for (const cents of [2000, 2000, 2000, 1500]) await entry(ana, cents);
      const results = await Promise.all(Array.from({ length: 6 }, (_, i) => request(ana, i % 2 ? PAYPAL : BANK)));
      const statuses = results.map((r) => r.statusCode).sort();
      expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
      for (const r of results.filter((r) => r.statusCode === 409)) expect(r.json().error).toBe('payout_open');
      const { rows } = await payoutRows();
      expect(rows).toHaveLength(1);
      expect(rows[0]?.amount_cents).toBe(7500);
      expect((await heldBy(rows[0]?.id ?? '')).reduce((a, b) => a + b, 0)).toBe(7500);
      expect(await accountBalances(db(), ana.id)).toMatchObject({ availableCents: 0, processingCents: 7500 });
    });

    it('lets different accounts request at the same time', async () => {
      const ben = await signUp(app, { ip: '203.0.113.2' });
      await entry(ana, 5000);
      await entry(ben, 6000);
      const [a, b] = await Promise.all([request(ana), request(ben, PAYPAL)]);
      expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
      expect([a.json().amountCents, b.json().amountCents]).toEqual([5000, 6000]);
    });
  });

  describe('the details', () => {
    it('stores them encrypted, bound to the account, with only a hint in the clear', async () => {
      await entry(ana, 5000);
      const res = await request(ana, { ...BANK, iban: 'de89370400440532013000', holderName: '  Ana   López ' });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().detailsHint).toBe('•••• 3000');
      expect(res.body).not.toContain('370400');
      const [row] = (await payoutRows()).rows;
      expect(row?.details_hint).toBe('•••• 3000');
      for (const secret of ['DE89370400440532013000', '3704 0044', 'López']) {
        expect(row?.details_encrypted).not.toContain(secret);
      }
      expect(decryptDetails(row?.details_encrypted ?? '', app.config.payoutKey, ana.id)).toEqual({
        method: 'bank_transfer',
        iban: 'DE89370400440532013000',
        holderName: 'Ana López',
      });
    });

    it('keeps a PayPal address normalised, hinted by its first letter and domain', async () => {
      await entry(ana, 5000);
      const res = await request(ana, PAYPAL);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ method: 'paypal', detailsHint: 'a•••@example.com' });
      const [row] = (await payoutRows()).rows;
      expect(decryptDetails(row?.details_encrypted ?? '', app.config.payoutKey, ana.id)).toEqual({
        method: 'paypal',
        email: 'ana.lopez@example.com',
      });
    });

    it.each([
      ['a bad IBAN checksum', { ...BANK, iban: 'DE88 3704 0044 0532 0130 00' }, 'invalid_iban'],
      ['an IBAN of the wrong length', { ...BANK, iban: 'DE89 3704 0044 0532 0130 0' }, 'invalid_iban'],
      ['no IBAN', { method: 'bank_transfer', holderName: 'Ana' }, 'invalid_iban'],
      ['no holder', { method: 'bank_transfer', iban: IBAN }, 'invalid_holder_name'],
      ['a blank holder', { ...BANK, holderName: '   ' }, 'invalid_holder_name'],
      ['a bad PayPal e-mail', { method: 'paypal', email: 'ana@' }, 'invalid_email'],
      ['no PayPal e-mail', { method: 'paypal' }, 'invalid_email'],
      ['no method', { iban: IBAN, holderName: 'Ana' }, 'invalid_request'],
      ['an unknown method', { method: 'cash', email: 'ana@example.com' }, 'invalid_request'],
      ['a huge IBAN', { ...BANK, iban: 'D'.repeat(65) }, 'invalid_request'],
      ['an IBAN that is not a string', { ...BANK, iban: { country: 'DE' } }, 'invalid_request'],
    ])('refuses %s with 400 and writes nothing', async (_name, payload, error) => {
      await entry(ana, 5000);
      const res = await request(ana, payload);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error, message: expect.any(String) });
      expect((await payoutRows()).rows).toEqual([]);
      expect(await accountBalances(db(), ana.id)).toMatchObject({ availableCents: 5000, processingCents: 0 });
    });

    it('refuses a body that is not JSON', async () => {
      const res = await as(
        app,
        ana,
      )({
        method: 'POST',
        url: '/api/payouts',
        payload: '{"method":',
        headers: { 'content-type': 'application/json' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toBe('invalid_json');
    });
  });

  describe('history', () => {
    it('lists the account’s payouts newest first, with hints, never details', async () => {
      await entry(ana, 5000);
      const first = (await request(ana, PAYPAL)).json();
      await db().query(
        `update payouts set status = 'rejected', reject_reason = 'PayPal account closed' where public_id = $1`,
        [first.id],
      );
      await db().query(
        'update ledger_entries set payout_id = null where payout_id = (select id from payouts where public_id = $1)',
        [first.id],
      );
      clock.advanceDays(1);
      const second = (await request(ana)).json();
      const res = await history(ana);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ availableCents: 0, minPayoutCents: 5000 });
      expect(body.payouts.map((p: { id: string }) => p.id)).toEqual([second.id, first.id]);
      expect(body.payouts[0]).toEqual({
        id: second.id,
        amountCents: 5000,
        method: 'bank_transfer',
        detailsHint: '•••• 3000',
        status: 'requested',
        reference: null,
        rejectReason: null,
        requestedAt: '2026-03-02T10:00:00.000Z',
        decidedAt: null,
        paidAt: null,
        returnedAt: null,
        returnReason: null,
      });
      expect(body.payouts[1]).toMatchObject({ status: 'rejected', rejectReason: 'PayPal account closed' });
      expect(res.body).not.toMatch(/DE89|lopez|encrypted|accountId/i);
    });

    it('shows one account nothing of another’s', async () => {
      const ben = await signUp(app, { ip: '203.0.113.2' });
      await entry(ana, 5000);
      await entry(ben, 100);
      expect((await request(ana)).statusCode).toBe(201);
      expect((await history(ben)).json()).toEqual({ availableCents: 100, minPayoutCents: 5000, payouts: [] });
      // Ben's request sums Ben's entries only, and Ana's payout is untouched by it.
      expect((await request(ben)).json().error).toBe('below_minimum');
    });
  });

  describe('ids', () => {
    it('shows each payout an opaque id, never the sequence that counts the programme’s payouts', async () => {
      const ben = await signUp(app, { ip: '203.0.113.2' });
      await entry(ana, 5000);
      await entry(ben, 5000);
      const first = (await request(ana)).json();
      const second = (await request(ben)).json();
      for (const id of [first.id, second.id]) expect(id).toMatch(/^po_[a-km-np-z2-9]{20}$/);
      expect(first.id).not.toBe(second.id);
      // The keys behind them are consecutive; nothing the ambassadors see is.
      const keys = (await db().query<{ n: number }>('select id::int as n from payouts order by id')).rows;
      expect(keys.map((k) => k.n)).toEqual([1, 2]);
      for (const user of [ana, ben]) {
        const seen = [(await history(user)).body, (await as(app, user)({ method: 'GET', url: '/api/rewards' })).body];
        for (const body of seen) expect(body).not.toMatch(/"(id|payoutId)":\s*"?\d/);
      }
      expect((await history(ana)).json().payouts.map((p: { id: string }) => p.id)).toEqual([first.id]);
      const entries = (await as(app, ana)({ method: 'GET', url: '/api/rewards/entries' })).json().entries;
      expect(entries.map((e: { payoutId: string }) => e.payoutId)).toEqual([first.id]);
    });
  });

  it('is described, with the admin routes, in the OpenAPI document', async () => {
    const doc = (await app.inject('/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/payouts',
        '/api/admin/payouts',
        '/api/admin/payouts/{id}/approve',
        '/api/admin/payouts/{id}/paid',
        '/api/admin/payouts/{id}/reject',
        '/api/admin/referrals',
        '/api/admin/referrals/{id}/approve',
        '/api/admin/referrals/{id}/reject',
      ]),
    );
    expect(doc.paths['/api/payouts'].post.requestBody.content['application/json'].schema.required).toEqual(['method']);
  });

  describe('authorisation', () => {
    it('answers 401 without a session', async () => {
      await entry(ana, 5000);
      for (const method of ['GET', 'POST'] as const) {
        const res = await app.inject({ method, url: '/api/payouts', ...(method === 'POST' ? { payload: BANK } : {}) });
        expect(res.statusCode).toBe(401);
        expect(res.json().error).toBe('unauthenticated');
      }
      expect((await payoutRows()).rows).toEqual([]);
    });

    it('answers 403 to a request without the CSRF header, or from another site', async () => {
      await entry(ana, 5000);
      const noCsrf = await app.inject({
        method: 'POST',
        url: '/api/payouts',
        payload: BANK,
        headers: { cookie: ana.cookie },
      });
      expect(noCsrf.statusCode).toBe(403);
      expect(noCsrf.json().error).toBe('csrf');
      const crossSite = await as(
        app,
        ana,
      )({
        method: 'POST',
        url: '/api/payouts',
        payload: BANK,
        headers: { origin: 'https://evil.example' },
      });
      expect(crossSite.statusCode).toBe(403);
      expect((await payoutRows()).rows).toEqual([]);
    });

    it('limits requests per account with 429', async () => {
      const bad = { ...BANK, iban: 'DE88 3704 0044 0532 0130 00' };
      for (let i = 0; i < 20; i++) expect((await request(ana, bad)).statusCode).toBe(400);
      const res = await request(ana, bad);
      expect(res.statusCode).toBe(429);
      expect(res.json().error).toBe('rate_limited');
      const ben = await signUp(app, { ip: '203.0.113.2' });
      expect((await request(ben, bad)).statusCode).toBe(400); // another account has its own budget
    });
  });
});
