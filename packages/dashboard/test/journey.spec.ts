// The dashboard in Chromium against the real built server on a fresh PGlite: a person's
// journey through the pages only, asserting what they see, with axe on every page and
// screenshots at 360 and 1280 px (test-results/screenshots/dashboard).
import { createHmac } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../scripts/chromium.mjs';
import { checkPage, haveChromium, logIn, person } from './browser.ts';
import { type BuiltServer, startBuiltServer } from './built-server.ts';

const PASSWORD = 'a long enough password';
const OPERATOR = { email: 'operator@demo.callbell.test', password: 'callbell-demo' };
const WEBHOOK_SECRET = 'whsec_e2e';

const unix = (d: Date) => Math.floor(d.getTime() / 1000);

/** Sends a Stripe-signed event to the server's webhook, as Stripe does (its v1 signature scheme). */
async function stripe(type: string, object: Record<string, unknown>, id: string) {
  const at = new Date();
  const payload = JSON.stringify({ id, object: 'event', type, created: unix(at), livemode: false, data: { object } });
  const signature = createHmac('sha256', WEBHOOK_SECRET)
    .update(`${unix(at)}.${payload}`)
    .digest('hex');
  const res = await fetch(`${server.origin}/api/billing/stripe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': `t=${unix(at)},v1=${signature}` },
    body: payload,
  });
  const body = await res.text();
  expect(res.status, body).toBe(200);
  expect(JSON.parse(body).outcome, body).toBe('applied');
}

/** The referee subscribes to Pro and pays its first invoice, as Stripe reports them. */
async function subscribeAndPay(accountId: string, paidCents: number) {
  const now = unix(new Date());
  await stripe(
    'customer.subscription.created',
    {
      id: 'sub_e2e',
      object: 'subscription',
      customer: 'cus_e2e',
      status: 'active',
      metadata: { account_id: accountId },
      start_date: now,
      items: { object: 'list', data: [{ id: 'si_e2e', price: { id: 'price_e2e', lookup_key: 'pro_monthly' } }] },
    },
    'evt_e2e_sub',
  );
  await stripe(
    'invoice.paid',
    {
      id: 'in_e2e_1',
      object: 'invoice',
      customer: 'cus_e2e',
      amount_paid: paidCents,
      total: paidCents,
      currency: 'eur',
      status: 'paid',
      billing_reason: 'subscription_create',
      status_transitions: { paid_at: now, finalized_at: now },
      metadata: {},
      parent: {
        type: 'subscription_details',
        subscription_details: { subscription: 'sub_e2e', metadata: { account_id: accountId } },
      },
      total_taxes: [],
    },
    'evt_e2e_invoice',
  );
}

let server: BuiltServer;
let operatorPage: Page;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  if (!haveChromium) return;
  server = await startBuiltServer({ TRUST_PROXY: 'true', HOLD_DAYS: '0', STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET });
  browser = await launchChromium();
}, 90_000);
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await server?.close();
});

async function open(ip: string): Promise<Page> {
  const context = await person((opts) => browser.newContext(opts), server.origin, ip);
  // The widget's shadow root is closed; keep a handle on it, as a test page may, to read it.
  await context.addInitScript(() => {
    const roots: ShadowRoot[] = [];
    (window as unknown as { __roots: ShadowRoot[] }).__roots = roots;
    const attach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
      const root = attach.call(this, init);
      roots.push(root);
      return root;
    };
  });
  contexts.push(context);
  return context.newPage();
}

/** The text of the real widget running in the widget page's preview frame. */
async function previewText(page: Page): Promise<string> {
  const frame = page.frames().find((f) => f.url().includes('/app/preview.html'));
  if (!frame) return '';
  return frame.evaluate(() =>
    ((window as unknown as { __roots?: ShadowRoot[] }).__roots ?? []).map((r) => r.textContent).join(' '),
  );
}

describe.skipIf(!haveChromium)('the dashboard in a browser', () => {
  const ambassador = { email: 'ana@bakery.example', page: null as unknown as Page, code: '' };
  const referee = { email: 'bo@florist.example', page: null as unknown as Page };

  it('signs an ambassador up, and shows the log-in and sign-up pages accessibly', async () => {
    const page = await open('203.0.113.10');
    ambassador.page = page;
    await page.goto('/app/login');
    await expect.poll(() => page.getByRole('heading', { name: 'Log in' }).isVisible()).toBe(true);
    await checkPage(page, 'login');
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByRole('heading', { name: 'Create your free account' }).waitFor();
    await checkPage(page, 'signup');
    await page.getByLabel('E-mail').fill(ambassador.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/app/widget?welcome=1');
    const me = await page.evaluate(() => fetch('/api/auth/me').then((r) => r.json()));
    ambassador.code = me.account.referralCode;
    expect(ambassador.code).toMatch(/^[a-z0-9]{8}$/);
  });

  it('signs a visitor up through the ambassador’s referral link, with the invitation shown', async () => {
    const page = await open('198.51.100.20');
    referee.page = page;
    await page.goto(`/r/${ambassador.code}?src=link`);
    await page.waitForURL(`**/welcome?ref=${ambassador.code}`);
    await page.getByRole('link', { name: 'Create your free account' }).click();
    await page.waitForURL(`**/app/signup?ref=${ambassador.code}`);
    const invitation = page.getByRole('status').filter({ hasText: 'You were invited by' });
    await expect.poll(() => invitation.textContent()).toContain('an***@bakery.example');
    // The /r cookie, not only the landing page's ref: the server remembers the invitation.
    expect(await invitation.textContent()).toMatch(/remembered until \d{1,2} \w{3} \d{4}/);
    await checkPage(page, 'signup-invited');
    await page.getByLabel('E-mail').fill(referee.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/app/widget?welcome=1');
  });

  it('answers an unknown page and the operator’s page for others with pages of their own', async () => {
    const page = referee.page;
    await page.goto('/app/no-such-page');
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await checkPage(page, 'not-found');
    await page.goto('/app/admin');
    await page.getByRole('heading', { name: 'Not for this account' }).waitFor();
    await checkPage(page, 'forbidden');
  });

  it('lets the ambassador change the widget, watch the real preview change, save and copy the snippet', async () => {
    const page = ambassador.page;
    await page.goto('/app/widget?welcome=1');
    const greeting = page.getByLabel('Greeting', { exact: true });
    await greeting.waitFor();
    await expect.poll(() => previewText(page), { timeout: 15_000 }).toContain('Hi');
    await greeting.fill('Fresh bread at 7: ask us anything!');
    await expect.poll(() => previewText(page), { timeout: 15_000 }).toContain('Fresh bread at 7: ask us anything!');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved. Sites with your snippet show the changes within a minute.').waitFor();
    const widgets = await page.evaluate(() => fetch('/api/widgets').then((r) => r.json()));
    const widgetId: string = widgets.widgets[0].id;
    const config = await (await fetch(`${server.origin}/v1/widgets/${widgetId}/config`)).json();
    expect(config.greeting).toBe('Fresh bread at 7: ask us anything!');
    expect(config.branding.show).toBe(true);
    await page.getByRole('button', { name: 'Copy snippet' }).click();
    await page.getByRole('button', { name: 'Copied ✓' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(`<script src="${server.origin}/widget.js" data-widget-id="${widgetId}" async></script>`);
    await checkPage(page, 'widget');
  }, 60_000);

  it('shows the ambassador the click, the sign-up and a paying customer’s commission', async () => {
    const me = await referee.page.evaluate(() => fetch('/api/auth/me').then((r) => r.json()));
    await subscribeAndPay(me.account.id, 20_000);
    const page = ambassador.page;
    await page.goto('/app/rewards');
    await page.getByRole('heading', { name: 'Rewards', level: 1 }).waitFor();
    // HOLD_DAYS=0: the €60.00 commission turns available as soon as the invoice is in.
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.getByText('available to pay out').waitFor();
          return page.locator('.rw-available-value').textContent();
        },
        { timeout: 20_000, interval: 1_000 },
      )
      .toBe('€60.00');
    const text = await page.locator('main').textContent();
    expect(text).toContain('Request a payout');
    await checkPage(page, 'rewards');
  }, 120_000);

  it('takes the ambassador’s payout request, checked and confirmed', async () => {
    const page = ambassador.page;
    await page.getByLabel('Bank transfer (SEPA, with an IBAN)').check();
    await page.getByLabel('IBAN', { exact: true }).fill('DE89 3704 0044 0532 0130 01');
    await page.getByLabel('Account holder’s name').fill('Ana Baker');
    await page.getByRole('button', { name: 'Review payout' }).click();
    // A mistyped IBAN is caught before anything is sent.
    await page.getByText('This IBAN’s check digits do not match: please check it for a typo').waitFor();
    await page.getByLabel('IBAN', { exact: true }).fill('DE89 3704 0044 0532 0130 00');
    await page.getByRole('button', { name: 'Review payout' }).click();
    const dialog = page.getByRole('dialog', { name: 'Confirm your payout' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('€60.00');
    await dialog.getByRole('button', { name: 'Request €60.00' }).click();
    await page.getByText(/Payout requested: €60.00/).waitFor();
    // The request holds the whole balance: no form for a second one.
    await expect.poll(() => page.getByRole('button', { name: 'Review payout' }).count()).toBe(0);
  }, 60_000);

  it('lets the operator approve and pay it, and the ambassador sees it paid', async () => {
    const page = await open('192.0.2.5');
    operatorPage = page;
    await logIn(page, OPERATOR.email, OPERATOR.password);
    await page.goto('/app/admin/payouts');
    const row = page
      .locator('li, article, tr')
      .filter({ hasText: 'ana@bakery.example' })
      .filter({ hasText: '€60.00' })
      .first();
    await row.getByRole('button', { name: 'Approve…' }).click();
    const approve = page.getByRole('dialog', { name: 'Approve this payout?' });
    await approve.getByRole('button', { name: 'Approve €60.00' }).click();
    await page.getByText('Approved. Now send €60.00', { exact: false }).waitFor();
    await page.goto('/app/admin/payouts?status=approved');
    const approved = page.locator('li, article, tr').filter({ hasText: 'ana@bakery.example' }).first();
    await approved.getByRole('button', { name: 'Mark paid…' }).click();
    const paid = page.getByRole('dialog', { name: 'Mark this payout paid' });
    await paid.getByLabel('Transfer reference').fill('SEPA-2026-12-0001');
    await paid.getByRole('button', { name: 'Mark €60.00 paid' }).click();
    await page.getByText('Marked paid, with the reference SEPA-2026-12-0001', { exact: false }).waitFor();
    await checkPage(page, 'admin-payouts');
    for (const section of ['referrals', 'affiliates', 'rules']) {
      await page.goto(`/app/admin/${section}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      await checkPage(page, `admin-${section}`);
    }

    const mine = ambassador.page;
    await mine.goto('/app/rewards');
    const history = mine.locator('section, .card').filter({ hasText: 'SEPA-2026-12-0001' }).first();
    await history.waitFor({ timeout: 15_000 });
    expect(await history.textContent()).toMatch(/Paid/);
    expect(await mine.locator('.rw-available-value').textContent()).toBe('€0.00');
  }, 90_000);

  it('takes the ambassador’s affiliate request; once the operator approves, shows the statistics', async () => {
    const page = ambassador.page;
    await page.goto('/app/affiliate');
    await page.getByLabel('A note for the reviewer (optional)').fill('I run a bakers’ blog with 5,000 readers.');
    await page.getByRole('button', { name: 'Request access' }).click();
    await page.getByRole('heading', { name: 'Your request is being reviewed' }).waitFor();
    await checkPage(page, 'affiliate-waiting');

    const operator = operatorPage;
    await operator.goto('/app/admin/affiliates');
    const request = operator.locator('li, article').filter({ hasText: 'ana@bakery.example' }).first();
    await request.getByRole('button', { name: 'Approve…' }).click();
    await operator
      .getByRole('dialog', { name: 'Approve affiliate access?' })
      .getByRole('button', { name: 'Approve access' })
      .click();
    await operator.getByText('can now open the affiliate platform', { exact: false }).waitFor();

    await page.goto('/app/affiliate?range=7');
    await page.getByRole('heading', { name: 'Statistics' }).waitFor();
    await page.getByRole('heading', { name: 'API keys' }).waitFor();
    await page.getByRole('heading', { name: 'Banners' }).waitFor();
    // The one click through the referral link, in this week's figures; charts drawn by uPlot.
    await expect.poll(() => page.locator('.uplot').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.waitForLoadState('networkidle');
    expect(new URL(page.url()).searchParams.get('range')).toBe('7');
    await checkPage(page, 'affiliate');
  }, 60_000);

  it('refuses a second request for the same money', async () => {
    const res = await ambassador.page.evaluate(async () => {
      const me = await fetch('/api/auth/me').then((r) => r.json());
      const r = await fetch('/api/payouts', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ method: 'paypal', email: 'ana@bakery.example' }),
      });
      return { status: r.status, body: await r.json() };
    });
    expect(res.status).toBe(409);
    expect(res.body.message).toBeTruthy();
  });

  it('lets the ambassador take Pro through the demo checkout, and unlocks the footer switch', async () => {
    const page = ambassador.page;
    await page.goto('/app/plan');
    await page.getByRole('button', { name: 'Upgrade to Pro' }).waitFor();
    await checkPage(page, 'plan');
    await page.getByRole('button', { name: 'Upgrade to Pro' }).click();
    await page.waitForURL('**/app/plan/checkout?session=*');
    const pay = page.getByRole('button', { name: 'Pay €49.00 (demo: no money moves)' });
    await pay.waitFor();
    await checkPage(page, 'plan-checkout');
    await pay.click();
    await page.getByText('Payment confirmed: you are on Pro.', { exact: false }).waitFor({ timeout: 15_000 });
    // The plan came from the signed webhook, so the server now lets the footer go.
    await page.goto('/app/widget');
    const footer = page.getByRole('switch', { name: /Show ⚡ by Callbell/ }).or(page.getByLabel(/Show ⚡ by Callbell/));
    await footer.first().waitFor();
    expect(await footer.first().isDisabled()).toBe(false);
  }, 60_000);
});
