// E-mail through a real SMTP server in the process: what arrives (to, subject, text and HTML,
// links, List-Unsubscribe), the links followed back through the routes, retries when the
// server refuses, and the outbox when there is no SMTP_URL.
import type { FastifyInstance } from 'fastify';
import type { ParsedMail } from 'mailparser';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { insertEntry } from '../../src/db/queries/ledger.ts';
import { SETTLE_MS } from '../../src/services/notifications.ts';
import { type TestClock, testClock } from '../clock.ts';
import { describeEachDb } from '../databases.ts';
import { ADMIN_EMAIL, testApp } from '../fixtures.ts';
import { as, PASSWORD, signUp, type TestUser } from '../sessions.ts';
import { linkIn, startSmtp, type TestSmtp } from '../smtp.ts';

const ORIGIN = 'https://app.callbell.test';
const BANK = { method: 'bank_transfer', iban: 'DE89 3704 0044 0532 0130 00', holderName: 'Ana López' } as const;

/** The token a dashboard link carries. */
const tokenOf = (link: string) => new URL(link).searchParams.get('token') ?? '';

const START = '2026-05-04T08:00:00Z';

describeEachDb('e-mail through SMTP', (db) => {
  let smtp: TestSmtp;
  let app: FastifyInstance;
  let clock: TestClock;
  /** This test's own address: its sign-ups, and the requests that are limited per address. */
  let ip: string;
  // One app for the suite, its clock set back before each test (as billing.test.ts does): the
  // database is emptied between tests, and each test signs up, confirms, resets and logs in
  // from an address of its own, so no limit per address carries over (the accounts, whose ids
  // the other limits count by, are new in each test). The worker delivers in the background
  // after each request: each test ends by waiting for it, so nothing of one test arrives in
  // the next one's inbox.
  let n = 0;
  beforeAll(async () => {
    smtp = await startSmtp();
    clock = testClock(START);
    app = await testApp(db(), { SMTP_URL: smtp.url, MAIL_FROM: 'Callbell <hello@callbell.test>' }, clock);
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
  });
  beforeEach(() => {
    smtp.received.length = 0;
    smtp.failNext(0);
    clock.set(START);
    n++;
    ip = `203.0.113.${100 + n}`;
  });
  afterEach(async () => {
    await app.mail.drain();
  });

  /** Delivers what is queued and answers the messages that arrived for `to`. */
  const inbox = async (to: string): Promise<ParsedMail[]> => {
    await app.mail.drain();
    return smtp.received.filter((m) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address === to);
  };
  const last = async (to: string) => {
    const mails = await inbox(to);
    const mail = mails.at(-1);
    if (!mail) throw new Error(`no mail for ${to}`);
    return mail;
  };
  const rows = () =>
    db().query<{ kind: string; status: string; data: unknown; text_body: string | null; attempts: number }>(
      'select kind, status, data, text_body, attempts from emails order by id',
    );

  it('sends the confirmation link at signup; following it confirms the address, once', async () => {
    const ana = await signUp(app, { email: 'ana@shop.example.com', verified: false, ip });
    const mail = await last('ana@shop.example.com');
    expect(mail.subject).toBe('Confirm your e-mail address');
    expect(mail.from?.text).toBe('"Callbell" <hello@callbell.test>');
    const link = linkIn(mail, `${ORIGIN}/app/verify?token=`);
    expect(mail.html).toContain(`href="${link.replaceAll('&', '&amp;')}"`);
    expect(mail.text).toContain('The link works once, for 7 days.');
    // A transactional message: nothing to unsubscribe from.
    expect(mail.headerLines.some((h) => h.key === 'list-unsubscribe')).toBe(false);

    const me = () => as(app, ana)({ method: 'GET', url: '/api/auth/me' });
    expect((await me()).json().account.emailVerified).toBe(false);
    const verify = (token: string) =>
      app.inject({ method: 'POST', url: '/api/auth/verify', payload: { token }, remoteAddress: ip });
    const ok = await verify(tokenOf(link));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ email: 'ana@shop.example.com' });
    expect((await me()).json().account.emailVerified).toBe(true);
    expect((await verify(tokenOf(link))).json()).toMatchObject({ error: 'token_used' });
    expect((await verify('not-a-token')).json()).toMatchObject({ error: 'token_unknown' });
    // Sent through SMTP: the token and body no longer wait in the database.
    const stored = (await rows()).rows.find((r) => r.kind === 'verify_email');
    expect(stored).toMatchObject({ status: 'sent', data: {}, text_body: null });
  });

  it('refuses a payout until the address is confirmed, and lets a new link do it', async () => {
    const ana = await signUp(app, { email: 'ana@shop.example.com', verified: false, ip });
    const request = () => as(app, ana)({ method: 'POST', url: '/api/payouts', payload: BANK });
    const verify = (token: string | undefined) =>
      app.inject({ method: 'POST', url: '/api/auth/verify', payload: { token }, remoteAddress: ip });
    const refused = await request();
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toEqual({
      error: 'email_unverified',
      message: 'Confirm your e-mail address first: open the link we sent to ana@shop.example.com, or ask for a new one',
    });
    const resent = await as(app, ana)({ method: 'POST', url: '/api/auth/verify/resend' });
    expect(resent.statusCode).toBe(202);
    const mails = await inbox('ana@shop.example.com');
    expect(mails).toHaveLength(2);
    const [first, second] = mails.map((m) => tokenOf(linkIn(m, `${ORIGIN}/app/verify`)));
    expect(first).not.toBe(second);
    // A link a week old has expired; the new one works.
    clock.advanceDays(8);
    expect((await verify(first)).json()).toMatchObject({ error: 'token_expired' });
    clock.set('2026-05-04T09:00:00Z');
    expect((await verify(second)).statusCode).toBe(200);
    // Past the address check: now it is about the money (none yet).
    expect((await request()).json()).toMatchObject({ error: 'below_minimum' });
    expect((await as(app, ana)({ method: 'POST', url: '/api/auth/verify/resend' })).statusCode).toBe(409);
  });

  it('resets a password by a link that works once, for an hour, and ends every other session', async () => {
    const ana = await signUp(app, { email: 'ana@shop.example.com', ip });
    // The only test that asks for resets (limited per address and per e-mail address too).
    const forgot = (email: string) =>
      app.inject({ method: 'POST', url: '/api/auth/password/forgot', payload: { email }, remoteAddress: ip });
    // An unknown address answers the same, and nothing is sent.
    const unknown = await forgot('nobody@shop.example.com');
    expect(unknown.statusCode).toBe(202);
    expect((await forgot('ANA@shop.example.com')).json().message).toBe(
      'If an account uses ana@shop.example.com, a link to reset its password is on its way. It works for an hour.',
    );
    expect(await inbox('nobody@shop.example.com')).toEqual([]);
    const mail = await last('ana@shop.example.com');
    expect(mail.subject).toBe('Reset your password');
    const token = tokenOf(linkIn(mail, `${ORIGIN}/app/reset?token=`));

    const reset = (password: string, t = token) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/password/reset',
        payload: { token: t, password },
        remoteAddress: ip,
      });
    // A weak password is refused and the link still works.
    expect((await reset('short')).json()).toMatchObject({ error: 'weak_password' });
    const done = await reset('a brand new passphrase');
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().account.email).toBe('ana@shop.example.com');
    expect(done.cookies.find((c) => c.name === 'cb_session')?.value).toBeTruthy();
    // The session from before is over; the old password no longer works, the new one does.
    expect((await as(app, ana)({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    const login = (password: string) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: ana.email, password },
        remoteAddress: ip,
      });
    expect((await login(PASSWORD)).statusCode).toBe(401);
    expect((await login('a brand new passphrase')).statusCode).toBe(200);
    expect((await reset('another new passphrase')).json()).toMatchObject({ error: 'token_used' });

    await forgot(ana.email);
    const later = tokenOf(linkIn(await last(ana.email), `${ORIGIN}/app/reset?token=`));
    clock.advanceMs(61 * 60_000);
    expect((await reset('yet another passphrase', later)).json()).toMatchObject({ error: 'token_expired' });
  });

  it('tries again when the server refuses, then gives up and shows the operator, who can retry', async () => {
    smtp.failNext(100);
    const signup = await app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      payload: { email: 'ana@shop.example.com', password: PASSWORD },
      remoteAddress: ip,
    });
    // Sending never fails the request that caused it.
    expect(signup.statusCode).toBe(201);
    const attempt = async () => {
      await app.mail.drain();
      return (await rows()).rows[0];
    };
    expect(await attempt()).toMatchObject({ status: 'queued', attempts: 1 });
    // Not due again yet; then each retry waits longer, six tries in all.
    expect(await attempt()).toMatchObject({ status: 'queued', attempts: 1 });
    for (const [minutes, attempts] of [
      [1, 2],
      [5, 3],
      [30, 4],
      [120, 5],
    ] as const) {
      clock.advanceMs(minutes * 60_000 - 1);
      expect(await attempt()).toMatchObject({ attempts: attempts - 1 });
      clock.advanceMs(1);
      expect(await attempt()).toMatchObject({ status: 'queued', attempts });
    }
    clock.advanceMs(360 * 60_000);
    expect(await attempt()).toMatchObject({ status: 'failed', attempts: 6 });
    expect(smtp.received).toEqual([]);

    const operator = await signUp(app, { email: ADMIN_EMAIL });
    const list = await as(app, operator)({ method: 'GET', url: '/api/admin/emails?status=failed' });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ transport: 'smtp', bodiesReadable: false, counts: { failed: 1 } });
    const failed = list.json().emails[0];
    expect(failed).toMatchObject({ to: 'ana@shop.example.com', kind: 'verify_email', attempts: 6 });
    expect(failed.lastError).toContain('Mailbox busy');
    smtp.failNext(0);
    const retry = await as(app, operator)({ method: 'POST', url: `/api/admin/emails/${failed.id}/retry` });
    expect(retry.statusCode).toBe(200);
    expect((await inbox('ana@shop.example.com')).map((m) => m.subject)).toEqual(['Confirm your e-mail address']);
    const again = await as(app, operator)({ method: 'POST', url: `/api/admin/emails/${failed.id}/retry` });
    expect(again.json()).toEqual({
      error: 'not_failed',
      message: 'This message is sent: only a failed one is tried again',
    });
    // With SMTP the operator sees delivery, not what a message said.
    const one = await as(app, operator)({ method: 'GET', url: `/api/admin/emails/${failed.id}` });
    expect(one.json()).toMatchObject({ status: 'sent', text: null, html: null });
  });

  describe('the programme tells the ambassador', () => {
    let ana: TestUser;
    let operator: TestUser;
    beforeEach(async () => {
      ana = await signUp(app, { email: 'ana@shop.example.com', ip });
      operator = await signUp(app, { email: ADMIN_EMAIL });
    });

    /** What the ambassador was told, less the confirmation link every signup gets. */
    const news = async () => (await inbox(ana.email)).filter((m) => m.subject !== 'Confirm your e-mail address');

    /**
     * The ledger's tick, then another once what it wrote is old enough to be told (news waits
     * out SETTLE_MS, so an entry still being committed elsewhere is never skipped).
     */
    const settle = async () => {
      await app.ledger.tick();
      clock.advanceMs(SETTLE_MS);
      await app.ledger.tick();
    };

    let seq = 0;
    const earn = (amountCents: number, holdDays = 30, kind: 'commission' | 'install_bounty' = 'commission') =>
      insertEntry(db(), {
        accountId: ana.id,
        referralId: null,
        kind,
        amountCents,
        state: 'pending',
        sourceKey: `test:${++seq}`,
        createdAt: clock.now(),
        holdUntil: new Date(clock.now().getTime() + holdDays * 86_400_000),
      });

    it('a digest of new earnings at most once a day, with a one-click unsubscribe that works', async () => {
      await earn(1470);
      await earn(1000, 30, 'install_bounty');
      await settle();
      const digest = await last(ana.email);
      expect(digest.subject).toBe('You earned €24.70 in rewards');
      expect(digest.text).toContain(
        '- €14.70, commission on a payment by a referred account (available on 3 Jun 2026)',
      );
      expect(digest.text).toContain('- €10.00, install bounty: a referred account installed the widget');
      expect(digest.html).toContain('<li style="margin:0 0 6px">€14.70, commission');
      // Unfolded: a long header is folded over lines.
      const headerOf = (key: string) =>
        (digest.headerLines.find((h) => h.key === key)?.line ?? '').replace(/\r\n\s+/g, ' ');
      const header = headerOf('list-unsubscribe').replace(/^List-Unsubscribe:\s*/i, '');
      expect(header).toMatch(
        /^<https:\/\/app\.callbell\.test\/api\/email\/unsubscribe\?token=[^>]+> \(Stop these e-mails\)$/,
      );
      expect(headerOf('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
      const pageLink = linkIn(digest, `${ORIGIN}/app/unsubscribe?token=`);

      // More the same day waits for tomorrow's digest, which tells only what is new.
      await earn(870);
      await settle();
      expect((await news()).map((m) => m.subject)).toEqual(['You earned €24.70 in rewards']);
      clock.advanceDays(1);
      await settle();
      expect((await last(ana.email)).subject).toBe('You earned €8.70 in rewards');

      // The mail client's one-click POST, as RFC 8058 says: a form body, the token in the URL.
      const oneClick = new URL(header.replace(/^<|>.*$/g, ''));
      const res = await app.inject({
        method: 'POST',
        url: oneClick.pathname + oneClick.search,
        payload: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ email: 'an***@shop.example.com', earnings: false });
      const page = await app.inject(`/api/email/unsubscribe?token=${encodeURIComponent(tokenOf(pageLink))}`);
      expect(page.json()).toEqual({ email: 'an***@shop.example.com', earnings: false });
      await earn(500);
      clock.advanceDays(2);
      await settle();
      expect(await news()).toHaveLength(2);
      // A forged token unsubscribes nobody.
      const forged = await app.inject({
        method: 'POST',
        url: '/api/email/unsubscribe',
        payload: { token: `${operator.id}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA` },
      });
      expect(forged.json()).toMatchObject({ error: 'invalid_token' });

      // Turned on again from the dashboard, it starts from now: the €5.00 is not told as new.
      const on = await as(
        app,
        ana,
      )({ method: 'PATCH', url: '/api/account/notifications', payload: { earnings: true } });
      expect(on.json()).toEqual({ earnings: true });
      await settle();
      expect(await news()).toHaveLength(2);
    });

    it('that money finished its hold, and whether it is enough for a payout', async () => {
      await earn(3000, 10);
      await earn(2500, 20);
      await settle(); // the digest
      clock.advanceDays(10);
      await settle();
      const first = await last(ana.email);
      expect(first.subject).toBe('€30.00 of rewards is now available');
      expect(first.text).toContain('Payouts start at €50.00: €20.00 to go.');
      clock.advanceDays(10);
      await settle();
      const second = await last(ana.email);
      expect(second.subject).toBe('€55.00 is ready to be paid out');
      expect(second.text).toContain('Rewards worth €25.00 finished their hold. Your available balance is €55.00.');
      expect(second.text).toContain(`Request a payout: ${ORIGIN}/app/rewards`);
    });

    it('each step of a payout, and a rejection with its reason', async () => {
      await earn(6000, 0);
      await settle();
      const requested = await as(app, ana)({ method: 'POST', url: '/api/payouts', payload: BANK });
      expect(requested.statusCode).toBe(201);
      const id = requested.json().id;
      expect((await last(ana.email)).subject).toBe('We received your payout request for €60.00');
      const admin = as(app, operator);
      expect((await admin({ method: 'POST', url: `/api/admin/payouts/${id}/approve` })).statusCode).toBe(200);
      expect((await last(ana.email)).text).toContain('by bank transfer to the IBAN •••• 3000');
      await admin({ method: 'POST', url: `/api/admin/payouts/${id}/paid`, payload: { reference: 'SEPA-0001' } });
      const paid = await last(ana.email);
      expect(paid.subject).toBe('Your payout of €60.00 is on its way');
      expect(paid.text).toContain('with the reference SEPA-0001');

      await earn(5000, 0);
      await settle();
      const second = (await as(app, ana)({ method: 'POST', url: '/api/payouts', payload: BANK })).json().id;
      await admin({
        method: 'POST',
        url: `/api/admin/payouts/${second}/reject`,
        payload: { reason: 'The IBAN is closed' },
      });
      const rejected = await last(ana.email);
      expect(rejected.subject).toBe('Your payout request for €50.00 was not approved');
      expect(rejected.text).toContain('The reason: The IBAN is closed');
      // Each fact once, whatever else ran meanwhile.
      const kinds = (await news()).map((m) => m.subject);
      expect(kinds.filter((s) => s === 'Your payout of €60.00 is on its way')).toHaveLength(1);
    });

    it('the affiliate platform’s decision, with what to do next', async () => {
      const ask = await as(app, ana)({ method: 'POST', url: '/api/affiliate/request', payload: { message: 'Blog' } });
      expect(ask.statusCode, ask.body).toBe(201);
      await as(app, operator)({ method: 'POST', url: `/api/admin/affiliate/requests/${ana.id}/approve` });
      const granted = await last(ana.email);
      expect(granted.subject).toBe('Your affiliate platform is open');
      expect(granted.text).toContain('Create an API key');
      expect(granted.text).toContain('We answer every access request within 24 hours');
      expect(linkIn(granted, `${ORIGIN}/app/affiliate`)).toBe(`${ORIGIN}/app/affiliate`);
    });

    it('a referral held for review, and how the review ended', async () => {
      // A disposable mailbox is flagged for the operator at signup.
      const bo = await signUp(app, { email: 'bo@mailinator.com', ref: ana.referralCode, ip: '198.51.100.7' });
      const held = await last(ana.email);
      expect(held.subject).toBe('A new referral is held for review');
      expect(held.text).toContain('b***@mailinator.com signed up with your referral link');
      const { rows: refs } = await db().query<{ id: string }>('select id::text from referrals where referee_id = $1', [
        bo.id,
      ]);
      const res = await as(
        app,
        operator,
      )({
        method: 'POST',
        url: `/api/admin/referrals/${refs[0]?.id}/reject`,
        payload: { reason: 'Signed up from a throwaway address' },
      });
      expect(res.statusCode, res.body).toBe(200);
      const outcome = await last(ana.email);
      expect(outcome.subject).toBe('Your referral did not pass its review');
      expect(outcome.text).toContain('did not approve it: Signed up from a throwaway address');
    });
  });
});

