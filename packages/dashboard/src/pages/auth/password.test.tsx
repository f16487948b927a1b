import { render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { LocationProvider, Route, Router } from 'preact-iso';
import { beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT, apiError, HttpResponse, http, renderAt, server } from '../../../test/render.tsx';
import { Layout } from '../../components/Layout.tsx';
import { account, session } from '../../state/session.ts';
import Forgot from './Forgot.tsx';
import Login from './Login.tsx';
import Reset, { PASSWORD_CHANGED } from './Reset.tsx';

const SENT = 'If an account uses ana@example.com, a link to reset its password is on its way. It works for an hour.';

beforeEach(() => {
  session.value = { status: 'anonymous', expired: false };
});

describe('Login', () => {
  it('offers a way back in for a forgotten password, beside the password', () => {
    renderAt('/app/login', <Login />);
    const link = screen.getByRole('link', { name: 'Forgot your password?' });
    expect(link.getAttribute('href')).toBe('/app/forgot');
    expect(screen.getByLabelText('Password').getAttribute('type')).toBe('password');
    expect(screen.getByRole('link', { name: 'Create an account' })).toBeTruthy();
    expect(document.title).toBe('Log in · Callbell');
  });
});

describe('Forgot', () => {
  it('sends the address and shows the server’s answer, the same whether or not it has an account', async () => {
    let sent: unknown;
    server.use(
      http.post('/api/auth/password/forgot', async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json({ message: SENT }, { status: 202 });
      }),
    );
    renderAt('/app/forgot', <Forgot />);
    expect(document.title).toBe('Reset your password · Callbell');
    await userEvent.type(screen.getByLabelText('E-mail'), '  ana@example.com ');
    await userEvent.click(screen.getByRole('button', { name: 'Send the link' }));
    const heading = await screen.findByRole('heading', { name: 'Check your e-mail' });
    expect(sent).toEqual({ email: 'ana@example.com' });
    expect(screen.getByRole('status').textContent).toBe(SENT);
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(screen.getByRole('link', { name: 'Back to log in' }).getAttribute('href')).toBe('/app/login');

    await userEvent.click(screen.getByRole('button', { name: 'Use another address' }));
    expect((screen.getByLabelText('E-mail') as HTMLInputElement).value).toBe('ana@example.com');
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Reset your password' })),
    );
  });

  it('checks the address before sending it', async () => {
    renderAt('/app/forgot', <Forgot />);
    await userEvent.click(screen.getByRole('button', { name: 'Send the link' }));
    const field = screen.getByLabelText('E-mail');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Enter your e-mail address, like name@example.com').id).toBe(
      field.getAttribute('aria-describedby'),
    );
    expect(document.activeElement).toBe(field);
    // No handler: a request would fail the test as unhandled.
  });

  it('puts the server’s refusal of the address on the field', async () => {
    server.use(
      http.post('/api/auth/password/forgot', () => apiError(400, 'invalid_email', 'Enter a valid e-mail address')),
    );
    renderAt('/app/forgot', <Forgot />);
    await userEvent.type(screen.getByLabelText('E-mail'), 'ana@example.c');
    await userEvent.click(screen.getByRole('button', { name: 'Send the link' }));
    const error = await screen.findByText('Enter a valid e-mail address');
    expect(screen.getByLabelText('E-mail').getAttribute('aria-describedby')).toBe(error.id);
  });

  it('says when too many links were asked for, or the server cannot be reached', async () => {
    server.use(
      http.post('/api/auth/password/forgot', () =>
        apiError(429, 'rate_limited', 'Too many reset requests; try again later'),
      ),
    );
    renderAt('/app/forgot', <Forgot />);
    await userEvent.type(screen.getByLabelText('E-mail'), 'ana@example.com');
    await userEvent.click(screen.getByRole('button', { name: 'Send the link' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Too many reset requests; try again later');
    server.use(http.post('/api/auth/password/forgot', () => HttpResponse.error()));
    await userEvent.click(screen.getByRole('button', { name: 'Send the link' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Could not reach the server'));
    expect(screen.queryByRole('heading', { name: 'Check your e-mail' })).toBeNull();
  });
});

describe('Reset', () => {
  /** The reset page, and the signed-in page it moves on to. */
  const open = (url = '/app/reset?token=tok_reset') => {
    history.replaceState(null, '', url);
    const Widget = () => (
      <Layout>
        <p>Widget page</p>
      </Layout>
    );
    return render(
      <LocationProvider scope="/app">
        <Router>
          <Route path="/app/reset" component={Reset} />
          <Route path="/app/widget" component={Widget} />
        </Router>
      </LocationProvider>,
    );
  };

  it('sets the new password, logs in, and says other sessions were logged out on the next page', async () => {
    let sent: unknown;
    server.use(
      http.post('/api/auth/password/reset', async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json({ account: ACCOUNT, csrfToken: 'new-token', demo: false });
      }),
    );
    open();
    expect(document.title).toBe('Choose a new password · Callbell');
    await userEvent.type(screen.getByLabelText('New password'), 'a much longer password');
    await userEvent.click(screen.getByRole('button', { name: 'Save the new password' }));
    await waitFor(() => expect(location.pathname).toBe('/app/widget'));
    expect(sent).toEqual({ token: 'tok_reset', password: 'a much longer password' });
    expect(session.value.status).toBe('signed-in');
    expect(account.value?.email).toBe('ana@example.com');
    // The page it moved to shows the confirmation, once.
    expect(await screen.findByText('Widget page')).toBeTruthy();
    const flash = await screen.findByRole('status');
    expect(flash.textContent).toContain(PASSWORD_CHANGED);
    expect(flash.textContent).toContain('Every other session');
    await waitFor(() => expect(document.activeElement).toBe(flash));
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss this message' }));
    expect(screen.queryByText(/Your password has been changed/)).toBeNull();
  });

  it('asks for at least 10 characters before sending', async () => {
    open();
    await userEvent.click(screen.getByRole('button', { name: 'Save the new password' }));
    expect(screen.getByText('Enter a new password')).toBeTruthy();
    await userEvent.type(screen.getByLabelText('New password'), 'short');
    await userEvent.click(screen.getByRole('button', { name: 'Save the new password' }));
    const field = screen.getByLabelText('New password');
    expect(screen.getByText('Use at least 10 characters')).toBeTruthy();
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('autocomplete')).toBe('new-password');
    expect(document.activeElement).toBe(field);
  });

  it('puts a password the server refuses on the field', async () => {
    server.use(
      http.post('/api/auth/password/reset', () =>
        apiError(400, 'weak_password', 'The password can have at most 200 characters'),
      ),
    );
    open();
    await userEvent.type(screen.getByLabelText('New password'), 'a much longer password');
    await userEvent.click(screen.getByRole('button', { name: 'Save the new password' }));
    const error = await screen.findByText('The password can have at most 200 characters');
    expect(screen.getByLabelText('New password').getAttribute('aria-describedby')).toContain(error.id);
    expect(session.value.status).toBe('anonymous');
  });

  it.each([
    ['token_unknown', 'This link is not valid. Ask for a new one.'],
    ['token_used', 'This link has been used already. Ask for a new one if you still need it.'],
    ['token_expired', 'This link has expired. Ask for a new one.'],
  ])('shows why a link (%s) cannot be used, and the way to a new one', async (code, message) => {
    server.use(http.post('/api/auth/password/reset', () => apiError(400, code, message)));
    open();
    await userEvent.type(screen.getByLabelText('New password'), 'a much longer password');
    await userEvent.click(screen.getByRole('button', { name: 'Save the new password' }));
    expect((await screen.findByRole('alert')).textContent).toBe(message);
    expect(screen.getByRole('heading', { name: 'This link cannot be used' })).toBeTruthy();
    expect(screen.queryByLabelText('New password')).toBeNull();
    expect(screen.getByRole('link', { name: 'Ask for a new link' }).getAttribute('href')).toBe('/app/forgot');
    expect(session.value.status).toBe('anonymous');
  });

  it('keeps the form after a refusal to try again later', async () => {
    server.use(
      http.post('/api/auth/password/reset', () => apiError(429, 'rate_limited', 'Too many attempts; try again later')),
    );
    open();
    await userEvent.type(screen.getByLabelText('New password'), 'a much longer password');
    await userEvent.click(screen.getByRole('button', { name: 'Save the new password' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Too many attempts; try again later');
    expect((screen.getByLabelText('New password') as HTMLInputElement).value).toBe('a much longer password');
  });

  it('explains a link without its token', () => {
    open('/app/reset');
    expect(screen.getByRole('heading', { name: 'This link is incomplete' })).toBeTruthy();
    expect(screen.queryByLabelText('New password')).toBeNull();
    expect(screen.getByRole('link', { name: 'Ask for a new link' }).getAttribute('href')).toBe('/app/forgot');
  });
});
