import { screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { apiError, HttpResponse, http, renderAt, server, signIn } from '../../../test/render.tsx';
import AdminPage from './AdminPage.tsx';
import { OPERATOR, WAITING } from './fixtures.ts';

const record = (over: Record<string, unknown> = {}) => ({
  id: '12',
  at: '2026-03-01T10:00:00.000Z',
  actorId: 'acc_operator',
  actorEmail: 'operator@callbell.test',
  action: 'affiliate.withdraw',
  subjectType: 'affiliate_request',
  subjectId: 'acc_ana',
  accountId: 'acc_ana',
  accountEmail: 'ana@example.com',
  reason: 'Keys shared publicly',
  details: { keysRevoked: 2 },
  ...over,
});

/** The list endpoint, answering `answer(query)`; the queries it was asked are kept. */
function audit(answer: (q: URLSearchParams) => unknown | Response) {
  const asked: URLSearchParams[] = [];
  server.use(
    http.get('/api/admin/audit', ({ request }) => {
      const q = new URL(request.url).searchParams;
      asked.push(q);
      const a = answer(q);
      return a instanceof Response ? a : HttpResponse.json(a as object);
    }),
  );
  return asked;
}

describe('Operator: audit log', () => {
  beforeEach(() => {
    signIn(OPERATOR);
    server.use(http.get('/api/admin/waiting', () => HttpResponse.json(WAITING)));
  });

  it('lists what operators did: what, for whom, when, by whom, on what and why', async () => {
    audit(() => ({
      records: [
        record(),
        record({
          id: '11',
          action: 'payout.approve',
          subjectType: 'payout',
          subjectId: 'po_abcdefghijkmnpqrstuv',
          reason: null,
          details: { amountCents: 6410 },
        }),
      ],
    }));
    renderAt('/app/admin/audit', <AdminPage />);
    const first = await screen.findByRole('listitem', { name: /Withdrew affiliate access for ana@example.com/ });
    const facts = within(first);
    expect(facts.getByText('operator@callbell.test')).toBeTruthy();
    expect(facts.getByText('Keys shared publicly')).toBeTruthy();
    expect(facts.getByText('Keys revoked').nextElementSibling?.textContent).toBe('2');
    const second = screen.getByRole('listitem', { name: /Approved a payout for ana@example.com/ });
    expect(within(second).getByText('po_abcdefghijkmnpqrstuv')).toBeTruthy();
    expect(within(second).getByText('Amount').nextElementSibling?.textContent).toMatch(/64[.,]10/);
    expect(screen.getByRole('link', { name: 'Audit log' }).getAttribute('aria-current')).toBe('page');
  });

  it('filters by what the URL says, and exports the same as CSV', async () => {
    const asked = audit(() => ({ records: [record()] }));
    renderAt('/app/admin/audit?kind=affiliate&account=ana%40example.com&from=2026-03-01&to=2026-03-02', <AdminPage />);
    await screen.findByRole('listitem', { name: /Withdrew affiliate access/ });
    const q = asked[0];
    expect(Object.fromEntries(q?.entries() ?? [])).toEqual({
      action: 'affiliate',
      account: 'ana@example.com',
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-03T00:00:00.000Z',
      limit: '26',
    });
    const csv = screen.getByRole('link', { name: 'Export CSV' }).getAttribute('href') ?? '';
    expect(csv).toBe(
      '/api/admin/audit.csv?action=affiliate&account=ana%40example.com&from=2026-03-01T00%3A00%3A00.000Z&to=2026-03-03T00%3A00%3A00.000Z',
    );
    expect((screen.getByLabelText('What') as HTMLSelectElement).value).toBe('affiliate');
  });

  it('applies new filters from the form', async () => {
    const asked = audit(() => ({ records: [] }));
    renderAt('/app/admin/audit', <AdminPage />);
    await screen.findByText('Nothing recorded yet');
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('What'), 'payout');
    await user.type(screen.getByLabelText('Operator (e-mail or id)'), 'operator@callbell.test');
    await user.click(screen.getByRole('button', { name: 'Show' }));
    await waitFor(() => expect(asked.at(-1)?.get('action')).toBe('payout'));
    expect(asked.at(-1)?.get('actor')).toBe('operator@callbell.test');
    expect(await screen.findByText('Nothing matches')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Clear' }).getAttribute('href')).toBe('/app/admin/audit');
  });

  it('pages to older records', async () => {
    const many = Array.from({ length: 26 }, (_, i) => record({ id: String(100 - i) }));
    const asked = audit((q) => ({ records: q.get('before') ? [record({ id: '1' })] : many }));
    renderAt('/app/admin/audit', <AdminPage />);
    const older = await screen.findByRole('link', { name: /Older records/ });
    expect(screen.getAllByRole('listitem', { name: /Withdrew/ })).toHaveLength(25);
    await userEvent.setup().click(older);
    await waitFor(() => expect(asked.at(-1)?.get('before')).toBe('76'));
  });

  it('says what went wrong when the log cannot be read, and tries again', async () => {
    let fail = true;
    audit(() => (fail ? apiError(503, 'unavailable', 'The service is briefly unavailable') : { records: [record()] }));
    renderAt('/app/admin/audit', <AdminPage />);
    expect(await screen.findByText(/The server could not do this \(503\)/)).toBeTruthy();
    fail = false;
    await userEvent.setup().click(screen.getByRole('button', { name: /Try again/ }));
    expect(await screen.findByRole('listitem', { name: /Withdrew affiliate access/ })).toBeTruthy();
  });
});
