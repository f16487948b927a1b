import { computed, signal } from '@preact/signals';
import { api, type ResponseOf, setCsrfToken, whenUnauthorized } from '../api/client.ts';

export type Account = ResponseOf<'/api/auth/me'>['account'];

export type Session =
  | { status: 'loading' }
  | { status: 'anonymous'; expired: boolean }
  | { status: 'error'; message: string }
  | { status: 'signed-in'; account: Account; demo: boolean };

/** Who is signed in. Changed only by the actions below. */
export const session = signal<Session>({ status: 'loading' });
export const account = computed(() => (session.value.status === 'signed-in' ? session.value.account : null));
export const isAdmin = computed(() => account.value?.role === 'admin');
/** The server runs the demo: demo sites to try a widget on, and the operator's demo console. */
export const isDemo = computed(() => session.value.status === 'signed-in' && session.value.demo);

/**
 * True when the server stopped accepting this page's session (it expired, or logged out in
 * another tab) while the page is open. The page stays as it is, unsaved work included, and
 * asks to log in again (components/SessionEnded.tsx).
 */
export const sessionEnded = signal(false);

/** A session the server started (signup, login) or confirmed (me). */
export function signedIn(body: { account: Account; csrfToken: string; demo?: boolean }): void {
  setCsrfToken(body.csrfToken);
  sessionEnded.value = false;
  session.value = { status: 'signed-in', account: body.account, demo: body.demo ?? false };
}

/** Asks the server who is signed in, unless the page came with its session (the server embeds it). */
export async function loadSession(): Promise<void> {
  const embedded = document.getElementById('cb-session');
  if (embedded?.textContent) {
    embedded.remove(); // read once: a later check (Try again) asks the server
    try {
      return signedIn(JSON.parse(embedded.textContent));
    } catch {}
  }
  try {
    signedIn(await api.get('/api/auth/me'));
  } catch (err) {
    const status = (err as { status?: number }).status;
    if (status === 401) session.value = { status: 'anonymous', expired: false };
    else session.value = { status: 'error', message: (err as Error).message };
  }
}

/**
 * Logs out. Resolves false, keeping the session, when the server could not be told: on a
 * shared computer "logged out" must be true.
 */
export async function logOut(): Promise<boolean> {
  try {
    await api.post('/api/auth/logout');
  } catch (err) {
    if ((err as { status?: number }).status !== 401) return false;
  }
  setCsrfToken(null);
  sessionEnded.value = false;
  session.value = { status: 'anonymous', expired: false };
  return true;
}

/** A new log-in from the "session ended" dialog: the same account carries on where it was. */
export function resumed(body: { account: Account; csrfToken: string; demo?: boolean }): 'resumed' | 'other-account' {
  const before = account.peek();
  signedIn(body);
  return before && before.id !== body.account.id ? 'other-account' : 'resumed';
}

whenUnauthorized(() => {
  setCsrfToken(null);
  if (session.peek().status === 'signed-in') sessionEnded.value = true;
  else session.value = { status: 'anonymous', expired: true };
});

/** The server says the account's plan changed (the Plan page read it): other pages follow. */
export function planChanged(plan: Account['plan']): void {
  const s = session.peek();
  if (s.status === 'signed-in' && s.account.plan !== plan) {
    session.value = { ...s, account: { ...s.account, plan } };
  }
}

/** The address was confirmed (the link was followed in this browser): other pages follow. */
export function emailVerified(): void {
  const s = session.peek();
  if (s.status === 'signed-in' && !s.account.emailVerified) {
    session.value = { ...s, account: { ...s.account, emailVerified: true } };
  }
}
