import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { insertAccount } from '../../src/db/queries/accounts.ts';
import { waitingRequestCounts } from '../../src/db/queries/affiliate.ts';
import { insertEntry } from '../../src/db/queries/ledger.ts';
import { reviewPromise } from '../../src/domain/api-keys.ts';
import { PROGRAMME_VARIABLES } from '../../src/routes/api/admin/overview.ts';
import { type TestClock, testClock } from '../clock.ts';
import { describeEachDb } from '../databases.ts';
import { ADMIN_EMAIL, testApp } from '../fixtures.ts';
import { as, signUp, type TestUser } from '../sessions.ts';

const START = '2026-03-01T10:00:00Z';
const BANK = { method: 'bank_transfer', iban: 'DE89 3704 0044 0532 0130 00', holderName: 'Ana López' } as const;

describe('PROGRAMME_VARIABLES', () => {
  it('names, for each rule, the variable config.ts reads it from', () => {
    const defaults = loadConfig({}).programme;
    for (const [key, variable] of Object.entries(PROGRAMME_VARIABLES)) {
      const value = key === 'attributionModel' ? (defaults.attributionModel === 'last' ? 'first' : 'last') : '9';
      const changed = loadConfig({ [variable]: value }).programme;
      expect(String(changed[key as keyof typeof changed]), variable).toBe(value);
    }
    expect(Object.keys(PROGRAMME_VARIABLES).sort()).toEqual(Object.keys(defaults).sort());
  });
});

