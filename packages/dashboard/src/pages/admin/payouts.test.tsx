import { screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { apiError, HttpResponse, http, renderAt, server, signIn } from '../../../test/render.tsx';
import AdminPage from './AdminPage.tsx';
import { answered, batchList, NOTHING_WAITS, OPERATOR, payout, WAITING } from './fixtures.ts';

/** The counts endpoint; `counts()` says how often it was asked. */
function waiting(...answers: (typeof WAITING)[]) {
  let calls = 0;
  server.use(
    http.get('/api/admin/waiting', () => HttpResponse.json(answers[Math.min(calls++, answers.length - 1)] ?? WAITING)),
  );
  return () => calls;
}

const item = async (name: RegExp) => (await screen.findByRole('listitem', { name })) as HTMLElement;
const dialog = async (name: string) => within(await screen.findByRole('dialog', { name }));

describe('Operator: payouts', () => {
  beforeEach(() => {
    signIn(OPERATOR);
    // The batches below the queue have tests of their own (payout-batches.test.tsx).
    server.use(http.get('/api/admin/payout-batches', () => HttpResponse.json(batchList())));
  });

  it('shows the queue with each payout’s method, dates and the overpayment warning, and the counts', async () => {
    waiting(WAITING);
    let asked: string | null = 'unset';
    server.use(
      http.get('/api/admin/payouts', ({ request }) => {
        asked = new URL(request.url).searchParams.get('status');
        return HttpResponse.json({
          payouts: [
            payout(),
            payout({
              id: 'po_b8e3mw6xq2tz9kr4cnhy',
              accountId: 'acc_ben',
              email: 'ben@example.com',
              amountCents: 5500,
              method: 'paypal',
              detailsHint: 'b•••@example.com',
              detailsReadable: false,
              status: 'approved',
              otherAvailableCents: -2000,
              warning:
                'Clawbacks since the request leave -€20.00: paying €55.00 in full would overpay by €20.00; the account has earned €35.00 net, which it can ask for if this payout is rejected before it is sent',
            }),
          ],
        });
      }),
    );
    renderAt('/app/admin', <AdminPage />);
    expect(screen.getByRole('heading', { level: 1, name: 'Operator' })).toBeTruthy();
    const ana = await item(/€60.00 for ana@example.com/);
    expect(asked).toBe('open');
    expect(within(ana).getByText('Requested: to approve')).toBeTruthy();
    expect(within(ana).getByText('•••• 3000')).toBeTruthy();
    expect(within(ana).queryByText(/Balance besides/)).toBeNull();
    expect(within(ana).getByText(/2 days ago/)).toBeTruthy();
    const ben = await item(/€55.00 for ben@example.com/);
    expect(within(ben).getByText(/Overpayment:/).parentElement?.textContent).toContain('would overpay by €20.00');
    expect(within(ben).getByText(/Payment details unreadable/)).toBeTruthy();
    expect(within(ben).getByText(/owed after clawbacks/).textContent).toBe('-€20.00 (owed after clawbacks)');
    expect(within(ben).getByRole('button', { name: 'Mark paid…' })).toBeTruthy();

    const tabs = screen.getByRole('navigation', { name: 'Operator sections' });
    const current = within(tabs).getByRole('link', { current: 'page' });
    expect(current.textContent).toContain('Payouts');
    await waitFor(() => expect(current.textContent).toContain('2 to approve, 1 to send'));
    expect(within(tabs).getByRole('link', { name: /Affiliate access/ }).textContent).toContain('1 overdue');
  });

  it('approves after a confirmation showing the amount, updates the row and refreshes the counts', async () => {
    const counts = waiting(WAITING, { ...WAITING, payouts: { requested: 1, approved: 2 } });
    const p = payout();
    let posted = 0;
    server.use(
      http.get('/api/admin/payouts', () => HttpResponse.json({ payouts: [p] })),
      http.post('/api/admin/payouts/po_a7n2kq9xw4zt8cm3ryhe/approve', ({ request }) => {
        posted++;
        expect(request.headers.get('x-csrf-token')).toBe('csrf-test-token');
        return HttpResponse.json(answered(p, { status: 'approved', decidedAt: new Date().toISOString() }));
      }),
    );
    renderAt('/app/admin/payouts', <AdminPage />);
    const row = await item(/€60.00 for ana@example.com/);
    await userEvent.click(within(row).getByRole('button', { name: 'Approve…' }));
    const confirm = await dialog('Approve this payout?');
    expect(confirm.getByText('€60.00')).toBeTruthy();
    expect(posted).toBe(0);
    await userEvent.click(confirm.getByRole('button', { name: 'Approve €60.00' }));
    await waitFor(() => expect(within(row).getByText('Approved: to send')).toBeTruthy());
    expect(posted).toBe(1);
    expect(within(row).getByRole('status').textContent).toContain('Now send €60.00');
    expect(within(row).getByRole('button', { name: 'Mark paid…' })).toBeTruthy();
    await waitFor(() => expect(counts()).toBe(2));
  });

  it('asks nothing of the server when the confirmation is cancelled', async () => {
    waiting(WAITING);
    server.use(http.get('/api/admin/payouts', () => HttpResponse.json({ payouts: [payout()] })));
    renderAt('/app/admin/payouts', <AdminPage />);
    const row = await item(/€60.00/);
    await userEvent.click(within(row).getByRole('button', { name: 'Approve…' }));
    await userEvent.click((await dialog('Approve this payout?')).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog', { name: 'Approve this payout?' })).toBeNull();
    expect(within(row).getByText('Requested: to approve')).toBeTruthy();
  });

  it('shows a 409 refusal (overpays) on the row that failed', async () => {
    waiting(WAITING);
    server.use(
      http.get('/api/admin/payouts', () =>
        HttpResponse.json({ payouts: [payout(), payout({ id: 'po_b8e3mw6xq2tz9kr4cnhy', email: 'ben@example.com' })] }),
      ),
      http.post('/api/admin/payouts/po_b8e3mw6xq2tz9kr4cnhy/approve', () =>
        apiError(409, 'overpays', 'Clawbacks since the request leave this account at -€20.00 outside the payout'),
      ),
    );
    renderAt('/app/admin/payouts', <AdminPage />);
    const ben = await item(/ben@example.com/);
    await userEvent.click(within(ben).getByRole('button', { name: 'Approve…' }));
    await userEvent.click((await dialog('Approve this payout?')).getByRole('button', { name: 'Approve €60.00' }));
    const alert = await within(ben).findByRole('alert');
    expect(alert.textContent).toContain('leave this account at -€20.00');
    await waitFor(() => expect(document.activeElement).toBe(alert));
    expect(within(ben).getByText('Requested: to approve')).toBeTruthy();
    expect(within(await item(/ana@example.com/)).queryByRole('alert')).toBeNull();
  });

  it('on a 409 because another operator decided first, shows the row as it is now, keeps the message, and recounts', async () => {
    const counts = waiting(WAITING);
    let lists = 0;
    server.use(
      http.get('/api/admin/payouts', () =>
        HttpResponse.json({
          payouts: [
            payout(),
            payout({
              id: 'po_b8e3mw6xq2tz9kr4cnhy',
              email: 'ben@example.com',
              ...(lists++ > 0 ? { status: 'approved' as const } : {}),
            }),
          ],
        }),
      ),
      http.post('/api/admin/payouts/po_b8e3mw6xq2tz9kr4cnhy/approve', () =>
        apiError(409, 'invalid_transition', 'Payout 12 is approved: it cannot be approved'),
      ),
    );
    renderAt('/app/admin/payouts', <AdminPage />);
    const ben = await item(/ben@example.com/);
    await waitFor(() => expect(counts()).toBe(1));
    await userEvent.click(within(ben).getByRole('button', { name: 'Approve…' }));
    await userEvent.click((await dialog('Approve this payout?')).getByRole('button', { name: 'Approve €60.00' }));
    expect(await within(ben).findByText('Approved: to send')).toBeTruthy();
    expect(within(ben).getByRole('button', { name: 'Mark paid…' })).toBeTruthy();
    expect(within(ben).queryByRole('button', { name: 'Approve…' })).toBeNull();
    expect(within(ben).getByRole('alert').textContent).toContain('Payout 12 is approved: it cannot be approved');
    expect(lists).toBe(2);
    await waitFor(() => expect(counts()).toBe(2));
  });

  it('needs the transfer’s reference to mark a payout paid, and reveals the full details to send to', async () => {
    waiting(WAITING);
    const p = payout({ status: 'approved' });
    let sent: unknown;
    let revealed = 0;
    server.use(
      http.get('/api/admin/payouts', () => HttpResponse.json({ payouts: [p] })),
      http.post('/api/admin/payouts/po_a7n2kq9xw4zt8cm3ryhe/details', () => {
        revealed++;
        return HttpResponse.json({
          id: p.id,
          method: 'bank_transfer',
          iban: 'DE89370400440532013000',
          holderName: 'Ana López',
        });
      }),
      http.post('/api/admin/payouts/po_a7n2kq9xw4zt8cm3ryhe/paid', async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(
          answered(p, { status: 'paid', reference: 'SEPA-2026-0042', paidAt: new Date().toISOString() }),
        );
      }),
    );
    renderAt('/app/admin/payouts', <AdminPage />);
    const row = await item(/€60.00/);
    await userEvent.click(within(row).getByRole('button', { name: 'Mark paid…' }));
    const paid = await dialog('Mark this payout paid');
    // Masked until asked for: each reveal is recorded.
    expect(paid.queryByText('DE89 3704 0044 0532 0130 00')).toBeNull();
    expect(paid.getByText('•••• 3000')).toBeTruthy();
    expect(revealed).toBe(0);
    await userEvent.click(paid.getByRole('button', { name: 'Show the full details' }));
    expect(await paid.findByText('DE89 3704 0044 0532 0130 00')).toBeTruthy();
    expect(revealed).toBe(1);
    expect(paid.getByText('Ana López')).toBeTruthy();
    await userEvent.click(paid.getByRole('button', { name: 'Mark €60.00 paid' }));
    const field = paid.getByLabelText('Transfer reference');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(paid.getByText(/Enter the transfer’s reference/)).toBeTruthy();
    expect(sent).toBeUndefined();
    await userEvent.type(field, '  SEPA-2026-0042 ');
    await userEvent.click(paid.getByRole('button', { name: 'Mark €60.00 paid' }));
    await waitFor(() => expect(within(row).getByText('Paid', { selector: '.badge' })).toBeTruthy());
    expect(sent).toEqual({ reference: 'SEPA-2026-0042' });
    expect(within(row).getByText('SEPA-2026-0042')).toBeTruthy();
    // Paid: what is left is recording that it came back.
    expect(
      within(row)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Mark returned…']);
  });

  it('needs a reason to reject, and shows the server’s refusal of it beside the field', async () => {
    waiting(WAITING);
    const p = payout();
    let sent: unknown;
    server.use(
      http.get('/api/admin/payouts', () => HttpResponse.json({ payouts: [p] })),
      http.post('/api/admin/payouts/po_a7n2kq9xw4zt8cm3ryhe/reject', async ({ request }) => {
        sent = await request.json();
        if (!sent || (sent as { reason: string }).reason === 'x') {
          return apiError(400, 'bad_request', 'body/reason must match pattern');
        }
        return HttpResponse.json(answered(p, { status: 'rejected', rejectReason: 'IBAN belongs to someone else' }));
      }),
    );
    renderAt('/app/admin/payouts', <AdminPage />);
    const row = await item(/€60.00/);
    await userEvent.click(within(row).getByRole('button', { name: 'Reject…' }));
    const reject = await dialog('Reject this payout?');
    await userEvent.click(reject.getByRole('button', { name: 'Reject payout' }));
    expect(reject.getByText(/Say why the payout is rejected/)).toBeTruthy();
    expect(sent).toBeUndefined();
    await userEvent.type(reject.getByLabelText('Reason'), 'x');
    await userEvent.click(reject.getByRole('button', { name: 'Reject payout' }));
    expect(await reject.findByText('body/reason must match pattern')).toBeTruthy();
    await userEvent.clear(reject.getByLabelText('Reason'));
    await userEvent.type(reject.getByLabelText('Reason'), 'IBAN belongs to someone else');
    await userEvent.click(reject.getByRole('button', { name: 'Reject payout' }));
    await waitFor(() => expect(within(row).getByText('Rejected', { selector: '.badge' })).toBeTruthy());
    expect(within(row).getByText(/IBAN belongs to someone else/)).toBeTruthy();
  });

  it('offers no decision on the operator’s own payout', async () => {
    waiting(WAITING);
    server.use(http.get('/api/admin/payouts', () => HttpResponse.json({ payouts: [payout({ accountId: 'acc_op' })] })));
    renderAt('/app/admin/payouts', <AdminPage />);
    const row = await item(/€60.00/);
    expect(within(row).getByText(/your own payout/)).toBeTruthy();
    expect(within(row).queryByRole('button')).toBeNull();
  });

  it('keeps the filter in the URL and says when nothing waits', async () => {
    waiting(NOTHING_WAITS);
    const asked: (string | null)[] = [];
    server.use(
      http.get('/api/admin/payouts', ({ request }) => {
        asked.push(new URL(request.url).searchParams.get('status'));
        return HttpResponse.json({ payouts: [] });
      }),
    );
    renderAt('/app/admin/payouts', <AdminPage />);
    expect(await screen.findByText('Nothing waits for you')).toBeTruthy();
    const filters = screen.getByRole('navigation', { name: 'Show payouts' });
    await userEvent.click(within(filters).getByRole('link', { name: 'Paid' }));
    expect(await screen.findByText('No payouts paid yet')).toBeTruthy();
    expect(location.search).toBe('?status=paid');
    expect(within(filters).getByRole('link', { name: 'Paid' }).getAttribute('aria-current')).toBe('true');
    expect(asked).toEqual(['open', 'paid']);
  });

  it('shows a failed load in the section, with a way to try again', async () => {
    waiting(WAITING);
    let calls = 0;
    server.use(
      http.get('/api/admin/payouts', () =>
        calls++ === 0 ? apiError(503, 'unavailable', 'down') : HttpResponse.json({ payouts: [payout()] }),
      ),
    );
    renderAt('/app/admin/payouts', <AdminPage />);
    const failed = await screen.findByRole('alert');
    expect(failed.textContent).toContain('The server could not do this (503)');
    await userEvent.click(within(failed).getByRole('button', { name: 'Try again' }));
    expect(await item(/€60.00/)).toBeTruthy();
  });

  it('says so when the counts cannot be loaded, and still shows the queue', async () => {
    server.use(
      http.get('/api/admin/waiting', () => apiError(403, 'forbidden', 'Only the operator can do this')),
      http.get('/api/admin/payouts', () => HttpResponse.json({ payouts: [payout()] })),
    );
    renderAt('/app/admin/payouts', <AdminPage />);
    expect(await item(/€60.00/)).toBeTruthy();
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Could not count what waits: Only the operator can do this',
    );
  });
});
