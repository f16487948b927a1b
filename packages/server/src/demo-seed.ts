import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WidgetConfig } from '@callbell/protocol';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import type { Db } from './db/client.ts';
import { findLogin } from './db/queries/accounts.ts';
import { insertAudit } from './db/queries/audit.ts';
import { demoInvoices } from './db/queries/demo.ts';
import {
  DEMO_ADMIN_EMAIL,
  DEMO_FREE_WIDGET,
  DEMO_OWNER_EMAIL,
  DEMO_PAID_EMAIL,
  DEMO_PAID_WIDGET,
  DEMO_PASSWORD,
} from './demo-accounts.ts';
import { ATTRIBUTION_COOKIE, attributionSeal, type CookieAttribution } from './domain/attribution.ts';
import { type Clock, DAY_MS } from './domain/clock.ts';
import { evidenceNetworks } from './domain/network.ts';
import type { PaidPlan } from './domain/plans.ts';
import { hashPassword, ipHasher, randomToken } from './domain/secrets.ts';
import { REPO_ROOT } from './paths.ts';
import {
  cancelDemoSubscriptions,
  demoBillingDeps,
  payDemoSession,
  refundDemoInvoice,
  renewDemoSubscriptions,
} from './services/demo-billing.ts';
import { approvePayout, markPayoutPaid, requestPayout } from './services/payouts.ts';
import { signup } from './services/signup.ts';

const FIXTURES = join(REPO_ROOT, 'demo/fixtures/widgets.json');
/** How many accounts the story signs up (Story.play). */
const DEMO_ACCOUNTS = 8;
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';

/** A clock the seed moves through the story's days; the app it runs reads it. */
function storyClock(start: number): Clock & { set(ms: number): void } {
  let t = start;
  return {
    now: () => new Date(t),
    set: (ms) => {
      t = ms;
    },
  };
}

/**
 * Seeds a fresh demo database by playing four months of the programme through the real code:
 * sign-ups from footer, link and banner clicks, installs that visitors' pings qualify, demo
 * checkouts, renewals, a refund, a cancellation, holds that end, a payout approved and paid,
 * a referral flagged for review and an affiliate request. Every amount comes from the rules,
 * none is written by hand. Does nothing once it has run to its end; demo accounts found
 * without that mark are kept as they are, and `log` says so.
 *
 * The free demo ambassador ends with money in every state: €64.10 available (a payout can be
 * requested at once), €39.40 pending, €10.00 on hold, €69.40 paid and €24.70 reversed.
 */
export async function seedDemo(
  db: Db,
  config: Config,
  now: Date,
  log: (message: string) => void = () => {},
): Promise<boolean> {
  // The demo clock's row is written last: it says the story was played to its end.
  if ((await db.query('select 1 from demo_clock')).rows.length) return false;
  const mark = () => db.query('insert into demo_clock (id, offset_ms) values (true, 0) on conflict (id) do nothing');
  if (await findLogin(db, DEMO_ADMIN_EMAIL)) {
    log(
      'demo data without its end mark: seeded by an earlier version, or a start that stopped while seeding; ' +
        'kept as it is (remove DATA_DIR for a fresh demo)',
    );
    await mark();
    return false;
  }
  // The accounts' password hashes (scrypt, ~50 ms of CPU each) are made on the thread pool while
  // the app is built and the story starts, not one after another inside each sign-up.
  const hashes = Array.from({ length: DEMO_ACCOUNTS }, () => hashPassword(DEMO_PASSWORD));
  for (const hash of hashes) hash.catch(() => {}); // awaited in turn; a failure surfaces there
  const clock = storyClock(now.getTime() - 120 * DAY_MS);
  const app = await buildApp({ config: { ...config, logLevel: 'warn' }, db, clock });
  try {
    await new Story(app, clock, now, hashes).play();
    await app.mail.drain();
  } finally {
    await app.close();
  }
  await mark();
  return true;
}

interface Person {
  id: string;
  email: string;
  widgetId: string;
}

class Story {
  private readonly hashIp: (ip: string) => string;
  private readonly fixtures = JSON.parse(readFileSync(FIXTURES, 'utf8')) as Record<string, WidgetConfig>;
  private visitor = 0;
  /** Sites still running their widget: a visitor comes by at every step. */
  private readonly alive = new Map<string, string>();

  constructor(
    private readonly app: FastifyInstance,
    private readonly clock: Clock & { set(ms: number): void },
    private readonly end: Date,
    private readonly hashes: Promise<string>[],
  ) {
    this.hashIp = ipHasher(app.config.cookieSecret);
  }

  /** Moves the story to `days` before the end, bills renewals, pings live sites, ends holds. */
  private async day(days: number) {
    this.clock.set(this.end.getTime() - days * DAY_MS);
    await renewDemoSubscriptions(this.billing());
    // The live sites' visitors at once: the ping writer commits them together.
    await Promise.all([...this.alive].map(([widgetId, origin]) => this.visit(widgetId, origin, 1)));
    await this.app.ledger.tick();
  }

  private billing() {
    return demoBillingDeps(this.app);
  }

