import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  entryBySourceKey,
  insertEntry,
  type LedgerEntry,
  type NewEntry,
  takeBack,
} from '../../src/db/queries/ledger.ts';
import { addDays } from '../../src/domain/clock.ts';
import { maskEmail } from '../../src/domain/rewards-text.ts';
import { type TestClock, testClock } from '../clock.ts';
import { describeEachDb } from '../databases.ts';
import { ping, testApp } from '../fixtures.ts';
import { aliceAndBob, as, signUp, type TestUser } from '../sessions.ts';

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';

describe('maskEmail', () => {
  it.each([
    ['anna@example.com', 'an***@example.com'],
    ['bo@example.com', 'b***@example.com'],
    ['x@example.com', 'x***@example.com'],
    ['first.last+tag@mail.example.org', 'fi***@mail.example.org'],
  ])('%s → %s', (email, masked) => {
    expect(maskEmail(email)).toBe(masked);
  });
});

describeEachDb('/api/rewards', (db) => {
  let app: FastifyInstance;
  let clock: TestClock;
  let alice: TestUser;
  let bob: TestUser;
  // One app for the suite, its clock set back before each test (as billing.test.ts does): the
  // database is emptied between tests, and Alice and Bob sign up anew for each test.
  let n = 0;
  beforeAll(async () => {
    clock = testClock('2026-03-01T10:00:00Z');
    app = await testApp(db(), { QUALIFY_MIN_VISITORS: '2', PING_RATE_PER_IP: '100000' }, clock);
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    clock.set('2026-03-01T10:00:00Z');
    n++;
    [alice, bob] = await aliceAndBob(app, n);
  });

  const click = async (path: string, ip: string, userAgent = BROWSER) => {
    const res = await app.inject({ method: 'GET', url: path, headers: { 'user-agent': userAgent }, remoteAddress: ip });
    expect(res.statusCode).toBe(302);
    const cookie = res.cookies.find((c) => c.name === 'cb_ref');
    return cookie ? `cb_ref=${cookie.value}` : '';
  };
  /** The referral's bigint key (what ledger entries reference), or its public id (what the API shows). */
  const referralOf = async (referee: TestUser, column: 'id' | 'public_id' = 'id') =>
    (
      await db().query<{ id: string }>(`select ${column}::text as id from referrals where referee_id = $1`, [
        referee.id,
      ])
    ).rows[0]?.id ?? '';
  /** An entry of Alice's, earned on `referee`'s referral (none when null). */
  const earn = async (referee: TestUser | null, e: Partial<NewEntry> & { sourceKey: string; amountCents: number }) =>
    insertEntry(db(), {
      accountId: alice.id,
      referralId: referee ? await referralOf(referee) : null,
      kind: 'commission',
      state: 'pending',
      createdAt: clock.now(),
      holdUntil: addDays(clock.now(), 30),
      ...e,
    });
  const invoice = (id: string, account: TestUser, amountPaidCents: number) =>
    db().query(
      `insert into invoices (id, account_id, amount_paid_cents, tax_cents, currency, paid_at)
       values ($1, $2, $3, 0, 'eur', $4)`,
      [id, account.id, amountPaidCents, clock.now()],
    );
  const payout = (user: TestUser, status: string, amountCents: number, reference: string | null = null) =>
    db().query(
      `insert into payouts (account_id, amount_cents, method, details_encrypted, details_hint, status, reference,
         requested_at, decided_at, paid_at)
       values ($1, $2, 'bank_transfer', 'SECRET-CIPHERTEXT', '…6789', $3, $4, $5, $6, $7)`,
      [
        user.id,
        amountCents,
        status,
        reference,
        clock.now(),
        status === 'requested' ? null : clock.now(),
        status === 'paid' ? clock.now() : null,
      ],
    );
  const rewards = async (user: TestUser = alice) => {
    const res = await as(app, user)({ method: 'GET', url: '/api/rewards' });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  /**
   * Alice referred three accounts: ann (by link parameter; her widget qualified: a bounty), bo
   * (paying: commissions, one partly refunded) and cy (from a banner click; a free invoice only).
   * Bob referred dan. Clicks: some old, one by a bot, one on Bob's link.
   */
  async function seed() {
    clock.set('2026-01-20T10:00:00Z');
    await click(`/r/${alice.referralCode}`, '198.51.100.1'); // 40 days before the others
    clock.set('2026-03-01T10:00:00Z');
    await click(`/r/${alice.referralCode}?src=link`, '198.51.100.1');
    await click(`/r/${alice.referralCode}?src=widget&w=${alice.widgetId}`, '198.51.100.2');
    await click(`/r/${alice.referralCode}`, '198.51.100.2');
    await click(`/r/${alice.referralCode}`, '198.51.100.3', 'Slackbot-LinkExpanding 1.0');
    await click(`/r/${bob.referralCode}`, '198.51.100.4');

    clock.advanceMs(60_000);
    const ann = await signUp(app, { email: 'anna@example.com', ref: alice.referralCode, ip: '198.51.100.21' });
    clock.advanceMs(60_000);
    const bo = await signUp(app, { email: 'bo@example.net', ref: alice.referralCode, ip: '198.51.100.22' });
    clock.advanceMs(60_000);
    const cookie = await click(`/r/${alice.referralCode}?src=banner&c=spring`, '198.51.100.23');
    const cy = await signUp(app, { email: 'cyrus@example.org', cookie, ip: '198.51.100.23' });
    const dan = await signUp(app, { email: 'dan@example.com', ref: bob.referralCode, ip: '198.51.100.24' });

    // Ann's widget qualifies: the pipeline writes Alice's install bounty (pending, €10).
    for (let i = 0; i < 2; i++) {
      const res = await app.inject({
        method: 'POST',
        url: '/v1/pings',
        payload: ping(ann.widgetId, { url: 'https://ann.example.com/' }),
      });
      expect(res.statusCode).toBe(204);
    }
    // Bo paid twice: an old invoice whose commission is available, and one partly refunded in its hold.
    await invoice('in_old', bo, 13_334);
    await earn(bo, {
      sourceKey: 'commission:in_old',
      invoiceId: 'in_old',
      amountCents: 4000,
      state: 'available',
      availableAt: clock.now(),
    });
    await invoice('in_new', bo, 4900);
    await earn(bo, { sourceKey: 'commission:in_new', invoiceId: 'in_new', amountCents: 1470 });
    const parent = await entryBySourceKey(db(), 'commission:in_new');
    if (!parent) throw new Error('commission not written');
    await takeBack(db(), parent, {
      cents: 470,
      sourceKey: 'refund:ch_1',
      reason: 'Partial refund of €15.67 on invoice in_new',
      now: clock.now(),
    });
    await invoice('in_free', cy, 0); // a 100 % coupon: not a paying customer
    // Bob's referee pays too; none of it is Alice's.
    await invoice('in_dan', dan, 9900);
    await insertEntry(db(), {
      accountId: bob.id,
      referralId: await referralOf(dan),
      kind: 'commission',
      amountCents: 2970,
      state: 'available',
      sourceKey: 'commission:in_dan',
      invoiceId: 'in_dan',
      createdAt: clock.now(),
      availableAt: clock.now(),
    });
    return { ann, bo, cy, dan };
  }

  it('shows the link, the terms, the numbers and the balances of the ambassador', async () => {
    await seed();
    expect(await rewards()).toEqual({
      referralCode: alice.referralCode,
      referralLink: `https://app.callbell.test/r/${alice.referralCode}?src=link`,
      terms: { installBountyCents: 1000, commissionRateBps: 3000, minPayoutCents: 5000, holdDays: 30 },
      stats: {
        // 5 clicks by people (the Slack preview left out) from 3 networks; 4 in the last 30 days
        clicks: { total: 5, unique: 3, last30Days: 4, uniqueLast30Days: 3 },
        signups: 3,
        installs: 1,
        payingCustomers: 1,
      },
      balances: {
        pendingCents: 1000 + 1470 - 470,
        onHoldCents: 0,
        availableCents: 4000,
        processingCents: 0,
        paidCents: 0,
        reversedCents: 470,
        clawedBackCents: 0,
        reinstatedCents: 0,
      },
      payout: { canRequest: false, missingCents: 1000, openPayout: false },
      payouts: [],
    });
  });

  it('answers a new ambassador with every field, at zero (the page relies on each being there)', async () => {
    expect(await rewards()).toEqual({
      referralCode: alice.referralCode,
      referralLink: `https://app.callbell.test/r/${alice.referralCode}?src=link`,
      terms: { installBountyCents: 1000, commissionRateBps: 3000, minPayoutCents: 5000, holdDays: 30 },
      stats: {
        clicks: { total: 0, unique: 0, last30Days: 0, uniqueLast30Days: 0 },
        signups: 0,
        installs: 0,
        payingCustomers: 0,
      },
      balances: {
        pendingCents: 0,
        onHoldCents: 0,
        availableCents: 0,
        processingCents: 0,
        paidCents: 0,
        reversedCents: 0,
        clawedBackCents: 0,
        reinstatedCents: 0,
      },
      payout: { canRequest: false, missingCents: 5000, openPayout: false },
      payouts: [],
    });
    for (const [path, list] of [
      ['entries', 'entries'],
      ['referrals', 'referees'],
    ]) {
      const res = await as(app, alice)({ method: 'GET', url: `/api/rewards/${path}` });
      expect(res.json()).toEqual({ [list as string]: [], nextBefore: null });
    }
  });

  it('can request a payout once €50 is available, and not while one is open; shows the history', async () => {
    await seed();
    await earn(null, { sourceKey: 'adjust:1', amountCents: 1000, state: 'available', availableAt: clock.now() });
    expect((await rewards()).payout).toEqual({ canRequest: true, missingCents: 0, openPayout: false });

    await payout(alice, 'paid', 6000, 'TRX-2026-001');
    clock.advanceDays(1);
    await payout(alice, 'requested', 5000);
    const body = await rewards();
    expect(body.payout).toEqual({ canRequest: false, missingCents: 0, openPayout: true });
    expect(body.payouts).toEqual([
      {
        id: expect.any(String),
        amountCents: 5000,
        method: 'bank_transfer',
        detailsHint: '…6789',
        status: 'requested',
        reference: null,
        rejectReason: null,
        requestedAt: '2026-03-02T10:03:00.000Z',
        decidedAt: null,
        paidAt: null,
        returnedAt: null,
        returnReason: null,
      },
      {
        id: expect.any(String),
        amountCents: 6000,
        method: 'bank_transfer',
        detailsHint: '…6789',
        status: 'paid',
        reference: 'TRX-2026-001',
        rejectReason: null,
        requestedAt: '2026-03-01T10:03:00.000Z',
        decidedAt: '2026-03-01T10:03:00.000Z',
        paidAt: '2026-03-01T10:03:00.000Z',
        returnedAt: null,
        returnReason: null,
      },
    ]);
    expect(JSON.stringify(body)).not.toContain('SECRET-CIPHERTEXT');
    expect((await rewards(bob)).payouts).toEqual([]);
  });

  it('a clawback can make the balance negative; nothing can be requested then', async () => {
    await earn(null, { sourceKey: 'c:1', amountCents: 3000, state: 'available', availableAt: clock.now() });
    const parent = await entryBySourceKey(db(), 'c:1');
    if (!parent) throw new Error('entry not written');
    await takeBack(db(), parent, { cents: 3000, sourceKey: 'dispute:1', reason: 'Dispute lost', now: clock.now() });
    await earn(null, { sourceKey: 'c:2', amountCents: 500, state: 'available', availableAt: clock.now() });
    await takeBack(db(), (await entryBySourceKey(db(), 'c:2')) as LedgerEntry, {
      cents: 500,
      sourceKey: 'refund:2',
      reason: 'Refunded',
      now: clock.now(),
    });
    const body = await rewards();
    expect(body.balances).toMatchObject({ availableCents: 0, clawedBackCents: 3500 });
    await takeBack(db(), parent, { cents: 200, sourceKey: 'dispute:fee', reason: 'Dispute fee', now: clock.now() });
    const after = await rewards();
    expect(after.balances.availableCents).toBe(-200);
    expect(after.payout).toEqual({ canRequest: false, missingCents: 5200, openPayout: false });
  });

  it('lists the ledger with reasons, newest first, a page at a time', async () => {
    await seed();
    const all = await as(app, alice)({ method: 'GET', url: '/api/rewards/entries' });
    expect(all.statusCode).toBe(200);
    const { entries, nextBefore } = all.json();
    expect(nextBefore).toBeNull();
    expect(entries.map((e: { description: string }) => e.description)).toEqual([
      'Partial refund of €15.67 on invoice in_new',
      '30 % of invoice in_new paid by b***@example.net',
      '30 % of invoice in_old paid by b***@example.net',
      'Install bounty: an***@example.com installed the widget',
    ]);
    expect(entries[0]).toEqual({
      id: expect.any(String),
      kind: 'reversal',
      amountCents: -470,
      state: 'pending',
      parentId: entries[1].id,
      invoiceId: 'in_new',
      widgetId: null,
      reason: 'Partial refund of €15.67 on invoice in_new',
      createdAt: '2026-03-01T10:03:00.000Z',
      holdUntil: '2026-03-31T10:03:00.000Z',
      availableAt: null,
      payoutId: null,
      referee: 'b***@example.net',
      description: 'Partial refund of €15.67 on invoice in_new',
    });
    expect(entries[3]).toMatchObject({
      kind: 'install_bounty',
      amountCents: 1000,
      reason: null,
      widgetId: expect.any(String),
    });

    // Two at a time: every entry once, in the same order.
    const seen: string[] = [];
    let before: string | null = null;
    for (let pages = 0; pages < 5; pages++) {
      const res = await as(
        app,
        alice,
      )({
        method: 'GET',
        url: `/api/rewards/entries?limit=2${before ? `&before=${before}` : ''}`,
      });
      const body = res.json();
      expect(body.entries.length).toBeLessThanOrEqual(2);
      seen.push(...body.entries.map((e: { id: string }) => e.id));
      before = body.nextBefore;
      if (!before) break;
    }
    expect(seen).toEqual(entries.map((e: { id: string }) => e.id));
  });

  it('lists the referees: masked e-mail, date, source, installed, paying, earned', async () => {
    const { ann, bo } = await seed();
    const res = await as(app, alice)({ method: 'GET', url: '/api/rewards/referrals' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      referees: [
        {
          id: expect.any(String),
          email: 'cy***@example.org',
          signedUpAt: '2026-03-01T10:03:00.000Z',
          source: 'banner',
          campaign: 'spring',
          review: 'none',
          installed: false,
          paying: false,
          earnedCents: 0,
        },
        {
          id: await referralOf(bo, 'public_id'),
          email: 'b***@example.net',
          signedUpAt: '2026-03-01T10:02:00.000Z',
          source: 'param',
          campaign: null,
          review: 'none',
          installed: false,
          paying: true,
          earnedCents: 4000 + 1470 - 470,
        },
        {
          id: await referralOf(ann, 'public_id'),
          email: 'an***@example.com',
          signedUpAt: '2026-03-01T10:01:00.000Z',
          source: 'param',
          campaign: null,
          review: 'none',
          installed: true,
          paying: false,
          earnedCents: 1000,
        },
      ],
      nextBefore: null,
    });
    const first = await as(app, alice)({ method: 'GET', url: '/api/rewards/referrals?limit=2' });
    expect(first.json().referees).toHaveLength(2);
    const rest = await as(
      app,
      alice,
    )({
      method: 'GET',
      url: `/api/rewards/referrals?limit=2&before=${first.json().nextBefore}`,
    });
    expect(rest.json()).toMatchObject({ referees: [{ email: 'an***@example.com' }], nextBefore: null });
  });

  describe('ids', () => {
    it('shows entries, their parents, payouts and referees by opaque ids, never by the sequences', async () => {
      await seed();
      await payout(alice, 'requested', 5000);
      await db().query(
        `update ledger_entries set payout_id = (select id from payouts) where source_key = 'commission:in_old'`,
      );
      const entries = (await as(app, alice)({ method: 'GET', url: '/api/rewards/entries' })).json().entries;
      const referees = (await as(app, alice)({ method: 'GET', url: '/api/rewards/referrals' })).json().referees;
      const [payoutId] = (await db().query<{ id: string }>('select public_id as id from payouts')).rows.map(
        (r) => r.id,
      );
      for (const e of entries) expect(e.id).toMatch(/^le_[a-km-np-z2-9]{20}$/);
      for (const r of referees) expect(r.id).toMatch(/^rf_[a-km-np-z2-9]{20}$/);
      expect(new Set(entries.map((e: { id: string }) => e.id)).size).toBe(entries.length);
      // A reversal names its parent by the parent's public id; an entry in a payout, the payout's.
      const reversal = entries.find((e: { kind: string }) => e.kind === 'reversal');
      expect(entries.map((e: { id: string }) => e.id)).toContain(reversal.parentId);
      expect(entries.find((e: { invoiceId: string }) => e.invoiceId === 'in_old').payoutId).toBe(payoutId);
      expect(payoutId).toMatch(/^po_/);
      // The bigint keys are consecutive; not one of them is in what Alice sees, nor takes as a cursor.
      const keys = (await db().query<{ id: string }>('select id::text from ledger_entries order by id')).rows;
      expect(keys.map((k) => k.id).slice(0, 3)).toEqual(['1', '2', '3']);
      const seen = JSON.stringify({ entries, referees, rewards: await rewards() });
      expect(seen).not.toMatch(/"(id|parentId|payoutId|nextBefore)":"?\d/);
      const numeric = await as(app, alice)({ method: 'GET', url: `/api/rewards/entries?before=${keys[0]?.id}` });
      expect(numeric.statusCode).toBe(400);
    });
  });

  describe('authorisation', () => {
    it('each ambassador sees only its own: numbers, entries, referees, even with another’s cursor', async () => {
      await seed();
      const mine = await rewards(bob);
      expect(mine.stats).toEqual({
        clicks: { total: 1, unique: 1, last30Days: 1, uniqueLast30Days: 1 },
        signups: 1,
        installs: 0,
        payingCustomers: 1,
      });
      expect(mine.balances.availableCents).toBe(2970);
      expect(mine.referralCode).toBe(bob.referralCode);
      const entries = (await as(app, bob)({ method: 'GET', url: '/api/rewards/entries' })).json().entries;
      expect(entries.map((e: { invoiceId: string }) => e.invoiceId)).toEqual(['in_dan']);
      const referees = (await as(app, bob)({ method: 'GET', url: '/api/rewards/referrals' })).json().referees;
      expect(referees.map((r: { email: string }) => r.email)).toEqual(['da***@example.com']);

      // Alice's newest entry id as Bob's cursor: nothing of Alice's comes back.
      const alices = (await as(app, alice)({ method: 'GET', url: '/api/rewards/entries' })).json().entries;
      const probe = await as(app, bob)({ method: 'GET', url: `/api/rewards/entries?before=${alices[0].id}` });
      expect(probe.json()).toEqual({ entries: [], nextBefore: null });
      const aliceRefs = (await as(app, alice)({ method: 'GET', url: '/api/rewards/referrals' })).json().referees;
      const probe2 = await as(app, bob)({ method: 'GET', url: `/api/rewards/referrals?before=${aliceRefs[0].id}` });
      expect(probe2.json()).toEqual({ referees: [], nextBefore: null });
    });

    it('401 without a session', async () => {
      for (const url of ['/api/rewards', '/api/rewards/entries', '/api/rewards/referrals']) {
        const res = await app.inject({ method: 'GET', url });
        expect(res.statusCode).toBe(401);
        expect(res.json()).toEqual({ error: 'unauthenticated', message: 'Log in to continue' });
      }
    });

    it.each([
      ['limit=0'],
      ['limit=101'],
      ['limit=ten'],
      ['before=abc'],
      ['before=0'],
      ['before=1'],
      ['before=99999999999999999999'],
      [`before=po_${'a'.repeat(20)}`],
      [`before=le_${'a'.repeat(21)}`],
    ])('refuses %s with 400', async (query) => {
      for (const path of ['entries', 'referrals']) {
        const res = await as(app, alice)({ method: 'GET', url: `/api/rewards/${path}?${query}` });
        expect(res.statusCode).toBe(400);
        expect(res.json()).toMatchObject({ error: 'invalid_request', message: expect.any(String) });
      }
    });
  });
});
