import { screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { apiError, HttpResponse, http, renderAt, server, signIn } from '../../../test/render.tsx';
import AffiliatePage from './AffiliatePage.tsx';
import { approved } from './fixtures.ts';
import { approvedView } from './test-server.ts';

vi.mock('./day-chart.ts', async () => (await import('./test-server.ts')).chartMock());

const OLD = {
  id: 'abcdefghijkmnpqr',
  name: 'Google Sheets',
  createdAt: '2026-11-02T10:00:00.000Z',
  revokedAt: null,
  lastUsedAt: '2026-11-20T08:00:00.000Z',
};
const SECRET = 'cbk_stuvwxyz23456789_ThisIsTheSecretPartOfTheKeyShownOnlyOnce00000';

const keysCard = async () =>
  within((await screen.findByRole('heading', { name: 'API keys' })).closest('section') as HTMLElement);

describe('API keys', () => {
  it('lists keys by name and public prefix, with when they were made and last used', async () => {
    signIn();
    const revoked = {
      ...OLD,
      id: 'zyxwvutsrqpnmkji',
      name: null,
      lastUsedAt: null,
      revokedAt: '2026-11-21T09:30:00.000Z',
    };
    server.use(...approvedView({ access: approved([OLD, revoked]) }).handlers);
    renderAt('/app/affiliate', <AffiliatePage />);
    const card = await keysCard();
    const list = card.getByRole('list', { name: 'Your API keys' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.getAttribute('aria-label')),
    ).toEqual(['Google Sheets']);
    // Revoked keys are listed apart, folded away.
    await userEvent.click(card.getByText('Revoked keys (1)'));
    const gone = card.getByRole('list', { name: 'Revoked API keys' });
    expect(within(gone).getByRole('listitem').getAttribute('aria-label')).toBe('Unnamed key');
    const row = card.getByRole('listitem', { name: 'Google Sheets' });
    expect(within(row).getByText('cbk_abcdefghijkmnpqr_…')).toBeTruthy();
    expect(row.textContent).toContain('Created 2 Nov 2026, 10:00 UTC · Last used');
    expect(within(row).getByTitle('20 Nov 2026, 08:00 UTC')).toBeTruthy();
    expect(within(row).getByRole('button', { name: 'Revoke Google Sheets' })).toBeTruthy();
    const old = card.getByRole('listitem', { name: 'Unnamed key' });
    expect(old.textContent).toContain('Last used never');
    expect(within(old).getByText('Revoked 21 Nov 2026, 09:30 UTC')).toBeTruthy();
    expect(within(old).queryByRole('button')).toBeNull();
  });

  it('creates a key with its name and shows its secret once, with a copy button', async () => {
    signIn();
    const user = userEvent.setup();
    let sent: unknown;
    server.use(
      ...approvedView().handlers,
      http.post('/api/affiliate/keys', async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(
          {
            id: 'stuvwxyz23456789',
            name: 'Weekly report',
            createdAt: '2026-11-22T10:00:00.000Z',
            revokedAt: null,
            key: SECRET,
          },
          { status: 201 },
        );
      }),
    );
    renderAt('/app/affiliate', <AffiliatePage />);
    const card = await keysCard();
    expect(card.getByText('No keys yet')).toBeTruthy();
    await user.type(card.getByLabelText('Name of the new key'), ' Weekly report ');
    await user.click(card.getByRole('button', { name: 'Create key' }));
    const secret = await card.findByText(SECRET);
    expect(sent).toEqual({ name: 'Weekly report' });
    // Announced without the secret: a screen reader must not read the key aloud.
    expect(secret.closest('[role="status"], [role="alert"], [aria-live]')).toBeNull();
    expect(card.getByRole('status').textContent).toBe(
      'Key “Weekly report” created. Copy it now: it is shown only this once.',
    );
    expect(card.getByText(/this is the only time it is shown/)).toBeTruthy();
    expect((card.getByLabelText('Name of the new key') as HTMLInputElement).value).toBe('');
    expect(card.getByRole('listitem', { name: 'Weekly report' })).toBeTruthy();

    await user.click(card.getByRole('button', { name: 'Copy key' }));
    expect(await navigator.clipboard.readText()).toBe(SECRET);
    expect(await card.findByText('Copied ✓')).toBeTruthy();

    await user.click(card.getByRole('button', { name: 'I have copied it' }));
    expect(card.queryByText(SECRET)).toBeNull();
    expect(document.body.textContent).not.toContain(SECRET);
    expect(card.getByText('cbk_stuvwxyz23456789_…')).toBeTruthy();
  });

  it('shows the server’s refusal beside the form', async () => {
    signIn();
    server.use(
      ...approvedView({ access: approved([OLD]) }).handlers,
      http.post('/api/affiliate/keys', () =>
        apiError(409, 'too_many_keys', 'Revoke a key first: at most 5 can be active'),
      ),
    );
    renderAt('/app/affiliate', <AffiliatePage />);
    const card = await keysCard();
    await userEvent.click(card.getByRole('button', { name: 'Create key' }));
    const error = await card.findByText('Revoke a key first: at most 5 can be active');
    expect(card.getByLabelText('Name of the new key').getAttribute('aria-describedby')).toContain(error.id);
  });

  it('revokes a key only after a confirmation, and then shows it revoked', async () => {
    signIn();
    const deleted: string[] = [];
    server.use(
      ...approvedView({ access: approved([OLD]) }).handlers,
      http.delete('/api/affiliate/keys/:id', ({ params }) => {
        deleted.push(String(params.id));
        return HttpResponse.json({ ...OLD, revokedAt: '2026-11-22T11:00:00.000Z' });
      }),
    );
    renderAt('/app/affiliate', <AffiliatePage />);
    const card = await keysCard();
    await userEvent.click(card.getByRole('button', { name: 'Revoke Google Sheets' }));
    let dialog = screen.getByRole('dialog', { name: 'Revoke “Google Sheets”?' });
    expect(within(dialog).getByText(/stops working at once/)).toBeTruthy();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Keep it' }));
    expect(deleted).toEqual([]);
    expect(screen.queryByRole('dialog')).toBeNull();

    await userEvent.click(card.getByRole('button', { name: 'Revoke Google Sheets' }));
    dialog = screen.getByRole('dialog', { name: 'Revoke “Google Sheets”?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Revoke key' }));
    await waitFor(() => expect(card.getByText('Revoked keys (1)')).toBeTruthy());
    expect(card.getByText('Revoked 22 Nov 2026, 11:00 UTC')).toBeTruthy();
    expect(card.getByText('No key works right now: create one above.')).toBeTruthy();
    expect(deleted).toEqual(['abcdefghijkmnpqr']);
    expect(card.queryByRole('button', { name: 'Revoke Google Sheets' })).toBeNull();
  });

  it('keeps the dialog open with the server’s message when revoking fails', async () => {
    signIn();
    server.use(
      ...approvedView({ access: approved([OLD]) }).handlers,
      http.delete('/api/affiliate/keys/:id', () => apiError(404, 'not_found', 'No such API key')),
    );
    renderAt('/app/affiliate', <AffiliatePage />);
    const card = await keysCard();
    await userEvent.click(card.getByRole('button', { name: 'Revoke Google Sheets' }));
    const dialog = screen.getByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Revoke key' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('No such API key');
  });
});
