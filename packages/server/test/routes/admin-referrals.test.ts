import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { accountBalances, insertEntry, listEntries } from '../../src/db/queries/ledger.ts';
import { addDays } from '../../src/domain/clock.ts';
import type { EntryKind } from '../../src/domain/ledger.ts';
import { type TestClock, testClock } from '../clock.ts';
import { describeEachDb } from '../databases.ts';
import { ADMIN_EMAIL, ping, testApp } from '../fixtures.ts';
import { as, signUp, type TestUser } from '../sessions.ts';

const START = '2026-03-01T10:00:00Z';

describeEachDb('/api/admin/referrals', (db) => {
  let app: FastifyInstance;
  let clock: TestClock;
  let admin: TestUser;
  let referrer: TestUser;
  let referee: TestUser;
  let referralId: string;
  // One app for the suite, its clock set back before each test (as payouts.test.ts does): the
  // database is emptied between tests, and each test's accounts sign up from addresses of that
  // test's own. The referrer and its flagged referees still share one address within a test (the
  // queue flags referrals from the same address), but never with an earlier test, so the sign-up
  // limit per address (20 an hour, counted in the app) never carries over.
  let shared: FastifyInstance;
  let n = 0;
  /** The address the referrer, and the referees flagged for it, sign up from in this test. */
  let ip: string;
  beforeAll(async () => {
    clock = testClock(START);
    // Sessions outlive the holds these tests wait through.
    shared = await testApp(db(), { QUALIFY_MIN_VISITORS: '3', PING_RATE_PER_IP: '100000', SESSION_DAYS: '365' }, clock);
  });
  afterAll(() => shared.close());
  beforeEach(async () => {
    clock.set(START);
    app = shared;
    n++;
    ip = `203.0.113.${100 + n}`;
    admin = await signUp(app, { email: ADMIN_EMAIL, ip: '192.0.2.1' });
    referrer = await signUp(app, { ip });
    // Signed up from the referrer's own address: flagged same_ip.
    referee = await signUp(app, { ref: referrer.referralCode, ip });
    referralId = await referralOf(referee);
  });
  afterEach(async () => {
    if (app !== shared) await app.close();
  });

  const referralOf = async (user: TestUser) => {
    const { rows } = await db().query<{ id: string }>('select id::text from referrals where referee_id = $1', [
      user.id,
    ]);
    return rows[0]?.id ?? '';
  };
  /** An entry the flagged referral earned on hold (or a reversal of one), held for 30 days from now. */
  const onHold = (kind: EntryKind, amountCents: number, key: string, parentId: string | null = null, id = referralId) =>
    insertEntry(db(), {
      accountId: referrer.id,
      referralId: id,
      kind,
      amountCents,
      state: 'on_hold',
      sourceKey: key,
      parentId,
      invoiceId: kind === 'install_bounty' ? null : 'in_1',
      reason: kind === 'reversal' ? 'Invoice partly refunded' : null,
      createdAt: clock.now(),
      holdUntil: addDays(clock.now(), 30),
    });
  /** A bounty and a commission on hold, the commission partly refunded: 1000 + 3000 - 300. */
  const earnOnHold = async () => {
    await onHold('install_bounty', 1000, `install_bounty:${referee.id}`);
    const commission = await onHold('commission', 3000, 'commission:in_1');
    await onHold('reversal', -300, 'refund:ch_1:1', commission?.id);
  };
  const act = (action: 'approve' | 'reject', payload?: object, id = referralId, user = admin) =>
    as(app, user)({ method: 'POST', url: `/api/admin/referrals/${id}/${action}`, ...(payload ? { payload } : {}) });
  const entries = async () =>
    (await listEntries(db(), referrer.id)).map((e) => [e.kind, e.amountCents, e.state]).reverse();
  const install = async (widgetId: string) => {
    for (let i = 0; i < 3; i++) {
      const res = await app.inject({ method: 'POST', url: '/v1/pings', payload: ping(widgetId) });
      expect(res.statusCode, res.body).toBe(204);
    }
  };

  describe('the list', () => {
    it('shows flagged referrals with both e-mails, the reason, the dates and the net on hold', async () => {
      const honest = await signUp(app, { ref: referrer.referralCode, ip: '198.51.100.7' });
      await earnOnHold();
      const res = await as(app, admin)({ method: 'GET', url: '/api/admin/referrals?review=flagged' });
      expect(res.statusCode).toBe(200);
      expect(res.json().referrals).toEqual([
        {
          id: referralId,
          referrerId: referrer.id,
          referrerEmail: referrer.email,
          refereeId: referee.id,
          refereeEmail: referee.email,
          source: 'param',
          flaggedReason: 'same_ip',
          review: 'flagged',
          reviewNote: null,
          createdAt: '2026-03-01T10:00:00.000Z',
          reviewedAt: null,
          onHoldCents: 3700,
          onHoldEntries: 2,
          evidence: {
            referrerSameAddress: true,
            clickFromRefereeAddress: null,
            otherRefereesSameAddress: 0,
            click: null,
            referrer: { referrals: 2, flagged: 1, rejected: 0 },
            referee: { plan: 'free', signedUpAt: '2026-03-01T10:00:00.000Z', install: null },
          },
          // Signed up from the referrer's network: the two are a cluster too.
          clusterId: `c${referralId}`,
        },
      ]);
      expect(res.json().clusters.map((c: { id: string; referralIds: string[] }) => [c.id, c.referralIds])).toEqual([
        [`c${referralId}`, [referralId]],
      ]);
      // flagged is the default; the others are asked for by name
      expect((await as(app, admin)({ method: 'GET', url: '/api/admin/referrals' })).json().referrals).toHaveLength(1);
      const none = await as(app, admin)({ method: 'GET', url: '/api/admin/referrals?review=none' });
      expect(none.json().referrals.map((r: { refereeId: string }) => r.refereeId)).toEqual([honest.id]);
      expect((await as(app, admin)({ method: 'GET', url: '/api/admin/referrals?review=maybe' })).statusCode).toBe(400);
    });
  });

  describe('the evidence', () => {
    const evidence = async () => {
      const res = await as(app, admin)({ method: 'GET', url: '/api/admin/referrals' });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().referrals.map((r: { refereeId: string; evidence: object }) => [r.refereeId, r.evidence]);
    };

    it('counts the referrer’s other referees from the same address, and its referrals by review', async () => {
      const second = await signUp(app, { ref: referrer.referralCode, ip });
      await signUp(app, { ref: referrer.referralCode, ip: '198.51.100.8' }); // another address: not flagged
      expect(await act('reject', { reason: 'second account' }, await referralOf(second))).toHaveProperty(
        'statusCode',
        200,
      );
      const third = await signUp(app, { ref: referrer.referralCode, ip });
      const rows = await evidence();
      expect(rows.map(([id]: [string]) => id)).toEqual([referee.id, third.id]);
      for (const [, e] of rows) {
        expect(e).toMatchObject({
          referrerSameAddress: true,
          otherRefereesSameAddress: 2,
          referrer: { referrals: 4, flagged: 2, rejected: 1 },
        });
      }
    });

    it('counts each referrer’s referrals and same-address referees apart, when several are listed', async () => {
      // Another referrer on the same address, with two referees from it and one from elsewhere.
      const dana = await signUp(app, { ip });
      const d1 = await signUp(app, { ref: dana.referralCode, ip });
      const d2 = await signUp(app, { ref: dana.referralCode, ip });
      await signUp(app, { ref: dana.referralCode, ip: '198.51.100.30' });
      const second = await signUp(app, { ref: referrer.referralCode, ip: '198.51.100.31' });
      await db().query(`update referrals set review = 'flagged' where referee_id = $1`, [second.id]);
      const byReferee = new Map(await evidence());
      expect(byReferee.get(referee.id)).toMatchObject({
        referrerSameAddress: true,
        otherRefereesSameAddress: 0,
        referrer: { referrals: 2, flagged: 2, rejected: 0 },
      });
      expect(byReferee.get(second.id)).toMatchObject({
        referrerSameAddress: false,
        otherRefereesSameAddress: 0,
        referrer: { referrals: 2, flagged: 2, rejected: 0 },
      });
      for (const id of [d1.id, d2.id]) {
        expect(byReferee.get(id)).toMatchObject({
          referrerSameAddress: true,
          otherRefereesSameAddress: 1,
          referrer: { referrals: 3, flagged: 2, rejected: 0 },
        });
      }
    });

    it('reads a referral’s ledger entries by an index', async () => {
      const { rows } = await db().query<{ def: string }>(
        `select indexdef as def from pg_indexes where indexname = 'ledger_entries_referral' and schemaname = current_schema()`,
      );
      expect(rows.map((r) => r.def)).toEqual([expect.stringMatching(/\(referral_id\)$/)]);
    });

    it('cannot compare addresses when the referrer’s sign-up address is not on record', async () => {
      // Accounts made before sign-ups kept an address hash, or seeded ones, have none.
      await db().query('update accounts set signup_ip_hash = null where id = $1', [referrer.id]);
      const [[, e]] = await evidence();
      expect(e).toMatchObject({ referrerSameAddress: null, otherRefereesSameAddress: 0 });
    });

    it('shows the click it came from, whether it came from the referee’s address, and the install', async () => {
      const other = await signUp(app, { ip: '203.0.113.50' });
      // A click on the referrer's link from 198.51.100.20, then a sign-up from there with a disposable address.
      const click = await app.inject({
        method: 'GET',
        url: `/r/${referrer.referralCode}?src=widget&w=${referrer.widgetId}&c=spring`,
        headers: { referer: 'https://blog.example.org/post' },
        remoteAddress: '198.51.100.20',
      });
      expect(click.statusCode).toBe(302);
      const cookie = click.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      clock.advanceDays(1);
      const disposable = await signUp(app, {
        email: `x${Date.now()}@mailinator.com`,
        cookie,
        ip: '198.51.100.20',
      });
      await install(disposable.widgetId);
      const rows = await evidence();
      const [, e] = rows.find(([id]: [string]) => id === disposable.id);
      expect(e).toEqual({
        referrerSameAddress: false,
        clickFromRefereeAddress: true,
        otherRefereesSameAddress: 0,
        click: {
          at: '2026-03-01T10:00:00.000Z',
          referringHost: 'blog.example.org',
          campaign: 'spring',
          widgetId: referrer.widgetId,
        },
        referrer: { referrals: 2, flagged: 2, rejected: 0 },
        referee: {
          plan: 'free',
          signedUpAt: '2026-03-02T10:00:00.000Z',
          install: {
            widgetId: disposable.widgetId,
            origin: 'https://shop.example.com',
            qualifiedAt: '2026-03-02T10:00:00.000Z',
            lastPublicPingAt: expect.any(String),
            networks: 1,
            // Queued when it qualified; not tried yet.
            check: { state: 'checking', attempts: 0, outcome: null, url: null, detail: null, checkedAt: null },
          },
        },
      });
      expect(rows.map(([id]: [string]) => id)).not.toContain(other.id);
    });
  });

  describe('approving', () => {
    it('moves the on-hold entries to pending, keeping their hold, so they mature at the tick after it', async () => {
      await earnOnHold();
      clock.advanceDays(10);
      const res = await act('approve');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        review: 'approved',
        reviewedAt: '2026-03-11T10:00:00.000Z',
        onHoldCents: 0,
        onHoldEntries: 0,
      });
      const held = await listEntries(db(), referrer.id);
      expect(held.map((e) => e.state)).toEqual(['pending', 'pending', 'pending']);
      expect(new Set(held.map((e) => e.holdUntil?.toISOString()))).toEqual(new Set(['2026-03-31T10:00:00.000Z']));
      expect(await accountBalances(db(), referrer.id)).toMatchObject({ onHoldCents: 0, pendingCents: 3700 });

      clock.advanceDays(19);
      await app.ledger.tick();
      expect(await accountBalances(db(), referrer.id)).toMatchObject({ pendingCents: 3700, availableCents: 0 });
      clock.advanceDays(1);
      await app.ledger.tick();
      // The commission and its reversal are available together; the bounty's widget was never
      // seen alive, so it is reversed by the ordinary liveness rule.
      expect(await entries()).toEqual([
        ['install_bounty', 1000, 'reversed'],
        ['commission', 3000, 'available'],
        ['reversal', -300, 'available'],
        ['reversal', -1000, 'reversed'],
      ]);
      expect(await accountBalances(db(), referrer.id)).toMatchObject({ availableCents: 2700, pendingCents: 0 });
    });

    it('lets entries whose hold ended while they waited mature at the next tick', async () => {
      await onHold('commission', 5000, 'commission:in_9');
      clock.advanceDays(45);
      expect((await act('approve')).statusCode).toBe(200);
      expect(await app.ledger.tick()).toEqual({ available: 1, reversed: 0, held: 0 });
      expect(await accountBalances(db(), referrer.id)).toMatchObject({ availableCents: 5000 });
    });

    it('makes later earnings of the referral start pending', async () => {
      expect((await act('approve')).statusCode).toBe(200);
      await install(referee.widgetId);
      expect(await entries()).toEqual([['install_bounty', 1000, 'pending']]);
    });
  });

  describe('rejecting', () => {
    it('takes each on-hold entry back whole: all reversed, with the operator’s reason shown', async () => {
      await earnOnHold();
      const res = await act('reject', { reason: ' Same person, two accounts ' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ review: 'rejected', reviewNote: 'Same person, two accounts', onHoldCents: 0 });
      const list = await listEntries(db(), referrer.id);
      expect(list.map((e) => [e.kind, e.amountCents, e.state]).reverse()).toEqual([
        ['install_bounty', 1000, 'reversed'],
        ['commission', 3000, 'reversed'],
        ['reversal', -300, 'reversed'],
        ['reversal', -1000, 'reversed'],
        ['reversal', -2700, 'reversed'],
      ]);
      const reason = 'Rejected by the operator after review: Same person, two accounts';
      expect(list.filter((e) => e.sourceKey.startsWith('referral_rejected:')).map((e) => e.reason)).toEqual([
        reason,
        reason,
      ]);
      expect(list.reduce((sum, e) => sum + e.amountCents, 0)).toBe(0);
      expect(await accountBalances(db(), referrer.id)).toMatchObject({
        onHoldCents: 0,
        pendingCents: 0,
        availableCents: 0,
        reversedCents: 4000,
      });
      clock.advanceDays(60);
      await app.ledger.tick();
      expect(await accountBalances(db(), referrer.id)).toMatchObject({ availableCents: 0, reversedCents: 4000 });
    });

    it('needs no reason, and then says only that the operator rejected it', async () => {
      await onHold('commission', 2000, 'commission:in_2');
      const res = await act('reject');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().reviewNote).toBeNull();
      expect((await listEntries(db(), referrer.id))[0]?.reason).toBe('Rejected by the operator after review');
    });

    it('earns nothing later', async () => {
      expect((await act('reject', { reason: 'fraud' })).statusCode).toBe(200);
      await install(referee.widgetId);
      await app.ledger.tick();
      expect(await entries()).toEqual([]);
    });

    it('touches no other referral’s entries', async () => {
      const other = await signUp(app, { ref: referrer.referralCode, ip });
      await onHold('commission', 4000, 'commission:in_other', null, await referralOf(other));
      await earnOnHold();
      expect((await act('reject')).statusCode).toBe(200);
      expect(await accountBalances(db(), referrer.id)).toMatchObject({ onHoldCents: 4000 });
    });
  });

  describe('an entry written on hold while the decision was being made', () => {
    // A commission's transaction can read the referral as flagged just before the operator's
    // decision commits; the entry it writes is on hold after the decision. The tick settles it.
    it('is released by the next tick after an approval', async () => {
      expect((await act('approve')).statusCode).toBe(200);
      await onHold('commission', 3000, 'commission:in_late');
      await app.ledger.tick();
      expect(await entries()).toEqual([['commission', 3000, 'pending']]);
      clock.advanceDays(30);
      await app.ledger.tick();
      expect(await entries()).toEqual([['commission', 3000, 'available']]);
    });

    it('is reversed by the next tick after a rejection, with the operator’s note', async () => {
      expect((await act('reject', { reason: 'own second account' })).statusCode).toBe(200);
      const late = await onHold('commission', 3000, 'commission:in_late');
      await onHold('reversal', -500, 'refund:late', late?.id);
      await app.ledger.tick();
      expect(await entries()).toEqual([
        ['commission', 3000, 'reversed'],
        ['reversal', -500, 'reversed'],
        ['reversal', -2500, 'reversed'],
      ]);
      expect((await listEntries(db(), referrer.id))[0]?.reason).toMatch(/own second account/);
      expect(await accountBalances(db(), referrer.id)).toMatchObject({ onHoldCents: 0, pendingCents: 0 });
      await app.ledger.tick(); // settled once: a second tick changes nothing
      expect(await entries()).toHaveLength(3);
    });
  });

  describe('decisions are made once', () => {
    it.each([
      ['approve twice', 'approve', 'approve'],
      ['reject after approving', 'approve', 'reject'],
      ['approve after rejecting', 'reject', 'approve'],
      ['reject twice', 'reject', 'reject'],
    ] as const)('refuses to %s with 409', async (_name, first, second) => {
      await earnOnHold();
      expect((await act(first)).statusCode).toBe(200);
      const before = await entries();
      const res = await act(second);
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toBe('not_flagged');
      expect(await entries()).toEqual(before);
    });

    it('refuses to review a referral that was never flagged', async () => {
      const honest = await signUp(app, { ref: referrer.referralCode, ip: '198.51.100.7' });
      expect((await act('approve', undefined, await referralOf(honest))).statusCode).toBe(409);
    });

    it('lets only one of a concurrent approve and reject through', async () => {
      await earnOnHold();
      const results = await Promise.all([act('approve'), act('reject', { reason: 'no' })]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      const states = new Set((await listEntries(db(), referrer.id)).map((e) => e.state));
      expect(states.size).toBe(1); // all pending (approved) or all reversed (rejected), never a mix
    });

    it('answers 404 for an unknown referral, 400 for a malformed id or reason', async () => {
      expect((await act('approve', undefined, '999999')).statusCode).toBe(404);
      expect((await act('reject', undefined, '999999')).json().error).toBe('not_found');
      expect((await act('approve', undefined, 'abc')).statusCode).toBe(400);
      expect((await act('reject', { reason: 'x'.repeat(501) })).statusCode).toBe(400);
    });
  });

  describe('authorisation', () => {
    const routes = (): (InjectOptions & { url: string; method: 'GET' | 'POST' })[] => [
      { method: 'GET', url: '/api/admin/referrals' },
      { method: 'POST', url: `/api/admin/referrals/${referralId}/approve` },
      { method: 'POST', url: `/api/admin/referrals/${referralId}/reject`, payload: { reason: 'no' } },
    ];
    const review = async () =>
      (await db().query<{ review: string }>('select review from referrals where id = $1', [referralId])).rows[0]
        ?.review;

    it('refuses users with 403, even the referrer of the referral', async () => {
      for (const route of routes()) {
        const res = await as(app, referrer)(route);
        expect(res.statusCode, route.url).toBe(403);
        expect(res.json().error).toBe('forbidden');
      }
      expect(await review()).toBe('flagged');
    });

    it('refuses the operator a review of a referral of its own account', async () => {
      // The operator refers a disposable address: flagged like anyone's referral would be.
      const own = await referralOf(
        await signUp(app, { ref: admin.referralCode, email: 'sock@guerrillamail.com', ip: '198.51.100.9' }),
      );
      expect(
        (await db().query<{ review: string }>('select review from referrals where id = $1', [own])).rows[0]?.review,
      ).toBe('flagged');
      for (const action of ['approve', 'reject'] as const) {
        const res = await act(action, action === 'reject' ? { reason: 'no' } : undefined, own);
        expect([res.statusCode, res.json().error]).toEqual([403, 'own_referral']);
      }
    });

    it('refuses it also when the operator is the referee (which signup never makes it)', async () => {
      await db().query('update referrals set referee_id = $1 where id = $2', [admin.id, referralId]);
      const res = await act('approve');
      expect([res.statusCode, res.json().error]).toEqual([403, 'own_referral']);
      expect(await review()).toBe('flagged');
    });

    it('answers 401 without a session, and 403 to the operator without the CSRF header', async () => {
      for (const route of routes()) {
        expect((await app.inject(route)).statusCode, route.url).toBe(401);
        if (route.method === 'POST') {
          const res = await app.inject({ ...route, headers: { cookie: admin.cookie } });
          expect(res.json().error, route.url).toBe('csrf');
        }
      }
      expect(await review()).toBe('flagged');
    });
  });
});
