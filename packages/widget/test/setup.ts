import { cleanup } from '@testing-library/preact';
import { afterAll, afterEach, beforeAll, vi } from 'vitest';
import { resetNetwork, server } from './network.ts';
import { resetPanelLoads } from './page.ts';

// jsdom has no requestIdleCallback; the widget falls back to a 500 ms timer, which only slows tests.
window.requestIdleCallback = (fn: IdleRequestCallback) => window.setTimeout(() => fn({} as IdleDeadline), 0);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  // Stop this test's widget, so its idle work (ping, panel load) cannot land in the next test.
  window.Callbell?.('destroy');
  cleanup();
  for (const el of document.querySelectorAll('callbell-widget, script')) el.remove();
  delete window.Callbell;
  localStorage.clear();
  resetNetwork();
  resetPanelLoads();
  vi.useRealTimers();
  vi.restoreAllMocks();
});
afterAll(() => server.close());
