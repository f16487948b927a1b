// The programme end to end in Chromium, against the real built server on a fresh demo
// database, through pages only, asserting what each person sees: an ambassador's widget on a
// demo site, a visitor who clicks its footer and signs up, confirms the address from the outbox,
// installs a widget that visitors load, pays through the demo checkout and hides the footer; a
// refund inside the hold, time moved on by the demo console, a bank transfer requested, approved,
// paid and told by e-mail, and the same money refused twice. axe on every page, screenshots at
// 360 and 1280 px (test-results/screenshots/dashboard).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../scripts/chromium.mjs';
import { checkPage, haveChromium, logIn, person } from './browser.ts';
import { type BuiltServer, startBuiltServer } from './built-server.ts';

const PASSWORD = 'a long enough password';
const OPERATOR = { email: 'operator@demo.callbell.test', password: 'callbell-demo' };

let server: BuiltServer;
let browser: Browser;
let port = '';
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  if (!haveChromium) return;
  // The sites live on made-up names, as Chromium's resolver rule below maps them: the server's
  // install check must find them there too, on this machine.
  server = await startBuiltServer({
    TRUST_PROXY: 'true',
    INSTALL_CHECK_ALLOW_LOOPBACK: 'true',
    INSTALL_CHECK_HOSTS: '*.example.com=127.0.0.1',
  });
  port = new URL(server.origin).port;
  // Sites on public-looking names (an install only counts on a public origin), all served by
  // the test server: Chromium resolves them to it.
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP *.example.com 127.0.0.1'],
  });
}, 120_000);
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await server?.close();
});

/** A page in a browser of its own (its own cookies and storage), from its own address. */
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

/** A demo site, on a public-looking host, running `widgetId`. */
const site = (host: string, name: 'bakery' | 'studio', widgetId: string) =>
  `http://${host}:${port}/sites/${name}/${widgetId}`;

/** Where in the page an element of the widget's shadow root is, to click it as a person does. */
async function widgetPoint(page: Page, selector: string): Promise<{ x: number; y: number } | null> {
  return page.evaluate((sel) => {
    for (const root of (window as unknown as { __roots: ShadowRoot[] }).__roots) {
      const el = root.querySelector(sel);
      if (el) {
        const r = el.getBoundingClientRect();
        if (r.width && r.height) return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
      }
    }
    return null;
  }, selector);
}

/** Loads a demo site as a visitor and opens the chat panel with a click on the launcher. */
async function visitAndOpenChat(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect.poll(() => widgetPoint(page, '.launcher'), { timeout: 15_000 }).not.toBeNull();
  const launcher = await widgetPoint(page, '.launcher');
  if (launcher) await page.mouse.click(launcher.x, launcher.y);
  const panelOpen = () =>
    page.evaluate(() =>
      (window as unknown as { __roots: ShadowRoot[] }).__roots.some((r) => {
        const panel = r.getElementById('cb-panel');
        return panel !== null && !panel.hidden;
      }),
    );
  await expect.poll(panelOpen, { timeout: 5_000 }).toBe(true);
}

/** The footer's link in the widget, or null when the widget shows none. */
const footerHref = (page: Page) =>
  page.evaluate(() => {
    for (const root of (window as unknown as { __roots: ShadowRoot[] }).__roots) {
      const a = root.querySelector('[data-cb-branding]');
      if (a) return a.getAttribute('href');
    }
    return null;
  });

/** An amount of the Rewards page's "Your earnings by state". */
const earned = (page: Page, label: string) =>
  page
    .locator('.rw-state')
    .filter({ has: page.getByText(label, { exact: true }) })
    .locator('.stat-value')
    .textContent();

/** Reloads the Rewards page until `check` holds (the server's work lands in its own time). */
async function rewardsUntil(page: Page, check: () => Promise<boolean>, timeout = 30_000) {
  await expect
    .poll(
      async () => {
        await page.goto('/app/rewards');
        await page.getByRole('heading', { name: 'Your earnings by state' }).waitFor();
        return check();
      },
      { timeout, interval: 1_000 },
    )
    .toBe(true);
}

