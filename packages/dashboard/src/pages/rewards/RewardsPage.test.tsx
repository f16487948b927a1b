import { screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { apiError, HttpResponse, http, renderAt, server, signIn } from '../../../test/render.tsx';
import { EMPTY_SUMMARY, ENTRIES, MORE_ENTRIES, MORE_REFEREES, NEW_PAYOUT, REFEREES, SUMMARY } from './fixtures.ts';
import RewardsPage from './RewardsPage.tsx';
import { answer, answerEmailSetting } from './test-server.ts';
import type { Entry } from './types.ts';
import { upcomingEarnings } from './words.ts';

const section = (name: string) => screen.getByRole('region', { name });
/** The payout form, its own chunk, once it has loaded. */
const payoutForm = async () => {
  await screen.findByRole('heading', { name: 'Request a payout' }, { timeout: 5000 });
  return section('Request a payout');
};
/** Renders the page and waits for both its halves: the summary, then the chunk below it. */
const open = async () => {
  renderAt('/app/rewards', <RewardsPage />);
  await screen.findByRole('heading', { name: 'Your balance' });
  // The first import of that chunk is transformed on the spot: slow on a busy machine.
  return screen.findByRole('heading', { name: 'Payout history' }, { timeout: 5000 });
};

beforeEach(() => {
  signIn();
  answerEmailSetting();
});

describe('the summary', () => {
  it('shows the link, the terms, the numbers and the balances as the server sends them', async () => {
    answer();
    await open();
    expect((screen.getByLabelText('Share this link') as HTMLInputElement).value).toBe(SUMMARY.referralLink);
    expect(screen.getByText('anacode1')).toBeTruthy();

    const terms = section('How you earn');
    expect(within(terms).getByText('€12.50')).toBeTruthy();
    expect(within(terms).getByText('25 %')).toBeTruthy();
    expect(within(terms).getByText('14 days')).toBeTruthy();
    expect(within(terms).getByText('€50.00')).toBeTruthy();
    expect(terms.textContent).not.toMatch(/€10|30 %|30 days/);

    const stats = section('Clicks and sign-ups');
    const stat = (label: string) => within(stats).getByText(label).nextElementSibling?.textContent;
    expect(stat('All time')).toBe('1,234');
    expect(within(stats).getByText('from 321 different visitors')).toBeTruthy();
    expect(stat('Last 30 days')).toBe('87');
    expect(within(stats).getByText('from 45 different visitors')).toBeTruthy();
    expect(stat('Signed up')).toBe('12');
    expect(stat('Installed the widget')).toBe('7');
    expect(stat('Paying customers')).toBe('3');

    const states = section('Your earnings by state');
    const amount = (label: string) => within(states).getByText(label).nextElementSibling?.textContent;
    expect(amount('Available')).toBe('€18.70');
    expect(amount('In the hold')).toBe('€24.70');
    expect(amount('Being reviewed')).toBe('€10.00');
    expect(amount('In a payout')).toBe('€0.00');
    expect(amount('Paid out')).toBe('€60.00');
    expect(amount('Taken back')).toBe('€6.70');
    expect(within(states).getByText(/€4.70 during the hold, €2.00 after it/)).toBeTruthy();
  });

  it('shows progress toward the minimum, and no payout form while under it', async () => {
    answer();
    await open();
    const bar = screen.getByRole('progressbar', { name: 'Toward the minimum payout' });
    expect(bar.getAttribute('aria-valuemin')).toBe('0');
    expect(bar.getAttribute('aria-valuemax')).toBe('5000');
    expect(bar.getAttribute('aria-valuenow')).toBe('1870');
    expect(bar.getAttribute('aria-valuetext')).toBe('€18.70 of €50.00 — €31.30 to go');
    expect(screen.getByText('€18.70 of €50.00 — €31.30 to go')).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Request a payout' })).toBeNull();
  });

  it.each([
    [0, 'There is no waiting period', 'Earned; there is no waiting period, so it becomes available shortly.'],
    [1, 'Each earning waits 1 day before you can be paid it.', 'Earned, waiting out the 1-day hold.'],
    [14, 'Each earning waits 14 days before you can be paid it.', 'Earned, waiting out the 14-day hold.'],
  ])('words a hold of %i days', async (holdDays, term, state) => {
    answer({ ...SUMMARY, terms: { ...SUMMARY.terms, holdDays } });
    await open();
    expect(section('How you earn').textContent).toContain(term);
    expect(within(section('Your earnings by state')).getByText(state)).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/\b0 days?\b|1 days/);
  });

  it('offers the payout request when the server says it can be made', async () => {
    answer({
      ...SUMMARY,
      balances: { ...SUMMARY.balances, availableCents: 6940 },
      payout: { canRequest: true, missingCents: 0, openPayout: false },
    });
    await open();
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('5000');
    expect(screen.getByText('€69.40 of €50.00 — enough for a payout')).toBeTruthy();
    expect(await screen.findByRole('heading', { name: 'Request a payout' }, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'PayPal' })).toBeTruthy();
  });

  it('says a request is being processed instead of offering another', async () => {
    answer({
      ...SUMMARY,
      balances: { ...SUMMARY.balances, availableCents: 0, processingCents: 6940 },
      payout: { canRequest: false, missingCents: 5000, openPayout: true },
      payouts: [NEW_PAYOUT, ...SUMMARY.payouts],
    });
    await open();
    expect(screen.getByText('Your payout request is being processed.')).toBeTruthy();
    expect(screen.getByText(/€69.40 by bank transfer to •••• 3000, requested on 2 Mar 2026/)).toBeTruthy();
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Request a payout' })).toBeNull();
  });

  it('builds the share links with the link encoded, and draws the QR code to download', async () => {
    answer();
    await open();
    const card = section('Your referral link');
    const link = encodeURIComponent(SUMMARY.referralLink);
    const whatsapp = within(card).getByRole('link', { name: /^WhatsApp ?\(opens in a new tab\)$/ });
    expect(whatsapp.getAttribute('href')).toMatch(/^https:\/\/wa\.me\/\?text=.+/);
    expect(whatsapp.getAttribute('href')).toContain(link);
    expect(whatsapp.getAttribute('target')).toBe('_blank');
    expect(whatsapp.getAttribute('rel')).toBe('noopener noreferrer');
    expect(
      within(card)
        .getByRole('link', { name: /^LinkedIn ?\(opens in a new tab\)$/ })
        .getAttribute('href'),
    ).toBe(`https://www.linkedin.com/sharing/share-offsite/?url=${link}`);
    expect(
      within(card)
        .getByRole('link', { name: /^X ?\(opens in a new tab\)$/ })
        .getAttribute('href'),
    ).toMatch(new RegExp(`^https://x\\.com/intent/post\\?text=[^&]+&url=${link.replace(/[.?]/g, '\\$&')}$`));
    const mail = within(card).getByRole('link', { name: 'E-mail' }).getAttribute('href') ?? '';
    expect(mail).toMatch(/^mailto:\?subject=[^&]+&body=/);
    expect(decodeURIComponent(mail.split('body=')[1] ?? '')).toContain(SUMMARY.referralLink);

    const qr = await within(card).findByRole('img', { name: 'QR code of your referral link' });
    expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    const download = within(card).getByRole('link', { name: 'Download QR code (SVG)' });
    expect(download.getAttribute('download')).toBe('callbell-referral-anacode1.svg');
  });

  it('shows the payout history with status, reference and reason', async () => {
    answer();
    await open();
    const rows = within(section('Payout history')).getAllByRole('row');
    expect(rows[1]?.textContent).toContain('€55.00');
    expect(rows[1]?.textContent).toContain('Rejected');
    expect(rows[1]?.textContent).toContain('PayPal account closed');
    expect(rows[2]?.textContent).toContain('Bank transfer •••• 3000');
    expect(rows[2]?.textContent).toContain('Paid');
    expect(rows[2]?.textContent).toContain('TRX-2026-001');
    expect(rows[2]?.textContent).toContain('Paid on 8 Jan 2026');
  });

  it('shows a load error with a retry, then the page', async () => {
    let calls = 0;
    server.use(
      http.get('/api/rewards', () =>
        ++calls === 1 ? apiError(503, 'unavailable', 'down') : HttpResponse.json(SUMMARY),
      ),
      http.get('/api/rewards/entries', () => HttpResponse.json({ entries: [], nextBefore: null })),
      http.get('/api/rewards/referrals', () => HttpResponse.json({ referees: [], nextBefore: null })),
    );
    renderAt('/app/rewards', <RewardsPage />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The server could not do this (503)');
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'Your balance' })).toBeTruthy();
  });
});

