import { screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiError, HttpResponse, holdNext, http, renderAt, server, signIn } from '../../../test/render.tsx';
import AdminPage from './AdminPage.tsx';
import type { DemoConsole } from './demo-words.ts';
import { demoConsole, email, emailList, invoice, OPERATOR, subscription, WAITING } from './fixtures.ts';
import { clockOffsetMs } from './programme-clock.ts';

const DAY = 86_400_000;
const dialog = async (name: string) => within(await screen.findByRole('dialog', { name }));
const card = async (name: string) => within((await screen.findByRole('region', { name })) as HTMLElement);
/** An invoice's row in the paid invoices' table. */
const row = async (name: RegExp) =>
  within((await (await card('Paid invoices')).findByRole('row', { name })) as HTMLElement);

/** The console endpoint, answering each call in turn (the last one after that); `calls()` counts them. */
function demo(...answers: (DemoConsole | Response)[]) {
  let calls = 0;
  server.use(
    http.get('/api/admin/demo', () => {
      const a = answers[Math.min(calls++, answers.length - 1)] ?? demoConsole();
      return a instanceof Response ? a : HttpResponse.json(a);
    }),
  );
  return () => calls;
}

/** The waiting counts; `calls()` counts them. */
function waiting() {
  let calls = 0;
  server.use(
    http.get('/api/admin/waiting', () => {
      calls++;
      return HttpResponse.json(WAITING);
    }),
  );
  return () => calls;
}

