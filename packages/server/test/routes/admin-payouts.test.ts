import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { accountBalances, insertEntry } from '../../src/db/queries/ledger.ts';
import { type TestClock, testClock } from '../clock.ts';
import { describeEachDb } from '../databases.ts';
import { ADMIN_EMAIL, testApp } from '../fixtures.ts';
import { as, signUp, type TestUser } from '../sessions.ts';

const BANK = { method: 'bank_transfer', iban: 'DE89 3704 0044 0532 0130 00', holderName: 'Ana López' } as const;

describeEachDb('/api/admin/payouts', (db) => {
  let app: FastifyInstance;
  let clock: TestClock;
  let admin: TestUser;
  let ana: TestUser;
  // One app for the suite, its clock set back before each test (as billing.test.ts does): the
  // database is emptied between tests, and Ana signs up from an address of her own each time,
  // so the sign-up limit per address never carries over.
  let n = 0;
  const START = '2026-03-01T10:00:00Z';
  beforeAll(async () => {
    clock = testClock(START);
    app = await testApp(db(), {}, clock);
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    clock.set(START);
    n++;
    admin = await signUp(app, { email: ADMIN_EMAIL, ip: '192.0.2.1' });
    ana = await signUp(app, { ip: `203.0.113.${100 + n}` });
  });

  let seq = 0;
  const available = (user: TestUser, amountCents: number) =>
    insertEntry(db(), {
      accountId: user.id,
      referralId: null,
      kind: 'commission',
      amountCents,
      state: 'available',
      sourceKey: `test:${++seq}`,
      createdAt: clock.now(),
      availableAt: clock.now(),
    });
  /** A payout request of `cents` (made available first) by the user; returns its id. */
  const requested = async (user: TestUser, cents = 6000, payload: object = BANK): Promise<string> => {
    await available(user, cents);
    const res = await as(app, user)({ method: 'POST', url: '/api/payouts', payload });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id;
  };
  const act = (id: string, action: 'approve' | 'paid' | 'reject', payload?: object, user = admin) =>
    as(app, user)({ method: 'POST', url: `/api/admin/payouts/${id}/${action}`, ...(payload ? { payload } : {}) });
  const queue = (query = '') => as(app, admin)({ method: 'GET', url: `/api/admin/payouts${query}` });
  const entryStates = async (payoutId: string | null, accountId = ana.id) =>
    (
      await db().query<{ state: string; payout_id: string | null }>(
        `select e.state, p.public_id as payout_id from ledger_entries e left join payouts p on p.id = e.payout_id
         where e.account_id = $1 order by e.id`,
        [accountId],
      )
    ).rows.filter((r) => payoutId === null || r.payout_id === payoutId || r.payout_id === null);

  describe('the queue', () => {
    it('shows open payouts oldest first, their details masked, the e-mail and the waiting time', async () => {
      const ben = await signUp(app, { ip: '203.0.113.2' });
      const first = await requested(ana, 6000);
      clock.advanceDays(1);
      const second = await requested(ben, 5500, { method: 'paypal', email: 'Ben@Example.com' });
      clock.advanceDays(1);
      const res = await queue();
      expect(res.statusCode).toBe(200);
      const { payouts } = res.json();
      expect(payouts.map((p: { id: string }) => p.id)).toEqual([first, second]);
      expect(payouts[0]).toMatchObject({
        accountId: ana.id,
        email: ana.email,
        amountCents: 6000,
        method: 'bank_transfer',
        status: 'requested',
        detailsReadable: true,
        detailsHint: '•••• 3000',
        waitingSeconds: 2 * 86_400,
      });
      expect(payouts[1]).toMatchObject({ detailsReadable: true, waitingSeconds: 86_400 });
      expect(res.body).not.toMatch(/encrypted|DE89370400440532013000|López|ben@example\.com/i);

      // In full only through the reveal action, which the audit log records.
      const reveal = (id: string) => as(app, admin)({ method: 'POST', url: `/api/admin/payouts/${id}/details` });
      const shown = await reveal(first);
      expect(shown.statusCode, shown.body).toBe(200);
      expect(shown.json()).toEqual({
        id: first,
        method: 'bank_transfer',
        iban: 'DE89370400440532013000',
        holderName: 'Ana López',
      });
      expect((await reveal(second)).json()).toEqual({ id: second, method: 'paypal', email: 'ben@example.com' });
      const audit = (
        await as(app, admin)({ method: 'GET', url: '/api/admin/audit?action=payout.details_reveal' })
      ).json();
      expect(
        audit.records.map((r: { subjectId: string; accountId: string; actorId: string }) => [
          r.subjectId,
          r.accountId,
          r.actorId,
        ]),
      ).toEqual([
        [second, ben.id, admin.id],
        [first, ana.id, admin.id],
      ]);
      // Only the operator may.
      expect((await as(app, ana)({ method: 'POST', url: `/api/admin/payouts/${first}/details` })).statusCode).toBe(403);
      expect((await reveal('po_aaaaaaaaaaaaaaaaaaaa')).statusCode).toBe(404);
    });

    it('warns when clawbacks since the request mean paying in full would overpay, and refuses to approve it', async () => {
      const id = await requested(ana, 6000);
      const clawback = (amountCents: number) =>
        insertEntry(db(), {
          accountId: ana.id,
          referralId: null,
          kind: 'clawback',
          amountCents,
          state: 'available',
          sourceKey: `test:${++seq}`,
          createdAt: clock.now(),
          availableAt: clock.now(),
        });
      const shown = async (query = '') => (await queue(query)).json().payouts[0];
      expect(await shown()).toMatchObject({ id, otherAvailableCents: 0, warning: null });

      await clawback(-1500);
      expect(await shown()).toMatchObject({
        otherAvailableCents: -1500,
        warning:
          'Clawbacks since the request leave -€15.00: paying €60.00 in full would overpay by €15.00; the account has earned €45.00 net, which it can ask for if this payout is rejected before it is sent',
      });
      const refused = await act(id, 'approve');
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toMatchObject({ error: 'overpays' });
      expect(refused.json().message).toContain('for €45.00 earned net');
      await clawback(-4500);
      expect((await shown()).warning).toBe(
        'Clawbacks since the request leave -€60.00: the account has earned nothing net; reject this payout rather than pay it',
      );
      // New earnings make up for it; a settled payout carries no warning.
      await available(ana, 7000);
      expect(await shown()).toMatchObject({ otherAvailableCents: 1000, warning: null });
      expect((await act(id, 'approve')).statusCode).toBe(200);
      await clawback(-2000);
      expect((await shown('?status=approved')).warning).toContain('would overpay by €10.00');
      // Not yet sent: the operator rejects it and the balance is released.
      expect((await act(id, 'reject', { reason: 'clawed back' })).statusCode).toBe(200);
      expect(await shown('?status=rejected')).toMatchObject({ otherAvailableCents: 5000, warning: null });
    });

    it('still records a payment sent before a clawback landed: the money has gone', async () => {
      const id = await requested(ana, 6000);
      expect((await act(id, 'approve')).statusCode).toBe(200);
      await insertEntry(db(), {
        accountId: ana.id,
        referralId: null,
        kind: 'clawback',
        amountCents: -1500,
        state: 'available',
        sourceKey: `test:${++seq}`,
        createdAt: clock.now(),
        availableAt: clock.now(),
      });
      const paid = await act(id, 'paid', { reference: 'PP-7' });
      expect([paid.statusCode, paid.json().status]).toEqual([200, 'paid']);
      // The debt waits against later earnings.
      expect(await accountBalances(db(), ana.id)).toMatchObject({ availableCents: -1500, paidCents: 6000 });
    });

    it('filters by status, and refuses a status that does not exist', async () => {
      const id = await requested(ana);
      expect((await act(id, 'approve')).statusCode).toBe(200);
      expect((await queue('?status=approved')).json().payouts).toHaveLength(1);
      expect((await queue('?status=requested')).json().payouts).toHaveLength(0);
      expect((await queue('?status=open')).json().payouts).toHaveLength(1);
      const bad = await queue('?status=everything');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error).toBe('invalid_request');
    });

    it('still lists a payout whose stored details were altered, without them', async () => {
      const id = await requested(ana);
      await db().query(`update payouts set details_encrypted = details_encrypted || 'x' where public_id = $1`, [id]);
      const [payout] = (await queue()).json().payouts;
      expect(payout).toMatchObject({ id, detailsReadable: false, detailsHint: '•••• 3000' });
      const reveal = await as(app, admin)({ method: 'POST', url: `/api/admin/payouts/${id}/details` });
      expect(reveal.statusCode).toBe(409);
      expect(reveal.json()).toMatchObject({ error: 'details_unreadable' });
      // A reveal that showed nothing records nothing.
      expect((await as(app, admin)({ method: 'GET', url: '/api/admin/audit' })).json().records).toEqual([]);
    });

    it('cannot be decrypted for another account: details copied onto another payout show as null', async () => {
      const ben = await signUp(app, { ip: '203.0.113.2' });
      const anas = await requested(ana);
      const bens = await requested(ben, 5000, { method: 'paypal', email: 'ben@example.com' });
      await db().query(
        `update payouts set details_encrypted = (select details_encrypted from payouts where public_id = $1)
         where public_id = $2`,
        [anas, bens],
      );
      const payouts = (await queue()).json().payouts;
      expect(payouts.find((p: { id: string }) => p.id === bens).detailsReadable).toBe(false);
    });
  });

  describe('the lifecycle', () => {
    it('records each decision in the audit log, with the amount and why; a refused one records nothing', async () => {
      const id = await requested(ana);
      expect((await act(id, 'paid', { reference: 'TOO-EARLY' })).statusCode).toBe(409);
      expect((await act(id, 'approve')).statusCode).toBe(200);
      expect((await act(id, 'paid', { reference: 'SEPA-2026-0001' })).statusCode).toBe(200);
      const other = await requested(await signUp(app, { ip: '203.0.113.3' }), 5000);
      expect((await act(other, 'reject', { reason: 'Details belong to someone else' })).statusCode).toBe(200);
      const { records } = (await as(app, admin)({ method: 'GET', url: '/api/admin/audit?action=payout' })).json();
      expect(
        records.map((r: Record<string, unknown>) => [r.action, r.subjectId, r.reason, r.details, r.actorId]),
      ).toEqual([
        ['payout.reject', other, 'Details belong to someone else', { amountCents: 5000 }, admin.id],
        ['payout.paid', id, null, { amountCents: 6000, reference: 'SEPA-2026-0001' }, admin.id],
        ['payout.approve', id, null, { amountCents: 6000 }, admin.id],
      ]);
    });

    it('requested → approved → paid: the entries it holds become paid', async () => {
      const id = await requested(ana, 6000);
      clock.advanceDays(2);
      const approved = await act(id, 'approve');
      expect(approved.statusCode, approved.body).toBe(200);
      expect(approved.json()).toMatchObject({
        status: 'approved',
        decidedAt: '2026-03-03T10:00:00.000Z',
        paidAt: null,
      });
      expect(await accountBalances(db(), ana.id)).toMatchObject({ processingCents: 6000, paidCents: 0 });

      clock.advanceDays(1);
      const paid = await act(id, 'paid', { reference: '  SEPA-2026-0001 ' });
      expect(paid.statusCode, paid.body).toBe(200);
      expect(paid.json()).toMatchObject({
        status: 'paid',
        reference: 'SEPA-2026-0001',
        decidedAt: '2026-03-03T10:00:00.000Z',
        paidAt: '2026-03-04T10:00:00.000Z',
      });
      expect((await entryStates(id)).map((e) => e.state)).toEqual(['paid']);
      expect(await accountBalances(db(), ana.id)).toMatchObject({
        availableCents: 0,
        processingCents: 0,
        paidCents: 6000,
      });
      const mine = await as(app, ana)({ method: 'GET', url: '/api/payouts' });
      expect(mine.json().payouts[0]).toMatchObject({ status: 'paid', reference: 'SEPA-2026-0001' });
      const { rows } = await db().query<{ decided_by: string }>('select decided_by from payouts where public_id = $1', [
        id,
      ]);
      expect(rows[0]?.decided_by).toBe(admin.id);
    });

    it('reject: the payout is rejected with its reason, the balance is available again and can be requested anew', async () => {
      const id = await requested(ana, 6000);
      await available(ana, 700); // arrived after the request: never part of it
      const res = await act(id, 'reject', { reason: 'The IBAN belongs to someone else' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'rejected', rejectReason: 'The IBAN belongs to someone else' });
      expect(await accountBalances(db(), ana.id)).toMatchObject({ availableCents: 6700, processingCents: 0 });
      const mine = await as(app, ana)({ method: 'GET', url: '/api/payouts' });
      expect(mine.json().payouts[0]).toMatchObject({
        status: 'rejected',
        rejectReason: 'The IBAN belongs to someone else',
      });
      const again = await as(app, ana)({ method: 'POST', url: '/api/payouts', payload: BANK });
      expect(again.statusCode).toBe(201);
      expect(again.json().amountCents).toBe(6700);
    });

    it('rejects an approved payout too', async () => {
      const id = await requested(ana);
      await act(id, 'approve');
      expect((await act(id, 'reject', { reason: 'Bank returned the transfer' })).statusCode).toBe(200);
      expect(await accountBalances(db(), ana.id)).toMatchObject({ availableCents: 6000, processingCents: 0 });
    });

    it.each([
      ['pay a requested payout (not approved yet)', [], 'paid'],
      ['approve twice', ['approve'], 'approve'],
      ['pay twice', ['approve', 'paid'], 'paid'],
      ['reject a paid payout', ['approve', 'paid'], 'reject'],
      ['pay a rejected payout', ['reject'], 'paid'],
      ['approve a rejected payout', ['reject'], 'approve'],
      ['reject twice', ['reject'], 'reject'],
    ] as const)('refuses to %s with 409, changing nothing', async (_name, before, action) => {
      const id = await requested(ana);
      const body = { approve: undefined, paid: { reference: 'REF-1' }, reject: { reason: 'no' } };
      for (const step of before) expect((await act(id, step, body[step])).statusCode).toBe(200);
      const snapshot = async () => ({
        payout: (await db().query('select * from payouts')).rows,
        balances: await accountBalances(db(), ana.id),
      });
      const was = await snapshot();
      const res = await act(id, action, body[action]);
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ error: 'invalid_transition', message: expect.stringContaining(id) });
      expect(await snapshot()).toEqual(was);
    });

    it('answers 404 for an unknown payout and 400 for a malformed id, changing nothing', async () => {
      const id = await requested(ana);
      const unknown = `po_${'a'.repeat(20)}`;
      for (const action of ['approve', 'paid', 'reject'] as const) {
        const body = action === 'paid' ? { reference: 'REF' } : { reason: 'no' };
        const missing = await act(unknown, action, body);
        expect(missing.statusCode).toBe(404);
        expect(missing.json()).toEqual({ error: 'not_found', message: `No payout ${unknown}` });
        // The bigint key behind the payout is not an id the API takes, nor another kind's id.
        for (const malformed of [
          '1',
          '12abc',
          id.toUpperCase(),
          `${id}a`,
          id.replace('po_', 'le_'),
          'po_%00',
          "po_' or 1=1",
        ]) {
          const res = await act(encodeURIComponent(malformed), action, body);
          expect(res.statusCode, malformed).toBe(400);
          expect(res.json()).toMatchObject({ error: 'invalid_request', message: expect.stringContaining('params/id') });
        }
      }
      expect((await db().query<{ status: string }>('select status from payouts')).rows).toEqual([
        { status: 'requested' },
      ]);
    });

    it.each([
      ['paid', {}],
      ['paid', { reference: '   ' }],
      ['paid', { reference: 'x'.repeat(201) }],
      ['reject', {}],
      ['reject', { reason: '' }],
    ] as const)('%s refuses %j with 400', async (action, payload) => {
      const id = await requested(ana);
      if (action === 'paid') await act(id, 'approve');
      const res = await act(id, action, payload);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toBe('invalid_request');
    });
  });

  describe('authorisation', () => {
    const routes = (id: string): (InjectOptions & { url: string; method: 'GET' | 'POST' })[] => [
      { method: 'GET', url: '/api/admin/payouts' },
      { method: 'POST', url: `/api/admin/payouts/${id}/approve` },
      { method: 'POST', url: `/api/admin/payouts/${id}/paid`, payload: { reference: 'REF' } },
      { method: 'POST', url: `/api/admin/payouts/${id}/reject`, payload: { reason: 'no' } },
    ];

    it('refuses users with 403 on every admin route, even on their own payout', async () => {
      const id = await requested(ana);
      for (const route of routes(id)) {
        const res = await as(app, ana)(route);
        expect(res.statusCode, route.url).toBe(403);
        expect(res.json().error).toBe('forbidden');
      }
      expect((await db().query<{ status: string }>('select status from payouts')).rows).toEqual([
        { status: 'requested' },
      ]);
    });

    it('refuses the operator a decision on a payout of its own account', async () => {
      const own = await requested(admin);
      for (const [action, payload] of [
        ['approve', undefined],
        ['paid', { reference: 'REF' }],
        ['reject', { reason: 'no' }],
      ] as const) {
        const res = await act(own, action, payload);
        expect(res.statusCode).toBe(403);
        expect(res.json().error).toBe('own_payout');
      }
      expect((await db().query<{ status: string }>('select status from payouts')).rows).toEqual([
        { status: 'requested' },
      ]);
    });

    it('keeps who approved apart from who paid', async () => {
      const second = await signUp(app, { ip: '192.0.2.9' });
      await db().query(`update accounts set role = 'admin' where id = $1`, [second.id]);
      const id = await requested(ana);
      expect((await act(id, 'approve')).statusCode).toBe(200);
      expect((await act(id, 'paid', { reference: 'SEPA-1' }, second)).statusCode).toBe(200);
      const { rows } = await db().query('select approved_by, decided_by from payouts where public_id = $1', [id]);
      expect(rows).toEqual([{ approved_by: admin.id, decided_by: second.id }]);
    });

    it('answers 401 without a session, and 403 to the operator without the CSRF header', async () => {
      const id = await requested(ana);
      for (const route of routes(id)) {
        expect((await app.inject(route)).statusCode, route.url).toBe(401);
        if (route.method === 'POST') {
          const res = await app.inject({ ...route, headers: { cookie: admin.cookie } });
          expect(res.statusCode, route.url).toBe(403);
          expect(res.json().error).toBe('csrf');
        }
      }
      expect((await db().query<{ status: string }>('select status from payouts')).rows).toEqual([
        { status: 'requested' },
      ]);
    });
  });
});
