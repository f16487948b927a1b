import { render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { HttpResponse, http, server } from '../test/render.tsx';
import { App } from './app.tsx';
import { session } from './state/session.ts';

/** The whole app at `url`, for a visitor with no session. */
function openAnonymous(url: string) {
  session.value = { status: 'anonymous', expired: false };
  history.replaceState(null, '', url);
  return render(<App />);
}

describe('the pages e-mails link to', () => {
  it.each([
    ['/app/verify', 'This link is incomplete'],
    ['/app/forgot', 'Reset your password'],
    ['/app/reset', 'This link is incomplete'],
    ['/app/unsubscribe', 'This link is incomplete'],
  ])('%s opens without a session, and does not send the visitor to log in', async (url, heading) => {
    openAnonymous(url);
    expect(await screen.findByRole('heading', { name: heading, level: 1 }, { timeout: 5000 })).toBeTruthy();
    expect(location.pathname).toBe(url);
  });

  it('the unsubscribe page asks the server with the link’s token, logged in or not', async () => {
    server.use(
      http.get('/api/email/unsubscribe', () => HttpResponse.json({ email: 'an***@example.com', earnings: true })),
    );
    openAnonymous('/app/unsubscribe?token=t1');
    expect(await screen.findByRole('button', { name: 'Stop these e-mails' }, { timeout: 5000 })).toBeTruthy();
    expect(location.pathname).toBe('/app/unsubscribe');
  });

  it('while a signed-in page still sends a visitor to log in', async () => {
    openAnonymous('/app/rewards');
    await waitFor(() => expect(location.pathname).toBe('/app/login'));
    expect(location.search).toBe('?next=%2Fapp%2Frewards');
  });
});
