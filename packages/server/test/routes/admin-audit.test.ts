import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it, onTestFinished, vi } from 'vitest';
import { type TestClock, testClock } from '../clock.ts';
import { describeEachDb } from '../databases.ts';
import { ADMIN_EMAIL, testApp } from '../fixtures.ts';
import { as, signUp, type TestUser } from '../sessions.ts';

const HOUR = 3_600_000;
const START = '2026-03-01T10:00:00Z';

describeEachDb('the operator audit log', (db) => {
  let app: FastifyInstance;
  let clock: TestClock;
  let admin: TestUser;
  let ana: TestUser;
  let bo: TestUser;
  // One app for the suite, its clock set back before each test (as payouts.test.ts does): the
  // database is emptied between tests, and Ana and Bo sign up from addresses of that test's own
  // (the operator's session is made without the route), so the sign-up limit per address never
  // carries over. The test that fails the audit record's write puts the database's transaction
  // back when it ends, pass or fail.
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
    admin = await signUp(app, { email: ADMIN_EMAIL, ip: '203.0.113.9' });
    ana = await signUp(app, { ip: `203.0.113.${100 + n}` });
    bo = await signUp(app, { ip: `203.0.113.${150 + n}` });
    for (const who of [ana, bo]) {
      const res = await as(app, who)({ method: 'POST', url: '/api/affiliate/request', payload: { message: 'hi' } });
      expect(res.statusCode, res.body).toBe(201);
    }
  });
  afterEach(async () => {
    if (app !== shared) await app.close();
  });

  const decide = (who: TestUser, action: 'approve' | 'reject' | 'withdraw', reason?: string) =>
    as(
      app,
      admin,
    )({
      method: 'POST',
      url: `/api/admin/affiliate/requests/${who.id}/${action}`,
      ...(reason ? { payload: { reason } } : {}),
    });
  const audit = async (query = '') => {
    const res = await as(app, admin)({ method: 'GET', url: `/api/admin/audit${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().records as Record<string, unknown>[];
  };

  it('records each decision with who, when, what, on whom and why; a refused one records nothing', async () => {
    expect((await decide(ana, 'approve')).statusCode).toBe(200);
    clock.advanceMs(HOUR);
    expect((await decide(bo, 'reject', 'No site yet')).statusCode).toBe(200);
    clock.advanceMs(HOUR);
    expect((await decide(ana, 'withdraw', 'Keys shared publicly')).statusCode).toBe(200);
    expect((await decide(bo, 'approve')).statusCode).toBe(409);

    const records = await audit();
    expect(records).toEqual([
      {
        id: expect.any(String),
        at: '2026-03-01T12:00:00.000Z',
        actorId: admin.id,
        actorEmail: ADMIN_EMAIL,
        action: 'affiliate.withdraw',
        subjectType: 'affiliate_request',
        subjectId: ana.id,
        accountId: ana.id,
        accountEmail: ana.email,
        reason: 'Keys shared publicly',
        details: { keysRevoked: 0 },
      },
      expect.objectContaining({ action: 'affiliate.reject', accountId: bo.id, reason: 'No site yet' }),
      expect.objectContaining({ action: 'affiliate.approve', accountId: ana.id, reason: null, details: {} }),
    ]);
  });

  it('records nothing, and changes nothing, when the record cannot be written', async () => {
    // The record is written on the action's transaction: fail it there.
    const transaction = app.db.transaction.bind(app.db);
    const spy = vi.spyOn(app.db, 'transaction');
    // The app is the suite's: its transaction is put back even if the test fails before that.
    onTestFinished(() => spy.mockRestore());
    spy.mockImplementation(((fn: Parameters<typeof transaction>[0]) =>
      transaction((tx) => {
        const txQuery = tx.query.bind(tx);
        tx.query = ((sql: string, params?: unknown[]) =>
          /insert into audit_log/.test(sql)
            ? Promise.reject(new Error('audit log unavailable'))
            : txQuery(sql, params)) as typeof tx.query;
        return fn(tx);
      })) as typeof app.db.transaction);
    expect((await decide(ana, 'approve')).statusCode).toBe(500);
    vi.restoreAllMocks();
    const { rows } = await db().query<{ status: string }>(
      'select status from affiliate_requests where account_id = $1',
      [ana.id],
    );
    expect(rows).toEqual([{ status: 'requested' }]);
    expect(await audit()).toEqual([]);
  });

  it('filters by kind, action, operator, account and time, and pages', async () => {
    await decide(ana, 'approve');
    clock.advanceMs(HOUR);
    await decide(bo, 'reject', 'No site yet');
    clock.advanceMs(HOUR);
    await decide(ana, 'withdraw', 'Done');
    const actions = (records: Record<string, unknown>[]) => records.map((r) => r.action);
    expect(actions(await audit('?action=affiliate'))).toHaveLength(3);
    expect(actions(await audit('?action=affiliate.reject'))).toEqual(['affiliate.reject']);
    expect(actions(await audit('?action=payout'))).toEqual([]);
    expect(actions(await audit(`?actor=${encodeURIComponent(ADMIN_EMAIL.toUpperCase())}`))).toHaveLength(3);
    expect(actions(await audit(`?account=${encodeURIComponent(ana.email)}`))).toEqual([
      'affiliate.withdraw',
      'affiliate.approve',
    ]);
    expect(actions(await audit('?from=2026-03-01T10:30:00Z&to=2026-03-01T11:30:00Z'))).toEqual(['affiliate.reject']);
    const [first, second] = await audit('?limit=2');
    expect(actions(await audit(`?before=${second?.id}`))).toEqual(['affiliate.approve']);
    expect(first?.action).toBe('affiliate.withdraw');
  });

  it('exports the same as CSV, formulas kept as text', async () => {
    await decide(bo, 'reject', '=HYPERLINK("https://evil.example","click")');
    const res = await as(app, admin)({ method: 'GET', url: '/api/admin/audit.csv?action=affiliate' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="callbell-audit-2026-03-01.csv"');
    const lines = res.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'at,actor_email,actor_id,action,subject_type,subject_id,account_email,account_id,reason,details',
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe(
      `2026-03-01T10:00:00.000Z,${ADMIN_EMAIL},${admin.id},affiliate.reject,affiliate_request,${bo.id},${bo.email},${bo.id},"'=HYPERLINK(""https://evil.example"",""click"")",{}`,
    );
  });

  it('refuses bad filters clearly, and everyone but the operator', async () => {
    for (const query of ['?action=payout.steal', '?from=yesterday', '?before=abc', '?limit=0']) {
      const res = await as(app, admin)({ method: 'GET', url: `/api/admin/audit${query}` });
      expect(res.statusCode, query).toBe(400);
      expect(res.json(), query).toEqual({ error: expect.any(String), message: expect.any(String) });
    }
    const backwards = await as(
      app,
      admin,
    )({
      method: 'GET',
      url: '/api/admin/audit?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z',
    });
    expect(backwards.json()).toMatchObject({ error: 'invalid_range' });
    for (const url of ['/api/admin/audit', '/api/admin/audit.csv']) {
      expect((await as(app, ana)({ method: 'GET', url })).statusCode, url).toBe(403);
      expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(401);
    }
  });

  it('cannot be rewritten: updates and deletes are refused by the database', async () => {
    await decide(ana, 'approve');
    await expect(db().query(`update audit_log set reason = 'nothing happened'`)).rejects.toThrow(/append-only/);
    await expect(db().query('delete from audit_log')).rejects.toThrow(/append-only/);
    expect(await audit()).toHaveLength(1);
  });
});