describeEachDb('e-mail without SMTP_URL: the outbox', (db) => {
  // Two tests on settings of their own: each builds its app, closed after it.
  let built: FastifyInstance | null = null;
  afterEach(async () => {
    await built?.close();
    built = null;
  });
  const build = async (env: Record<string, string> = {}) => {
    built = await testApp(db(), env, testClock());
    return built;
  };

  it('keeps every message whole for the operator to read, outside production', async () => {
    const app = await build();
    await signUp(app, { email: 'ana@shop.example.com', verified: false });
    await app.mail.drain();
    const operator = await signUp(app, { email: ADMIN_EMAIL });
    const list = (await as(app, operator)({ method: 'GET', url: '/api/admin/emails' })).json();
    expect(list).toMatchObject({ transport: 'outbox', bodiesReadable: true, counts: { outbox: 1, queued: 0 } });
    expect(list.emails[0]).toMatchObject({ to: 'ana@shop.example.com', subject: 'Confirm your e-mail address' });
    const one = (await as(app, operator)({ method: 'GET', url: `/api/admin/emails/${list.emails[0].id}` })).json();
    expect(one.text).toContain(`${ORIGIN}/app/verify?token=`);
    expect(one.html).toContain('<h1');
    // The link read there works as the e-mail's would.
    const token = tokenOf(one.text.match(/https:\S+verify\?token=\S+/)[0]);
    expect((await app.inject({ method: 'POST', url: '/api/auth/verify', payload: { token } })).statusCode).toBe(200);
    // Only the operator reads the outbox.
    const other = await signUp(app);
    expect((await as(app, other)({ method: 'GET', url: '/api/admin/emails' })).statusCode).toBe(403);
  });

  it('is not for production, which needs SMTP: the operator sees attempts and errors, never bodies', async () => {
    // Port 9 (discard) is closed here: every attempt fails, and is shown as it failed.
    const app = await build({
      NODE_ENV: 'production',
      PAYOUT_ENCRYPTION_KEY: 'a'.repeat(64),
      STRIPE_WEBHOOK_SECRET: '',
      SMTP_URL: 'smtp://127.0.0.1:9',
    });
    await signUp(app, { email: 'ana@shop.example.com', verified: false });
    await app.mail.drain();
    const operator = await signUp(app, { email: ADMIN_EMAIL });
    const list = (await as(app, operator)({ method: 'GET', url: '/api/admin/emails' })).json();
    expect(list).toMatchObject({ transport: 'smtp', bodiesReadable: false });
    expect(list.emails[0]).toMatchObject({ status: 'queued', attempts: 1, subject: 'Confirm your e-mail address' });
    expect(list.emails[0].lastError).toMatch(/ECONNREFUSED/);
    const one = (await as(app, operator)({ method: 'GET', url: `/api/admin/emails/${list.emails[0].id}` })).json();
    expect(one).toMatchObject({ subject: 'Confirm your e-mail address', text: null, html: null });
  });
});
