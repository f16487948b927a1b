import type { FastifyInstance } from 'fastify';
import { checksumIBAN } from 'sepa';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { accountBalances, insertEntry } from '../../src/db/queries/ledger.ts';
import { type TestClock, testClock } from '../clock.ts';
import { describeEachDb } from '../databases.ts';
import { ADMIN_EMAIL, testApp } from '../fixtures.ts';
import { decimal, readPaypalCsv, readSepa } from '../payout-files.ts';
import { as, signUp, type TestUser } from '../sessions.ts';

const SEPA_ENV = {
  SEPA_DEBTOR_NAME: 'Callbell Payouts S.L.',
  SEPA_DEBTOR_IBAN: 'DE02 1203 0000 0000 2020 51',
  SEPA_DEBTOR_BIC: 'BYLADEM1001',
};

/** A valid German IBAN of its own for each ambassador. */
const ibanFor = (n: number) => checksumIBAN(`DE00${String(n).padStart(18, '0')}`);
const START = '2026-03-01T10:00:00Z';

describeEachDb('/api/admin/payout-batches', (db) => {
  let app: FastifyInstance;
  let clock: TestClock;
  let admin: TestUser;
  let seq = 0;
  // One app for the suite, its clock set back before each test (as billing.test.ts does): the
  // database is emptied between tests, the operator's session is made anew for each (not
  // through the log-in route and its limits), and every ambassador signs up from an address of
  // its own (`payout` below), so the sign-up limit per address never carries over. The two
  // tests that need other settings build their own app beside it.
  beforeAll(async () => {
    clock = testClock(START);
    app = await testApp(db(), SEPA_ENV, clock);
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    clock.set(START);
    admin = await signUp(app, { email: ADMIN_EMAIL, ip: '192.0.2.1' });
  });

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

  interface Made {
    user: TestUser;
    id: string;
    cents: number;
    iban?: string;
    holder?: string;
    email?: string;
  }
  /** A new ambassador whose payout of `cents` was requested (and approved unless `approve` is false). */
  async function payout(
    cents: number,
    how: { paypal?: string; holder?: string } = {},
    approve = true,
    on: FastifyInstance = app,
  ): Promise<Made> {
    const user = await signUp(on, { ip: `203.0.113.${(seq % 200) + 1}` });
    const n = ++seq;
    const iban = ibanFor(n);
    const holder = how.holder ?? `Holder ${n}`;
    const details = how.paypal
      ? { method: 'paypal', email: how.paypal }
      : { method: 'bank_transfer', iban, holderName: holder };
    await available(user, cents);
    const res = await as(on, user)({ method: 'POST', url: '/api/payouts', payload: details });
    expect(res.statusCode, res.body).toBe(201);
    const id: string = res.json().id;
    if (approve) {
      const ok = await as(on, admin)({ method: 'POST', url: `/api/admin/payouts/${id}/approve` });
      expect(ok.statusCode, ok.body).toBe(200);
    }
    return how.paypal ? { user, id, cents, email: how.paypal } : { user, id, cents, iban, holder };
  }

  const create = (payoutIds: unknown, user = admin, on = app) =>
    as(on, user)({ method: 'POST', url: '/api/admin/payout-batches', payload: { payoutIds } });
  const act = (id: string, action: 'paid' | 'cancel' | 'send', payload?: object) =>
    as(
      app,
      admin,
    )({ method: 'POST', url: `/api/admin/payout-batches/${id}/${action}`, ...(payload ? { payload } : {}) });
  const file = (id: string) => as(app, admin)({ method: 'GET', url: `/api/admin/payout-batches/${id}/file` });
  const counts = async () =>
    (
      await db().query<{ batches: number; items: number }>(
        `select (select count(*) from payout_batches)::int as batches, (select count(*) from payout_batch_items)::int as items`,
      )
    ).rows[0];
  const statusOf = async (id: string) =>
    (await db().query<{ status: string }>('select status from payouts where public_id = $1', [id])).rows[0]?.status;

  describe('a SEPA batch', () => {
    it('holds the approved transfers, and its file carries each IBAN, name and amount to the cent', async () => {
      const made = [await payout(6010, { holder: 'Ana López' }), await payout(5001), await payout(1234567)];
      const res = await create(made.map((m) => m.id));
      expect(res.statusCode, res.body).toBe(201);
      const batch = res.json();
      const total = made.reduce((s, m) => s + m.cents, 0);
      expect(batch).toMatchObject({
        method: 'bank_transfer',
        state: 'created',
        payoutCount: 3,
        totalCents: total,
        createdByEmail: ADMIN_EMAIL,
        fileName: `callbell-${batch.id}-sepa.xml`,
        fileDownloadedAt: null,
      });
      expect(batch.id).toMatch(/^pb_[a-km-np-z2-9]{20}$/);
      expect(batch.payouts.map((p: { id: string }) => p.id).sort()).toEqual(made.map((m) => m.id).sort());
      expect(res.body).not.toMatch(/iban|holderName|encrypted/i);
      // The queue shows which batch holds each payout.
      const queue = await as(app, admin)({ method: 'GET', url: '/api/admin/payouts?status=approved' });
      expect(queue.json().payouts.map((p: { batchId: string }) => p.batchId)).toEqual([batch.id, batch.id, batch.id]);

      clock.advanceDays(1);
      const download = await file(batch.id);
      expect(download.statusCode, download.body).toBe(200);
      expect(download.headers['content-type']).toBe('application/xml; charset=utf-8');
      expect(download.headers['content-disposition']).toBe(`attachment; filename="callbell-${batch.id}-sepa.xml"`);
      const sepa = readSepa(download.body);
      expect(sepa.messageId).toBe(batch.id.replace('_', '-'));
      expect(sepa.group).toEqual({ count: '3', controlSum: decimal(total), initiator: 'Callbell Payouts S.L.' });
      expect(sepa.info).toMatchObject({
        count: '3',
        controlSum: decimal(total),
        executionDate: '2026-03-02',
        debtor: { name: 'Callbell Payouts S.L.', iban: 'DE02120300000000202051', bic: 'BYLADEM1001' },
      });
      // Every transfer against its payout, and the file's total against the ledger.
      expect(sepa.transfers).toHaveLength(made.length);
      for (const m of made) {
        const t = sepa.transfers.find((x) => x.endToEndId === m.id.replace('_', '-'));
        expect(t, m.id).toEqual({
          endToEndId: m.id.replace('_', '-'),
          amount: decimal(m.cents),
          currency: 'EUR',
          name: m.holder === 'Ana López' ? 'Ana Lopez' : m.holder,
          iban: m.iban,
          remittance: `Callbell rewards payout ${m.id.replace('_', '-')}`,
        });
        expect((await accountBalances(db(), m.user.id)).processingCents).toBe(m.cents);
      }
      const list = await as(app, admin)({ method: 'GET', url: '/api/admin/payout-batches' });
      expect(list.json().batches[0].fileDownloadedAt).toBe('2026-03-02T10:00:00.000Z');
      expect(list.json().sepa).toEqual({
        configured: true,
        demo: false,
        debtorName: 'Callbell Payouts S.L.',
        debtorIbanHint: '•••• 2051',
      });
    });

    it('marked paid, pays each payout with its reference, through the path one payout takes', async () => {
      const made = [await payout(6000), await payout(7050)];
      const batch = (await create(made.map((m) => m.id))).json();
      clock.advanceDays(1);
      const paid = await act(batch.id, 'paid', { reference: '  BANK-2026-03-02 ' });
      expect(paid.statusCode, paid.body).toBe(200);
      expect(paid.json()).toMatchObject({
        state: 'paid',
        reference: 'BANK-2026-03-02',
        paidAt: clock.now().toISOString(),
      });
      expect(paid.json().payouts.map((p: { status: string }) => p.status)).toEqual(['paid', 'paid']);
      for (const m of made) {
        const mine = await as(app, m.user)({ method: 'GET', url: '/api/payouts' });
        expect(mine.json().payouts[0]).toMatchObject({ status: 'paid', reference: 'BANK-2026-03-02' });
        expect(await accountBalances(db(), m.user.id)).toMatchObject({ paidCents: m.cents, processingCents: 0 });
      }
      const { rows } = await db().query<{ kind: string }>(
        `select kind from emails where kind = 'payout_paid' and account_id = any($1::text[])`,
        [made.map((m) => m.user.id)],
      );
      expect(rows).toHaveLength(2);
      // Twice is refused, and so is anything else on a paid batch.
      expect((await act(batch.id, 'paid', { reference: 'again' })).statusCode).toBe(409);
      expect((await act(batch.id, 'cancel')).json()).toMatchObject({ error: 'invalid_transition' });
      // The audit log has the batch's making and its payment, once each.
      const audit = (await as(app, admin)({ method: 'GET', url: '/api/admin/audit?action=batch' })).json();
      expect(audit.records.map((r: Record<string, unknown>) => [r.action, r.subjectId, r.details])).toEqual([
        [
          'batch.paid',
          batch.id,
          { method: 'bank_transfer', payouts: 2, totalCents: 13050, reference: 'BANK-2026-03-02' },
        ],
        [
          'batch.create',
          batch.id,
          { method: 'bank_transfer', payouts: 2, totalCents: 13050, payoutIds: made.map((m) => m.id) },
        ],
      ]);
    });

    it('needs the debtor’s account: without SEPA_DEBTOR_* it says what to set, and writes nothing', async () => {
      const bare = await testApp(db(), {}, clock);
      try {
        const m = await payout(6000, {}, true, bare);
        const res = await create([m.id], admin, bare);
        expect(res.statusCode).toBe(409);
        expect(res.json()).toEqual({
          error: 'sepa_not_configured',
          message: expect.stringContaining('set SEPA_DEBTOR_NAME and SEPA_DEBTOR_IBAN'),
        });
        expect(await counts()).toEqual({ batches: 0, items: 0 });
      } finally {
        await bare.close();
      }
    });

    it('in the demo, pays from the documented demo account', async () => {
      const demo = await testApp(db(), { CALLBELL_DEMO: 'true' }, clock);
      try {
        const m = await payout(6000, {}, true, demo);
        const batch = (await create([m.id], admin, demo)).json();
        const res = await as(demo, admin)({ method: 'GET', url: `/api/admin/payout-batches/${batch.id}/file` });
        expect(readSepa(res.body).info.debtor).toEqual({
          name: 'Callbell Demo Payouts',
          iban: 'DE02120300000000202051',
          bic: 'BYLADEM1001',
        });
      } finally {
        await demo.close();
      }
    });
  });

  describe('a PayPal batch', () => {
    it('downloads as PayPal’s bulk-upload CSV, one exact line per payout', async () => {
      const made = [
        await payout(6010, { paypal: 'Ana@Example.com' }),
        await payout(5000, { paypal: 'ben@example.com' }),
      ];
      const batch = (await create(made.map((m) => m.id))).json();
      expect(batch).toMatchObject({ method: 'paypal', totalCents: 11010, fileName: `callbell-${batch.id}-paypal.csv` });
      const res = await file(batch.id);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="callbell-${batch.id}-paypal.csv"`);
      const rows = readPaypalCsv(res.body);
      expect(rows).toHaveLength(2);
      for (const m of made) {
        expect(rows.find((r) => r.customerId === m.id)).toEqual({
          email: m.email?.toLowerCase(),
          amount: decimal(m.cents),
          currency: 'EUR',
          customerId: m.id,
          note: `Callbell rewards payout ${m.id}`,
          wallet: 'PAYPAL',
        });
      }
      expect(rows.reduce((s, r) => s + Number(r.amount.replace('.', '')), 0)).toBe(batch.totalCents);
    });
  });

  describe('refusals', () => {
    it('refuses what is not an approved payout of one method in no batch, with 4xx and nothing written', async () => {
      const bank = await payout(6000);
      const requested = await payout(6000, {}, false);
      const paypal = await payout(6000, { paypal: 'p@example.com' });
      const cases: [unknown, number, string][] = [
        [[requested.id], 409, 'not_approved'],
        [[bank.id, paypal.id], 400, 'mixed_methods'],
        [[bank.id, 'po_abcdefghijkmnpqrstuv'], 404, 'not_found'],
        [[], 400, 'invalid_request'],
        [['12'], 400, 'invalid_request'],
        [[bank.id, bank.id], 400, 'invalid_request'],
        ['po_x', 400, 'invalid_request'],
      ];
      for (const [ids, status, error] of cases) {
        const res = await create(ids);
        expect([res.statusCode, res.json().error], JSON.stringify(ids)).toEqual([status, error]);
        expect(res.json().message).toEqual(expect.any(String));
      }
      expect(await counts()).toEqual({ batches: 0, items: 0 });
      const noBody = await as(app, admin)({ method: 'POST', url: '/api/admin/payout-batches' });
      expect(noBody.statusCode).toBe(400);
    });

    it('puts a payout in one open batch only; cancelling frees it for another', async () => {
      const a = await payout(6000);
      const b = await payout(6500);
      const first = (await create([a.id])).json();
      const again = await create([b.id, a.id]);
      expect(again.statusCode).toBe(409);
      expect(again.json()).toEqual({ error: 'in_batch', message: `Payout ${a.id} is already in batch ${first.id}` });
      expect(await counts()).toEqual({ batches: 1, items: 1 });
      // One payout alone cannot leave its batch by the single-payout actions.
      const paidAlone = await as(
        app,
        admin,
      )({
        method: 'POST',
        url: `/api/admin/payouts/${a.id}/paid`,
        payload: { reference: 'R' },
      });
      expect([paidAlone.statusCode, paidAlone.json().error]).toEqual([409, 'in_batch']);
      const rejected = await as(
        app,
        admin,
      )({
        method: 'POST',
        url: `/api/admin/payouts/${a.id}/reject`,
        payload: { reason: 'no' },
      });
      expect(rejected.statusCode).toBe(409);
      expect(await statusOf(a.id)).toBe('approved');

      const cancelled = await act(first.id, 'cancel');
      expect(cancelled.statusCode, cancelled.body).toBe(200);
      expect(cancelled.json()).toMatchObject({ state: 'cancelled', cancelledAt: clock.now().toISOString() });
      const audited = (await as(app, admin)({ method: 'GET', url: '/api/admin/audit?action=batch.cancel' })).json();
      expect(audited.records.map((r: { subjectId: string }) => r.subjectId)).toEqual([first.id]);
      expect((await file(first.id)).json()).toMatchObject({ error: 'batch_cancelled' });
      expect((await act(first.id, 'paid', { reference: 'R' })).statusCode).toBe(409);
      expect((await act(first.id, 'cancel')).statusCode).toBe(409);
      const second = await create([b.id, a.id]);
      expect(second.statusCode, second.body).toBe(201);
      expect(second.json().totalCents).toBe(12500);
      expect(await statusOf(a.id)).toBe('approved');
    });

    it('answers a double submission once: the same batch sent twice at once makes one batch', async () => {
      const made = [await payout(6000), await payout(7000), await payout(8000)];
      const ids = made.map((m) => m.id);
      const answers = await Promise.all([create(ids), create([...ids].reverse()), create(ids)]);
      expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
      for (const r of answers.filter((x) => x.statusCode === 409)) expect(r.json().error).toBe('in_batch');
      expect(await counts()).toEqual({ batches: 1, items: 3 });
      const { rows } = await db().query<{ total: string }>('select total_cents::text as total from payout_batches');
      expect(rows[0]?.total).toBe('21000');
    });

    it('keeps batches to the operator, with the CSRF token, and never its own payout', async () => {
      const m = await payout(6000);
      expect((await create([m.id], m.user)).statusCode).toBe(403);
      const noCsrf = await app.inject({
        method: 'POST',
        url: '/api/admin/payout-batches',
        headers: { cookie: admin.cookie },
        payload: { payoutIds: [m.id] },
      });
      expect([noCsrf.statusCode, noCsrf.json().error]).toEqual([403, 'csrf']);
      expect((await app.inject({ method: 'GET', url: '/api/admin/payout-batches' })).statusCode).toBe(401);
      // The operator's own payout, approved by another operator, is paid by that one.
      await available(admin, 6000);
      const own = await as(
        app,
        admin,
      )({ method: 'POST', url: '/api/payouts', payload: { method: 'paypal', email: 'op@example.com' } });
      await db().query(`update payouts set status = 'approved' where public_id = $1`, [own.json().id]);
      expect((await create([own.json().id])).json()).toMatchObject({ error: 'own_payout' });
      for (const [method, url] of [
        ['GET', '/api/admin/payout-batches/pb_x'],
        ['GET', '/api/admin/payout-batches/pb_abcdefghijkmnpqrstuv'],
        ['GET', '/api/admin/payout-batches/pb_abcdefghijkmnpqrstuv/file'],
        ['POST', '/api/admin/payout-batches/pb_abcdefghijkmnpqrstuv/cancel'],
        ['GET', '/api/admin/payout-batches?state=everything'],
      ] as const) {
        const res = await as(app, admin)({ method, url });
        expect(res.statusCode, url).toBeLessThan(500);
        expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
        expect(res.json()).toEqual({ error: expect.any(String), message: expect.any(String) });
      }
    });
  });

  describe('a returned payout', () => {
    it('gives its money back to available exactly once, tells the ambassador why, and can be asked for again', async () => {
      const m = await payout(6010);
      const batch = (await create([m.id])).json();
      expect((await act(batch.id, 'paid', { reference: 'BANK-1' })).statusCode).toBe(200);
      await available(m.user, 700); // earned after the payout: untouched by the return
      expect(await accountBalances(db(), m.user.id)).toMatchObject({ availableCents: 700, paidCents: 6010 });

      clock.advanceDays(3);
      const back = (reason: string) =>
        as(app, admin)({ method: 'POST', url: `/api/admin/payouts/${m.id}/return`, payload: { reason } });
      const answers = await Promise.all([back('Account closed (AC04)'), back('Account closed (AC04)')]);
      expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      const ok = answers.find((r) => r.statusCode === 200)?.json();
      expect(ok).toMatchObject({
        status: 'returned',
        returnReason: 'Account closed (AC04)',
        returnedAt: clock.now().toISOString(),
        reference: 'BANK-1',
      });
      expect(await accountBalances(db(), m.user.id)).toMatchObject({
        availableCents: 6710,
        processingCents: 0,
        paidCents: 0,
      });
      expect((await back('again')).json()).toMatchObject({ error: 'invalid_transition' });

      const mine = await as(app, m.user)({ method: 'GET', url: '/api/payouts' });
      expect(mine.json()).toMatchObject({ availableCents: 6710 });
      expect(mine.json().payouts[0]).toMatchObject({
        id: m.id,
        status: 'returned',
        returnReason: 'Account closed (AC04)',
      });
      const { rows } = await db().query<{ data: { kind: string; reason: string; amountCents: number } }>(
        `select data from emails where account_id = $1 and kind = 'payout_returned'`,
        [m.user.id],
      );
      expect(rows.map((r) => r.data)).toEqual([
        expect.objectContaining({ kind: 'payout_returned', amountCents: 6010, reason: 'Account closed (AC04)' }),
      ]);
      const queue = await as(app, admin)({ method: 'GET', url: '/api/admin/payouts?status=returned' });
      expect(queue.json().payouts.map((p: { id: string }) => p.id)).toEqual([m.id]);

      // The ambassador corrects the details and asks again: the whole balance, once.
      const again = await as(
        app,
        m.user,
      )({
        method: 'POST',
        url: '/api/payouts',
        payload: { method: 'bank_transfer', iban: ibanFor(999), holderName: 'Holder corrected' },
      });
      expect([again.statusCode, again.json().amountCents]).toEqual([201, 6710]);
    });

    it('refuses to return a payout that was not paid, and needs a reason', async () => {
      const m = await payout(6000);
      const res = await as(
        app,
        admin,
      )({ method: 'POST', url: `/api/admin/payouts/${m.id}/return`, payload: { reason: 'x' } });
      expect([res.statusCode, res.json().error]).toEqual([409, 'invalid_transition']);
      const noReason = await as(
        app,
        admin,
      )({
        method: 'POST',
        url: `/api/admin/payouts/${m.id}/return`,
        payload: { reason: '  ' },
      });
      expect(noReason.statusCode).toBe(400);
      expect(await accountBalances(db(), m.user.id)).toMatchObject({ processingCents: 6000, availableCents: 0 });
    });
  });
});