describe('Operator: demo console', () => {
  beforeEach(() => {
    signIn(OPERATOR, { demo: true });
  });
  afterEach(() => {
    clockOffsetMs.value = 0;
  });

  it('is a tab only in the demo, and says so when asked for outside it', async () => {
    waiting();
    signIn(OPERATOR);
    renderAt('/app/admin/demo', <AdminPage />);
    expect(await screen.findByRole('heading', { name: 'Only in the demo' })).toBeTruthy();
    const tabs = within(screen.getByRole('navigation', { name: 'Operator sections' }));
    expect(tabs.queryByRole('link', { name: 'Demo' })).toBeNull();
    expect(tabs.getByRole('link', { name: 'E-mail' })).toBeTruthy();
  });

  it('shows the clock, the paid invoices with their refunds, disputes and commissions, and the subscriptions', async () => {
    waiting();
    const now = new Date(Date.UTC(2027, 0, 2, 9, 30));
    demo(
      demoConsole({
        clock: { now: now.toISOString(), skippedDays: 30 },
        invoices: [
          invoice(),
          invoice({
            id: 'in_demo_2',
            email: 'cleo@example.com',
            amountPaidCents: 9900,
            refundedCents: 1000,
            disputeStatus: 'needs_response',
            commissionCents: 2970,
            commissionState: 'available',
          }),
          invoice({
            id: 'in_demo_3',
            email: 'dan@example.com',
            refundedCents: 4900,
            commissionCents: null,
            commissionState: null,
          }),
          invoice({ id: 'in_demo_4', email: 'eve@example.com', disputeStatus: 'lost', commissionState: 'reversed' }),
        ],
      }),
    );
    renderAt('/app/admin/demo', <AdminPage />);
    const clock = await card('The programme’s clock');
    expect(await clock.findByText('2 Jan 2027')).toBeTruthy();
    expect(clock.getByText('30').parentElement?.textContent).toContain('ahead of real time');
    expect(clock.getByText(/holds that are over end/).textContent).toContain('running subscriptions renew');
    const tabs = within(screen.getByRole('navigation', { name: 'Operator sections' }));
    expect(tabs.getByRole('link', { current: 'page' }).textContent).toBe('Demo');

    const bo = await row(/bo@example.com/);
    expect(bo.getAllByRole('cell').map((c) => c.textContent)).toEqual([
      '€49.00',
      expect.stringMatching(/^\d+ \w+ \d{4}$/),
      '€0.00',
      'None',
      '€14.70 In its hold',
      expect.stringMatching(/^Refund…/),
    ]);
    expect(bo.getByRole('button', { name: /^Refund… \(bo@example.com, / })).toBeTruthy();
    expect(bo.getByRole('button', { name: /^Open dispute…/ })).toBeTruthy();
    expect(bo.queryByRole('button', { name: /^Close/ })).toBeNull();

    const cleo = await row(/cleo@example.com/);
    expect(cleo.getByText('Open', { selector: '.badge' })).toBeTruthy();
    expect(cleo.getByText('€29.70').parentElement?.textContent).toBe('€29.70 Available');
    expect(cleo.queryByRole('button', { name: /^Refund…/ })).toBeNull();
    expect(cleo.getByRole('button', { name: /^Close as won…/ })).toBeTruthy();
    expect(cleo.getByRole('button', { name: /^Close as lost…/ })).toBeTruthy();

    const dan = await row(/dan@example.com/);
    expect(dan.getByText('None: no referrer')).toBeTruthy();
    expect(dan.getAllByRole('cell')[2]?.textContent).toBe('€49.00 (all)');
    expect(dan.queryByRole('button')).toBeNull();
    expect(dan.getByText('Refunded in full')).toBeTruthy();

    const eve = await row(/eve@example.com/);
    expect(eve.getByText('Lost', { selector: '.badge' })).toBeTruthy();
    expect(eve.queryByRole('button')).toBeNull();
    expect(eve.getByText('Dispute closed')).toBeTruthy();

    const subs = await card('Running subscriptions');
    const sub = within(subs.getByRole('row', { name: /bo@example.com/ }));
    expect(sub.getByText('Pro')).toBeTruthy();
    expect(sub.getByText('Active')).toBeTruthy();
    expect(sub.getByRole('button', { name: 'Cancel subscription… (bo@example.com)' })).toBeTruthy();
  });

  it('skips 30 days after a confirmation, says what happened in words, and loads the console again', async () => {
    const counts = waiting();
    const now = new Date(Date.UTC(2026, 11, 3, 12));
    const later = new Date(now.getTime() + 30 * DAY);
    const calls = demo(
      demoConsole({ clock: { now: now.toISOString(), skippedDays: 0 } }),
      demoConsole({
        clock: { now: later.toISOString(), skippedDays: 30 },
        invoices: [invoice({ id: 'in_demo_1_2', paidAt: later.toISOString() }), invoice()],
      }),
    );
    let sent: unknown;
    server.use(
      http.post('/api/admin/demo/clock', async ({ request }) => {
        sent = await request.json();
        expect(request.headers.get('x-csrf-token')).toBe('csrf-test-token');
        return HttpResponse.json({ now: later.toISOString(), skippedDays: 30, renewed: 1, available: 2, reversed: 1 });
      }),
    );
    renderAt('/app/admin/demo', <AdminPage />);
    const clock = await card('The programme’s clock');
    await clock.findByText('3 Dec 2026');
    await userEvent.click(clock.getByRole('button', { name: 'Skip 30 days…' }));
    const confirm = await dialog('Skip 30 days?');
    expect(confirm.getByText(/moves from/).textContent).toBe(
      'The programme’s date moves from 3 Dec 2026 to 2 Jan 2027. It cannot be moved back.',
    );
    expect(sent).toBeUndefined();
    await userEvent.click(confirm.getByRole('button', { name: 'Skip 30 days' }));
    const done = await clock.findByRole('status');
    expect(done.textContent).toBe(
      'Skipped 30 days: it is 2 Jan 2027 by the programme’s clock. 1 subscription renewal billed; 2 earnings became available; 1 install bounty reversed: its widget was not seen.',
    );
    await waitFor(() => expect(document.activeElement).toBe(done));
    expect(sent).toEqual({ days: 30 });
    expect(await clock.findByText('2 Jan 2027')).toBeTruthy();
    expect(calls()).toBe(2);
    expect((await card('Paid invoices')).getAllByRole('row')).toHaveLength(3);
    await waitFor(() => expect(counts()).toBe(2));
  });

  it('offers 1 and 7 days, or any number typed, and says when nothing followed', async () => {
    waiting();
    demo(demoConsole());
    const sent: unknown[] = [];
    server.use(
      http.post('/api/admin/demo/clock', async ({ request }) => {
        sent.push(await request.json());
        return HttpResponse.json({
          now: new Date().toISOString(),
          skippedDays: 1,
          renewed: 0,
          available: 0,
          reversed: 0,
        });
      }),
    );
    renderAt('/app/admin/demo', <AdminPage />);
    const clock = await card('The programme’s clock');
    expect(await clock.findByRole('button', { name: 'Skip 7 days…' })).toBeTruthy();
    await userEvent.click(clock.getByRole('button', { name: 'Skip 1 day…' }));
    await userEvent.click((await dialog('Skip 1 day?')).getByRole('button', { name: 'Skip 1 day' }));
    expect((await clock.findByRole('status')).textContent).toContain('No hold ended and nothing was reversed.');

    const days = clock.getByLabelText('Days to skip');
    for (const typed of ['', '0', '91', '2.5']) {
      await userEvent.clear(days);
      if (typed) await userEvent.type(days, typed);
      await userEvent.click(clock.getByRole('button', { name: 'Skip…' }));
      expect(clock.getByText('Enter a whole number of days, from 1 to 90')).toBeTruthy();
      expect(days.getAttribute('aria-invalid')).toBe('true');
      expect(screen.queryByRole('dialog')).toBeNull();
    }
    await userEvent.clear(days);
    await userEvent.type(days, '25');
    await userEvent.click(clock.getByRole('button', { name: 'Skip…' }));
    await userEvent.click((await dialog('Skip 25 days?')).getByRole('button', { name: 'Skip 25 days' }));
    expect(await clock.findByText(/^Skipped 25 days:/)).toBeTruthy();
    expect(clock.queryByText(/Enter a whole number/)).toBeNull();
    expect(sent).toEqual([{ days: 1 }, { days: 25 }]);
  });

  it('refunds what is left by default, checks the amount typed, and shows the refund', async () => {
    waiting();
    const calls = demo(
      demoConsole({ invoices: [invoice({ refundedCents: 1000 })] }),
      demoConsole({ invoices: [invoice({ refundedCents: 2050 })] }),
    );
    let sent: unknown;
    server.use(
      http.post('/api/admin/demo/invoices/in_demo_1/refund', async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(invoice({ refundedCents: 2050 }));
      }),
    );
    renderAt('/app/admin/demo', <AdminPage />);
    await userEvent.click((await row(/bo@example.com/)).getByRole('button', { name: /^Refund…/ }));
    const refund = await dialog('Refund this payment?');
    expect(refund.getByText(/of which €10.00 is refunded already/)).toBeTruthy();
    const amount = refund.getByLabelText('Amount to refund, in euros') as HTMLInputElement;
    expect(amount.value).toBe('39.00');
    expect(refund.getByText('Up to €39.00: what is not refunded yet.')).toBeTruthy();
    for (const [typed, error] of [
      ['ten', 'Enter an amount in euros, like 12.50'],
      ['39.01', 'Only €39.00 of this payment is left to refund'],
      ['0', 'Refund at least €0.01'],
      ['', 'Enter the amount to refund, in euros'],
    ] as const) {
      await userEvent.clear(amount);
      if (typed) await userEvent.type(amount, typed);
      await userEvent.click(refund.getByRole('button', { name: 'Refund' }));
      expect(refund.getByText(error)).toBeTruthy();
      expect(amount.getAttribute('aria-invalid')).toBe('true');
    }
    expect(sent).toBeUndefined();
    await userEvent.clear(amount);
    await userEvent.type(amount, '10,50');
    await userEvent.click(refund.getByRole('button', { name: 'Refund' }));
    const done = await (await card('Paid invoices')).findByRole('status');
    expect(done.textContent).toBe('Refunded €10.50 of bo@example.com’s payment: €20.50 of €49.00 refunded in all.');
    expect(sent).toEqual({ amountCents: 1050 });
    expect(calls()).toBe(2);
    expect(await (await row(/bo@example.com/)).findByText('€20.50')).toBeTruthy();
  });

  it('shows a refused refund (more than is left now) and loads the invoices again', async () => {
    waiting();
    const calls = demo(demoConsole(), demoConsole({ invoices: [invoice({ refundedCents: 4900 })] }));
    server.use(
      http.post('/api/admin/demo/invoices/in_demo_1/refund', () =>
        apiError(409, 'refund_too_large', 'Only €0.00 of this invoice is left to refund'),
      ),
    );
    renderAt('/app/admin/demo', <AdminPage />);
    await userEvent.click((await row(/bo@example.com/)).getByRole('button', { name: /^Refund…/ }));
    await userEvent.click((await dialog('Refund this payment?')).getByRole('button', { name: 'Refund' }));
    const alert = await (await card('Paid invoices')).findByRole('alert');
    expect(alert.textContent).toContain('Only €0.00 of this invoice is left to refund');
    await waitFor(() => expect(calls()).toBe(2));
    expect(await (await row(/bo@example.com/)).findByText('Refunded in full')).toBeTruthy();
  });

  it('opens a dispute, then closes it won, each after a confirmation', async () => {
    waiting();
    demo(
      demoConsole(),
      demoConsole({ invoices: [invoice({ disputeStatus: 'needs_response' })] }),
      demoConsole({ invoices: [invoice({ disputeStatus: 'won' })] }),
    );
    const steps: unknown[] = [];
    server.use(
      http.post('/api/admin/demo/invoices/in_demo_1/dispute', async ({ request }) => {
        const body = (await request.json()) as { step: string };
        steps.push(body);
        return HttpResponse.json(invoice({ disputeStatus: body.step === 'open' ? 'needs_response' : body.step }));
      }),
    );
    renderAt('/app/admin/demo', <AdminPage />);
    await userEvent.click((await row(/bo@example.com/)).getByRole('button', { name: /^Open dispute…/ }));
    const open = await dialog('Open a dispute on this payment?');
    expect(open.getByText(/disputes €49.00 of bo@example.com’s payment of €49.00 on/)).toBeTruthy();
    await userEvent.click(open.getByRole('button', { name: 'Open dispute' }));
    const invoices = await card('Paid invoices');
    expect((await invoices.findByRole('status')).textContent).toContain('Dispute opened');
    const bo = await row(/bo@example.com/);
    await userEvent.click(await bo.findByRole('button', { name: /^Close as won…/ }));
    await userEvent.click((await dialog('Close the dispute as won?')).getByRole('button', { name: 'Close as won' }));
    await waitFor(() => expect(invoices.getByRole('status').textContent).toContain('Dispute closed as won'));
    expect(steps).toEqual([{ step: 'open' }, { step: 'won' }]);
    expect(await (await row(/bo@example.com/)).findByText('Won', { selector: '.badge' })).toBeTruthy();
  });

  it('cancels a subscription after a confirmation that can keep it, and shows a refusal', async () => {
    waiting();
    demo(
      demoConsole({
        subscriptions: [
          subscription(),
          subscription({ id: 'sub_2', accountId: 'acc_cy', email: 'cy@example.com', plan: 'business' }),
        ],
      }),
      demoConsole({
        subscriptions: [subscription({ id: 'sub_2', accountId: 'acc_cy', email: 'cy@example.com', plan: 'business' })],
      }),
    );
    let cancelled = 0;
    server.use(
      http.post('/api/admin/demo/accounts/acc_bo/cancel', () => {
        cancelled++;
        return HttpResponse.json({ plan: 'free' });
      }),
      http.post('/api/admin/demo/accounts/acc_cy/cancel', () =>
        apiError(409, 'no_subscription', 'There is no running subscription to cancel'),
      ),
    );
    renderAt('/app/admin/demo', <AdminPage />);
    const subs = await card('Running subscriptions');
    const bo = within(await subs.findByRole('row', { name: /bo@example.com/ }));
    await userEvent.click(bo.getByRole('button', { name: /^Cancel subscription…/ }));
    const keep = await dialog('Cancel this subscription?');
    expect(keep.getByText(/bo@example.com’s Pro subscription ends now/)).toBeTruthy();
    await userEvent.click(keep.getByRole('button', { name: 'Keep it' }));
    expect(screen.queryByRole('dialog', { name: 'Cancel this subscription?' })).toBeNull();
    expect(cancelled).toBe(0);

    await userEvent.click(bo.getByRole('button', { name: /^Cancel subscription…/ }));
    await userEvent.click(
      (await dialog('Cancel this subscription?')).getByRole('button', { name: 'Cancel subscription' }),
    );
    expect((await subs.findByRole('status')).textContent).toBe(
      'bo@example.com’s subscription is cancelled: the account is on the Free plan now.',
    );
    expect(cancelled).toBe(1);
    await waitFor(() => expect(subs.queryByRole('row', { name: /bo@example.com/ })).toBeNull());

    const cy = within(subs.getByRole('row', { name: /cy@example.com/ }));
    await userEvent.click(cy.getByRole('button', { name: /^Cancel subscription…/ }));
    await userEvent.click(
      (await dialog('Cancel this subscription?')).getByRole('button', { name: 'Cancel subscription' }),
    );
    expect((await subs.findByRole('alert')).textContent).toContain('There is no running subscription to cancel');
  });

  it('hides the billing actions, saying why, when billing is Stripe’s; and says when there is nothing', async () => {
    waiting();
    demo(demoConsole({ billing: false }), demoConsole({ invoices: [], subscriptions: [] }));
    renderAt('/app/admin/demo', <AdminPage />);
    const invoices = await card('Paid invoices');
    expect(await invoices.findByText(/Billing here is Stripe’s/)).toBeTruthy();
    expect(invoices.queryByRole('button')).toBeNull();
    expect(invoices.queryByRole('columnheader', { name: 'Actions' })).toBeNull();
    expect((await card('Running subscriptions')).queryByRole('button')).toBeNull();
    expect((await card('The programme’s clock')).getByText(/renewals are Stripe’s/)).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Skip 1 day…' }));
    server.use(
      http.post('/api/admin/demo/clock', () =>
        HttpResponse.json({ now: new Date().toISOString(), skippedDays: 1, renewed: 0, available: 0, reversed: 0 }),
      ),
    );
    await userEvent.click((await dialog('Skip 1 day?')).getByRole('button', { name: 'Skip 1 day' }));
    expect(await screen.findByText('No paid invoices yet')).toBeTruthy();
    expect(screen.getByText('No running subscriptions')).toBeTruthy();
  });

  it('shows loading, then a failed load with a way to try again', async () => {
    waiting();
    demo(apiError(503, 'unavailable', 'down'), demoConsole());
    const answer = holdNext('/api/admin/demo');
    renderAt('/app/admin/demo', <AdminPage />);
    expect((await screen.findByRole('status')).textContent).toBe('Loading…');
    answer();
    const failed = await screen.findByRole('alert');
    expect(failed.textContent).toContain('The server could not do this (503)');
    expect(screen.queryByRole('region', { name: 'Paid invoices' })).toBeNull();
    await userEvent.click(within(failed).getByRole('button', { name: 'Try again' }));
    expect(await card('Paid invoices')).toBeTruthy();
  });

  it('reads times elsewhere on the page by the programme’s clock once it was moved', async () => {
    waiting();
    const ahead = Date.now() + 30 * DAY;
    demo(demoConsole({ clock: { now: new Date(ahead).toISOString(), skippedDays: 30 } }));
    server.use(
      http.get('/api/admin/emails', () =>
        HttpResponse.json(emailList({ emails: [email({ createdAt: new Date(ahead - 5 * 60_000).toISOString() })] })),
      ),
    );
    renderAt('/app/admin/emails', <AdminPage />);
    const item = await screen.findByRole('listitem', { name: /^Confirm your e-mail address/ });
    await waitFor(() => expect(within(item).getByText(/^Queued/).textContent).toMatch(/^Queued 5 minutes ago/));
  });
});
