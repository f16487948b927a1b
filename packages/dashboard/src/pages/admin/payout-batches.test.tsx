import { screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { apiError, HttpResponse, http, renderAt, server, signIn } from '../../../test/render.tsx';
import AdminPage from './AdminPage.tsx';
import { selectionOf } from './batch-words.ts';
import { answered, batch, batchList, OPERATOR, payout, WAITING } from './fixtures.ts';
import type { QueuedPayout } from './words.ts';

const ANA = payout({ status: 'approved', amountCents: 6010 });
const BEN = payout({
  id: 'po_b8e3mw6xq2tz9kr4cnhy',
  accountId: 'acc_ben',
  email: 'ben@example.com',
  amountCents: 5000,
  status: 'approved',
  detailsReadable: true,
  detailsHint: '•••• 4321',
});
const CARA = payout({
  id: 'po_c9f4nx7yr3ua2ls5dpjk',
  accountId: 'acc_cara',
  email: 'cara@example.com',
  amountCents: 7000,
  method: 'paypal',
  status: 'approved',
  detailsReadable: true,
  detailsHint: 'c•••@example.com',
});

const item = async (name: RegExp) => (await screen.findByRole('listitem', { name })) as HTMLElement;
const dialog = async (name: string) => within(await screen.findByRole('dialog', { name }));
const batchesSection = () => screen.getByRole('region', { name: 'Payout batches' });

describe('Operator: payout batches', () => {
  beforeEach(() => {
    signIn(OPERATOR);
    server.use(http.get('/api/admin/waiting', () => HttpResponse.json(WAITING)));
  });

  it('adds up the selected approved payouts and makes a batch of exactly them', async () => {
    let queue: QueuedPayout[] = [ANA, BEN, CARA];
    let batches = batchList();
    let sent: unknown;
    server.use(
      http.get('/api/admin/payouts', () => HttpResponse.json({ payouts: queue })),
      http.get('/api/admin/payout-batches', () => HttpResponse.json(batches)),
      http.post('/api/admin/payout-batches', async ({ request }) => {
        sent = await request.json();
        expect(request.headers.get('x-csrf-token')).toBe('csrf-test-token');
        const made = batch();
        queue = queue.map((p) => (p.method === 'bank_transfer' ? { ...p, batchId: made.id } : p));
        batches = batchList({ batches: [made] });
        return HttpResponse.json(made, { status: 201 });
      }),
    );
    renderAt('/app/admin/payouts?status=approved', <AdminPage />);
    const group = await screen.findByRole('group', { name: 'Pay approved payouts together' });
    expect(within(group).getByText('No payout selected')).toBeTruthy();
    const make = within(group).getByRole('button', { name: 'Make a batch' }) as HTMLButtonElement;
    expect(make.disabled).toBe(true);

    await userEvent.click(within(await item(/€60.10 for ana/)).getByLabelText(/Select for a batch/));
    await userEvent.click(within(await item(/€50.00 for ben/)).getByLabelText(/Select for a batch/));
    expect(within(group).getByText('2 bank transfers selected: €110.10')).toBeTruthy();
    // PayPal and bank transfers do not mix in one batch.
    await userEvent.click(
      within(await item(/€70.00 for cara/)).getByLabelText('Select for a batch: €70.00 for cara@example.com'),
    );
    expect(within(group).getByText(/3 payouts selected: €180.10, by bank transfer and PayPal/)).toBeTruthy();
    expect((within(group).getByRole('button', { name: 'Make a batch' }) as HTMLButtonElement).disabled).toBe(true);
    expect(within(group).getByText(/A batch holds payouts of one method/)).toBeTruthy();
    await userEvent.click(within(group).getByRole('button', { name: 'Select all 2 bank transfers' }));
    expect(within(group).getByText('2 bank transfers selected: €110.10')).toBeTruthy();

    await userEvent.click(within(group).getByRole('button', { name: 'Make a batch of €110.10' }));
    const made = await within(group).findByRole('status');
    expect(made.textContent).toContain('Batch pb_k3m8q2wz7xt4nr9hc5ya made: 2 bank transfers, €110.10');
    await waitFor(() => expect(document.activeElement).toBe(made));
    expect(sent).toEqual({ payoutIds: [ANA.id, BEN.id] });
    // The queue says which batch holds them, and offers them no more.
    const ana = await item(/€60.10 for ana/);
    await waitFor(() => expect(within(ana).getByText('pb_k3m8q2wz7xt4nr9hc5ya')).toBeTruthy());
    expect(within(ana).queryByLabelText(/Select for a batch/)).toBeNull();
    expect(within(ana).queryByRole('button', { name: 'Mark paid…' })).toBeNull();
    // The batch is listed, with its file.
    const listed = await within(batchesSection()).findByRole('listitem', { name: /€110.10 in 2 bank transfers/ });
    const link = within(listed).getByRole('link', { name: 'Download the SEPA transfer file (XML)' });
    expect(link.getAttribute('href')).toBe('/api/admin/payout-batches/pb_k3m8q2wz7xt4nr9hc5ya/file');
    expect(link.getAttribute('download')).toBe('callbell-pb_k3m8q2wz7xt4nr9hc5ya-sepa.xml');
  });

  it('shows the server’s refusal of a batch where it was asked for', async () => {
    server.use(
      http.get('/api/admin/payouts', () => HttpResponse.json({ payouts: [ANA] })),
      http.get('/api/admin/payout-batches', () => HttpResponse.json(batchList())),
      http.post('/api/admin/payout-batches', () =>
        apiError(409, 'sepa_not_configured', 'Bank transfers are paid from your own account: set SEPA_DEBTOR_NAME'),
      ),
    );
    renderAt('/app/admin/payouts', <AdminPage />);
    await userEvent.click(within(await item(/€60.10/)).getByLabelText(/Select for a batch/));
    const group = screen.getByRole('group', { name: 'Pay approved payouts together' });
    await userEvent.click(within(group).getByRole('button', { name: 'Make a batch of €60.10' }));
    const alert = await within(group).findByRole('alert');
    expect(alert.textContent).toContain('set SEPA_DEBTOR_NAME');
  });

  it('marks a batch paid with its reference, which each of its payouts gets', async () => {
    const open = batch({ fileDownloadedAt: new Date().toISOString() });
    let sent: unknown;
    server.use(
      http.get('/api/admin/payouts', () => HttpResponse.json({ payouts: [] })),
      http.get('/api/admin/payout-batches', () => HttpResponse.json(batchList({ batches: [open] }))),
      http.post(`/api/admin/payout-batches/${open.id}/paid`, async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json({
          ...open,
          state: 'paid',
          reference: 'BANK-0302',
          paidAt: new Date().toISOString(),
          payouts: open.payouts.map((p) => ({ ...p, status: 'paid' as const })),
        });
      }),
    );
    renderAt('/app/admin/payouts', <AdminPage />);
    const row = await within(await screen.findByRole('region', { name: 'Payout batches' })).findByRole('listitem', {
      name: /€110.10 in 2 bank transfers/,
    });
    expect(within(row).getByText('To pay')).toBeTruthy();
    expect(within(row).getByText(/Download the SEPA file and upload it to your bank/)).toBeTruthy();
    await userEvent.click(within(row).getByRole('button', { name: 'Mark batch paid…' }));
    const paid = await dialog('Mark this batch paid');
    await userEvent.click(paid.getByRole('button', { name: 'Mark €110.10 paid' }));
    expect(paid.getByLabelText('Payment reference').getAttribute('aria-invalid')).toBe('true');
    expect(sent).toBeUndefined();
    await userEvent.type(paid.getByLabelText('Payment reference'), 'BANK-0302');
    await userEvent.click(paid.getByRole('button', { name: 'Mark €110.10 paid' }));
    await waitFor(() => expect(within(row).getByText('Paid', { selector: '.badge' })).toBeTruthy());
    expect(sent).toEqual({ reference: 'BANK-0302' });
    expect(within(row).getByRole('status').textContent).toContain('2 bank transfers paid with the reference BANK-0302');
    expect(within(row).queryByRole('button', { name: /Mark batch paid/ })).toBeNull();
  });

  it('warns before cancelling a batch whose file was downloaded, then frees its payouts', async () => {
    const open = batch({ fileDownloadedAt: new Date().toISOString() });
    let cancelled = 0;
    server.use(
      http.get('/api/admin/payouts', () => HttpResponse.json({ payouts: [] })),
      http.get('/api/admin/payout-batches', () => HttpResponse.json(batchList({ batches: [open] }))),
      http.post(`/api/admin/payout-batches/${open.id}/cancel`, () => {
        cancelled++;
        return HttpResponse.json({ ...open, state: 'cancelled', cancelledAt: new Date().toISOString() });
      }),
    );
    renderAt('/app/admin/payouts', <AdminPage />);
    const row = await within(await screen.findByRole('region', { name: 'Payout batches' })).findByRole('listitem', {
      name: /€110.10/,
    });
    await userEvent.click(within(row).getByRole('button', { name: 'Cancel batch…' }));
    const cancel = await dialog('Cancel this batch?');
    expect(cancel.getByText(/Its file was downloaded/)).toBeTruthy();
    await userEvent.click(cancel.getByRole('button', { name: 'Keep it' }));
    expect(cancelled).toBe(0);
    await userEvent.click(within(row).getByRole('button', { name: 'Cancel batch…' }));
    await userEvent.click((await dialog('Cancel this batch?')).getByRole('button', { name: 'Cancel batch' }));
    await waitFor(() => expect(within(row).getByText('Cancelled', { selector: '.badge' })).toBeTruthy());
    expect(cancelled).toBe(1);
    expect(within(row).queryByRole('link')).toBeNull();
  });

  it('sends a PayPal batch through the API, and shows PayPal’s refusal on the batch', async () => {
    const paypal = batch({
      id: 'pb_p5q7r9t2w4x6y8z3a5cd',
      method: 'paypal',
      payoutCount: 1,
      totalCents: 7000,
      fileName: 'callbell-pb_p5q7r9t2w4x6y8z3a5cd-paypal.csv',
      payouts: [
        {
          id: CARA.id,
          accountId: CARA.accountId,
          email: CARA.email,
          amountCents: 7000,
          detailsHint: CARA.detailsHint,
          status: 'approved',
        },
      ],
    });
    let tries = 0;
    server.use(
      http.get('/api/admin/payouts', () => HttpResponse.json({ payouts: [] })),
      http.get('/api/admin/payout-batches', () => HttpResponse.json(batchList({ batches: [paypal], paypalApi: true }))),
      http.post(`/api/admin/payout-batches/${paypal.id}/send`, () =>
        tries++ === 0
          ? apiError(409, 'paypal_refused', 'PayPal refused the batch (400 VALIDATION_ERROR: Invalid request)')
          : HttpResponse.json({ ...paypal, state: 'sent', providerBatchId: 'PP123', providerStatus: 'PENDING' }),
      ),
    );
    renderAt('/app/admin/payouts', <AdminPage />);
    const row = await within(await screen.findByRole('region', { name: 'Payout batches' })).findByRole('listitem', {
      name: /€70.00 in 1 PayPal payout/,
    });
    expect(within(row).getByRole('link', { name: 'Download the PayPal bulk-upload file (CSV)' })).toBeTruthy();
    await userEvent.click(within(row).getByRole('button', { name: 'Send with PayPal…' }));
    await userEvent.click(
      (await dialog('Send this batch to PayPal?')).getByRole('button', { name: 'Send €70.00 with PayPal' }),
    );
    expect((await within(row).findByRole('alert')).textContent).toContain('PayPal refused the batch');
    await userEvent.click(within(row).getByRole('button', { name: 'Send with PayPal…' }));
    await userEvent.click(
      (await dialog('Send this batch to PayPal?')).getByRole('button', { name: 'Send €70.00 with PayPal' }),
    );
    await waitFor(() => expect(within(row).getByText('Sent to PayPal', { selector: '.badge' })).toBeTruthy());
    expect(within(row).queryByRole('button', { name: 'Send with PayPal…' })).toBeNull();
    expect(within(row).queryByRole('button', { name: 'Cancel batch…' })).toBeNull();
    await userEvent.click(within(row).getByRole('button', { name: 'Mark batch paid…' }));
    expect(((await dialog('Mark this batch paid')).getByLabelText('Payment reference') as HTMLInputElement).value).toBe(
      'PP123',
    );
  });

  it('says what to set when bank transfers cannot be batched, and when there is no batch yet', async () => {
    server.use(
      http.get('/api/admin/payouts', () => HttpResponse.json({ payouts: [] })),
      http.get('/api/admin/payout-batches', () =>
        HttpResponse.json(
          batchList({ sepa: { configured: false, demo: false, debtorName: null, debtorIbanHint: null } }),
        ),
      ),
    );
    renderAt('/app/admin/payouts', <AdminPage />);
    expect(await screen.findByText('No batches yet')).toBeTruthy();
    expect(within(batchesSection()).getByText(/set SEPA_DEBTOR_NAME and SEPA_DEBTOR_IBAN/)).toBeTruthy();
    expect(screen.queryByRole('group', { name: 'Pay approved payouts together' })).toBeNull();
  });

  it('shows a failed load of the batches in their section, with a way to try again', async () => {
    let calls = 0;
    server.use(
      http.get('/api/admin/payouts', () => HttpResponse.json({ payouts: [] })),
      http.get('/api/admin/payout-batches', () =>
        calls++ === 0 ? apiError(503, 'unavailable', 'down') : HttpResponse.json(batchList({ batches: [batch()] })),
      ),
    );
    renderAt('/app/admin/payouts', <AdminPage />);
    const failed = await within(await screen.findByRole('region', { name: 'Payout batches' })).findByRole('alert');
    await userEvent.click(within(failed).getByRole('button', { name: 'Try again' }));
    expect(await within(batchesSection()).findByRole('listitem', { name: /€110.10/ })).toBeTruthy();
  });

  it('marks a paid payout returned, with the reason the ambassador is shown', async () => {
    const paid = payout({ status: 'paid', reference: 'BANK-1', paidAt: new Date().toISOString() });
    let sent: unknown;
    server.use(
      http.get('/api/admin/payouts', () => HttpResponse.json({ payouts: [paid] })),
      http.get('/api/admin/payout-batches', () => HttpResponse.json(batchList())),
      http.post(`/api/admin/payouts/${paid.id}/return`, async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(
          answered(paid, {
            status: 'returned',
            returnReason: 'Account closed (AC04)',
            returnedAt: new Date().toISOString(),
          }),
        );
      }),
    );
    renderAt('/app/admin/payouts?status=paid', <AdminPage />);
    const row = await item(/€60.00 for ana/);
    await userEvent.click(within(row).getByRole('button', { name: 'Mark returned…' }));
    const back = await dialog('Mark this payout returned?');
    await userEvent.click(back.getByRole('button', { name: 'Mark €60.00 returned' }));
    expect(back.getByText(/Say why the payout came back/)).toBeTruthy();
    expect(sent).toBeUndefined();
    await userEvent.type(back.getByLabelText('Why it came back'), 'Account closed (AC04)');
    await userEvent.click(back.getByRole('button', { name: 'Mark €60.00 returned' }));
    await waitFor(() =>
      expect(within(row).getByText('Returned: available again', { selector: '.badge' })).toBeTruthy(),
    );
    expect(sent).toEqual({ reason: 'Account closed (AC04)' });
    expect(within(row).getByText(/Account closed \(AC04\)/)).toBeTruthy();
    expect(within(row).getByRole('status').textContent).toContain('asked by e-mail to correct their payout details');
    expect(within(row).queryByRole('button')).toBeNull();
  });
});

describe('a selection', () => {
  it('adds up in cents and names its one method, or says it mixes two', () => {
    expect(selectionOf([])).toEqual({ count: 0, totalCents: 0, method: null, words: 'No payout selected' });
    expect(selectionOf([ANA, BEN])).toMatchObject({ totalCents: 11010, method: 'bank_transfer' });
    expect(selectionOf([CARA]).words).toBe('1 PayPal payout selected: €70.00');
    expect(selectionOf([ANA, CARA])).toMatchObject({ count: 2, totalCents: 13010, method: null });
  });
});
