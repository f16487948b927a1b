import { screen, within } from '@testing-library/preact';
import { beforeEach, expect, it } from 'vitest';
import { renderAt, signIn } from '../../../test/render.tsx';
import { SUMMARY } from './fixtures.ts';
import RewardsPage from './RewardsPage.tsx';
import { answer, answerEmailSetting } from './test-server.ts';
import type { Payout } from './types.ts';

const RETURNED: Payout = {
  id: 'po_r4t8mw2xq9zk3cn7hyea',
  amountCents: 6010,
  method: 'bank_transfer',
  detailsHint: '•••• 3000',
  status: 'returned',
  reference: 'BANK-2026-03-02',
  rejectReason: null,
  requestedAt: '2026-02-20T09:00:00.000Z',
  decidedAt: '2026-02-21T09:00:00.000Z',
  paidAt: '2026-02-22T09:00:00.000Z',
  returnedAt: '2026-02-25T09:00:00.000Z',
  returnReason: 'Account closed (AC04)',
};

beforeEach(() => {
  signIn();
  answerEmailSetting();
});

it('tells the ambassador a payout came back, why, and to correct the details and ask again', async () => {
  answer({
    ...SUMMARY,
    balances: { ...SUMMARY.balances, availableCents: 7880 },
    payout: { canRequest: true, missingCents: 0, openPayout: false },
    payouts: [RETURNED, ...SUMMARY.payouts],
  });
  renderAt('/app/rewards', <RewardsPage />);
  const balance = await screen.findByRole('region', { name: 'Your balance' });
  const notice = within(balance)
    .getByText(/came back/)
    .closest('.alert');
  expect(notice?.textContent).toContain('Your payout of €60.10 came back.');
  expect(notice?.textContent).toContain('The reason: Account closed (AC04).');
  expect(notice?.textContent).toContain('Check your payout details (bank transfer to •••• 3000)');

  const history = await screen.findByRole('region', { name: 'Payout history' }, { timeout: 5000 });
  const row = within(history).getByText('Returned', { selector: '.badge' }).closest('tr') as HTMLElement;
  expect(row.textContent).toContain('returned on 25 Feb 2026: Account closed (AC04)');
  expect(row.textContent).toContain('check your payout details');
});

it('says nothing of it once a newer payout was asked for', async () => {
  const open: Payout = { ...RETURNED, id: 'po_n2w7kq4xz9mt3hc8ryae', status: 'requested', returnReason: null };
  answer({ ...SUMMARY, payout: { canRequest: false, missingCents: 0, openPayout: true }, payouts: [open, RETURNED] });
  renderAt('/app/rewards', <RewardsPage />);
  const balance = await screen.findByRole('region', { name: 'Your balance' });
  expect(within(balance).queryByText(/came back/)).toBeNull();
});
