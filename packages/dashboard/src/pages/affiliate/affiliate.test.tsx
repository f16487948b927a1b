import { screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiError, HttpResponse, http, renderAt, server, signIn } from '../../../test/render.tsx';
import { POLL_MS } from './AccessRequest.tsx';
import AffiliatePage from './AffiliatePage.tsx';
import { approved, NONE, report } from './fixtures.ts';
import { approvedView } from './test-server.ts';
import type { Access } from './types.ts';

vi.mock('./day-chart.ts', async () => (await import('./test-server.ts')).chartMock());

const HOUR = 3_600_000;
const pending = (requestedAt: Date, message: string | null = null): Access => ({
  status: 'requested',
  promiseHours: 24,
  message,
  requestedAt: requestedAt.toISOString(),
  reviewDueAt: new Date(requestedAt.getTime() + 24 * HOUR).toISOString(),
  decidedAt: null,
  rejectReason: null,
  withdrawnAt: null,
  withdrawReason: null,
  keys: [],
});
const open = () => renderAt('/app/affiliate', <AffiliatePage />);

describe('the affiliate page before access', () => {
  it('explains the platform to someone who never asked, and sends a request with its note', async () => {
    signIn();
    let sent: unknown;
    server.use(
      http.get('/api/affiliate', () => HttpResponse.json(NONE)),
      http.post('/api/affiliate/request', async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(pending(new Date(), 'I run a blog about support tools'), { status: 201 });
      }),
    );
    open();
    expect(await screen.findByRole('heading', { name: 'Get the affiliate platform' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Affiliate platform' })).toBeTruthy();
    expect(screen.getByText(/Breakdowns by source \(widget footer, link, banner\)/)).toBeTruthy();
    expect(screen.getByText(/within 24 hours/)).toBeTruthy();
    await userEvent.type(
      screen.getByLabelText('A note for the reviewer (optional)'),
      '  I run a blog about support tools ',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Request access' }));
    expect(await screen.findByRole('heading', { name: 'Your request is being reviewed' })).toBeTruthy();
    expect(sent).toEqual({ message: 'I run a blog about support tools' });
    expect(screen.getByText('Waited 0 min of the 24-hour promise')).toBeTruthy();
    expect(screen.getByText('I run a blog about support tools')).toBeTruthy();
  });

  it('sends a request without a note as an empty body, and shows the server’s refusal in the form', async () => {
    signIn();
    let sent: unknown;
    server.use(
      http.get('/api/affiliate', () => HttpResponse.json(NONE)),
      http.post('/api/affiliate/request', async ({ request }) => {
        sent = await request.json();
        return apiError(409, 'already_requested', 'Your request is waiting for review');
      }),
    );
    open();
    await userEvent.click(await screen.findByRole('button', { name: 'Request access' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Your request is waiting for review');
    expect(sent).toEqual({});
  });

  it('shows how long a pending request has waited against the 24-hour promise', async () => {
    signIn();
    server.use(
      http.get('/api/affiliate', () => HttpResponse.json(pending(new Date(Date.now() - 5 * HOUR - 10 * 60_000)))),
    );
    open();
    expect(await screen.findByText('Waited 5 h 10 min of the 24-hour promise')).toBeTruthy();
    const bar = screen.getByRole('progressbar', { name: 'Waited 5 h 10 min of the 24-hour promise' });
    expect(bar.getAttribute('aria-valuenow')).toBe('22');
    expect(screen.getByText(/We promise an answer within 24 hours, so by/)).toBeTruthy();
    expect(screen.queryByText(/longer than we promised/)).toBeNull();
  });

  it('says so when the review is late, and checks again on request', async () => {
    signIn();
    let asked = 0;
    server.use(
      http.get('/api/affiliate', () => {
        asked++;
        return HttpResponse.json(asked === 1 ? pending(new Date(Date.now() - 30 * HOUR)) : approved());
      }),
      http.get('/api/affiliate/stats', () => HttpResponse.json(report({ from: '2026-11-01', to: '2026-11-07' }))),
      http.get('/api/widgets', () => HttpResponse.json({ widgets: [] })),
      http.get('/api/affiliate/banners', () => HttpResponse.json({ campaign: null, banners: [] })),
    );
    open();
    expect(await screen.findByText('Waited 30 h of the 24-hour promise')).toBeTruthy();
    expect(screen.getByText(/This is taking longer than we promised/)).toBeTruthy();
    expect(screen.getByText('Taking longer')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Check for an answer' }));
    expect(await screen.findByRole('heading', { name: 'Statistics' })).toBeTruthy();
  });

  it('is late by the server’s due time, not by the promise counted in the browser', async () => {
    signIn();
    // Asked 30 hours ago, but the server gives until 2 hours from now.
    const asked = new Date(Date.now() - 30 * HOUR);
    server.use(
      http.get('/api/affiliate', () =>
        HttpResponse.json({ ...pending(asked), reviewDueAt: new Date(Date.now() + 2 * HOUR).toISOString() }),
      ),
    );
    open();
    expect(await screen.findByText(/We promise an answer within 24 hours, so by/)).toBeTruthy();
    expect(screen.getByText('Waiting')).toBeTruthy();
    expect(screen.queryByText(/longer than we promised/)).toBeNull();
  });

  describe('while the request waits', () => {
    afterEach(() => {
      vi.useRealTimers();
      Reflect.deleteProperty(document, 'visibilityState');
    });
    const visibility = (state: 'visible' | 'hidden') => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
      document.dispatchEvent(new Event('visibilitychange'));
    };

    it('asks the server for the answer every 30 seconds, and shows it when it comes', async () => {
      vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
      signIn();
      let asked = 0;
      let answer: Access = pending(new Date(Date.now() - HOUR));
      server.use(
        http.get('/api/affiliate', () => {
          asked++;
          return HttpResponse.json(answer);
        }),
        ...approvedView().handlers.slice(1),
      );
      open();
      expect(await screen.findByRole('heading', { name: 'Your request is being reviewed' })).toBeTruthy();
      expect(asked).toBe(1);
      await new Promise((r) => setTimeout(r, 150));
      vi.advanceTimersByTime(POLL_MS);
      await vi.waitFor(() => expect(asked).toBe(2));
      expect(screen.getByRole('heading', { name: 'Your request is being reviewed' })).toBeTruthy();
      answer = approved();
      vi.advanceTimersByTime(POLL_MS);
      expect(await screen.findByRole('heading', { name: 'Statistics' })).toBeTruthy();
      expect(asked).toBe(3);
    });

    it('asks nothing while the tab is hidden, and asks at once when it is shown again', async () => {
      vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
      signIn();
      let asked = 0;
      server.use(
        http.get('/api/affiliate', () => {
          asked++;
          return HttpResponse.json(pending(new Date(Date.now() - HOUR)));
        }),
      );
      try {
        open();
        expect(await screen.findByRole('heading', { name: 'Your request is being reviewed' })).toBeTruthy();
        // The effect that starts the checks may run after the heading shows.
        await new Promise((r) => setTimeout(r, 150));
        visibility('hidden');
        vi.advanceTimersByTime(POLL_MS * 4);
        await new Promise((r) => setTimeout(r, 20));
        expect(asked).toBe(1);
        visibility('visible');
        await vi.waitFor(() => expect(asked).toBe(2));
      } finally {
        visibility('visible');
      }
    });
  });

  it('shows the reason of a rejection, and lets the ambassador ask again', async () => {
    signIn();
    const rejected: Access = {
      ...pending(new Date('2026-11-01T09:00:00Z')),
      status: 'rejected',
      decidedAt: '2026-11-01T15:00:00.000Z',
      rejectReason: 'Tell us more about your audience',
    };
    server.use(
      http.get('/api/affiliate', () => HttpResponse.json(rejected)),
      http.post('/api/affiliate/request', () => HttpResponse.json(pending(new Date()), { status: 201 })),
    );
    open();
    expect(await screen.findByRole('heading', { name: 'Your request was not approved' })).toBeTruthy();
    expect(screen.getByText('The team decided on 1 Nov 2026, and said:')).toBeTruthy();
    expect(screen.getByText('Tell us more about your audience')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Ask again' }));
    expect(await screen.findByRole('heading', { name: 'Your request is being reviewed' })).toBeTruthy();
  });

  it('shows a withdrawn access with its reason, and a way to ask again', async () => {
    signIn();
    server.use(
      http.get('/api/affiliate', () =>
        HttpResponse.json({
          ...approved(),
          status: 'withdrawn',
          withdrawnAt: '2026-11-20T10:00:00.000Z',
          withdrawReason: 'Spam on forums',
        }),
      ),
    );
    open();
    expect(await screen.findByRole('heading', { name: 'Your access was withdrawn' })).toBeTruthy();
    expect(screen.getByText('The team withdrew it on 20 Nov 2026, and said:')).toBeTruthy();
    expect(screen.getByText('Spam on forums')).toBeTruthy();
    expect(screen.getByText(/Your API keys were revoked/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Ask again' })).toBeTruthy();
  });

  it('shows a failed load with the server’s message and a way to try again', async () => {
    signIn();
    let fail = true;
    server.use(
      http.get('/api/affiliate', () =>
        fail ? apiError(503, 'unavailable', 'Down') : HttpResponse.json({ ...NONE, promiseHours: 48 }),
      ),
    );
    open();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The server could not do this (503)');
    fail = false;
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText(/within 48 hours/)).toBeTruthy();
  });
});

describe('the affiliate page once approved', () => {
  it('shows the statistics, their breakdowns, the banners and the API keys', async () => {
    signIn();
    const view = approvedView({
      stats: ({ groupBy }) =>
        report({
          from: '2026-11-01',
          to: '2026-11-30',
          groupBy: (groupBy as 'source') ?? undefined,
          days: {
            '2026-11-03': { clicks: 4, uniqueClicks: 3, signups: 1 },
            '2026-11-12': { clicks: 9, uniqueClicks: 6, installs: 1, commissionCents: 870, bountyCents: 1000 },
          },
          totals: { uniqueClicks: 8 },
        }),
    });
    server.use(...view.handlers);
    open();
    expect(await screen.findByRole('heading', { name: 'Statistics' })).toBeTruthy();
    expect(await screen.findByText('1 Nov 2026 to 30 Nov 2026')).toBeTruthy();
    const tile = (name: string) => {
      const card = screen.getByRole('heading', { level: 3, name }).closest('section') as HTMLElement;
      return card.querySelector('.stat-value')?.textContent;
    };
    expect(tile('Clicks')).toBe('13');
    expect(tile('Unique clicks')).toBe('8');
    expect(tile('Sign-ups')).toBe('1');
    expect(tile('Commissions')).toBe('€18.70');
    expect(screen.getByText('€8.70 on payments, €10.00 in install bounties')).toBeTruthy();
    // Each chart is named by what it shows, in words.
    expect(
      await screen.findByRole('img', {
        name: 'Clicks per day, 1 Nov 2026 to 30 Nov 2026: 13 in all; the most on 12 Nov 2026: 9.',
      }),
    ).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Where it came from' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Banners' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'API keys' })).toBeTruthy();
    // The default range is the last 30 days, asked for once per section.
    await waitFor(() => expect(view.calls).toHaveLength(4));
    expect(view.calls.map((c) => c.groupBy).sort()).toEqual([null, 'campaign', 'source', 'widget'].sort());
    expect(view.calls.every((c) => c.params.days === '30')).toBe(true);
  });

  it('shows an empty state, not empty charts, when nothing happened in the range', async () => {
    signIn();
    const view = approvedView();
    server.use(...view.handlers);
    open();
    expect(await screen.findByText('Nothing happened on these days')).toBeTruthy();
    expect(screen.queryByRole('img', { name: /per day/ })).toBeNull();
    expect((await screen.findAllByText('Nothing to break down on these days')).length).toBe(3);
  });
});