describeEachDb('/api/admin/programme and /api/admin/waiting', (db) => {
  let app: FastifyInstance;
  let clock: TestClock;
  let admin: TestUser;
  let ana: TestUser;
  // One app for the suite, its clock set back before each test (as payouts.test.ts does): the
  // database is emptied between tests, and each test's accounts sign up from addresses of that
  // test's own (the operator's session is made without the route), so the sign-up limit per
  // address never carries over; the payout limit counts per account, new in each test.
  let shared: FastifyInstance;
  let n = 0;
  /** Ana's address in this test: a referee signed up from it is flagged same_ip. */
  let anaIp: string;
  beforeAll(async () => {
    clock = testClock(START);
    shared = await testApp(db(), { COMMISSION_RATE_BPS: '2500', HOLD_DAYS: '14', ATTRIBUTION_MODEL: 'first' }, clock);
  });
  afterAll(() => shared.close());
  beforeEach(async () => {
    clock.set(START);
    app = shared;
    n++;
    anaIp = `203.0.113.${100 + n}`;
    admin = await signUp(app, { email: ADMIN_EMAIL, ip: '192.0.2.1' });
    ana = await signUp(app, { ip: anaIp });
  });
  afterEach(async () => {
    if (app !== shared) await app.close();
  });

  const get = (url: string, user: Pick<TestUser, 'cookie' | 'csrfToken'> = admin) =>
    as(app, user)({ method: 'GET', url });

  describe('the programme', () => {
    it('shows the rules in force, the defaults, and the variable that sets each', async () => {
      const res = await get('/api/admin/programme');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({
        programme: {
          installBountyCents: 1000,
          commissionRateBps: 2500,
          minPayoutCents: 5000,
          holdDays: 14,
          attributionWindowDays: 90,
          attributionModel: 'first',
          qualifyMinVisitors: 3,
          // the test app's own default, so one address can qualify an install
          qualifyMinNetworks: 1,
          livenessDays: 7,
          affiliateReviewHours: 24,
        },
        defaults: {
          installBountyCents: 1000,
          commissionRateBps: 3000,
          minPayoutCents: 5000,
          holdDays: 30,
          attributionWindowDays: 90,
          attributionModel: 'last',
          qualifyMinVisitors: 3,
          qualifyMinNetworks: 2,
          livenessDays: 7,
          affiliateReviewHours: 24,
        },
        variables: PROGRAMME_VARIABLES,
      });
    });

    it('is the operator’s only: 401 without a session, 403 for anyone else', async () => {
      expect((await app.inject({ method: 'GET', url: '/api/admin/programme' })).statusCode).toBe(401);
      const res = await get('/api/admin/programme', ana);
      expect([res.statusCode, res.json().error]).toEqual([403, 'forbidden']);
    });
  });

  describe('what waits', () => {
    let seq = 0;
    const requestPayout = async (user: TestUser) => {
      await insertEntry(db(), {
        accountId: user.id,
        referralId: null,
        kind: 'commission',
        amountCents: 6000,
        state: 'available',
        sourceKey: `test:${++seq}`,
        createdAt: clock.now(),
        availableAt: clock.now(),
      });
      const res = await as(app, user)({ method: 'POST', url: '/api/payouts', payload: BANK });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const askAffiliate = async (user: TestUser) => {
      const res = await as(app, user)({ method: 'POST', url: '/api/affiliate/request', payload: { message: 'hi' } });
      expect(res.statusCode, res.body).toBe(201);
    };

    it('is nothing on a new platform', async () => {
      const res = await get('/api/admin/waiting');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({
        payouts: { requested: 0, approved: 0 },
        referrals: { flagged: 0 },
        affiliate: { requested: 0, overdue: 0 },
      });
    });

    it('counts payouts to approve and to send, flagged referrals, and affiliate requests past the promise', async () => {
      const ben = await signUp(app, { ip: `203.0.113.${150 + n}` });
      const cleo = await signUp(app, { ip: `203.0.113.${200 + n}` });
      const first = await requestPayout(ana);
      await requestPayout(ben);
      const third = await requestPayout(cleo);
      expect((await as(app, admin)({ method: 'POST', url: `/api/admin/payouts/${first}/approve` })).statusCode).toBe(
        200,
      );
      const rejected = await as(
        app,
        admin,
      )({
        method: 'POST',
        url: `/api/admin/payouts/${third}/reject`,
        payload: { reason: 'test' },
      });
      expect(rejected.statusCode).toBe(200);
      // Signed up from the referrer's network: flagged. From another: not.
      await signUp(app, { ref: ana.referralCode, ip: anaIp });
      await signUp(app, { ref: ana.referralCode, ip: `198.51.100.${100 + n}` });
      await askAffiliate(ana);
      clock.advanceMs(20 * 3_600_000);
      await askAffiliate(ben);
      clock.advanceMs(5 * 3_600_000); // ana has waited 25 hours, ben 5

      const res = await get('/api/admin/waiting');
      expect(res.json()).toEqual({
        payouts: { requested: 1, approved: 1 },
        referrals: { flagged: 1 },
        affiliate: { requested: 2, overdue: 1 },
      });
    });

    it('counts requests as overdue exactly as the review promise says (reviewPromise, breached)', async () => {
      const now = clock.now();
      const HOUR = 3_600_000;
      // Ages around the 24-hour promise, to the millisecond, and one decided request.
      const ages = [0, HOUR, 24 * HOUR - 1, 24 * HOUR, 24 * HOUR + 1, 25 * HOUR, 400 * HOUR];
      const requests: { requestedAt: Date; decidedAt: Date | null }[] = [];
      for (const [i, age] of [...ages, 30 * HOUR].entries()) {
        const id = `acc_promise${i}`;
        await insertAccount(db(), {
          id,
          email: `promise${i}@example.com`,
          passwordHash: 'x',
          role: 'user',
          referralCode: `promise${i}`,
          signupIpHash: '',
          createdAt: now,
        });
        const requestedAt = new Date(now.getTime() - age);
        const decided = i === ages.length;
        await db().query(
          `insert into affiliate_requests (account_id, status, requested_at, decided_at) values ($1, $2, $3, $4)`,
          [id, decided ? 'approved' : 'requested', requestedAt, decided ? now : null],
        );
        requests.push({ requestedAt, decidedAt: decided ? now : null });
      }
      for (const hours of [1, 24, 48]) {
        const waiting = requests.filter((r) => r.decidedAt === null);
        const overdue = waiting.filter(
          (r) => reviewPromise(r.requestedAt, r.decidedAt, now, hours).promise === 'breached',
        ).length;
        expect(await waitingRequestCounts(db(), now, hours), `${hours} h`).toEqual({
          requested: waiting.length,
          overdue,
        });
      }
      expect((await get('/api/admin/waiting')).json().affiliate).toEqual({ requested: 7, overdue: 3 });
    });

    it('is the operator’s only: 401 without a session, 403 for anyone else', async () => {
      expect((await app.inject({ method: 'GET', url: '/api/admin/waiting' })).statusCode).toBe(401);
      expect((await get('/api/admin/waiting', ana)).statusCode).toBe(403);
    });
  });
});
