import { screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, HttpResponse, http, renderAt, server } from '../../../test/render.tsx';
import { session } from '../../state/session.ts';
import Login from './Login.tsx';
import Signup from './Signup.tsx';

const ME = { id: 'acc_1', email: 'bo@example.com', role: 'user', plan: 'free', referralCode: 'bocode12' };

describe('Signup', () => {
  it('shows who invited the visitor, as the server says, and passes the code on', async () => {
    let sent: unknown;
    server.use(
      http.get('/api/auth/invitation', ({ request }) => {
        expect(new URL(request.url).searchParams.get('ref')).toBe('anacode1');
        return HttpResponse.json({
          invitation: {
            referralCode: 'anacode1',
            referrer: 'an***@example.com',
            via: 'cookie',
            validUntil: '2027-03-01T10:00:00.000Z',
          },
        });
      }),
      http.post('/api/auth/signup', async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json({ account: ME, csrfToken: 't', referred: true }, { status: 201 });
      }),
    );
    renderAt('/app/signup?ref=anacode1', <Signup />);
    expect(await screen.findByText('an***@example.com')).toBeTruthy();
    expect(screen.getByText(/remembered until 1 Mar 2027/)).toBeTruthy();
    await userEvent.type(screen.getByLabelText('E-mail'), 'bo@example.com');
    await userEvent.type(screen.getByLabelText('Password'), 'long enough password');
    await userEvent.click(screen.getByRole('button', { name: 'Create account' }));
    await waitFor(() => expect(session.value.status).toBe('signed-in'));
    expect(sent).toEqual({ email: 'bo@example.com', password: 'long enough password', ref: 'anacode1' });
    expect(location.pathname).toBe('/app/widget');
  });

  it('shows no invitation when the server finds none', async () => {
    server.use(http.get('/api/auth/invitation', () => HttpResponse.json({ invitation: null })));
    renderAt('/app/signup', <Signup />);
    expect(await screen.findByRole('heading', { name: 'Create your free account' })).toBeTruthy();
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByText(/invited by/)).toBeNull();
  });

  it('checks the fields before sending, and puts each error beside its field', async () => {
    server.use(http.get('/api/auth/invitation', () => HttpResponse.json({ invitation: null })));
    renderAt('/app/signup', <Signup />);
    await userEvent.type(screen.getByLabelText('E-mail'), 'not-an-address');
    await userEvent.type(screen.getByLabelText('Password'), 'short');
    await userEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(screen.getByText(/Enter your e-mail address/)).toBeTruthy();
    expect(screen.getByText('Use at least 10 characters')).toBeTruthy();
    expect(screen.getByLabelText('E-mail').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(screen.getByLabelText('E-mail'));
  });

  it('shows the server’s refusal on the field it concerns', async () => {
    server.use(
      http.get('/api/auth/invitation', () => HttpResponse.json({ invitation: null })),
      http.post('/api/auth/signup', () => apiError(409, 'email_taken', 'An account with this e-mail already exists')),
    );
    renderAt('/app/signup', <Signup />);
    await userEvent.type(screen.getByLabelText('E-mail'), 'taken@example.com');
    await userEvent.type(screen.getByLabelText('Password'), 'long enough password');
    await userEvent.click(screen.getByRole('button', { name: 'Create account' }));
    const error = await screen.findByText('An account with this e-mail already exists');
    expect(screen.getByLabelText('E-mail').getAttribute('aria-describedby')).toContain(error.id);
  });
});

describe('Login', () => {
  it('logs in and returns to the page that asked for it, never to another site', async () => {
    server.use(http.post('/api/auth/login', () => HttpResponse.json({ account: ME, csrfToken: 't' })));
    renderAt('/app/login?next=%2Fapp%2Frewards', <Login />);
    await userEvent.type(screen.getByLabelText('E-mail'), 'bo@example.com');
    await userEvent.type(screen.getByLabelText('Password'), 'whatever-it-is');
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
    await waitFor(() => expect(location.pathname).toBe('/app/rewards'));
  });

  it('ignores a next that leaves the dashboard', async () => {
    server.use(http.post('/api/auth/login', () => HttpResponse.json({ account: ME, csrfToken: 't' })));
    renderAt('/app/login?next=%2F%2Fevil.example%2Fapp%2F', <Login />);
    await userEvent.type(screen.getByLabelText('E-mail'), 'bo@example.com');
    await userEvent.type(screen.getByLabelText('Password'), 'whatever-it-is');
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
    await waitFor(() => expect(location.pathname).toBe('/app/widget'));
  });

  it('says when the credentials are wrong, and when the server cannot be reached', async () => {
    server.use(http.post('/api/auth/login', () => apiError(401, 'bad_credentials', 'Wrong e-mail or password')));
    renderAt('/app/login', <Login />);
    await userEvent.type(screen.getByLabelText('E-mail'), 'bo@example.com');
    await userEvent.type(screen.getByLabelText('Password'), 'wrong-password');
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Wrong e-mail or password');
    server.use(http.post('/api/auth/login', () => HttpResponse.error()));
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Could not reach the server'));
  });

  it('tells a visitor whose session ended why they are here', () => {
    renderAt('/app/login?expired=1', <Login />);
    expect(screen.getByText(/Your session has ended/)).toBeTruthy();
  });
});
