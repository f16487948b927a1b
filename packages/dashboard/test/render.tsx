// Helpers for component tests: a page rendered inside the router at a given URL, a signed-in
// session, and JSON answers in the server's error shape.
import { type RenderResult, render } from '@testing-library/preact';
import { HttpResponse, http } from 'msw';
import type { ComponentChildren } from 'preact';
import { LocationProvider, Route, Router } from 'preact-iso';
import { type Account, signedIn } from '../src/state/session.ts';
import { server } from './setup.ts';

export { server };

export const ACCOUNT: Account = {
  id: 'acc_test',
  email: 'ana@example.com',
  role: 'user',
  plan: 'free',
  referralCode: 'anacode1',
  emailVerified: true,
};

/** Signs a test account in (no request: the session is set as /api/auth/me would). */
export function signIn(account: Partial<Account> = {}, opts: { demo?: boolean } = {}): Account {
  const a = { ...ACCOUNT, ...account };
  signedIn({ account: a, csrfToken: 'csrf-test-token', demo: opts.demo ?? false });
  return a;
}

/** Renders `ui` as the page at `url` (path and query), inside the dashboard's router. */
export function renderAt(url: string, ui: ComponentChildren): RenderResult {
  history.replaceState(null, '', url);
  const path = url.split('?')[0] ?? url;
  const Page = () => <>{ui}</>;
  return render(
    <LocationProvider scope="/app">
      <Router>
        <Route path={path} component={Page} />
        <Route default component={Page} />
      </Router>
    </LocationProvider>,
  );
}

/**
 * Holds the next GET of `path` until the returned function is called, then lets the handlers
 * the test declared answer it: a loading state stays on screen however long the page's code
 * (a lazy section) takes to load first.
 */
export function holdNext(path: string): () => void {
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  // A resolver that returns nothing hands the request on to the next handler.
  server.use(
    http.get(
      path,
      async () => {
        await held;
      },
      { once: true },
    ),
  );
  return release;
}

/** The server's error answer. */
export const apiError = (status: number, error: string, message: string) =>
  HttpResponse.json({ error, message }, { status });

export { HttpResponse, http };
