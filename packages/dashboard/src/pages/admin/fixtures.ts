// Answers of the operator's API for the page's tests, in the shapes schema.d.ts gives them.

import type { BatchList, PayoutBatch } from './batch-words.ts';
import type { DemoConsole, DemoInvoice, DemoSubscription } from './demo-words.ts';
import type { EmailList, EmailMessage, EmailSummary } from './email-words.ts';
import type { AffiliateRequest, FlaggedReferral, QueuedPayout, ReferralCluster, Waiting } from './words.ts';

export const OPERATOR = { id: 'acc_op', email: 'op@example.com', role: 'admin' as const };

export const WAITING: Waiting = {
  payouts: { requested: 2, approved: 1 },
  referrals: { flagged: 1 },
  affiliate: { requested: 2, overdue: 1 },
};

export const NOTHING_WAITS: Waiting = {
  payouts: { requested: 0, approved: 0 },
  referrals: { flagged: 0 },
  affiliate: { requested: 0, overdue: 0 },
};

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

export function payout(over: Partial<QueuedPayout> = {}): QueuedPayout {
  return {
    id: 'po_a7n2kq9xw4zt8cm3ryhe',
    accountId: 'acc_ana',
    email: 'ana@example.com',
    amountCents: 6000,
    method: 'bank_transfer',
    detailsHint: '•••• 3000',
    detailsReadable: true,
    status: 'requested',
    reference: null,
    rejectReason: null,
    requestedAt: hoursAgo(50),
    decidedAt: null,
    paidAt: null,
    waitingSeconds: 50 * 3600,
    otherAvailableCents: 0,
    warning: null,
    batchId: null,
    returnedAt: null,
    returnReason: null,
    ...over,
  };
}

/** A payout as the action routes answer it: without the queue's extra fields. */
export function answered(p: QueuedPayout, over: Partial<QueuedPayout>) {
  const { accountId, email, detailsReadable, waitingSeconds, otherAvailableCents, warning, batchId, ...rest } = p;
  return { ...rest, ...over };
}

export function batch(over: Partial<PayoutBatch> = {}): PayoutBatch {
  return {
    id: 'pb_k3m8q2wz7xt4nr9hc5ya',
    method: 'bank_transfer',
    state: 'created',
    payoutCount: 2,
    totalCents: 11010,
    createdAt: hoursAgo(2),
    createdByEmail: OPERATOR.email,
    fileName: 'callbell-pb_k3m8q2wz7xt4nr9hc5ya-sepa.xml',
    fileDownloadedAt: null,
    sentAt: null,
    providerBatchId: null,
    providerStatus: null,
    lastError: null,
    paidAt: null,
    reference: null,
    cancelledAt: null,
    payouts: [
      {
        id: 'po_a7n2kq9xw4zt8cm3ryhe',
        accountId: 'acc_ana',
        email: 'ana@example.com',
        amountCents: 6010,
        detailsHint: '•••• 3000',
        status: 'approved',
      },
      {
        id: 'po_b8e3mw6xq2tz9kr4cnhy',
        accountId: 'acc_ben',
        email: 'ben@example.com',
        amountCents: 5000,
        detailsHint: '•••• 4321',
        status: 'approved',
      },
    ],
    ...over,
  };
}

export function batchList(over: Partial<BatchList> = {}): BatchList {
  return {
    batches: [],
    sepa: { configured: true, demo: false, debtorName: 'Callbell Payouts S.L.', debtorIbanHint: '•••• 2051' },
    paypalApi: false,
    ...over,
  };
}

export function referral(over: Partial<FlaggedReferral> = {}): FlaggedReferral {
  return {
    id: '7',
    referrerId: 'acc_ana',
    referrerEmail: 'ana@example.com',
    refereeId: 'acc_bo',
    refereeEmail: 'bo@example.com',
    source: 'widget',
    flaggedReason: 'same_ip',
    review: 'flagged',
    reviewNote: null,
    createdAt: hoursAgo(72),
    reviewedAt: null,
    onHoldCents: 3700,
    onHoldEntries: 2,
    evidence: {
      referrerSameAddress: true,
      clickFromRefereeAddress: true,
      otherRefereesSameAddress: 2,
      click: { at: hoursAgo(73), referringHost: 'blog.example.org', campaign: 'spring', widgetId: 'wdg_x0000001' },
      referrer: { referrals: 5, flagged: 3, rejected: 1 },
      referee: {
        plan: 'pro',
        signedUpAt: hoursAgo(72),
        install: {
          widgetId: 'wdg_bo000001',
          origin: 'https://bo.example.com',
          qualifiedAt: hoursAgo(48),
          lastPublicPingAt: hoursAgo(2),
          networks: 1,
          check: null,
        },
      },
    },
    clusterId: null,
    ...over,
  };
}

/** A cluster: Ana's referees Bo and Cy signed up from one network, and a visitor of Bo's site came from Ana's. */
export function cluster(over: Partial<ReferralCluster> = {}): ReferralCluster {
  const seen = (accountId: string, email: string, how: 'signup' | 'login' | 'visitor', role = 'referee' as const) => ({
    accountId,
    email,
    role,
    how,
    logins: how === 'login' ? 2 : 0,
    origin: how === 'visitor' ? 'https://bo.example.com' : null,
    firstSeenAt: how === 'visitor' ? null : hoursAgo(72),
    lastSeenAt: how === 'visitor' ? null : hoursAgo(24),
    seenOn: how === 'visitor' ? hoursAgo(48).slice(0, 10) : null,
  });
  return {
    id: 'c7',
    referrerId: 'acc_ana',
    referrerEmail: 'ana@example.com',
    referralIds: ['7', '9'],
    members: [
      { accountId: 'acc_ana', email: 'ana@example.com', role: 'referrer', referralId: null, review: null },
      { accountId: 'acc_bo', email: 'bo@example.com', role: 'referee', referralId: '7', review: 'flagged' },
      { accountId: 'acc_cy', email: 'cy@example.com', role: 'referee', referralId: '9', review: 'flagged' },
    ],
    networks: [
      {
        label: 'Network 1',
        hash: '3fa9c2e1',
        kind: 'ipv4',
        seen: [seen('acc_bo', 'bo@example.com', 'signup'), seen('acc_cy', 'cy@example.com', 'login')],
      },
      {
        label: 'Network 2',
        hash: '0b7d44aa',
        kind: 'visitors',
        seen: [
          { ...seen('acc_ana', 'ana@example.com', 'signup'), role: 'referrer' as const },
          seen('acc_bo', 'bo@example.com', 'visitor'),
        ],
      },
    ],
    ...over,
  };
}

