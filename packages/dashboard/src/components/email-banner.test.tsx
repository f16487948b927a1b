import { act, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ACCOUNT, apiError, HttpResponse, http, renderAt, server, signIn } from '../../test/render.tsx';
import { account } from '../state/session.ts';
import { Layout, PageHeader } from './Layout.tsx';

const page = () => (
  <Layout>
    <PageHeader title="Rewards" />
  </Layout>
);
const banner = () => screen.getByRole('region', { name: /Confirm your e-mail address/ });

describe('the banner for an address not confirmed yet', () => {
  it('says where the link went, and sends it again', async () => {
    signIn({ emailVerified: false });
    let sent = 0;
    server.use(
      http.post('/api/auth/verify/resend', ({ request }) => {
        sent++;
        expect(request.headers.get('x-csrf-token')).toBe('csrf-test-token');
        return HttpResponse.json({ sentTo: 'ana@example.com' }, { status: 202 });
      }),
    );
    renderAt('/app/rewards', page());
    expect(banner().textContent).toContain('Confirm your e-mail address: we sent a link to ana@example.com.');
    // Outside the page's main landmark, before it.
    expect(screen.getByRole('main').contains(banner())).toBe(false);
    const status = within(banner()).getByRole('status');
    expect(status.textContent).toBe('');
    await userEvent.click(within(banner()).getByRole('button', { name: 'Send it again' }));
    await waitFor(() =>
      expect(status.textContent).toBe('Sent to ana@example.com. It can take a minute; check your spam folder too.'),
    );
    expect(sent).toBe(1);
  });

  it('shows a refusal to send another in its status', async () => {
    signIn({ emailVerified: false });
    server.use(
      http.post('/api/auth/verify/resend', () =>
        apiError(429, 'rate_limited', 'You asked for several links already; try again in an hour'),
      ),
    );
    renderAt('/app/rewards', page());
    await userEvent.click(within(banner()).getByRole('button', { name: 'Send it again' }));
    await waitFor(() =>
      expect(within(banner()).getByRole('status').textContent).toBe(
        'You asked for several links already; try again in an hour',
      ),
    );
  });

  it('goes, saying so, when the server says the address is confirmed already', async () => {
    signIn({ emailVerified: false });
    server.use(
      http.post('/api/auth/verify/resend', () =>
        apiError(409, 'already_verified', 'Your address is confirmed already'),
      ),
    );
    renderAt('/app/rewards', page());
    await userEvent.click(within(banner()).getByRole('button', { name: 'Send it again' }));
    const flash = await within(screen.getByRole('main')).findByRole('status');
    expect(flash.textContent).toContain('Your address is confirmed already: nothing more to do.');
    expect(screen.queryByRole('region', { name: /Confirm your e-mail address/ })).toBeNull();
    expect(account.value?.emailVerified).toBe(true);
  });

  it('goes when the address was confirmed in another tab and this one is looked at again', async () => {
    signIn({ emailVerified: false });
    server.use(
      http.get('/api/auth/me', () =>
        HttpResponse.json({ account: { ...ACCOUNT, emailVerified: true }, csrfToken: 'csrf-test-token' }),
      ),
    );
    renderAt('/app/rewards', page());
    expect(banner()).toBeTruthy();
    await act(() => {
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await waitFor(() => expect(screen.queryByRole('region', { name: /Confirm your e-mail address/ })).toBeNull());
  });

  it('is not there once the address is confirmed', () => {
    signIn({ emailVerified: true });
    renderAt('/app/rewards', page());
    expect(screen.queryByRole('region', { name: /Confirm your e-mail address/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Send it again' })).toBeNull();
  });
});
