// Answers of the Rewards routes for the page's tests, in the server's types.
import type { Entry, Payout, Referee, Summary } from './types.ts';

export const SUMMARY: Summary = {
  referralCode: 'anacode1',
  referralLink: 'https://app.callbell.test/r/anacode1?src=link',
  // Not the defaults, so a hard-coded €10 / 30 % / €50 / 30 days would show.
  terms: { installBountyCents: 1250, commissionRateBps: 2500, minPayoutCents: 5000, holdDays: 14 },
  stats: {
    clicks: { total: 1234, unique: 321, last30Days: 87, uniqueLast30Days: 45 },
    signups: 12,
    installs: 7,
    payingCustomers: 3,
  },
  balances: {
    pendingCents: 2470,
    onHoldCents: 1000,
    availableCents: 1870,
    processingCents: 0,
    paidCents: 6000,
    reversedCents: 470,
    clawedBackCents: 200,
    reinstatedCents: 0,
  },
  payout: { canRequest: false, missingCents: 3130, openPayout: false },
  payouts: [
    {
      id: 'po_k7m3qw9xz2hc4tvr8nbd',
      amountCents: 5500,
      method: 'paypal',
      detailsHint: 'a•••@example.com',
      status: 'rejected',
      reference: null,
      rejectReason: 'PayPal account closed',
      requestedAt: '2026-02-10T09:00:00.000Z',
      decidedAt: '2026-02-11T09:00:00.000Z',
      paidAt: null,
    },
    {
      id: 'po_3fj8ra6ueyp2wk9cmx4s',
      amountCents: 6000,
      method: 'bank_transfer',
      detailsHint: '•••• 3000',
      status: 'paid',
      reference: 'TRX-2026-001',
      rejectReason: null,
      requestedAt: '2026-01-05T09:00:00.000Z',
      decidedAt: '2026-01-06T09:00:00.000Z',
      paidAt: '2026-01-08T09:00:00.000Z',
    },
  ],
};

export const EMPTY_SUMMARY: Summary = {
  ...SUMMARY,
  stats: {
    clicks: { total: 0, unique: 0, last30Days: 0, uniqueLast30Days: 0 },
    signups: 0,
    installs: 0,
    payingCustomers: 0,
  },
  balances: {
    pendingCents: 0,
    onHoldCents: 0,
    availableCents: 0,
    processingCents: 0,
    paidCents: 0,
    reversedCents: 0,
    clawedBackCents: 0,
    reinstatedCents: 0,
  },
  payout: { canRequest: false, missingCents: 5000, openPayout: false },
  payouts: [],
};

const entry = (e: Partial<Entry> & Pick<Entry, 'id' | 'amountCents' | 'description'>): Entry => ({
  kind: 'commission',
  state: 'available',
  parentId: null,
  invoiceId: null,
  widgetId: null,
  reason: null,
  createdAt: '2026-03-01T10:00:00.000Z',
  holdUntil: null,
  availableAt: null,
  payoutId: null,
  referee: 'b***@example.net',
  ...e,
});

export const ENTRIES: Entry[] = [
  entry({
    id: 'le_w8x4kz2mfq7tcd9nyr3h',
    kind: 'reversal',
    amountCents: -470,
    state: 'pending',
    parentId: 'le_b3c9pe7xu2ahn6kqm4zs',
    reason: 'Partial refund of €15.67 on invoice in_new',
    description: 'Partial refund of €15.67 on invoice in_new',
    holdUntil: '2026-03-15T10:00:00.000Z',
  }),
  entry({
    id: 'le_b3c9pe7xu2ahn6kqm4zs',
    amountCents: 1470,
    state: 'pending',
    invoiceId: 'in_new',
    description: '25 % of invoice in_new paid by b***@example.net',
    holdUntil: '2026-03-15T10:00:00.000Z',
  }),
  entry({
    id: 'le_5rd8gm2kqxt7vywz3ncj',
    kind: 'install_bounty',
    amountCents: 1000,
    state: 'on_hold',
    referee: 'cy***@example.org',
    description: 'Install bounty: cy***@example.org installed the widget',
  }),
];

export const MORE_ENTRIES: Entry[] = [
  entry({
    id: 'le_q2hx7n4s9ckmwe6rb8ta',
    amountCents: 1870,
    state: 'available',
    availableAt: '2026-02-20T10:00:00.000Z',
    createdAt: '2026-02-06T10:00:00.000Z',
    description: '25 % of invoice in_old paid by b***@example.net',
  }),
];

export const REFEREES: Referee[] = [
  {
    id: 'rf_m6y3tk9wqz4cb2xhe8nd',
    email: 'cy***@example.org',
    signedUpAt: '2026-02-28T10:00:00.000Z',
    source: 'banner',
    campaign: 'spring',
    review: 'flagged',
    installed: true,
    paying: false,
    earnedCents: 1000,
  },
  {
    id: 'rf_9ae4xn7kr2ws6mqc3hzt',
    email: 'b***@example.net',
    signedUpAt: '2026-01-02T10:00:00.000Z',
    source: 'widget',
    campaign: null,
    review: 'none',
    installed: true,
    paying: true,
    earnedCents: 2870,
  },
];

export const MORE_REFEREES: Referee[] = [
  {
    ...REFEREES[1],
    id: 'rf_h2k8cw5nqy3t9xrme7ba',
    email: 'an***@example.com',
    source: 'param',
    paying: false,
    earnedCents: 0,
  } as Referee,
];

export const NEW_PAYOUT: Payout = {
  id: 'po_t9hq2nvz6c8xkwe3rm7a',
  amountCents: 6940,
  method: 'bank_transfer',
  detailsHint: '•••• 3000',
  status: 'requested',
  reference: null,
  rejectReason: null,
  requestedAt: '2026-03-02T10:00:00.000Z',
  decidedAt: null,
  paidAt: null,
};
