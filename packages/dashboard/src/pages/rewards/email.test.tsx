import { screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, HttpResponse, http, renderAt, server, signIn } from '../../../test/render.tsx';
import { SUMMARY } from './fixtures.ts';
import RewardsPage from './RewardsPage.tsx';
import { answer, answerEmailSetting } from './test-server.ts';

const CAN = {
  ...SUMMARY,
  balances: { ...SUMMARY.balances, availableCents: 6940 },
  payout: { canRequest: true, missingCents: 0, openPayout: false },
};

const section = (name: string) => screen.getByRole('region', { name });
const open = async () => {
  renderAt('/app/rewards', <RewardsPage />);
  await screen.findByRole('heading', { name: 'Your balance' });
  return screen.findByRole('heading', { name: 'Payout history' }, { timeout: 5000 });
};

describe('payouts and an address not confirmed yet', () => {
  it('ask for the address to be confirmed instead of offering the form, and send the link again', async () => {
    signIn({ emailVerified: false });
    answer(CAN);
    answerEmailSetting();
    let resent = 0;
    server.use(
      http.post('/api/auth/verify/resend', () => {
        resent++;
        return HttpResponse.json({ sentTo: 'ana@example.com' }, { status: 202 });
      }),
    );
    await open();
    const request = section('Request a payout');
    expect(request.textContent).toContain('€69.40');
    expect(request.textContent).toContain('payouts need a confirmed e-mail address');
    expect(request.textContent).toContain('Open the link we sent to ana@example.com');
    expect(within(request).queryByRole('radio')).toBeNull();
    expect(within(request).queryByRole('button', { name: 'Review payout' })).toBeNull();
    await userEvent.click(within(request).getByRole('button', { name: 'Send the link again' }));
    await waitFor(() => expect(within(request).getByRole('status').textContent).toContain('Sent to ana@example.com.'));
    expect(resent).toBe(1);
  });

  it('say, under the minimum, that a payout will need it too', async () => {
    signIn({ emailVerified: false });
    answer();
    answerEmailSetting();
    await open();
    expect(within(section('Your balance')).getByText(/They also need your e-mail address confirmed/)).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Request a payout' })).toBeNull();
  });

  it('take the server’s refusal (403) calmly: the way to confirm replaces the form, with the focus', async () => {
    signIn({ emailVerified: true });
    answer(CAN);
    answerEmailSetting();
    const message = 'Confirm your e-mail address first: open the link we sent to ana@example.com, or ask for a new one';
    server.use(http.post('/api/payouts', () => apiError(403, 'email_unverified', message)));
    await open();
    await screen.findByRole('heading', { name: 'Request a payout' }, { timeout: 5000 });
    const form = section('Request a payout');
    await userEvent.click(within(form).getByRole('radio', { name: 'PayPal' }));
    await userEvent.type(within(form).getByLabelText('PayPal e-mail address'), 'ana@example.com');
    await userEvent.click(within(form).getByRole('button', { name: 'Review payout' }));
    await userEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Request €69.40' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Review payout' })).toBeNull());
    const request = section('Request a payout');
    expect(request.textContent).toContain(message);
    expect(within(request).getByRole('button', { name: 'Send the link again' })).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(within(request).getByRole('heading')));
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('the e-mail setting', () => {
  const box = () => within(section('E-mail updates')).getByRole('checkbox', { name: 'E-mail me about my rewards' });

  it('shows the choice the server has, and saves a change', async () => {
    signIn();
    answer();
    answerEmailSetting(true);
    const patched: unknown[] = [];
    server.use(
      http.patch('/api/account/notifications', async ({ request }) => {
        const body = (await request.json()) as { earnings: boolean };
        patched.push(body);
        expect(request.headers.get('x-csrf-token')).toBe('csrf-test-token');
        return HttpResponse.json(body);
      }),
    );
    await open();
    const card = section('E-mail updates');
    await waitFor(() => expect((box() as HTMLInputElement).checked).toBe(true));
    expect(card.textContent).toContain('A daily digest of new earnings');
    expect(box().getAttribute('aria-describedby')).toBe('rw-email-updates-hint');
    await userEvent.click(box());
    await waitFor(() =>
      expect(within(card).getByRole('status').textContent).toBe('Saved: no more e-mails about your rewards.'),
    );
    expect((box() as HTMLInputElement).checked).toBe(false);
    await userEvent.click(box());
    await waitFor(() =>
      expect(within(card).getByRole('status').textContent).toBe('Saved: we will e-mail you about your rewards.'),
    );
    expect(patched).toEqual([{ earnings: false }, { earnings: true }]);
  });

  it('puts the box back and says why when the change is not saved', async () => {
    signIn();
    answer();
    answerEmailSetting(false);
    server.use(http.patch('/api/account/notifications', () => HttpResponse.error()));
    await open();
    await waitFor(() => expect((box() as HTMLInputElement).checked).toBe(false));
    await userEvent.click(box());
    const alert = await within(section('E-mail updates')).findByRole('alert');
    expect(alert.textContent).toContain('Your choice was not saved. Could not reach the server');
    expect((box() as HTMLInputElement).checked).toBe(false);
    expect(document.activeElement).toBe(box());
  });

  it('loads on its own, with its own error and retry', async () => {
    signIn();
    answer();
    let gets = 0;
    server.use(
      http.get('/api/account/notifications', () =>
        ++gets === 1 ? apiError(500, 'internal', 'boom') : HttpResponse.json({ earnings: true }),
      ),
    );
    await open();
    const card = section('E-mail updates');
    const alert = await within(card).findByRole('alert');
    expect(alert.textContent).toContain('Your e-mail setting could not be loaded. The server could not do this (500)');
    expect(within(section('Your balance')).queryByRole('alert')).toBeNull();
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect((box() as HTMLInputElement).checked).toBe(true));
  });
});
