import { cleanup } from '@testing-library/preact';
import { afterAll, afterEach, beforeAll, vi } from 'vitest';
import { resetNetwork, server } from './network.ts';

// jsdom has no requestIdleCallback; the widget falls back to a 500 ms timer, which only slows tests.
window.requestIdleCallback = (fn: IdleRequestCallback) => window.setTimeout(() => fn({} as IdleDeadline), 0);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  for (const el of document.querySelectorAll('callbell-widget, script')) el.remove();
  delete window.Callbell;
  localStorage.clear();
  resetNetwork();
  vi.useRealTimers();
  vi.restoreAllMocks();
});
afterAll(() => server.close());
