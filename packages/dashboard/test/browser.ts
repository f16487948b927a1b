// Chromium for the dashboard's browser tests: Debian's package through playwright-core, axe on
// every page, and screenshots at phone and desktop widths kept as test artefacts.
import { existsSync, mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { CHROMIUM_PATH } from '../../../scripts/chromium.mjs';

export const haveChromium = existsSync(CHROMIUM_PATH);
if (!haveChromium) {
  if (process.env.CI) throw new Error(`Chromium is required in CI but missing at ${CHROMIUM_PATH}`);
  console.warn(`SKIPPING dashboard browser tests: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium)`);
}

const BROWSER_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';

export const SHOTS = 'test-results/screenshots/dashboard';
export const PHONE = { width: 360, height: 800 };
export const DESKTOP = { width: 1280, height: 900 };

/**
 * Fails on any serious or critical axe violation, naming each with its elements. axe runs in
 * the page itself (its legacy mode: the default opens a blank page per run to merge results,
 * which was half of the journey's time), reaching the page's same-origin frames. A sandboxed
 * frame (an e-mail's HTML) has an origin of its own that only the default mode reaches, so a
 * page with one is checked that way.
 */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  const sandboxed = await page.locator('iframe[sandbox]').count();
  const { violations } = await new AxeBuilder({ page })
    .setLegacyMode(sandboxed === 0)
    .options({ resultTypes: ['violations'] })
    .analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = bad.map(
    (v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(summary, `axe on ${name}`).toEqual([]);
}

/**
 * Lets the page answer a new viewport or scroll before it is judged: resize observers run
 * before the next frame is painted, and what they change (a table that now scrolls becomes a
 * tab stop) is drawn in the frame after.
 */
const settle = (page: Page) =>
  page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );

/**
 * Both checks a finished page gets, at 360 px and then at 1280 px: axe, then a full-page
 * screenshot from the top (sticky bars are drawn where the viewport is).
 */
export async function checkPage(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  // A tab behind another of its browser gets few animation frames: settling would crawl.
  await page.bringToFront();
  const viewport = page.viewportSize();
  for (const [label, size] of [
    ['360', PHONE],
    ['1280', DESKTOP],
  ] as const) {
    await page.setViewportSize(size);
    await settle(page);
    await expectAccessible(page, `${name} at ${label} px`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await settle(page);
    await page.screenshot({ path: `${SHOTS}/${name}-${label}.png`, fullPage: true });
  }
  if (viewport) await page.setViewportSize(viewport);
}

/**
 * A browser context as one person: its own cookies, and its own network address as a proxy
 * would report it (the server trusts X-Forwarded-For in these tests), so the fraud rules see
 * the ambassador and the people it invites as different people.
 */
export async function person(
  newContext: (opts: object) => Promise<BrowserContext>,
  origin: string,
  ip: string,
): Promise<BrowserContext> {
  const context = await newContext({
    viewport: DESKTOP,
    baseURL: origin,
    extraHTTPHeaders: { 'x-forwarded-for': ip },
    // Headless Chromium says so in its user agent, and the server counts such clicks as a bot's.
    userAgent: BROWSER_UA,
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  return context;
}

/** Logs in through the login page. */
export async function logIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/app/login');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/app/login'));
}
