import { screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { apiError, HttpResponse, http, renderAt, server, signIn } from '../../../test/render.tsx';
import { account, session } from '../../state/session.ts';
import Verify from './Verify.tsx';

const TOKEN = 'tok_abc123';

/** Answers the confirmation with `answer`, counting the requests and checking the token sent. */
function verifyAnswers(...answers: (() => Response)[]) {
  const calls: unknown[] = [];
  server.use(
    http.post('/api/auth/verify', async ({ request }) => {
      calls.push(await request.json());
      const answer = answers[Math.min(calls.length, answers.length) - 1];
      return answer ? answer() : HttpResponse.json({ email: 'ana@example.com' });
    }),
  );
  return calls;
}

const confirmed = () => HttpResponse.json({ email: 'ana@example.com' });

beforeEach(() => {
  session.value = { status: 'anonymous', expired: false };
});

describe('the confirmation link', () => {
  it('confirms the address as it opens, once, and the signed-in dashboard follows', async () => {
    signIn({ emailVerified: false });
    const calls = verifyAnswers(confirmed);
    renderAt(`/app/verify?token=${TOKEN}`, <Verify />);
    expect(screen.getByRole('heading', { name: 'Confirming your e-mail address' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Confirming your e-mail address…');
    const heading = await screen.findByRole('heading', { name: 'E-mail address confirmed' });
    expect(screen.getByText('ana@example.com').tagName).toBe('STRONG');
    await waitFor(() => expect(account.value?.emailVerified).toBe(true));
    expect(calls).toEqual([{ token: TOKEN }]);
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(document.title).toBe('E-mail address confirmed · Callbell');
    expect(screen.getByRole('link', { name: 'Go to your Rewards' }).getAttribute('href')).toBe('/app/rewards');
    expect(screen.getByRole('link', { name: 'Set up your chat widget' })).toBeTruthy();
  });

  it('works without a session, and offers to log in', async () => {
    verifyAnswers(confirmed);
    renderAt(`/app/verify?token=${TOKEN}`, <Verify />);
    await screen.findByRole('heading', { name: 'E-mail address confirmed' });
    expect(screen.getByRole('link', { name: 'Log in to your dashboard' }).getAttribute('href')).toBe(
      '/app/login?next=%2Fapp%2Frewards',
    );
    expect(session.value.status).toBe('anonymous');
  });

  it('leaves alone another account logged in on this browser', async () => {
    signIn({ email: 'bo@example.com', emailVerified: false });
    verifyAnswers(confirmed);
    renderAt(`/app/verify?token=${TOKEN}`, <Verify />);
    await screen.findByRole('heading', { name: 'E-mail address confirmed' });
    expect(screen.getByText(/You are logged in here as bo@example.com/)).toBeTruthy();
    expect(account.value?.emailVerified).toBe(false);
  });

  it.each([
    ['token_unknown', 'This link is not valid. Ask for a new one.'],
    ['token_used', 'This link has been used already. Ask for a new one if you still need it.'],
    ['token_expired', 'This link has expired. Ask for a new one.'],
    ['token_email_changed', 'This link was sent to an address the account no longer uses. Ask for a new one.'],
  ])('shows the server’s words for %s, and sends a new link to an owner logged in here', async (code, message) => {
    signIn({ emailVerified: false });
    verifyAnswers(() => apiError(400, code, message));
    let resent = 0;
    server.use(
      http.post('/api/auth/verify/resend', ({ request }) => {
        resent++;
        expect(request.headers.get('x-csrf-token')).toBe('csrf-test-token');
        return HttpResponse.json({ sentTo: 'ana@example.com' }, { status: 202 });
      }),
    );
    renderAt(`/app/verify?token=${TOKEN}`, <Verify />);
    expect((await screen.findByRole('alert')).textContent).toBe(message);
    expect(screen.getByRole('heading', { name: 'This link did not work' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Send a new link' }));
    await waitFor(() => expect(screen.getByText(/^Sent to/).textContent).toContain('Sent to ana@example.com.'));
    expect(screen.getByText(/^Sent to/).closest('[role=status]')).toBeTruthy();
    expect(resent).toBe(1);
    expect(account.value?.emailVerified).toBe(false);
  });

  it('says when a new link cannot be sent yet', async () => {
    signIn({ emailVerified: false });
    verifyAnswers(() => apiError(400, 'token_expired', 'This link has expired. Ask for a new one.'));
    server.use(
      http.post('/api/auth/verify/resend', () =>
        apiError(429, 'rate_limited', 'You asked for several links already; try again in an hour'),
      ),
    );
    renderAt(`/app/verify?token=${TOKEN}`, <Verify />);
    await userEvent.click(await screen.findByRole('button', { name: 'Send a new link' }));
    const status = await screen.findByText('You asked for several links already; try again in an hour');
    expect(status.getAttribute('role')).toBe('status');
  });

  it('asks a visitor who is not logged in to log in for a new link', async () => {
    verifyAnswers(() => apiError(400, 'token_expired', 'This link has expired. Ask for a new one.'));
    renderAt(`/app/verify?token=${TOKEN}`, <Verify />);
    await screen.findByRole('alert');
    expect(screen.queryByRole('button', { name: 'Send a new link' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Log in to get a new link' }).getAttribute('href')).toBe(
      '/app/login?next=%2Fapp%2Frewards',
    );
  });

  it('takes a second click on a link that worked calmly', async () => {
    signIn({ emailVerified: true });
    verifyAnswers(() => apiError(400, 'token_used', 'This link has been used already.'));
    renderAt(`/app/verify?token=${TOKEN}`, <Verify />);
    expect(await screen.findByRole('heading', { name: 'E-mail address confirmed' })).toBeTruthy();
    expect(screen.getByText(/This link has been used already, and your address/)).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('offers to try again when the server is busy or out of reach', async () => {
    signIn({ emailVerified: false });
    const calls = verifyAnswers(() => apiError(429, 'rate_limited', 'Too many attempts; try again later'), confirmed);
    renderAt(`/app/verify?token=${TOKEN}`, <Verify />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Too many attempts; try again later');
    expect(screen.getByRole('heading', { name: 'Your address could not be confirmed' })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'E-mail address confirmed' })).toBeTruthy();
    expect(calls).toHaveLength(2);
  });

  it('explains a link without its token, and sends nothing', async () => {
    signIn({ emailVerified: false });
    server.use(
      http.post('/api/auth/verify/resend', () => HttpResponse.json({ sentTo: 'ana@example.com' }, { status: 202 })),
    );
    renderAt('/app/verify', <Verify />);
    expect(screen.getByRole('heading', { name: 'This link is incomplete' })).toBeTruthy();
    expect(screen.getByText(/missing its code/)).toBeTruthy();
    const card = screen.getByRole('main');
    await userEvent.click(within(card).getByRole('button', { name: 'Send a new link' }));
    expect(await within(card).findByText(/Sent to/)).toBeTruthy();
    // No handler for /api/auth/verify: a request would fail the test as unhandled.
  });
});
