import { fireEvent, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { useState } from 'preact/hooks';
import { describe, expect, it } from 'vitest';
import { apiError, HttpResponse, http, renderAt, server, signIn } from '../../test/render.tsx';
import { api } from '../api/client.ts';
import { session, sessionEnded } from '../state/session.ts';
import { Dialog } from './Dialog.tsx';
import { Layout, PageHeader } from './Layout.tsx';

/** A page with unsaved work that saves through the API. */
function Draft() {
  const [text, setText] = useState('');
  const [saved, setSaved] = useState(false);
  return (
    <>
      <PageHeader title="Draft" />
      <label for="draft">Draft</label>
      <input id="draft" value={text} onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)} />
      <button
        type="button"
        onClick={() =>
          api.post('/api/payouts', { body: { method: 'paypal' } }).then(
            () => setSaved(true),
            () => {},
          )
        }
      >
        Save
      </button>
      {saved && <p>Saved</p>}
    </>
  );
}

describe('the signed-in frame', () => {
  it('keeps the page and its unsaved work when the session ends, and carries on after a new log-in', async () => {
    signIn({ email: 'ana@example.com' });
    let logins = 0;
    server.use(
      http.post('/api/payouts', ({ request }) =>
        request.headers.get('x-csrf-token') === 'fresh-token'
          ? HttpResponse.json({}, { status: 201 })
          : apiError(401, 'unauthenticated', 'Log in to continue'),
      ),
      http.post('/api/auth/login', async ({ request }) => {
        logins++;
        expect(await request.json()).toEqual({ email: 'ana@example.com', password: 'my password!' });
        return HttpResponse.json({
          account: { id: 'acc_test', email: 'ana@example.com', role: 'user', plan: 'free', referralCode: 'anacode1' },
          csrfToken: 'fresh-token',
        });
      }),
    );
    renderAt(
      '/app/rewards',
      <Layout>
        <Draft />
      </Layout>,
    );
    await userEvent.type(screen.getByLabelText('Draft'), 'half-written');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    const dialog = await screen.findByRole('dialog', { name: 'Your session has ended' });
    expect(session.value.status).toBe('signed-in');
    expect((screen.getByLabelText('Draft') as HTMLInputElement).value).toBe('half-written');
    await userEvent.type(screen.getByLabelText('Password'), 'my password!');
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
    await waitFor(() => expect(sessionEnded.value).toBe(false));
    expect(logins).toBe(1);
    expect(dialog.isConnected && (dialog as HTMLDialogElement).open).toBeFalsy();
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved')).toBeTruthy();
    expect((screen.getByLabelText('Draft') as HTMLInputElement).value).toBe('half-written');
  });

  it('says so, and stays logged in, when the server cannot be told about a log-out', async () => {
    signIn();
    server.use(http.post('/api/auth/logout', () => HttpResponse.error()));
    renderAt(
      '/app/rewards',
      <Layout>
        <Draft />
      </Layout>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Log out' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Could not log you out');
    expect(session.value.status).toBe('signed-in');
  });

  it('names the page in the window title', () => {
    signIn();
    renderAt(
      '/app/rewards',
      <Layout>
        <Draft />
      </Layout>,
    );
    expect(document.title).toBe('Draft · Callbell');
  });
});

describe('Dialog', () => {
  it('asks its parent on Escape, which may keep it open', () => {
    let asked = 0;
    renderAt(
      '/app/',
      <Dialog open title="Busy" onClose={() => asked++}>
        <p>Sending…</p>
      </Dialog>,
    );
    const dialog = screen.getByRole('dialog', { hidden: true }) as HTMLDialogElement;
    const cancel = new Event('cancel', { cancelable: true });
    fireEvent(dialog, cancel);
    expect(asked).toBe(1);
    expect(cancel.defaultPrevented).toBe(true);
    expect(dialog.hasAttribute('open')).toBe(true);
    expect(document.activeElement?.textContent).toBe('Busy');
  });
});
