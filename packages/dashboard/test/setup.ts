// Component tests: a jsdom page at http://localhost:3000/app/, the server's API answered by
// msw handlers each test declares (an unhandled request fails the test), cleaned up after each.
import { cleanup } from '@testing-library/preact';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, vi } from 'vitest';

// A worker runs several files in one environment (isolate: false: importing jsdom and starting
// a worker for each file took over half the project's time). This file runs again before each
// file, and after each the modules are reset, so every file starts from fresh modules as it
// would in a worker of its own; what the environment holds is made once: one msw server per
// worker, listening until it ends.
const worker = globalThis as typeof globalThis & {
  callbellMsw?: { server: ReturnType<typeof setupServer>; unhandled: string[] };
};
function startServer() {
  const server = setupServer();
  // msw's 'error' only makes the fetch reject, which the app shows as "could not reach the
  // server": a test that sends a request it should not would still pass. So each one is kept
  // and fails the test it happened in.
  const unhandled: string[] = [];
  server.events.on('request:unhandled', ({ request }) => {
    unhandled.push(`${request.method} ${new URL(request.url).pathname}`);
  });
  server.listen({ onUnhandledRequest: 'error' });
  return { server, unhandled };
}
worker.callbellMsw ??= startServer();
const msw = worker.callbellMsw;
export const server = msw.server;

beforeAll(() => {
  msw.unhandled.length = 0;
});
afterEach(() => {
  cleanup();
  server.resetHandlers();
  history.replaceState(null, '', '/app/');
  const sent = msw.unhandled.splice(0);
  if (sent.length) throw new Error(`requests no handler answered: ${sent.join(', ')}`);
});
afterAll(async () => {
  // Preact runs effects after the next frame, or after 35 ms where no frame comes (jsdom); that
  // timer then calls cancelAnimationFrame, which no longer exists once the environment is torn
  // down (an uncaught ReferenceError in CI). Let such timers end while it still exists: timers
  // fire in the order they fall due, so one set for later than 35 ms comes after them all.
  await new Promise((resolve) => setTimeout(resolve, 50));
  // The next file loads the app's modules again, with their state (the session, caches) new.
  vi.resetModules();
});

window.scrollTo = () => {};

// jsdom has no <dialog> methods; these do what the browser's do for the tests' purposes.
if (typeof HTMLDialogElement !== 'undefined' && !HTMLDialogElement.prototype.showModal) {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.removeAttribute('open');
    this.dispatchEvent(new Event('close'));
  };
}

// jsdom computes a style by matching every rule of its built-in stylesheet against the element,
// and the role queries of Testing Library ask for the style of each element and each of its
// ancestors, again at every retry of a `findBy`: 40 % of the project's time. A style can only
// change when the document does, so each element's is kept until the next change of any kind
// (read synchronously with takeRecords, so a change just made is never missed). Elements outside
// the document (detached, in a shadow root) and pseudo-elements are computed each time.
// The environment, unlike the modules, lasts as long as the worker: installed once.
const page = window as typeof window & { callbellStyleCache?: true };
if (!page.callbellStyleCache) {
  page.callbellStyleCache = true;
  const computeStyle = window.getComputedStyle.bind(window);
  let styles = new WeakMap<Element, CSSStyleDeclaration>();
  const changes = new MutationObserver(() => {
    styles = new WeakMap();
  });
  changes.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  window.getComputedStyle = (element: Element, pseudoElement?: string | null) => {
    if (changes.takeRecords().length > 0) styles = new WeakMap();
    if (pseudoElement || element.getRootNode() !== document) return computeStyle(element, pseudoElement);
    let style = styles.get(element);
    if (!style) {
      style = computeStyle(element);
      styles.set(element, style);
    }
    return style;
  };
}
