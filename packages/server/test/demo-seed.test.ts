// The demo's seed: four months of the programme played through the real code leave the
// newcomer's ambassador with money in every state, and every other queue with something in it.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { accountBalances } from '../src/db/queries/ledger.ts';
import {
  DEMO_ADMIN_EMAIL,
  DEMO_FREE_WIDGET,
  DEMO_OWNER_EMAIL,
  DEMO_PAID_EMAIL,
  DEMO_PAID_WIDGET,
  DEMO_PASSWORD,
} from '../src/demo-accounts.ts';
import { seedDemo } from '../src/demo-seed.ts';
import { type DemoClock, demoClock } from '../src/services/demo-clock.ts';
import { describeEachDb } from './databases.ts';
import { testApp } from './fixtures.ts';

const ENV = { CALLBELL_DEMO: 'true', STRIPE_WEBHOOK_SECRET: '', LOG_LEVEL: 'silent', ADMIN_EMAIL: '' };

describeEachDb(
  'the demo seed',
  (db) => {
    let app: FastifyInstance;
    let clock: DemoClock;
    const accountOf = async (email: string) =>
      (await db().query<{ id: string }>('select id from accounts where email = $1', [email])).rows[0]?.id ?? '';
    const logIn = async (email: string) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email, password: DEMO_PASSWORD },
      });
      expect(res.statusCode, res.body).toBe(200);
      return {
        cookie: `cb_session=${res.cookies.find((c) => c.name === 'cb_session')?.value}`,
        csrf: res.json().csrfToken,
      };
    };

    beforeAll(async () => {
      const config = loadConfig({ ...ENV, COOKIE_SECRET: 'test-secret-that-is-at-least-32-characters' });
      clock = await demoClock(db());
      expect(await seedDemo(db(), config, clock.now())).toBe(true);
      app = await testApp(db(), ENV, clock);
    }, 120_000);
    afterAll(() => app?.close());

    it('leaves the Free ambassador money in every state, enough available for a payout at once', async () => {
      const lucia = await accountOf(DEMO_OWNER_EMAIL);
      expect(await accountBalances(db(), lucia)).toEqual({
        availableCents: 6410,
        pendingCents: 3940,
        onHoldCents: 1000,
        processingCents: 0,
        paidCents: 6940,
        reversedCents: 2470,
        clawedBackCents: 0,
        reinstatedCents: 0,
      });
      const { rows } = await db().query<{ status: string; reference: string; amount_cents: number }>(
        'select status, reference, amount_cents from payouts where account_id = $1',
        [lucia],
      );
      expect(rows).toEqual([{ status: 'paid', reference: 'PAYPAL-DEMO-0001', amount_cents: 6940 }]);
      const rewards = await app.inject({
        url: '/api/rewards',
        headers: { cookie: (await logIn(DEMO_OWNER_EMAIL)).cookie },
      });
      expect(rewards.json().stats).toMatchObject({ signups: 6, installs: 6 });
    });

    it('gives the operator a flagged referral, a pending affiliate request and an outbox to read', async () => {
      const flagged = await db().query<{ email: string }>(
        `select a.email from referrals r join accounts a on a.id = r.referee_id where r.review = 'flagged'`,
      );
      expect(flagged.rows).toEqual([{ email: 'tester@mailinator.com' }]);
      const requests = await db().query<{ account_id: string; status: string }>(
        'select account_id, status from affiliate_requests',
      );
      expect(requests.rows).toEqual([{ account_id: await accountOf(DEMO_PAID_EMAIL), status: 'requested' }]);
      const mail = await db().query<{ kind: string; status: string }>(
        'select distinct kind, status from emails order by kind',
      );
      expect(mail.rows.map((r) => r.kind)).toEqual(
        expect.arrayContaining(['earnings_digest', 'money_available', 'payout_paid', 'referral_held']),
      );
      expect(new Set(mail.rows.map((r) => r.status))).toEqual(new Set(['outbox']));
      // The payout it approved and paid is in the audit log, as the console would have written it.
      const audit = await db().query<{ action: string; actor_email: string }>(
        'select action, actor_email from audit_log order by at, id',
      );
      expect(audit.rows).toEqual([
        { action: 'payout.approve', actor_email: DEMO_ADMIN_EMAIL },
        { action: 'payout.paid', actor_email: DEMO_ADMIN_EMAIL },
      ]);
      // Every demo log-in works, the operator's included.
      await logIn(DEMO_ADMIN_EMAIL);
    });

    it('plays the same story: the rows it leaves, each account with a password hash of its own', async () => {
      // Pinned so that making the seed faster cannot change what it leaves: written together,
      // an install's pings would all count towards qualification (more visitors and networks).
      const counts: Record<string, number> = {};
      for (const table of [
        'accounts',
        'widgets',
        'clicks',
        'pings',
        'widget_visitors',
        'widget_networks',
        'referrals',
        'ledger_entries',
        'subscriptions',
        'invoices',
        'payouts',
        'install_checks',
        'emails',
      ]) {
        counts[table] = (await db().query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]?.n ?? 0;
      }
      expect(counts).toEqual({
        accounts: 8,
        widgets: 8,
        clicks: 9,
        pings: 96,
        widget_visitors: 21,
        widget_networks: 21,
        referrals: 6,
        ledger_entries: 16,
        subscriptions: 4,
        invoices: 8,
        payouts: 1,
        install_checks: 7,
        emails: 20,
      });
      const { rows } = await db().query<{ hashes: number }>(
        'select count(distinct password_hash)::int as hashes from accounts',
      );
      expect(rows).toEqual([{ hashes: 8 }]);
    });

    it('runs the Free widget with its footer and the paid one without', async () => {
      const free = (await app.inject(`/v1/widgets/${DEMO_FREE_WIDGET}/config`)).json();
      expect(free.branding).toMatchObject({ show: true });
      expect(free.branding.href).toContain('/r/demo1234?src=widget');
      const paid = (await app.inject(`/v1/widgets/${DEMO_PAID_WIDGET}/config`)).json();
      expect(paid.branding.show).toBe(false);
      const { rows } = await db().query<{ plan: string }>('select plan from accounts where email = $1', [
        DEMO_PAID_EMAIL,
      ]);
      expect(rows).toEqual([{ plan: 'pro' }]);
      // The two demo sites run them.
      expect((await app.inject('/sites/bakery')).body).toContain(`data-widget-id="${DEMO_FREE_WIDGET}"`);
      expect((await app.inject('/sites/studio')).body).toContain(`data-widget-id="${DEMO_PAID_WIDGET}"`);
      // …or any widget asked for, when it is one: nothing else reaches the page.
      expect((await app.inject('/sites/bakery?widget=wdg_abcdefgh1234')).body).toContain(
        'data-widget-id="wdg_abcdefgh1234"',
      );
      const hostile = await app.inject('/sites/bakery?widget=%22%3E%3Cscript%3Ealert(1)%3C/script%3E');
      expect(hostile.body).toContain(`data-widget-id="${DEMO_FREE_WIDGET}"`);
      expect(hostile.body).not.toContain('alert(1)');
      expect((await app.inject('/sites/nowhere')).statusCode).toBe(302);
      // The widget in the path too, which the install check fetches (it never keeps a query).
      expect((await app.inject('/sites/studio/wdg_abcdefgh1234')).body).toContain('data-widget-id="wdg_abcdefgh1234"');
      const hostilePath = await app.inject('/sites/studio/%22%3E%3Cscript%3E');
      expect(hostilePath.body).toContain(`data-widget-id="${DEMO_PAID_WIDGET}"`);
      expect(hostilePath.body).not.toContain('<script>');
    });

    it('turns pending into available, and reverses a bounty whose site went quiet, 30 days on', async () => {
      const operator = await logIn(DEMO_ADMIN_EMAIL);
      const res = await app.inject({
        method: 'POST',
        url: '/api/admin/demo/clock',
        payload: { days: 30 },
        headers: { cookie: operator.cookie, 'x-csrf-token': operator.csrf },
      });
      expect(res.statusCode, res.body).toBe(200);
      // Two renewals billed (the bakery and the studio), three holds ended, the new shop's bounty reversed.
      expect(res.json()).toMatchObject({ renewed: 2, available: 2, reversed: 1 });
      const lucia = await accountOf(DEMO_OWNER_EMAIL);
      expect(await accountBalances(db(), lucia)).toMatchObject({
        availableCents: 6410 + 1470 + 1470,
        pendingCents: 1470 + 1470,
        onHoldCents: 1000,
        reversedCents: 2470 + 1000,
      });
      // Seeding again changes nothing.
      const config = loadConfig({ ...ENV, COOKIE_SECRET: 'test-secret-that-is-at-least-32-characters' });
      expect(await seedDemo(db(), config, clock.now())).toBe(false);
      // Demo accounts without the seed's end mark (an earlier version's, or a seed cut short)
      // are kept and said so, never seeded over.
      await db().query('delete from demo_clock');
      const said: string[] = [];
      expect(await seedDemo(db(), config, clock.now(), (m) => said.push(m))).toBe(false);
      expect(said).toEqual([expect.stringContaining('remove DATA_DIR for a fresh demo')]);
      expect((await db().query('select offset_ms::int as o from demo_clock')).rows).toEqual([{ o: 0 }]);
    });
  },
  // One seed for the file, the slow part: the tests read it, and the last moves its clock.
  { keep: true },
);