  async play() {
    const operator = await this.person(DEMO_ADMIN_EMAIL, '192.0.2.1', { role: 'admin' });
    await this.day(120);
    const lucia = await this.person(DEMO_OWNER_EMAIL, '203.0.113.10', { widget: DEMO_FREE_WIDGET, code: 'demo1234' });
    await this.install(lucia, 'https://lucia-shop.example.com');
    await this.day(118);
    await this.click('demo1234', 'widget', '198.51.100.31');
    await this.click('demo1234', 'link', '198.51.100.32');

    await this.day(115);
    const cafe = await this.person('cafe@demo.callbell.test', '198.51.100.40', {
      cookie: await this.click('demo1234', 'widget', '198.51.100.40'),
    });
    await this.day(113);
    await this.install(cafe, 'https://cafe-aroma.example.com');
    await this.day(110);
    await this.subscribe(cafe, 'business');
    await this.day(83); // the café's install bounty ends its hold, its site alive
    await this.day(80); // first renewal
    await this.day(75);
    const bakery = await this.person('bakery@demo.callbell.test', '198.51.100.50', {
      cookie: await this.click('demo1234', 'link', '198.51.100.50'),
    });
    await this.day(74);
    await this.install(bakery, 'https://bakery.example.com');
    await this.subscribe(bakery, 'pro');
    await this.day(60);
    await cancelDemoSubscriptions(this.billing(), cafe.id);
    this.alive.delete(cafe.widgetId);

    await this.day(50);
    const paid = await this.person(DEMO_PAID_EMAIL, '198.51.100.60', {
      widget: DEMO_PAID_WIDGET,
      code: 'paid5678',
      cookie: await this.click('demo1234', 'banner', '198.51.100.60', 'newsletter'),
    });
    await this.subscribe(paid, 'pro');
    await this.hideFooter(paid);
    await this.day(49);
    await this.install(paid, 'https://studio-nord.example.com');
    // The café's bounty and two commissions are available: €69.40, paid out by PayPal.
    await this.day(48);
    const payout = await requestPayout(this.app.db, {
      accountId: lucia.id,
      details: { method: 'paypal', email: 'lucia.payouts@example.com' },
      key: this.app.config.payoutKey,
      minPayoutCents: this.app.config.programme.minPayoutCents,
      now: this.clock.now(),
    });
    await this.day(47);
    await approvePayout(this.app.db, payout.id, { adminId: operator.id, now: this.clock.now() });
    await this.audit(operator, 'payout.approve', payout, {});
    await this.day(46);
    await markPayoutPaid(this.app.db, payout.id, {
      reference: 'PAYPAL-DEMO-0001',
      adminId: operator.id,
      now: this.clock.now(),
    });
    await this.audit(operator, 'payout.paid', payout, { reference: 'PAYPAL-DEMO-0001' });
    await this.day(44);

    // A florist pays once, asks for a refund inside the hold and leaves: both earnings reversed.
    await this.day(40);
    const florist = await this.person('florist@demo.callbell.test', '198.51.100.70', {
      cookie: await this.click('demo1234', 'widget', '198.51.100.70'),
    });
    await this.day(39);
    await this.install(florist, 'https://florist.example.com');
    await this.subscribe(florist, 'pro');
    this.alive.delete(florist.widgetId);
    await this.day(33);
    const [invoice] = (await demoInvoices(this.app.db, { limit: 50 })).filter((i) => i.accountId === florist.id);
    if (invoice) await refundDemoInvoice(this.billing(), invoice, invoice.amountPaidCents);
    await cancelDemoSubscriptions(this.billing(), florist.id);
    await this.day(20);
    await this.day(14);
    await this.day(8);

    // Recent: a new shop installs (its bounty pending; after a skip of 30 days, it is reversed
    // unless its site is still seen), and a sign-up from a throwaway address is held for review.
    const shop = await this.person('newshop@demo.callbell.test', '198.51.100.80', {
      cookie: await this.click('demo1234', 'link', '198.51.100.80'),
    });
    await this.day(6);
    const tester = await this.person('tester@mailinator.com', '198.51.100.90', {
      cookie: await this.click('demo1234', 'widget', '198.51.100.90'),
    });
    await this.day(5);
    await this.install(tester, 'https://tester-shop.example.com');
    this.alive.delete(tester.widgetId);
    await this.day(3);
    await this.install(shop, 'https://newshop.example.com');
    this.alive.delete(shop.widgetId);
    await this.day(2);
    await this.as(paid, 'POST', '/api/affiliate/request', {
      message: 'We run a design studio and a newsletter for 4,000 shop owners.',
    });
    await this.click('demo1234', 'widget', '198.51.100.33');
    await this.day(1);
    await this.day(0);
  }