describe('a new ambassador', () => {
  it('is told what to do in every empty section', async () => {
    answer(EMPTY_SUMMARY, {});
    await open();
    expect(screen.getByText('€0.00 of €50.00 — €50.00 to go')).toBeTruthy();
    expect(await screen.findByText('No earnings yet')).toBeTruthy();
    expect(await screen.findByText('No one has signed up through you yet')).toBeTruthy();
    expect(screen.getByText('No payouts yet')).toBeTruthy();
    expect(screen.getByText('Nothing is waiting in its hold right now.')).toBeTruthy();
    expect(screen.getByText(/No clicks yet/)).toBeTruthy();
  });
});

describe('the ledger and the referees', () => {
  it('load after the summary, each a page at a time', async () => {
    const order: string[] = [];
    server.use(
      http.get('/api/rewards', () => {
        order.push('summary');
        return HttpResponse.json(SUMMARY);
      }),
      http.get('/api/rewards/entries', ({ request }) => {
        const before = new URL(request.url).searchParams.get('before');
        order.push(`entries:${before}`);
        return before === ENTRIES.at(-1)?.id
          ? HttpResponse.json({ entries: MORE_ENTRIES, nextBefore: null })
          : HttpResponse.json({ entries: ENTRIES, nextBefore: ENTRIES.at(-1)?.id });
      }),
      http.get('/api/rewards/referrals', ({ request }) => {
        const before = new URL(request.url).searchParams.get('before');
        order.push(`referees:${before}`);
        return before === REFEREES.at(-1)?.id
          ? HttpResponse.json({ referees: MORE_REFEREES, nextBefore: null })
          : HttpResponse.json({ referees: REFEREES, nextBefore: REFEREES.at(-1)?.id });
      }),
    );
    await open();
    const ledger = section('Earnings history');
    await within(ledger).findByText('25 % of invoice in_new paid by b***@example.net');
    expect(order.slice(0, 1)).toEqual(['summary']);
    let rows = within(ledger).getAllByRole('row');
    expect(rows).toHaveLength(4);
    expect(rows[1]?.textContent).toContain('-€4.70');
    expect(rows[1]?.querySelector('.rw-negative')).toBeTruthy();
    expect(rows[1]?.textContent).toContain('Available on 15 Mar 2026');
    expect(rows[2]?.textContent).toContain('+€14.70');
    expect(rows[3]?.textContent).toContain('Being reviewed');
    expect(rows[3]?.textContent).toContain('cy***@example.org');

    await userEvent.click(within(ledger).getByRole('button', { name: 'Show more earnings' }));
    await within(ledger).findByText('25 % of invoice in_old paid by b***@example.net');
    rows = within(ledger).getAllByRole('row');
    expect(rows).toHaveLength(5);
    expect(rows[4]?.textContent).toContain('Available since 20 Feb 2026');
    expect(within(ledger).queryByRole('button', { name: /Show more/ })).toBeNull();
    // The button went with the last page: its focus went to the first row that page brought.
    await waitFor(() => expect(document.activeElement).toBe(rows[4]));

    const people = section('People you referred');
    const first = within(people).getAllByRole('row')[1]?.textContent ?? '';
    expect(first).toContain('cy***@example.org');
    expect(first).toContain('A banner (spring)');
    expect(first).toContain('Being reviewed');
    expect(first).toContain('€10.00');
    expect(within(people).getAllByRole('row')[2]?.textContent).toContain('Your widget’s footer');
    await userEvent.click(within(people).getByRole('button', { name: 'Show more people' }));
    expect(await within(people).findByText('an***@example.com')).toBeTruthy();
    expect(within(people).getAllByRole('row')).toHaveLength(4);
    await waitFor(() => expect(document.activeElement).toBe(within(people).getAllByRole('row')[3]));
    expect(order[0]).toBe('summary');
    expect(order.slice(1, 3).sort()).toEqual(['entries:null', 'referees:null']);
    // The cursor is the last row's opaque id, passed back as it came.
    expect(order.slice(3)).toEqual(['entries:le_5rd8gm2kqxt7vywz3ncj', 'referees:rf_9ae4xn7kr2ws6mqc3hzt']);
  });

  it('lists what becomes available next, net of what was taken back, with its date', async () => {
    answer();
    await open();
    const states = section('Your earnings by state');
    const items = await within(states).findAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]?.textContent).toContain('€10.00');
    expect(items[0]?.textContent).toContain('25 % of invoice in_new');
    expect(items[0]?.textContent).toContain('available on 15 Mar 2026');
    expect(items[1]?.textContent).toContain('Install bounty');
    expect(items[1]?.textContent).toContain('after our review');
  });

  it('each shows its own load error with a retry; a failed "Show more" keeps the rows', async () => {
    let entryCalls = 0;
    let refereeCalls = 0;
    server.use(
      http.get('/api/rewards', () => HttpResponse.json(SUMMARY)),
      http.get('/api/rewards/entries', () =>
        ++entryCalls === 1
          ? apiError(500, 'internal', 'boom')
          : HttpResponse.json({ entries: ENTRIES, nextBefore: null }),
      ),
      http.get('/api/rewards/referrals', ({ request }) => {
        refereeCalls++;
        if (new URL(request.url).searchParams.get('before')) {
          return refereeCalls === 2
            ? HttpResponse.error()
            : HttpResponse.json({ referees: MORE_REFEREES, nextBefore: null });
        }
        return HttpResponse.json({ referees: REFEREES, nextBefore: REFEREES.at(-1)?.id });
      }),
    );
    await open();
    const ledger = section('Earnings history');
    const alert = await within(ledger).findByRole('alert');
    expect(alert.textContent).toContain('The server could not do this (500)');
    expect(within(section('Your balance')).queryByRole('alert')).toBeNull();
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await within(ledger).findByText('Partial refund of €15.67 on invoice in_new')).toBeTruthy();

    const people = section('People you referred');
    await within(people).findByText('cy***@example.org');
    await userEvent.click(within(people).getByRole('button', { name: 'Show more people' }));
    expect((await within(people).findByRole('alert')).textContent).toContain('Could not reach the server');
    expect(within(people).getByText('cy***@example.org')).toBeTruthy();
    expect(document.activeElement).toBe(within(people).getByRole('button', { name: 'Try again' }));
    await userEvent.click(within(people).getByRole('button', { name: 'Try again' }));
    expect(await within(people).findByText('an***@example.com')).toBeTruthy();
    expect(within(people).queryByRole('alert')).toBeNull();
  });
});

