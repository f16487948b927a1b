import { screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, HttpResponse, http, renderAt, server, signIn } from '../../../test/render.tsx';
import { account } from '../../state/session.ts';
import { leave } from './leave.ts';
import PlanPage from './PlanPage.tsx';
import type { PlanView } from './words.ts';

const GIVES = ['The chat widget on your sites, with every channel'];
const view = (over: Partial<PlanView> = {}): PlanView => ({
  plan: 'free',
  provider: 'demo',
  plans: [
    { id: 'free', name: 'Free', priceCents: 0, currency: 'eur', interval: 'month', hidesFooter: false, gives: GIVES },
    { id: 'pro', name: 'Pro', priceCents: 4900, currency: 'eur', interval: 'month', hidesFooter: true, gives: GIVES },
    {
      id: 'business',
      name: 'Business',
      priceCents: 9900,
      currency: 'eur',
      interval: 'month',
      hidesFooter: true,
      gives: GIVES,
    },
  ],
  subscription: null,
  canManageBilling: false,
  ...over,
});
const PRO = view({
  plan: 'pro',
  subscription: { plan: 'pro', status: 'active', startedAt: '2026-03-01T10:00:00.000Z', endedAt: null },
  canManageBilling: true,
});

let assign: ReturnType<typeof vi.fn<(url: string) => void>>;
beforeEach(() => {
  signIn();
  // jsdom cannot leave the page: record where it would go.
  assign = vi.fn<(url: string) => void>();
  vi.spyOn(leave, 'to').mockImplementation(assign);
});
afterEach(() => vi.restoreAllMocks());

describe('Plan page', () => {
  it('shows the plan, the plans with their prices, and upgrades through checkout', async () => {
    let sent: unknown;
    server.use(
      http.get('/api/plan', () => HttpResponse.json(view())),
      http.post('/api/plan/checkout', async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json({ url: 'http://localhost:3000/app/plan/checkout?session=tok' });
      }),
    );
    renderAt('/app/plan', <PlanPage />);
    expect(await screen.findByRole('heading', { name: 'Your plan: Free' })).toBeTruthy();
    const pro = screen.getByRole('article', { name: 'Pro' });
    expect(within(pro).getByText('€49.00')).toBeTruthy();
    expect(within(screen.getByRole('article', { name: 'Business' })).getByText('€99.00')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Manage billing' })).toBeNull();
    await userEvent.click(within(pro).getByRole('button', { name: 'Upgrade to Pro' }));
    await waitFor(() => expect(assign).toHaveBeenCalledWith('http://localhost:3000/app/plan/checkout?session=tok'));
    expect(sent).toEqual({ plan: 'pro' });
  });

  it('shows the server’s refusal in the plan’s card', async () => {
    server.use(
      http.get('/api/plan', () => HttpResponse.json(view())),
      http.post('/api/plan/checkout', () => apiError(503, 'billing_not_configured', 'Billing is not set up')),
    );
    renderAt('/app/plan', <PlanPage />);
    const business = await screen.findByRole('article', { name: 'Business' });
    await userEvent.click(within(business).getByRole('button', { name: 'Upgrade to Business' }));
    expect((await within(business).findByRole('alert')).textContent).toContain('billing has not been set up');
  });

  it('on a paid plan: the subscription in words, what ending it does, and Manage billing', async () => {
    server.use(
      http.get('/api/plan', () => HttpResponse.json(PRO)),
      http.post('/api/plan/portal', () => HttpResponse.json({ url: 'http://localhost:3000/app/plan/portal' })),
    );
    renderAt('/app/plan', <PlanPage />);
    expect(
      await screen.findByText('Your Pro subscription is active since 1 Mar 2026, renewed each month.'),
    ).toBeTruthy();
    expect(screen.getByText(/footer shows again/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Upgrade/ })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Manage billing' }));
    await waitFor(() => expect(assign).toHaveBeenCalledWith('http://localhost:3000/app/plan/portal'));
  });

  it('after checkout, asks again until the webhook has changed the plan', async () => {
    let calls = 0;
    server.use(http.get('/api/plan', () => HttpResponse.json(++calls < 2 ? view() : PRO)));
    renderAt('/app/plan?checkout=done', <PlanPage />);
    expect(await screen.findByText(/Waiting for the payment to be confirmed/)).toBeTruthy();
    expect(await screen.findByText(/Payment confirmed: you are on Pro/, {}, { timeout: 3000 })).toBeTruthy();
  });

  it('says a cancelled checkout changed nothing', async () => {
    server.use(http.get('/api/plan', () => HttpResponse.json(view())));
    renderAt('/app/plan?checkout=cancelled', <PlanPage />);
    expect(await screen.findByText(/nothing was charged/)).toBeTruthy();
  });

  it('shows a load error with a way to try again', async () => {
    let calls = 0;
    server.use(
      http.get('/api/plan', () =>
        ++calls === 1 ? apiError(500, 'internal', 'Something went wrong on our side') : HttpResponse.json(view()),
      ),
    );
    renderAt('/app/plan', <PlanPage />);
    expect((await screen.findByRole('alert')).textContent).toContain('The server could not do this (500)');
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'Your plan: Free' })).toBeTruthy();
  });
});

