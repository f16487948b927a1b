import { afterEach, describe, expect, it } from 'vitest';
import { HttpResponse, http, server } from '../../test/render.tsx';
import { loadSession, session } from './session.ts';

const ACCOUNT = { id: 'acc_1', email: 'ana@example.com', role: 'user', plan: 'free', referralCode: 'anacode1' };

describe('loadSession', () => {
  afterEach(() => document.getElementById('cb-session')?.remove());

  it('takes the session the server embedded in the page, without a request, once', async () => {
    const boot = document.createElement('script');
    boot.type = 'application/json';
    boot.id = 'cb-session';
    boot.textContent = JSON.stringify({ account: ACCOUNT, csrfToken: 'embedded' });
    document.head.append(boot);
    await loadSession(); // msw fails the test on any request
    expect(session.value).toEqual({ status: 'signed-in', account: ACCOUNT, demo: false });
    expect(document.getElementById('cb-session')).toBeNull();
  });

  it('asks the server otherwise, and tells a signed-out visitor from a server that failed', async () => {
    server.use(http.get('/api/auth/me', () => HttpResponse.json({ account: ACCOUNT, csrfToken: 't' })));
    await loadSession();
    expect(session.value.status).toBe('signed-in');
    server.use(
      http.get('/api/auth/me', () =>
        HttpResponse.json({ error: 'unauthenticated', message: 'Log in' }, { status: 401 }),
      ),
    );
    await loadSession();
    expect(session.value).toEqual({ status: 'anonymous', expired: false });
    server.use(http.get('/api/auth/me', () => HttpResponse.json({ error: 'internal', message: 'x' }, { status: 500 })));
    await loadSession();
    expect(session.value.status).toBe('error');
  });
});