/**
 * Opens, in the operator's outbox, the newest message to `to` whose subject matches, and
 * answers its link that starts with the dashboard's `path` (the e-mail's button).
 */
async function linkFromOutbox(
  operator: Page,
  to: string,
  subject: RegExp,
  path: string,
  /** How many such messages there must be (a link sent again): the newest is opened. */
  atLeast = 1,
): Promise<string> {
  await operator.goto('/app/admin/emails');
  const message = operator.getByRole('link', { name: subject }).filter({ hasText: to });
  await expect
    .poll(
      async () => {
        await operator.reload();
        await operator.getByRole('heading', { level: 1 }).waitFor();
        return message.count();
      },
      { timeout: 20_000, interval: 1_000 },
    )
    .toBeGreaterThanOrEqual(atLeast);
  await message.first().click();
  const escaped = `${server.origin}${path}`.replace(/[.?]/g, (c) => `\\${c}`);
  const link = operator.getByRole('link', { name: new RegExp(`^${escaped}`) });
  await link.first().waitFor();
  return (await link.first().getAttribute('href')) ?? '';
}

describe.skipIf(!haveChromium)('the programme in a browser, end to end', () => {
  const a = { email: 'ana@bakery-supplies.example', page: null as unknown as Page, code: '', widget: '' };
  const b = { email: 'bo@florist-shop.example', page: null as unknown as Page, widget: '' };
  let operator: Page;

  it('signs ambassador A up; A copies the widget’s snippet', async () => {
    const page = await open('203.0.113.10');
    a.page = page;
    await page.goto('/app/login');
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await checkPage(page, 'login');
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByRole('heading', { name: 'Create your free account' }).waitFor();
    await checkPage(page, 'signup');
    await page.getByLabel('E-mail').fill(a.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/app/widget?welcome=1');
    await page.getByRole('button', { name: 'Copy snippet' }).click();
    await page.getByRole('button', { name: 'Copied ✓' }).waitFor();
    const snippet = await page.evaluate(() => navigator.clipboard.readText());
    a.widget = /data-widget-id="(wdg_[\w-]+)"/.exec(snippet)?.[1] ?? '';
    expect(snippet).toBe(`<script src="${server.origin}/widget.js" data-widget-id="${a.widget}" async></script>`);
    const me = await page.evaluate(() => fetch('/api/auth/me').then((r) => r.json()));
    a.code = me.account.referralCode;
    expect(a.code).toMatch(/^[a-z0-9]{8}$/);
    // A new address waits for its confirmation.
    await page.getByRole('region', { name: /Confirm your e-mail address/ }).waitFor();
    await checkPage(page, 'widget');
  }, 60_000);

  it('runs A’s widget on a demo site; a visitor opens the chat, clicks the footer and meets A’s invitation', async () => {
    const page = await open('198.51.100.20');
    b.page = page;
    await visitAndOpenChat(page, site('bakery.example.com', 'bakery', a.widget));
    expect(await footerHref(page)).toBe(`${server.origin}/r/${a.code}?src=widget&w=${a.widget}`);
    const footer = await widgetPoint(page, '[data-cb-branding]');
    if (!footer) throw new Error('the footer is not on the page');
    const [landing] = await Promise.all([page.context().waitForEvent('page'), page.mouse.click(footer.x, footer.y)]);
    await landing.waitForURL(`**/welcome?ref=${a.code}`);
    await landing.getByRole('link', { name: 'Create your free account' }).click();
    await landing.waitForURL(`**/app/signup?ref=${a.code}`);
    const invitation = landing.getByRole('status').filter({ hasText: 'You were invited by' });
    await expect.poll(() => invitation.textContent()).toContain('an***@bakery-supplies.example');
    expect(await invitation.textContent()).toMatch(/remembered until \d{1,2} \w{3} \d{4}/);
    await checkPage(landing, 'signup-invited');
    b.page = landing;
  }, 60_000);

  it('signs the visitor up as B, who confirms the address from the operator’s outbox', async () => {
    const page = b.page;
    await page.getByLabel('E-mail').fill(b.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/app/widget?welcome=1');

    operator = await open('192.0.2.5');
    await logIn(operator, OPERATOR.email, OPERATOR.password);
    const href = await linkFromOutbox(operator, b.email, /Confirm your e-mail address/, '/app/verify?token=');
    await checkPage(operator, 'admin-email-message');
    await operator.goto('/app/admin/emails');
    await operator.getByRole('heading', { level: 1 }).waitFor();
    await checkPage(operator, 'admin-emails');
    await page.goto(href);
    await page.getByRole('heading', { name: 'E-mail address confirmed' }).waitFor();
    await checkPage(page, 'verify');
    await page.goto('/app/widget');
    await page.getByRole('button', { name: 'Copy snippet' }).waitFor();
    expect(await page.getByRole('region', { name: /Confirm your e-mail address/ }).count()).toBe(0);
  }, 90_000);

  it('has visitors load B’s widget on a second site; A sees one click, one install and €10.00 pending', async () => {
    const page = b.page;
    await page.getByRole('button', { name: 'Copy snippet' }).click();
    const snippet = await page.evaluate(() => navigator.clipboard.readText());
    b.widget = /data-widget-id="(wdg_[\w-]+)"/.exec(snippet)?.[1] ?? '';
    expect(b.widget).toMatch(/^wdg_/);
    // Three visitors from two networks: enough for the install to count.
    for (const ip of ['198.51.100.41', '198.51.100.42', '192.0.2.77']) {
      const visitor = await open(ip);
      await visitAndOpenChat(visitor, site('florist.example.com', 'studio', b.widget));
      expect(await footerHref(visitor)).toContain(`?src=widget&w=${b.widget}`);
    }
    await rewardsUntil(a.page, async () => (await earned(a.page, 'In the hold')) === '€10.00');
    const stats = a.page.getByRole('region', { name: 'Clicks and sign-ups' });
    // One click on A's links (the footer's), one sign-up, one install.
    expect(await stats.textContent()).toMatch(/All time\s*1(?!\d)/);
    expect(await stats.textContent()).toMatch(/Signed up\s*1(?!\d)/);
    expect(await stats.textContent()).toMatch(/Installed the widget\s*1(?!\d)/);
  }, 90_000);

  it('lets B take Pro through the demo checkout for €49.00; A sees the €14.70 commission pending', async () => {
    const page = b.page;
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
    await rewardsUntil(a.page, async () => (await earned(a.page, 'In the hold')) === '€24.70');
    const ledger = a.page.getByRole('region', { name: 'Earnings history' });
    // The history loads on its own, after the balances.
    await expect.poll(() => ledger.textContent(), { timeout: 15_000 }).toContain('€14.70');
  }, 60_000);

  it('lets B hide the footer; B’s site no longer shows it', async () => {
    const page = b.page;
    await page.goto('/app/widget');
    const footer = page.getByRole('switch', { name: /Show ⚡ by Callbell/ });
    await footer.waitFor();
    expect(await footer.isDisabled()).toBe(false);
    await footer.click();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved. Sites with your snippet show the changes within a minute.').waitFor();
    const visitor = await open('198.51.100.43');
    await visitAndOpenChat(visitor, site('florist.example.com', 'studio', b.widget));
    expect(await footerHref(visitor)).toBeNull();
  }, 60_000);

  it('reverses A’s commission when the operator refunds B’s payment inside the hold', async () => {
    await operator.goto('/app/admin/demo');
    const row = operator.getByRole('row').filter({ hasText: b.email });
    await row.getByRole('button', { name: /Refund/ }).click();
    const dialog = operator.getByRole('dialog', { name: 'Refund this payment?' });
    await expect.poll(() => dialog.getByLabel('Amount to refund, in euros').inputValue()).toBe('49.00');
    await dialog.getByRole('button', { name: 'Refund' }).click();
    await operator.getByText(/Refunded €49.00/).waitFor();
    await checkPage(operator, 'admin-demo');
    await rewardsUntil(a.page, async () => (await earned(a.page, 'In the hold')) === '€10.00');
    expect(await earned(a.page, 'Taken back')).toBe('€14.70');
  }, 60_000);

  it('moves time on: the bounty needs B’s site alive at the end of its hold; renewals pass €50 available', async () => {
    const skip = async (days: number) => {
      await operator.goto('/app/admin/demo');
      await operator.getByLabel('Days to skip').fill(String(days));
      await operator.getByRole('button', { name: 'Skip…' }).click();
      const dialog = operator.getByRole('dialog');
      await dialog.getByRole('button', { name: /^Skip \d+ days?$/ }).click();
      await operator.getByText(/^Skipped \d+ days?/).waitFor({ timeout: 30_000 });
    };
    await skip(25);
    // A visitor comes by B's site near the end of the hold: the widget is seen alive.
    await visitAndOpenChat(await open('198.51.100.44'), site('florist.example.com', 'studio', b.widget));
    await skip(5);
    await rewardsUntil(a.page, async () => (await a.page.locator('.rw-available-value').textContent()) === '€10.00');
    // Three more months of B's renewals: each commission ends its own hold.
    await skip(30);
    await skip(30);
    await skip(30);
    await rewardsUntil(a.page, async () => (await a.page.locator('.rw-available-value').textContent()) === '€54.10');
    await checkPage(a.page, 'rewards');
  }, 180_000);

  it('takes A’s bank transfer request; the operator approves and pays it; the e-mail says so', async () => {
    const page = a.page;
    // Money goes where the owner of the address says: A confirms it first, from its e-mail.
    await page.getByText('payouts need a confirmed e-mail address', { exact: false }).waitFor();
    // Its link was sent four months ago by the programme's clock: it has expired, so A asks
    // for a new one, which works.
    await page.goto(await linkFromOutbox(operator, a.email, /Confirm your e-mail address/, '/app/verify?token='));
    await page.getByText('This link has expired. Ask for a new one.').waitFor();
    await page.getByRole('button', { name: 'Send a new link' }).click();
    await page.getByText(`Sent to ${a.email}`, { exact: false }).waitFor();
    await page.goto(await linkFromOutbox(operator, a.email, /Confirm your e-mail address/, '/app/verify?token=', 2));
    await page.getByRole('heading', { name: 'E-mail address confirmed' }).waitFor();
    await page.goto('/app/rewards');
    // A second tab, left open on the same balance, tries the same money again later.
    const stale = await page.context().newPage();
    await stale.goto('/app/rewards');
    await stale.getByRole('button', { name: 'Review payout' }).waitFor();
    // Back to the first tab: a tab in the background gets few animation frames, and every
    // click waits for two to see its target still.
    await page.bringToFront();

    await page.getByLabel('Bank transfer (SEPA, with an IBAN)').check();
    await page.getByLabel('IBAN', { exact: true }).fill('DE89 3704 0044 0532 0130 01');
    await page.getByLabel('Account holder’s name').fill('Ana Baker');
    await page.getByRole('button', { name: 'Review payout' }).click();
    await page.getByText('This IBAN’s check digits do not match: please check it for a typo').waitFor();
    await page.getByLabel('IBAN', { exact: true }).fill('DE89 3704 0044 0532 0130 00');
    await page.getByRole('button', { name: 'Review payout' }).click();
    const confirm = page.getByRole('dialog', { name: 'Confirm your payout' });
    await confirm.getByRole('button', { name: 'Request €54.10' }).click();
    await page.getByText(/Payout requested: €54.10/).waitFor();

    await operator.goto('/app/admin/payouts');
    const row = operator.locator('li, article, tr').filter({ hasText: a.email }).filter({ hasText: '€54.10' }).first();
    await row.getByRole('button', { name: 'Approve…' }).click();
    await operator
      .getByRole('dialog', { name: 'Approve this payout?' })
      .getByRole('button', { name: 'Approve €54.10' })
      .click();
    await operator.getByText('Approved. Now send €54.10', { exact: false }).waitFor();
    await operator.goto('/app/admin/payouts?status=approved');
    const approved = operator.locator('li, article, tr').filter({ hasText: a.email }).first();
    await approved.getByRole('button', { name: 'Mark paid…' }).click();
    const paid = operator.getByRole('dialog', { name: 'Mark this payout paid' });
    await paid.getByLabel('Transfer reference').fill('SEPA-2026-12-0001');
    await paid.getByRole('button', { name: 'Mark €54.10 paid' }).click();
    await operator.getByText('Marked paid, with the reference SEPA-2026-12-0001', { exact: false }).waitFor();
    await checkPage(operator, 'admin-payouts');

    await page.goto('/app/rewards');
    const history = page.locator('section, .card').filter({ hasText: 'SEPA-2026-12-0001' }).first();
    await history.waitFor({ timeout: 15_000 });
    expect(await history.textContent()).toMatch(/Paid/);
    expect(await page.locator('.rw-available-value').textContent()).toBe('€0.00');

    await operator.goto(`/app/admin/emails`);
    const told = operator
      .getByRole('link', { name: /Your payout of €54.10 is on its way/ })
      .filter({ hasText: a.email });
    await expect
      .poll(
        async () => {
          await operator.reload();
          await operator.getByRole('heading', { level: 1 }).waitFor();
          return told.count();
        },
        { timeout: 20_000, interval: 1_000 },
      )
      .toBe(1);

    // The tab left open still offers €54.10: the server refuses it, and the page says why.
    await stale.bringToFront();
    await stale.getByLabel('PayPal').check();
    await stale.getByLabel('PayPal e-mail').fill('ana@bakery-supplies.example');
    await stale.getByRole('button', { name: 'Review payout' }).click();
    await stale
      .getByRole('dialog', { name: 'Confirm your payout' })
      .getByRole('button', { name: 'Request €54.10' })
      .click();
    await stale.getByText(/Payouts start at €50.00 available; you have €0.00 available/).waitFor();
    await stale.close();
  }, 120_000);

  it('shows the operator’s other queues, and pages of their own for the unknown and the forbidden', async () => {
    for (const section of ['referrals', 'affiliates', 'rules']) {
      await operator.goto(`/app/admin/${section}`);
      await operator.getByRole('heading', { level: 1 }).waitFor();
      await operator.waitForLoadState('networkidle');
      await checkPage(operator, `admin-${section}`);
    }
    const page = b.page;
    await page.goto('/app/no-such-page');
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await checkPage(page, 'not-found');
    await page.goto('/app/admin');
    await page.getByRole('heading', { name: 'Not for this account' }).waitFor();
    await checkPage(page, 'forbidden');
  }, 60_000);

  it('takes A’s affiliate request; once the operator approves, shows the statistics', async () => {
    const page = a.page;
    await page.goto('/app/affiliate');
    await page.getByLabel('A note for the reviewer (optional)').fill('I run a bakers’ blog with 5,000 readers.');
    await page.getByRole('button', { name: 'Request access' }).click();
    await page.getByRole('heading', { name: 'Your request is being reviewed' }).waitFor();
    await checkPage(page, 'affiliate-waiting');
    await operator.goto('/app/admin/affiliates');
    const request = operator.locator('li, article').filter({ hasText: a.email }).first();
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
    await expect.poll(() => page.locator('.uplot').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.waitForLoadState('networkidle');
    expect(new URL(page.url()).searchParams.get('range')).toBe('7');
    await checkPage(page, 'affiliate');
  }, 60_000);

  it('resets A’s forgotten password by the link in the outbox; the old session ends', async () => {
    const page = await open('203.0.113.11');
    await page.goto('/app/login');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await checkPage(page, 'forgot');
    await page.getByLabel('E-mail').fill(a.email);
    await page.getByRole('button', { name: /Send/ }).click();
    await page.getByText(`If an account uses ${a.email}`, { exact: false }).waitFor();

    await page.goto(await linkFromOutbox(operator, a.email, /Reset your password/, '/app/reset?token='));
    await page.getByRole('heading', { level: 1 }).waitFor();
    await checkPage(page, 'reset');
    await page.getByLabel(/New password/).fill('an even longer new password');
    await page.getByRole('button', { name: /password/i }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/app/reset'));
    // A's first browser was logged out by the reset.
    const status = await a.page.evaluate(() => fetch('/api/auth/me').then((r) => r.status));
    expect(status).toBe(401);
  }, 60_000);
});
