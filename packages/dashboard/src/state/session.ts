import { computed, signal } from '@preact/signals';
import { api, type ResponseOf, setCsrfToken, whenUnauthorized } from '../api/client.ts';

export type Account = ResponseOf<'/api/auth/me'>['account'];

export type Session =
  | { status: 'loading' }
  | { status: 'anonymous'; expired: boolean }
  | { status: 'error'; message: string }
  | { status: 'signed-in'; account: Account };

/** Who is signed in. Changed only by the actions below. */
export const session = signal<Session>({ status: 'loading' });
export const account = computed(() => (session.value.status === 'signed-in' ? session.value.account : null));
export const isAdmin = computed(() => account.value?.role === 'admin');

/** A session the server started (signup, login) or confirmed (me). */
export function signedIn(body: { account: Account; csrfToken: string }): void {
  setCsrfToken(body.csrfToken);
  session.value = { status: 'signed-in', account: body.account };
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

export async function logOut(): Promise<void> {
  await api.post('/api/auth/logout').catch(() => {});
  setCsrfToken(null);
  session.value = { status: 'anonymous', expired: false };
}

// A 401 from any page means the session ended elsewhere (expired, logged out in another tab).
whenUnauthorized(() => {
  setCsrfToken(null);
  session.value = { status: 'anonymous', expired: true };
});
