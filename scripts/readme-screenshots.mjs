// The README's pictures, taken from the product as it runs: the built server on a fresh demo
// database, a demo site with its chat open, and the demo ambassador's Rewards page.
// Usage: pnpm build && node scripts/readme-screenshots.mjs (writes docs/*.png)
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startBuiltServer } from './built-server.mjs';
import { launchChromium } from './chromium.mjs';

const OUT = new URL('../docs/', import.meta.url).pathname;
const server = await startBuiltServer();
const ORIGIN = server.origin;

try {
  mkdirSync(OUT, { recursive: true });
  const browser = await launchChromium();
  try {
    const site = await browser.newPage({ viewport: { width: 900, height: 640 }, deviceScaleFactor: 1 });
    await site.goto(`${ORIGIN}/sites/bakery`);
    // The page's API, as a host page calls it: Callbell('open') opens the panel.
    await site.waitForFunction(() => typeof Reflect.get(window, 'Callbell') === 'function');
    await site.evaluate(() => Reflect.get(window, 'Callbell')('open'));
    await site.waitForTimeout(800);
    await site.screenshot({ path: join(OUT, 'widget.png') });

    const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, deviceScaleFactor: 1 });
    await page.goto(`${ORIGIN}/app/login`);
    await page.getByLabel('E-mail').fill('free@demo.callbell.test');
    await page.getByLabel('Password').fill('callbell-demo');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/app/login'));
    await page.goto(`${ORIGIN}/app/rewards`);
    await page.getByText('available to pay out').waitFor();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: join(OUT, 'rewards.png') });
    console.log(`wrote ${join(OUT, 'widget.png')} and ${join(OUT, 'rewards.png')}`);
  } finally {
    await browser.close();
  }
} finally {
  await server.close();
}
