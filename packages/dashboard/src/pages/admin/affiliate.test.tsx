import { screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, HttpResponse, http, renderAt, server, signIn } from '../../../test/render.tsx';
import AdminPage from './AdminPage.tsx';
import { affiliateRequest, NOTHING_WAITS, OPERATOR, PROGRAMME, WAITING } from './fixtures.ts';

const item = async (name: RegExp) => (await screen.findByRole('listitem', { name })) as HTMLElement;
const dialog = async (name: string) => within(await screen.findByRole('dialog', { name }));
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

describe('Operator: affiliate access', () => {
  beforeEach(() => {
    signIn(OPERATOR);
    server.use(http.get('/api/admin/waiting', () => HttpResponse.json(WAITING)));
  });

  const queue = (requests: ReturnType<typeof affiliateRequest>[]) =>
    http.get('/api/admin/affiliate/requests', () => HttpResponse.json({ promiseHours: 24, requests }));

  it('shows who asked, when, their note, and how long they waited against the promise, overdue in words', async () => {
    server.use(
      queue([
        affiliateRequest(),
        affiliateRequest({
          accountId: 'acc_dan',
          email: 'dan@example.com',
          message: null,
          requestedAt: hoursAgo(2),
          reviewDueAt: new Date(Date.now() + 22 * 3_600_000).toISOString(),
          waitedHours: 2,
          promise: 'on_time',
        }),
      ]),
    );
    renderAt('/app/admin/affiliates', <AdminPage />);
    expect(await screen.findByText(/promises a decision within 24 h/)).toBeTruthy();
    const cleo = await item(/cleo@example.com/);
    expect(cleo.className).toContain('admin-item-overdue');
    expect(within(cleo).getByText(/⚠ Overdue by 6 h/)).toBeTruthy();
    expect(within(cleo).getByText(/Waited 30 h; a decision was promised within 24 h\./)).toBeTruthy();
    expect(within(cleo).getByText('“I run a web agency with 40 client sites”')).toBeTruthy();
    expect(within(cleo).getByText(/a day ago|30 hours ago|yesterday/)).toBeTruthy();
    const dan = await item(/dan@example.com/);
    expect(dan.className).not.toContain('overdue');
    expect(within(dan).getByText(/^Waited 2 h of 24 h: due in 2[12] h/)).toBeTruthy();
    expect(within(dan).getByText('No note')).toBeTruthy();
  });

  it('approves after a confirmation', async () => {
    const r = affiliateRequest();
    let posted = 0;
    server.use(
      queue([r]),
      http.post('/api/admin/affiliate/requests/acc_cleo/approve', () => {
        posted++;
        const { email: _, ...rest } = r;
        return HttpResponse.json({
          ...rest,
          status: 'approved',
          decidedAt: new Date().toISOString(),
          promise: 'missed',
        });
      }),
    );
    renderAt('/app/admin/affiliates', <AdminPage />);
    const row = await item(/cleo@example.com/);
    await userEvent.click(within(row).getByRole('button', { name: 'Approve…' }));
    await userEvent.click((await dialog('Approve affiliate access?')).getByRole('button', { name: 'Approve access' }));
    await waitFor(() => expect(within(row).getByText('Approved', { selector: '.badge' })).toBeTruthy());
    expect(posted).toBe(1);
    // the answer has no e-mail: the row keeps the one it had
    expect(within(row).getByRole('heading', { name: 'cleo@example.com' })).toBeTruthy();
    expect(within(row).getByText(/later than the 24 h promised/)).toBeTruthy();
    expect(within(row).getByRole('button', { name: 'Withdraw access…' })).toBeTruthy();
  });

  it('needs a reason to reject', async () => {
    let sent: unknown;
    const r = affiliateRequest();
    server.use(
      queue([r]),
      http.post('/api/admin/affiliate/requests/acc_cleo/reject', async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json({ ...r, status: 'rejected', rejectReason: 'No site yet', decidedAt: hoursAgo(0) });
      }),
    );
    renderAt('/app/admin/affiliates', <AdminPage />);
    const row = await item(/cleo@example.com/);
    await userEvent.click(within(row).getByRole('button', { name: 'Reject…' }));
    const reject = await dialog('Reject this request?');
    await userEvent.click(reject.getByRole('button', { name: 'Reject request' }));
    expect(reject.getByText(/Say why the request is rejected/)).toBeTruthy();
    expect(sent).toBeUndefined();
    await userEvent.type(reject.getByLabelText('Reason'), 'No site yet');
    await userEvent.click(reject.getByRole('button', { name: 'Reject request' }));
    await waitFor(() => expect(within(row).getByText(/“No site yet”/)).toBeTruthy());
    expect(sent).toEqual({ reason: 'No site yet' });
  });

  it('withdraws an approved access with a reason, saying how many keys stopped', async () => {
    const r = affiliateRequest({ status: 'approved', decidedAt: hoursAgo(20), promise: 'met', waitedHours: 10 });
    server.use(
      http.get('/api/admin/affiliate/requests', ({ request }) => {
        expect(new URL(request.url).searchParams.get('status')).toBe('approved');
        return HttpResponse.json({ promiseHours: 24, requests: [r] });
      }),
      http.post('/api/admin/affiliate/requests/acc_cleo/withdraw', () =>
        HttpResponse.json({
          ...r,
          status: 'withdrawn',
          withdrawnAt: hoursAgo(0),
          withdrawReason: 'Spam',
          keysRevoked: 2,
        }),
      ),
    );
    renderAt('/app/admin/affiliates?status=approved', <AdminPage />);
    const row = await item(/cleo@example.com/);
    expect(within(row).getByText(/Decided after 10 h, within the 24 h promised/)).toBeTruthy();
    await userEvent.click(within(row).getByRole('button', { name: 'Withdraw access…' }));
    const withdraw = await dialog('Withdraw affiliate access?');
    expect(withdraw.getByText(/API keys stop working at once/)).toBeTruthy();
    await userEvent.type(withdraw.getByLabelText('Reason'), 'Spam');
    await userEvent.click(withdraw.getByRole('button', { name: 'Withdraw access' }));
    expect((await within(row).findByRole('status')).textContent).toContain('2 API keys stopped working');
    expect(within(row).getByText('Withdrawn', { selector: '.badge' })).toBeTruthy();
  });

  it('on a 409 (another operator decided first), loads the queue and the counts again and keeps the message', async () => {
    let lists = 0;
    let counts = 0;
    server.use(
      http.get('/api/admin/waiting', () => {
        counts++;
        return HttpResponse.json(WAITING);
      }),
      // Another operator rejected Cleo's request meanwhile: the queue no longer lists it.
      http.get('/api/admin/affiliate/requests', () =>
        HttpResponse.json({ promiseHours: 24, requests: lists++ === 0 ? [affiliateRequest()] : [] }),
      ),
      http.post('/api/admin/affiliate/requests/acc_cleo/approve', () =>
        apiError(409, 'not_pending', 'This request was already rejected'),
      ),
    );
    renderAt('/app/admin/affiliates', <AdminPage />);
    const row = await item(/cleo@example.com/);
    await waitFor(() => expect(counts).toBe(1));
    await userEvent.click(within(row).getByRole('button', { name: 'Approve…' }));
    await userEvent.click((await dialog('Approve affiliate access?')).getByRole('button', { name: 'Approve access' }));
    expect(await screen.findByText('Nothing waits for you')).toBeTruthy();
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toBe(
      'cleo@example.com: This request was already rejected. It is no longer in this list.',
    );
    await waitFor(() => expect(document.activeElement).toBe(alert));
    expect(lists).toBe(2);
    expect(counts).toBe(2);
  });

  describe('as time passes', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('moves “due in” on each minute, and calls a request overdue once the server’s due time has passed', async () => {
      vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
      const now = Date.now();
      server.use(
        queue([
          affiliateRequest({
            requestedAt: new Date(now - 24 * 3_600_000 + 3 * 60_000).toISOString(),
            reviewDueAt: new Date(now + 3 * 60_000).toISOString(),
            waitedHours: 23,
            promise: 'due_soon',
          }),
        ]),
      );
      renderAt('/app/admin/affiliates', <AdminPage />);
      const row = await item(/cleo@example.com/);
      expect(within(row).getByText('Due in 3 min')).toBeTruthy();
      expect(row.className).not.toContain('overdue');
      vi.advanceTimersByTime(60_000);
      expect(await within(row).findByText('Due in 2 min')).toBeTruthy();
      vi.advanceTimersByTime(4 * 60_000);
      expect(await within(row).findByText('⚠ Overdue by 2 min')).toBeTruthy();
      expect(within(row).getByText(/Waited 24 h; a decision was promised within 24 h\./)).toBeTruthy();
      expect(row.className).toContain('admin-item-overdue');
    });
  });

  it('says when nothing waits, and shows a failed load with a way to try again', async () => {
    server.use(http.get('/api/admin/waiting', () => HttpResponse.json(NOTHING_WAITS)));
    let calls = 0;
    server.use(
      http.get('/api/admin/affiliate/requests', () =>
        calls++ === 0 ? apiError(500, 'internal', 'x') : HttpResponse.json({ promiseHours: 24, requests: [] }),
      ),
    );
    renderAt('/app/admin/affiliates', <AdminPage />);
    const failed = await screen.findByRole('alert');
    await userEvent.click(within(failed).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Nothing waits for you')).toBeTruthy();
  });
});

