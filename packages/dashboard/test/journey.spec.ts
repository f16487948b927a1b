// The dashboard in Chromium against the real built server on a fresh PGlite: a person's
// journey through the pages only, asserting what they see, with axe on every page and
// screenshots at 360 and 1280 px (test-results/screenshots/dashboard).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../scripts/chromium.mjs';
import { checkPage, haveChromium, logIn, person } from './browser.ts';
import { type BuiltServer, startBuiltServer } from './built-server.ts';

const PASSWORD = 'a long enough password';
const OPERATOR = { email: 'operator@demo.callbell.test', password: 'callbell-demo' };

let server: BuiltServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  if (!haveChromium) return;
  server = await startBuiltServer({ TRUST_PROXY: 'true', HOLD_DAYS: '0', STRIPE_WEBHOOK_SECRET: 'whsec_e2e' });
  browser = await launchChromium();
}, 90_000);
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await server?.close();
});

async function open(ip: string): Promise<Page> {
  const context = await person((opts) => browser.newContext(opts), server.origin, ip);
  contexts.push(context);
  return context.newPage();
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

  it('logs the operator in', async () => {
    const page = await open('192.0.2.5');
    await logIn(page, OPERATOR.email, OPERATOR.password);
    expect(new URL(page.url()).pathname).toBe('/app/widget');
  });
});