  /** An account signed up through the signup service, its address confirmed (these are ours). */
  private async person(
    email: string,
    ip: string,
    opts: { role?: 'admin'; widget?: string; code?: string; cookie?: CookieAttribution | null } = {},
  ): Promise<Person> {
    const { db, config } = this.app;
    const result = await signup(db, config, {
      email,
      password: DEMO_PASSWORD,
      passwordHash: await (this.hashes.shift() ?? hashPassword(DEMO_PASSWORD)),
      emailVerified: true,
      ...(opts.role ? { role: opts.role } : {}),
      ipHash: this.hashIp(ip),
      network: evidenceNetworks(ip, this.hashIp),
      cookie: opts.cookie ?? null,
      refParam: null,
      now: this.clock.now(),
    });
    let widgetId = result.widgetId;
    if (opts.widget) {
      // The demo sites and the example page name these widgets, so they keep fixed ids.
      const { greeting, agent, appearance, channels } = this.fixtures[opts.widget] as WidgetConfig;
      await db.query('update widgets set id = $2, settings = $3 where id = $1', [
        widgetId,
        opts.widget,
        JSON.stringify({ greeting, agent, appearance, channels }),
      ]);
      widgetId = opts.widget;
    }
    if (opts.code)
      await db.query('update accounts set referral_code = $2 where id = $1', [result.account.id, opts.code]);
    return { id: result.account.id, email, widgetId };
  }

  /** What the operator's console would have recorded of a decision the seed takes directly. */
  private async audit(
    operator: { id: string; email: string },
    action: 'payout.approve' | 'payout.paid',
    payout: { id: string; accountId: string; amountCents: number },
    more: Record<string, unknown>,
  ) {
    await insertAudit(
      this.app.db,
      { id: operator.id, email: operator.email },
      {
        action,
        subjectType: 'payout',
        subjectId: payout.id,
        accountId: payout.accountId,
        details: { amountCents: payout.amountCents, ...more },
      },
      this.clock.now(),
    );
  }

  /** A visitor follows a referral link; answers the attribution the cookie carries. */
  private async click(code: string, src: string, ip: string, campaign?: string): Promise<CookieAttribution | null> {
    const res = await this.app.inject({
      method: 'GET',
      url: `/r/${code}?src=${src}${src === 'widget' ? `&w=${DEMO_FREE_WIDGET}` : ''}${campaign ? `&c=${campaign}` : ''}`,
      headers: { 'user-agent': BROWSER, referer: 'https://lucia-shop.example.com/' },
      remoteAddress: ip,
    });
    const value = res.cookies.find((c) => c.name === ATTRIBUTION_COOKIE)?.value;
    return value ? attributionSeal(this.app.config.cookieSecret).open(value, (v) => this.app.unsignCookie(v)) : null;
  }

  /** Visitors from `count` addresses load the site; it stays alive from now on. */
  private async visit(widgetId: string, origin: string, count: number) {
    // One after another: pings written together would all count towards qualification, where
    // one after another those after it do not (the site's visitors would differ).
    for (let i = 0; i < count; i++) {
      this.visitor++;
      await this.app.inject({
        method: 'POST',
        url: '/v1/pings',
        payload: {
          widgetId,
          visitorId: `demovisitor${String(this.visitor).padStart(8, '0')}`,
          kind: 'install',
          url: `${origin}/`,
          sdkVersion: '0.1.0',
        },
        // Each visitor from an address of its own: sites that share visitors' networks would
        // be a cluster, held for the operator.
        remoteAddress: `203.0.${113 + Math.floor(this.visitor / 150)}.${100 + (this.visitor % 150)}`,
      });
    }
    await this.app.pings.writer.flush();
  }

  /**
   * The widget goes live on a public site: enough visitors and networks to qualify, and its
   * page found carrying the snippet. The demo's sites are made up (nothing answers at their
   * addresses), so the seed records what the install check would find there.
   */
  private async install(p: Person, origin: string) {
    await this.visit(p.widgetId, origin, this.app.config.programme.qualifyMinVisitors + 1);
    this.alive.set(p.widgetId, origin);
    await this.app.db.query(
      `update install_checks set state = 'found', attempts = 1, outcome = 'found', checked_url = $2, found_url = $2,
         detail = 'the page carries the snippet', last_attempt_at = $3, found_at = $3, next_attempt_at = null
       where widget_id = $1`,
      [p.widgetId, `${origin}/`, this.clock.now()],
    );
    await this.app.ledger.tick();
  }

  /** The demo checkout, paid. */
  private async subscribe(p: Person, plan: PaidPlan) {
    await payDemoSession(this.billing(), {
      accountId: p.id,
      plan,
      nonce: randomToken(9),
      expiresAt: new Date(this.clock.now().getTime() + DAY_MS),
    });
  }

  private async hideFooter(p: Person) {
    await this.as(p, 'PATCH', `/api/widgets/${p.widgetId}`, { hideBranding: true });
  }

  /** A request through the API as the person, logged in with the demo password. */
  private async as(p: Person, method: 'POST' | 'PATCH', url: string, payload: object) {
    const login = await this.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: p.email, password: DEMO_PASSWORD },
    });
    const session = login.cookies.find((c) => c.name === 'cb_session')?.value;
    const res = await this.app.inject({
      method,
      url,
      payload,
      headers: { cookie: `cb_session=${session}`, 'x-csrf-token': login.json().csrfToken },
    });
    if (res.statusCode >= 400) throw new Error(`demo seed: ${method} ${url} answered ${res.statusCode} ${res.body}`);
  }
}