describe('Operator: programme rules and sections', () => {
  beforeEach(() => {
    signIn(OPERATOR);
    server.use(http.get('/api/admin/waiting', () => HttpResponse.json(WAITING)));
  });

  it('puts the rules in force into words, with the setting behind each', async () => {
    server.use(http.get('/api/admin/programme', () => HttpResponse.json(PROGRAMME)));
    renderAt('/app/admin/rules', <AdminPage />);
    expect(
      await screen.findByText('€10.00 when a referred account’s widget is installed, once per referred account.'),
    ).toBeTruthy();
    expect(
      screen.getByText(
        '30 % of each paid licence invoice (net of tax), for as long as the referred account stays subscribed.',
      ),
    ).toBeTruthy();
    expect(screen.getByText('Ambassadors can ask for a payout once €50.00 is available.')).toBeTruthy();
    expect(screen.getByText(/Each earning waits 30 days before it becomes available/)).toBeTruthy();
    expect(screen.getByText(/counts for a sign-up within 90 days of it/)).toBeTruthy();
    expect(screen.getByText(/the last click wins/)).toBeTruthy();
    expect(
      screen.getByText(
        'Once 3 different visitors, from at least 2 different networks, have loaded it on a public website, so one person cannot fake an install alone.',
      ),
    ).toBeTruthy();
    expect(screen.getByText('QUALIFY_MIN_NETWORKS=2')).toBeTruthy();
    expect(screen.getByText(/in the last 7 days of its hold/)).toBeTruthy();
    expect(screen.getByText('Requests for the affiliate platform are decided within 24 h.')).toBeTruthy();
    const commission = screen.getByText('COMMISSION_RATE_BPS=3000').closest('p') as HTMLElement;
    expect(within(commission).getByText('Changed: the default is 2500')).toBeTruthy();
    const bounty = screen.getByText('INSTALL_BOUNTY_CENTS=1000').closest('p') as HTMLElement;
    expect(within(bounty).getByText('Default')).toBeTruthy();
  });

  it('shows a failed load of the rules with a way to try again', async () => {
    let calls = 0;
    server.use(
      http.get('/api/admin/programme', () =>
        calls++ === 0 ? apiError(500, 'internal', 'x') : HttpResponse.json(PROGRAMME),
      ),
    );
    renderAt('/app/admin/rules', <AdminPage />);
    await userEvent.click(within(await screen.findByRole('alert')).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('INSTALL_BOUNTY_CENTS=1000')).toBeTruthy();
  });

  it('marks the section shown in the nav, and says so for an unknown one', async () => {
    renderAt('/app/admin/nope', <AdminPage />);
    expect(screen.getByRole('heading', { name: 'No such section' })).toBeTruthy();
    const tabs = screen.getByRole('navigation', { name: 'Operator sections' });
    expect(within(tabs).queryByRole('link', { current: 'page' })).toBeNull();
    await waitFor(() =>
      expect(within(tabs).getByRole('link', { name: /Flagged referrals/ }).textContent).toContain(
        '1 referral to review',
      ),
    );
  });
});
