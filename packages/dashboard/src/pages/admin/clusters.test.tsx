import { screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { apiError, HttpResponse, http, renderAt, server, signIn } from '../../../test/render.tsx';
import AdminPage from './AdminPage.tsx';
import { cluster, OPERATOR, referral, WAITING } from './fixtures.ts';

const bo = () =>
  referral({
    flaggedReason: 'network_cluster',
    clusterId: 'c7',
    evidence: {
      ...referral().evidence,
      referee: {
        ...referral().evidence.referee,
        install: {
          ...(referral().evidence.referee.install as NonNullable<
            ReturnType<typeof referral>['evidence']['referee']['install']
          >),
          check: {
            state: 'not_found',
            attempts: 4,
            outcome: 'http_status',
            url: 'https://bo.example.com/',
            detail: 'the page answered HTTP 404',
            checkedAt: new Date().toISOString(),
          },
        },
      },
    },
  });
const cy = () =>
  referral({
    id: '9',
    refereeId: 'acc_cy',
    refereeEmail: 'cy@example.com',
    flaggedReason: 'network_cluster',
    onHoldCents: 1000,
    onHoldEntries: 1,
    clusterId: 'c7',
  });
const loner = () => referral({ id: '12', refereeId: 'acc_di', refereeEmail: 'di@example.com' });

describe('Operator: network clusters', () => {
  beforeEach(() => {
    signIn(OPERATOR);
    server.use(
      http.get('/api/admin/waiting', () => HttpResponse.json(WAITING)),
      http.get('/api/admin/referrals', () =>
        HttpResponse.json({ referrals: [bo(), loner(), cy()], clusters: [cluster()] }),
      ),
    );
  });

  it('shows a cluster with its shared networks, never an address, and its referrals inside it', async () => {
    renderAt('/app/admin/referrals', <AdminPage />);
    const group = (await screen.findByRole('listitem', {
      name: /Cluster: 2 accounts referred by ana@example.com/,
    })) as HTMLElement;
    expect(within(group).getByText(/3 accounts share 2 networks/)).toBeTruthy();
    const table = within(group).getByRole('table', { name: 'Shared networks' });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((tr) => tr.textContent);
    expect(rows).toEqual([
      expect.stringMatching(/^Network 1 3fa9c2e1IPv4 addressbo@example.com \(referee\)signed up from it/),
      expect.stringMatching(/^cy@example.com \(referee\)logged in from it \(2 times\)/),
      expect.stringMatching(/^Network 2 0b7d44aanetwork of visitorsana@example.com \(referrer\)signed up from it/),
      expect.stringMatching(
        /^bo@example.com \(referee\)a visitor of its widget on https:\/\/bo.example.com came from it/,
      ),
    ]);
    expect(group.textContent).not.toMatch(/\d+\.\d+\.\d+\.\d+/);
    // Its two referrals are in it, in their order; the referral outside it is not.
    const inside = within(within(group).getByRole('list', { name: /Referrals in the cluster/ }))
      .getAllByRole('listitem', { name: /referred/ })
      .map((li) => li.getAttribute('aria-labelledby'));
    expect(inside).toEqual(['referral-7', 'referral-9']);
    expect(within(group).queryByText(/di@example.com/)).toBeNull();
    expect(screen.getByRole('listitem', { name: /ana@example.com referred di@example.com/ })).toBeTruthy();
    // Why, in words, and what the page check found.
    const boItem = within(group).getByRole('listitem', { name: /referred bo@example.com/ });
    expect(
      within(boItem).getByText(/shares networks with its referrer or with other accounts it referred/),
    ).toBeTruthy();
    expect(
      within(boItem).getByText(
        /The snippet was never found on https:\/\/bo.example.com\/, after 4 tries: the page answered HTTP 404/,
      ).className,
    ).toBe('admin-risk');
  });

  it('approves the whole cluster at once, after a confirmation', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post('/api/admin/referrals/clusters/approve', async ({ request }) => {
        bodies.push(await request.json());
        const approved = { review: 'approved' as const, reviewedAt: new Date().toISOString() };
        return HttpResponse.json({
          referrals: [
            { ...bo(), ...approved },
            { ...cy(), ...approved },
          ],
          clusters: [cluster()],
        });
      }),
    );
    renderAt('/app/admin/referrals', <AdminPage />);
    const group = (await screen.findByRole('listitem', { name: /Cluster: 2 accounts/ })) as HTMLElement;
    await userEvent.click(within(group).getByRole('button', { name: 'Approve all 2…' }));
    const confirm = within(await screen.findByRole('dialog', { name: 'Approve 2 referrals?' }));
    expect(
      confirm.getByText(/bo@example.com, cy@example.com stay referrals of ana@example.com\. The €47.00 on hold/),
    ).toBeTruthy();
    await userEvent.click(confirm.getByRole('button', { name: 'Approve 2 referrals' }));
    await waitFor(() => expect(within(group).getAllByText('Approved', { selector: '.badge' })).toHaveLength(2));
    expect(bodies).toEqual([{ referralIds: ['7', '9'] }]);
    expect(within(group).getByRole('status').textContent).toContain('Approved 2 referrals. The €47.00 on hold');
    expect(within(group).queryByRole('button', { name: /Approve all/ })).toBeNull();
  });

  it('rejects the whole cluster with a reason, and shows a refusal on the cluster', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post('/api/admin/referrals/clusters/reject', async ({ request }) => {
        bodies.push(await request.json());
        return apiError(409, 'not_flagged', 'Referral 9 is not waiting for review (it is approved)');
      }),
    );
    renderAt('/app/admin/referrals', <AdminPage />);
    const group = (await screen.findByRole('listitem', { name: /Cluster: 2 accounts/ })) as HTMLElement;
    await userEvent.click(within(group).getByRole('button', { name: 'Reject all 2…' }));
    const reject = within(await screen.findByRole('dialog', { name: 'Reject 2 referrals?' }));
    await userEvent.type(reject.getByLabelText('Reason (optional)'), 'one person');
    await userEvent.click(reject.getByRole('button', { name: 'Reject 2 referrals' }));
    expect(bodies).toEqual([{ referralIds: ['7', '9'], reason: 'one person' }]);
    expect((await within(group).findByRole('alert')).textContent).toContain('is not waiting for review');
  });

  it('leaves a cluster the operator’s own account is in to another operator', async () => {
    server.use(
      http.get('/api/admin/referrals', () =>
        HttpResponse.json({
          referrals: [bo(), cy()],
          clusters: [
            cluster({
              members: [
                ...cluster().members,
                { accountId: OPERATOR.id, email: OPERATOR.email, role: 'referee', referralId: '11', review: 'none' },
              ],
            }),
          ],
        }),
      ),
    );
    renderAt('/app/admin/referrals', <AdminPage />);
    const group = (await screen.findByRole('listitem', { name: /Cluster/ })) as HTMLElement;
    expect(within(group).getByText(/Your own account is part of this cluster/)).toBeTruthy();
    expect(within(group).queryByRole('button', { name: /all/ })).toBeNull();
  });
});
