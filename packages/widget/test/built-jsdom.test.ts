// The built dist/widget.js, loaded by a script tag into a jsdom page served over HTTP, as a
// site owner's page would load it. `pnpm test` builds first.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM, VirtualConsole } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type FixtureServer, startFixtureServer } from '../../../demo/fixture-server.mjs';

// Paths, not URLs: in the jsdom environment `URL` is jsdom's, which node:fs does not accept.
const here = dirname(fileURLToPath(import.meta.url));
const dist = (file: string) => join(here, '../dist', file);
const examplePage = join(here, '../../../examples/plain-html/index.html');

let server: FixtureServer;
beforeAll(async () => {
  if (!existsSync(dist('widget.js'))) throw new Error('dist/widget.js is missing: run `pnpm build` first');
  server = await startFixtureServer();
});
afterAll(() => server?.close());

/** Opens a page in jsdom with scripts and subresources enabled, watching shadow roots and console. */
async function openPage(path = '/') {
  const warnings: string[] = [];
  const virtualConsole = new VirtualConsole();
  virtualConsole.on('warn', (message: string) => warnings.push(message));
  virtualConsole.on('jsdomError', (error: Error) => warnings.push(`jsdomError: ${error.message}`));
  const roots: ShadowRoot[] = [];
  const scripts: string[] = [];
  const html = await (await fetch(server.origin + path)).text();
  const dom = new JSDOM(html, {
    url: server.origin + path,
    runScripts: 'dangerously',
    resources: 'usable',
    pretendToBeVisual: true,
    virtualConsole,
    beforeParse(window) {
      // jsdom has no fetch; lend it Node's, minus jsdom's AbortSignal, which Node's fetch refuses.
      window.fetch = (input: RequestInfo | URL, init?: RequestInit) => fetch(input, { ...init, signal: null });
      // Every script the page gets, the panel chunk the loader adds included.
      new window.MutationObserver((records) => {
        for (const node of records.flatMap((r) => [...r.addedNodes]))
          if (node instanceof window.HTMLScriptElement && node.src) scripts.push(node.src);
      }).observe(window.document, { childList: true, subtree: true });
      const attach = window.Element.prototype.attachShadow;
      window.Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
        const root = attach.call(this, init);
        roots.push(root);
        return root;
      };
    },
  });
  const root = await vi.waitFor(
    () => {
      const found = roots[0];
      if (!found || !dom.window.document.querySelector('callbell-widget')) throw new Error('not mounted');
      return found;
    },
    { timeout: 5000 },
  );
  return { dom, root, warnings, scripts };
}

describe('dist/widget.js in a page', () => {
  it('mounts the launcher in a closed shadow root with its styles, warning about nothing', async () => {
    const { dom, root, warnings } = await openPage();
    const host = dom.window.document.querySelector('callbell-widget') as HTMLElement;
    expect(host.shadowRoot).toBeNull();
    expect(host.style.getPropertyValue('position')).toBe('fixed');
    const css = [...(root.adoptedStyleSheets ?? [])]
      .flatMap((sheet) => [...sheet.cssRules].map((r) => r.cssText))
      .join('');
    const styleText = [...root.querySelectorAll('style')].map((s) => s.textContent).join('');
    expect(css + styleText).toContain('.launcher');
    expect(root.querySelector('.launcher')?.getAttribute('aria-label')).toBe('Open chat');
    expect(warnings).toEqual([]);
    dom.window.close();
  });

  it('opens the panel from the queued API and sends its install ping', async () => {
    const before = server.pings.length;
    const { dom, root } = await openPage();
    dom.window.Callbell?.('open');
    // The panel is a second file; the open waits for it if it has not arrived yet.
    await vi.waitFor(() => expect(root.getElementById('cb-panel')?.hasAttribute('hidden')).toBe(false), {
      timeout: 5000,
    });
    expect(root.querySelectorAll('.channels a')).toHaveLength(6);
    expect(root.querySelector('[data-cb-branding]')?.getAttribute('href')).toBe(
      `${server.origin}/r/demo1234?src=widget&w=wdg_demo0000000001`,
    );
    const ping = await vi.waitFor(
      () => {
        const found = server.pings[before];
        if (!found) throw new Error('no ping yet');
        return found;
      },
      { timeout: 3000 },
    );
    expect(ping.contentType).toMatch(/^text\/plain/);
    expect(JSON.parse(ping.body)).toMatchObject({
      widgetId: 'wdg_demo0000000001',
      kind: 'install',
      url: `${server.origin}/`,
    });
    dom.window.close();
  });
});

describe('the panel chunk', () => {
  it('is loaded from beside widget.js once the page is idle, hands over its module and leaves no tag', async () => {
    const { dom, root, scripts, warnings } = await openPage();
    const chunk = await vi.waitFor(
      () => {
        const found = scripts.find((src) => src.includes('widget-panel-'));
        if (!found) throw new Error('no chunk yet');
        return found;
      },
      { timeout: 5000 },
    );
    expect(chunk).toMatch(new RegExp(`^${server.origin}/widget-panel-[0-9a-f]{12}\\.js$`));
    expect(existsSync(dist(chunk.slice(server.origin.length + 1)))).toBe(true);
    await vi.waitFor(() => expect(dom.window.document.querySelector('script[src*="widget-panel-"]')).toBeNull(), {
      timeout: 5000,
    });
    // Arrived: an open draws the panel in the same task.
    dom.window.Callbell?.('open');
    expect(root.getElementById('cb-panel')?.hasAttribute('hidden')).toBe(false);
    expect(warnings).toEqual([]);
    dom.window.close();
  });
});

describe('the paste-in snippet', () => {
  it('is the built stub, word for word, in the example page', () => {
    const stub = readFileSync(dist('snippet.min.js'), 'utf8').trim();
    expect(readFileSync(examplePage, 'utf8')).toContain(`<script>${stub}</script>`);
    expect(readFileSync(dist('snippet.html'), 'utf8')).toBe(
      `<script>${stub}</script>\n<script src="{{ORIGIN}}/widget.js" data-widget-id="{{WIDGET_ID}}" async></script>\n`,
    );
  });
});