export function affiliateRequest(over: Partial<AffiliateRequest> = {}): AffiliateRequest {
  return {
    accountId: 'acc_cleo',
    email: 'cleo@example.com',
    status: 'requested',
    message: 'I run a web agency with 40 client sites',
    requestedAt: hoursAgo(30),
    reviewDueAt: hoursAgo(6),
    decidedAt: null,
    rejectReason: null,
    withdrawnAt: null,
    withdrawReason: null,
    waitedHours: 30,
    promise: 'breached',
    ...over,
  };
}

export const PROGRAMME = {
  programme: {
    installBountyCents: 1000,
    commissionRateBps: 3000,
    minPayoutCents: 5000,
    holdDays: 30,
    attributionWindowDays: 90,
    attributionModel: 'last' as const,
    qualifyMinVisitors: 3,
    qualifyMinNetworks: 2,
    livenessDays: 7,
    affiliateReviewHours: 24,
  },
  defaults: {
    installBountyCents: 1000,
    commissionRateBps: 2500,
    minPayoutCents: 5000,
    holdDays: 30,
    attributionWindowDays: 90,
    attributionModel: 'last' as const,
    qualifyMinVisitors: 3,
    qualifyMinNetworks: 2,
    livenessDays: 7,
    affiliateReviewHours: 24,
  },
  variables: {
    installBountyCents: 'INSTALL_BOUNTY_CENTS',
    commissionRateBps: 'COMMISSION_RATE_BPS',
    minPayoutCents: 'MIN_PAYOUT_CENTS',
    holdDays: 'HOLD_DAYS',
    attributionWindowDays: 'ATTRIBUTION_WINDOW_DAYS',
    attributionModel: 'ATTRIBUTION_MODEL',
    qualifyMinVisitors: 'QUALIFY_MIN_VISITORS',
    qualifyMinNetworks: 'QUALIFY_MIN_NETWORKS',
    livenessDays: 'LIVENESS_DAYS',
    affiliateReviewHours: 'AFFILIATE_REVIEW_HOURS',
  },
};

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

export function email(over: Partial<EmailSummary> = {}): EmailSummary {
  return {
    id: '42',
    kind: 'verify_email',
    status: 'outbox',
    to: 'bo@example.com',
    subject: 'Confirm your e-mail address',
    attempts: 1,
    lastError: null,
    createdAt: minutesAgo(5),
    sentAt: minutesAgo(5),
    nextAttemptAt: null,
    ...over,
  };
}

/** A message that failed for good, after its tries. */
export const failedEmail = (over: Partial<EmailSummary> = {}) =>
  email({
    id: '41',
    kind: 'payout_paid',
    status: 'failed',
    to: 'ana@example.com',
    subject: 'Your payout of €60.00 is on its way',
    attempts: 8,
    lastError: 'connect ECONNREFUSED 10.0.0.5:587',
    sentAt: null,
    createdAt: hoursAgo(30),
    ...over,
  });

export function emailList(over: Partial<EmailList> = {}): EmailList {
  return {
    transport: 'outbox',
    bodiesReadable: true,
    counts: { queued: 1, sent: 0, outbox: 12, failed: 2 },
    emails: [email()],
    ...over,
  };
}

export const VERIFY_URL = 'http://localhost:3000/app/verify?token=tok_abc123';

export function message(over: Partial<EmailMessage> = {}): EmailMessage {
  return {
    ...email(),
    text: `Confirm your e-mail address\n\nWelcome to Callbell. Confirm that this address is yours.\n\nConfirm my address: ${VERIFY_URL}.\n\nThe link works once, for 7 days. Questions? See https://callbell.example/help`,
    html: '<!doctype html><p>Welcome to Callbell.</p><p><a href="http://localhost:3000/app/verify?token=tok_abc123">Confirm my address</a></p><script>parent.hacked = true</script>',
    ...over,
  };
}

export function invoice(over: Partial<DemoInvoice> = {}): DemoInvoice {
  return {
    id: 'in_demo_1',
    email: 'bo@example.com',
    subscriptionId: 'sub_demo_1',
    amountPaidCents: 4900,
    paidAt: hoursAgo(48),
    refundedCents: 0,
    disputeStatus: null,
    commissionCents: 1470,
    commissionState: 'pending',
    ...over,
  };
}

export function subscription(over: Partial<DemoSubscription> = {}): DemoSubscription {
  return {
    id: 'sub_demo_1',
    accountId: 'acc_bo',
    email: 'bo@example.com',
    plan: 'pro',
    status: 'active',
    startedAt: hoursAgo(48),
    ...over,
  };
}

export function demoConsole(over: Partial<DemoConsole> = {}): DemoConsole {
  return {
    clock: { now: new Date().toISOString(), skippedDays: 0 },
    billing: true,
    invoices: [invoice()],
    subscriptions: [subscription()],
    ...over,
  };
}