describe('the payout request', () => {
  const CAN = {
    ...SUMMARY,
    balances: { ...SUMMARY.balances, availableCents: 6940 },
    payout: { canRequest: true, missingCents: 0, openPayout: false },
  };

  it('checks the details first, confirms the amount and where it goes, sends, then shows the new history', async () => {
    const posted: unknown[] = [];
    let summaries = 0;
    server.use(
      http.get('/api/rewards', () =>
        HttpResponse.json(
          ++summaries === 1
            ? CAN
            : {
                ...SUMMARY,
                balances: { ...SUMMARY.balances, availableCents: 0, processingCents: 6940 },
                payout: { canRequest: false, missingCents: 5000, openPayout: true },
                payouts: [NEW_PAYOUT, ...SUMMARY.payouts],
              },
        ),
      ),
      http.get('/api/rewards/entries', () => HttpResponse.json({ entries: ENTRIES, nextBefore: null })),
      http.get('/api/rewards/referrals', () => HttpResponse.json({ referees: REFEREES, nextBefore: null })),
      http.post('/api/payouts', async ({ request }) => {
        posted.push(await request.json());
        return HttpResponse.json(NEW_PAYOUT, { status: 201 });
      }),
    );
    await open();
    const form = await payoutForm();
    const review = within(form).getByRole('button', { name: 'Review payout' });

    await userEvent.click(review);
    expect(within(form).getByText('Choose how you want to be paid')).toBeTruthy();
    expect(document.activeElement).toBe(within(form).getByRole('radio', { name: 'PayPal' }));

    await userEvent.click(within(form).getByRole('radio', { name: /Bank transfer/ }));
    await userEvent.type(within(form).getByLabelText('IBAN'), 'DE88 3704 0044 0532 0130 00');
    await userEvent.click(review);
    const iban = within(form).getByLabelText('IBAN');
    expect(iban.getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByText('This IBAN’s check digits do not match: please check it for a typo')).toBeTruthy();
    expect(within(form).getByText('Enter the name of the account holder')).toBeTruthy();
    expect(document.activeElement).toBe(iban);
    expect(posted).toEqual([]);
    expect(screen.queryByRole('dialog')).toBeNull();

    await userEvent.clear(iban);
    await userEvent.type(iban, 'de89 3704 0044 0532 0130 00');
    expect(within(form).queryByText(/check digits/)).toBeNull();
    await userEvent.type(within(form).getByLabelText('Account holder’s name'), 'Ana López');
    await userEvent.click(review);

    const dialog = await screen.findByRole('dialog', { name: 'Confirm your payout' });
    expect(within(dialog).getByText('€69.40')).toBeTruthy();
    expect(within(dialog).getByText('bank account DE89 •••• 3000 (Ana López)')).toBeTruthy();
    expect(posted).toEqual([]);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Request €69.40' }));

    await waitFor(() => expect(screen.getByText('Your payout request is being processed.')).toBeTruthy());
    expect(posted).toEqual([
      { method: 'bank_transfer', iban: 'DE89370400440532013000', holderName: 'Ana López', expectedAmountCents: 6940 },
    ]);
    const done = screen.getByText(/Payout requested: €69.40/);
    expect(done.closest('[role=status]')).toBeTruthy();
    await waitFor(() => expect(document.activeElement?.contains(done)).toBe(true));
    expect(screen.queryByRole('heading', { name: 'Request a payout' })).toBeNull();
    const rows = within(section('Payout history')).getAllByRole('row');
    expect(rows).toHaveLength(4);
    expect(rows[1]?.textContent).toContain('Requested');
    expect(rows[1]?.textContent).toContain('€69.40');
  });

  it('puts the server’s refusal of a detail on its field', async () => {
    answer(CAN);
    server.use(
      http.post('/api/payouts', () =>
        apiError(400, 'invalid_email', 'Enter the e-mail address of your PayPal account'),
      ),
    );
    await open();
    const form = await payoutForm();
    await userEvent.click(within(form).getByRole('radio', { name: 'PayPal' }));
    await userEvent.type(within(form).getByLabelText('PayPal e-mail address'), 'ana@example.com');
    await userEvent.click(within(form).getByRole('button', { name: 'Review payout' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('PayPal account a•••@example.com')).toBeTruthy();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Request €69.40' }));
    const email = within(form).getByLabelText('PayPal e-mail address');
    await waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'));
    const error = within(form).getByText('Enter the e-mail address of your PayPal account');
    expect(email.getAttribute('aria-describedby')).toContain(error.id);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.activeElement).toBe(email);
  });

  it('shows a conflict above the form, in the server’s words', async () => {
    answer(CAN);
    server.use(
      http.post('/api/payouts', () =>
        apiError(409, 'below_minimum', 'Payouts start at €50.00 available; you have €40.00 available'),
      ),
    );
    await open();
    const form = await payoutForm();
    await userEvent.click(within(form).getByRole('radio', { name: 'PayPal' }));
    await userEvent.type(within(form).getByLabelText('PayPal e-mail address'), 'ana@example.com');
    await userEvent.click(within(form).getByRole('button', { name: 'Review payout' }));
    await userEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Request €69.40' }));
    expect((await within(form).findByRole('alert')).textContent).toBe(
      'Payouts start at €50.00 available; you have €40.00 available',
    );
  });

  /** Chooses PayPal, reviews, and confirms what the dialog shows; returns the dialog's amount. */
  const requestByPaypal = async (form: HTMLElement, amount: string) => {
    await userEvent.click(within(form).getByRole('radio', { name: 'PayPal' }));
    await userEvent.type(within(form).getByLabelText('PayPal e-mail address'), 'ana@example.com');
    await userEvent.click(within(form).getByRole('button', { name: 'Review payout' }));
    const dialog = await screen.findByRole('dialog', { name: 'Confirm your payout' });
    expect(within(dialog).getByText(amount, { selector: 'dd' })).toBeTruthy();
    await userEvent.click(within(dialog).getByRole('button', { name: `Request ${amount}` }));
  };

  it('sends the amount confirmed; when it changed, shows the new one and asks again', async () => {
    const posted: { expectedAmountCents?: number }[] = [];
    let summaries = 0;
    server.use(
      http.get('/api/rewards', () =>
        HttpResponse.json(++summaries === 1 ? CAN : { ...CAN, balances: { ...CAN.balances, availableCents: 8940 } }),
      ),
      http.get('/api/rewards/entries', () => HttpResponse.json({ entries: ENTRIES, nextBefore: null })),
      http.get('/api/rewards/referrals', () => HttpResponse.json({ referees: REFEREES, nextBefore: null })),
      http.post('/api/payouts', async ({ request }) => {
        const body = (await request.json()) as { expectedAmountCents?: number };
        posted.push(body);
        return body.expectedAmountCents === 8940
          ? HttpResponse.json({ ...NEW_PAYOUT, amountCents: 8940 }, { status: 201 })
          : apiError(
              409,
              'amount_changed',
              'Your available balance is now €89.40, not €69.40: check the new amount and request it again',
            );
      }),
    );
    await open();
    const form = await payoutForm();
    await requestByPaypal(form, '€69.40');
    expect((await within(form).findByRole('alert')).textContent).toBe(
      'Your available balance is now €89.40, not €69.40: check the new amount and request it again',
    );
    // The balance was read again: the form offers what the server would pay.
    await waitFor(() => expect(within(form).getByText('€89.40')).toBeTruthy());
    expect(summaries).toBe(2);
    expect(screen.queryByRole('dialog')).toBeNull();

    await userEvent.click(within(form).getByRole('button', { name: 'Review payout' }));
    const dialog = await screen.findByRole('dialog', { name: 'Confirm your payout' });
    expect(within(dialog).getByText('€89.40', { selector: 'dd' })).toBeTruthy();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Request €89.40' }));
    expect(await screen.findByText(/Payout requested: €89.40/)).toBeTruthy();
    expect(posted.map((b) => b.expectedAmountCents)).toEqual([6940, 8940]);
  });

  it('when a refusal leaves nothing to request, says why where the form was, and moves the focus there', async () => {
    let summaries = 0;
    server.use(
      http.get('/api/rewards', () =>
        HttpResponse.json(
          ++summaries === 1
            ? CAN
            : {
                ...CAN,
                balances: { ...CAN.balances, availableCents: 4000 },
                payout: { canRequest: false, missingCents: 1000, openPayout: false },
              },
        ),
      ),
      http.get('/api/rewards/entries', () => HttpResponse.json({ entries: ENTRIES, nextBefore: null })),
      http.get('/api/rewards/referrals', () => HttpResponse.json({ referees: REFEREES, nextBefore: null })),
      http.post('/api/payouts', () =>
        apiError(409, 'below_minimum', 'Payouts start at €50.00 available; you have €40.00 available'),
      ),
    );
    await open();
    await requestByPaypal(await payoutForm(), '€69.40');
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Request a payout' })).toBeNull());
    const balance = section('Your balance');
    const alert = within(balance).getByRole('alert');
    expect(alert.textContent).toBe('Payouts start at €50.00 available; you have €40.00 available');
    expect(within(balance).getByText('€40.00 of €50.00 — €10.00 to go')).toBeTruthy();
    await waitFor(() => expect(document.activeElement?.contains(alert)).toBe(true));
  });

  it('sends nothing when the confirmation is turned down', async () => {
    answer(CAN);
    await open();
    const form = await payoutForm();
    await userEvent.click(within(form).getByRole('radio', { name: 'PayPal' }));
    await userEvent.type(within(form).getByLabelText('PayPal e-mail address'), 'ana@example.com');
    await userEvent.click(within(form).getByRole('button', { name: 'Review payout' }));
    await userEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Go back' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    // No POST handler: a request would fail the test as unhandled.
  });
});

describe('upcomingEarnings', () => {
  it('nets reversals into their earning, drops what nets to zero, soonest first', () => {
    const base = ENTRIES[1] as Entry;
    const list = upcomingEarnings([
      {
        ...base,
        id: 'le_9gx3wq7kt2zm8cr4nyha',
        parentId: 'le_8fw2qk6zt3xm9cr7nyhb',
        amountCents: -500,
        kind: 'reversal',
      },
      { ...base, id: 'le_8fw2qk6zt3xm9cr7nyhb', amountCents: 500, holdUntil: '2026-03-20T00:00:00.000Z' },
      { ...base, id: 'le_7ew4qk3zt2xm6cr9nyhc', amountCents: 800, holdUntil: '2026-03-10T00:00:00.000Z' },
      { ...base, id: 'le_6dw3qk2zt7xm4cr8nyhd', state: 'available', amountCents: 900 },
    ]);
    expect(list.map((u) => [u.id, u.netCents])).toEqual([['le_7ew4qk3zt2xm6cr9nyhc', 800]]);
  });
});
