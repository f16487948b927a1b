import { screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { apiError, HttpResponse, http, renderAt, server, signIn } from '../../../test/render.tsx';
import AdminPage from './AdminPage.tsx';
import { NOTHING_WAITS, OPERATOR, referral, WAITING } from './fixtures.ts';

const item = async (name: RegExp) => (await screen.findByRole('listitem', { name })) as HTMLElement;
const dialog = async (name: string) => within(await screen.findByRole('dialog', { name }));

describe('Operator: flagged referrals', () => {
  beforeEach(() => {
    signIn(OPERATOR);
    server.use(http.get('/api/admin/waiting', () => HttpResponse.json(WAITING)));
  });

  it('shows who referred whom, why it was flagged in words, the evidence and the money on hold', async () => {
    server.use(
      http.get('/api/admin/referrals', ({ request }) => {
        expect(new URL(request.url).searchParams.get('review')).toBe('flagged');
        return HttpResponse.json({
          referrals: [
            referral(),
            referral({
              id: '8',
              refereeId: 'acc_zed',
              refereeEmail: 'zed@mailinator.com',
              flaggedReason: 'disposable_email',
              source: 'param',
              onHoldCents: 0,
              onHoldEntries: 0,
              evidence: {
                ...referral().evidence,
                referrerSameAddress: null,
                clickFromRefereeAddress: null,
                otherRefereesSameAddress: 0,
                click: null,
                referee: { plan: 'free', signedUpAt: new Date().toISOString(), install: null },
              },
            }),
          ],
          clusters: [],
        });
      }),
    );
    renderAt('/app/admin/referrals', <AdminPage />);
    const bo = await item(/ana@example.com referred bo@example.com/);
    expect(within(bo).getByText(/same internet address as its referrer/)).toBeTruthy();
    // Addresses, not networks: the page says what that means for one household.
    expect(screen.getByText(/on IPv6 change their address often \(privacy addresses\)/)).toBeTruthy();
    expect(within(bo).getByText('€37.00').parentElement?.textContent).toBe('€37.00 in 2 earnings');
    const evidence = within(bo)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(evidence).toEqual([
      'Warning: Signed up from the same address as the referrer’s own sign-up.',
      expect.stringMatching(
        /^Warning: Came through the “⚡ by Callbell” footer of a widget 3 days ago \(.+\), from a page on blog\.example\.org, campaign “spring”\. The click came from the address the account then signed up from\.$/,
      ),
      'Warning: 2 other accounts this referrer brought signed up from the same address.',
      'Warning: The referrer has 5 referrals in all: 3 waiting for review, 1 rejected.',
      expect.stringMatching(
        /^The referred account is on the Pro plan\. Its widget counts as installed on https:\/\/bo\.example\.com since .+, with visitors from 1 network; last seen 2 hours ago\.$/,
      ),
    ]);
    const zed = await item(/zed@mailinator.com/);
    expect(within(zed).getByText(/throwaway e-mail address \(mailinator\.com\)/)).toBeTruthy();
    expect(within(zed).getByText('Nothing yet')).toBeTruthy();
    expect(within(zed).getByText(/No click on record/)).toBeTruthy();
    expect(within(zed).getByText(/has not installed a widget yet/)).toBeTruthy();
    expect(within(zed).getByText(/sign-up address is not on record/).className).toBe('');
    expect(within(bo).getAllByRole('listitem')[0]?.className).toBe('admin-risk');
  });

  it('approves after a confirmation, and shows the row as reviewed', async () => {
    const r = referral();
    let posted = 0;
    server.use(
      http.get('/api/admin/referrals', () => HttpResponse.json({ referrals: [r], clusters: [] })),
      http.post('/api/admin/referrals/7/approve', () => {
        posted++;
        return HttpResponse.json({
          ...r,
          review: 'approved',
          reviewedAt: new Date().toISOString(),
          onHoldCents: 0,
          onHoldEntries: 0,
        });
      }),
    );
    renderAt('/app/admin/referrals', <AdminPage />);
    const row = await item(/bo@example.com/);
    await userEvent.click(within(row).getByRole('button', { name: 'Approve…' }));
    const confirm = await dialog('Approve this referral?');
    expect(confirm.getByText(/The €37.00 on hold follows the usual hold/)).toBeTruthy();
    await userEvent.click(confirm.getByRole('button', { name: 'Approve referral' }));
    await waitFor(() => expect(within(row).getByText('Approved', { selector: '.badge' })).toBeTruthy());
    expect(posted).toBe(1);
    expect(within(row).getByRole('status').textContent).toContain('The €37.00 on hold now follows the usual hold');
    expect(within(row).queryByRole('button', { name: 'Approve…' })).toBeNull();
  });

  it('rejects with the reason when one is given, and without one otherwise', async () => {
    const bodies: unknown[] = [];
    const r = referral();
    server.use(
      http.get('/api/admin/referrals', () =>
        HttpResponse.json({ referrals: [r, referral({ id: '9', refereeEmail: 'cy@example.com' })], clusters: [] }),
      ),
      http.post('/api/admin/referrals/:id/reject', async ({ request, params }) => {
        const body = await request.json();
        bodies.push(body);
        return HttpResponse.json({
          ...r,
          id: String(params.id),
          refereeEmail: params.id === '9' ? 'cy@example.com' : r.refereeEmail,
          review: 'rejected',
          reviewNote: (body as { reason?: string }).reason ?? null,
          reviewedAt: new Date().toISOString(),
        });
      }),
    );
    renderAt('/app/admin/referrals', <AdminPage />);
    const bo = await item(/bo@example.com/);
    await userEvent.click(within(bo).getByRole('button', { name: 'Reject…' }));
    const reject = await dialog('Reject this referral?');
    expect(reject.getByText(/The €37.00 on hold is reversed/)).toBeTruthy();
    await userEvent.type(reject.getByLabelText('Reason (optional)'), 'Same person, second account');
    await userEvent.click(reject.getByRole('button', { name: 'Reject referral' }));
    await waitFor(() => expect(within(bo).getByText(/“Same person, second account”/)).toBeTruthy());

    const cy = await item(/cy@example.com/);
    await userEvent.click(within(cy).getByRole('button', { name: 'Reject…' }));
    await userEvent.click((await dialog('Reject this referral?')).getByRole('button', { name: 'Reject referral' }));
    await waitFor(() => expect(within(cy).getByText('Rejected', { selector: '.badge' })).toBeTruthy());
    expect(bodies).toEqual([{ reason: 'Same person, second account' }, {}]);
  });

  it('shows a refusal on the row that failed', async () => {
    server.use(
      http.get('/api/admin/referrals', () => HttpResponse.json({ referrals: [referral()], clusters: [] })),
      http.post('/api/admin/referrals/7/approve', () =>
        apiError(409, 'not_flagged', 'Referral 7 is not waiting for review (it is approved)'),
      ),
    );
    renderAt('/app/admin/referrals', <AdminPage />);
    const row = await item(/bo@example.com/);
    await userEvent.click(within(row).getByRole('button', { name: 'Approve…' }));
    await userEvent.click((await dialog('Approve this referral?')).getByRole('button', { name: 'Approve referral' }));
    expect((await within(row).findByRole('alert')).textContent).toContain('is not waiting for review');
  });

  it('says when nothing waits, and shows a failed load with a way to try again', async () => {
    server.use(http.get('/api/admin/waiting', () => HttpResponse.json(NOTHING_WAITS)));
    let calls = 0;
    server.use(
      http.get('/api/admin/referrals', () =>
        calls++ === 0 ? HttpResponse.error() : HttpResponse.json({ referrals: [], clusters: [] }),
      ),
    );
    renderAt('/app/admin/referrals', <AdminPage />);
    const failed = await screen.findByRole('alert');
    expect(failed.textContent).toContain('Could not reach the server');
    await userEvent.click(within(failed).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Nothing waits for you')).toBeTruthy();
  });
});