describe('Demo checkout', () => {
  it('shows the plan and price the server verified, pays, and goes back to the plan', async () => {
    let paid: unknown;
    server.use(
      http.get('/api/plan/demo/session', ({ request }) => {
        expect(new URL(request.url).searchParams.get('session')).toBe('tok');
        return HttpResponse.json({ plan: 'pro', name: 'Pro', priceCents: 4900, expiresAt: '2026-03-01T10:30:00.000Z' });
      }),
      http.post('/api/plan/demo/pay', async ({ request }) => {
        paid = await request.json();
        return HttpResponse.json({ plan: 'pro', alreadyPaid: false });
      }),
    );
    renderAt('/app/plan/checkout?session=tok', <PlanPage />);
    await userEvent.click(await screen.findByRole('button', { name: 'Pay €49.00 (demo: no money moves)' }));
    await waitFor(() => expect(location.search).toBe('?checkout=done'));
    expect(paid).toEqual({ session: 'tok' });
  });

  it('shows why a link is refused', async () => {
    server.use(
      http.get('/api/plan/demo/session', () => apiError(400, 'invalid_session', 'This checkout link has expired')),
    );
    renderAt('/app/plan/checkout?session=old', <PlanPage />);
    expect((await screen.findByRole('alert')).textContent).toContain('This checkout link has expired');
  });

  it('without a session: says so', async () => {
    renderAt('/app/plan/checkout', <PlanPage />);
    expect(await screen.findByText('This checkout link is incomplete')).toBeTruthy();
  });
});

describe('Demo portal', () => {
  it('cancels after confirming, and says the footer shows again', async () => {
    let cancelled = false;
    server.use(
      http.get('/api/plan', () => HttpResponse.json(cancelled ? view() : PRO)),
      http.post('/api/plan/demo/cancel', () => {
        cancelled = true;
        return HttpResponse.json({ plan: 'free' });
      }),
    );
    renderAt('/app/plan/portal', <PlanPage />);
    await userEvent.click(await screen.findByRole('button', { name: 'Cancel subscription' }));
    const dialog = await screen.findByRole('dialog', { name: 'Cancel your subscription?' });
    expect(cancelled).toBe(false);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel subscription' }));
    expect(await screen.findByText(/footer” shows again|footer shows again/)).toBeTruthy();
    expect(cancelled).toBe(true);
  });

  it('on Free: nothing to manage', async () => {
    server.use(http.get('/api/plan', () => HttpResponse.json(view())));
    renderAt('/app/plan/portal', <PlanPage />);
    expect(await screen.findByText('You have no subscription to manage')).toBeTruthy();
  });
});

describe('the session follows the plan', () => {
  it('tells every page once the server says the plan changed', async () => {
    server.use(http.get('/api/plan', () => HttpResponse.json(PRO)));
    expect(account.value?.plan).toBe('free');
    renderAt('/app/plan', <PlanPage />);
    await waitFor(() => expect(account.value?.plan).toBe('pro'));
  });
});
