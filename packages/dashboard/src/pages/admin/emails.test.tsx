import { screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { apiError, HttpResponse, holdNext, http, renderAt, server, signIn } from '../../../test/render.tsx';
import AdminPage from './AdminPage.tsx';
import { email, emailList, failedEmail, message, OPERATOR, VERIFY_URL, WAITING } from './fixtures.ts';

const item = async (name: RegExp) => (await screen.findByRole('listitem', { name })) as HTMLElement;
const dialog = async (name: string) => within(await screen.findByRole('dialog', { name }));
const filters = () => within(screen.getByRole('navigation', { name: 'Show messages' }));

/** The list endpoint, answering `answer(query)`; the queries it was asked are kept. */
function emails(answer: (q: URLSearchParams) => ReturnType<typeof emailList> | Response = () => emailList()) {
  const asked: URLSearchParams[] = [];
  server.use(
    http.get('/api/admin/emails', ({ request }) => {
      const q = new URL(request.url).searchParams;
      asked.push(q);
      const a = answer(q);
      return a instanceof Response ? a : HttpResponse.json(a);
    }),
  );
  return asked;
}

describe('Operator: e-mail', () => {
  beforeEach(() => {
    signIn(OPERATOR);
    server.use(http.get('/api/admin/waiting', () => HttpResponse.json(WAITING)));
  });

  it('says where mail goes, counts each status, and lists messages newest first with their delivery', async () => {
    const asked = emails(() =>
      emailList({
        emails: [
          email({ id: '43', kind: 'password_reset', subject: null, status: 'queued', attempts: 0, sentAt: null }),
          email(),
          failedEmail(),
          email({
            id: '39',
            kind: 'payout_approved',
            subject: 'Your payout is approved',
            status: 'sent',
            attempts: 3,
            createdAt: new Date(Date.now() - 3 * 3_600_000).toISOString(),
            sentAt: new Date(Date.now() - 55 * 60_000).toISOString(),
          }),
          email({
            id: '40',
            kind: 'new_kind_of_news',
            subject: 'Programme news',
            status: 'queued',
            attempts: 2,
            sentAt: null,
            lastError: 'greeting never received',
            nextAttemptAt: new Date(Date.now() + 4 * 60_000).toISOString(),
          }),
        ],
      }),
    );
    renderAt('/app/admin/emails', <AdminPage />);
    const verify = await item(/^Confirm your e-mail address to bo@example.com$/);
    expect(asked[0]?.get('status')).toBeNull();
    expect(asked[0]?.get('limit')).toBe('26');
    expect(screen.getByText(/SMTP_URL is not set, so no mail leaves this server/)).toBeTruthy();
    expect(within(verify).getByText('In the outbox', { selector: '.badge' })).toBeTruthy();
    expect(within(verify).getByText(/Address confirmation/).textContent).toBe(
      'To bo@example.com · Address confirmation',
    );
    expect(within(verify).getByText(/^Queued/).textContent).toMatch(/^Queued 5 minutes ago, \d.+ UTC$/);
    // Kept in the outbox as soon as it was queued: nothing to add about its delivery.
    expect(verify.querySelector('.admin-mail-delivery')).toBeNull();
    expect(within(verify).queryByRole('button')).toBeNull();

    const reset = await item(/Password reset \(not written yet\)/);
    expect(within(reset).getByText('Queued', { selector: '.badge' })).toBeTruthy();

    const failed = await item(/Your payout of €60.00 is on its way/);
    expect(within(failed).getByText('Failed', { selector: '.badge' })).toBeTruthy();
    expect(within(failed).getByText(/Gave up after 8 tries/).textContent).toBe(
      'Gave up after 8 tries. Last error: connect ECONNREFUSED 10.0.0.5:587',
    );
    expect(within(failed).getByRole('button', { name: 'Try again…' })).toBeTruthy();

    const late = await item(/Your payout is approved/);
    expect(within(late).getByText(/after it was queued/).textContent).toBe(
      'Sent 2 h 5 min after it was queued, at the 3rd try',
    );

    const retrying = await item(/Programme news/);
    expect(within(retrying).getByText(/New kind of news/)).toBeTruthy();
    expect(within(retrying).getByText(/2 tries so far/).textContent).toBe(
      '2 tries so far; next try in 4 minutes. Last error: greeting never received',
    );

    const links = filters().getAllByRole('link');
    expect(links.map((l) => l.textContent)).toEqual(['All 15', 'Queued 1', 'Sent 0', 'Outbox 12', 'Failed 2']);
    expect(links[0]?.getAttribute('aria-current')).toBe('true');
    const tabs = within(screen.getByRole('navigation', { name: 'Operator sections' }));
    expect(tabs.getByRole('link', { current: 'page' }).textContent).toBe('E-mail');
    expect(tabs.queryByRole('link', { name: 'Demo' })).toBeNull();
    expect(screen.queryByRole('navigation', { name: 'Pages of messages' })).toBeNull();
  });

  it('keeps the status in the URL, with the counts, and says when a status is empty', async () => {
    const asked = emails((q) => (q.get('status') === 'failed' ? emailList({ emails: [] }) : emailList()));
    renderAt('/app/admin/emails', <AdminPage />);
    await item(/Confirm your e-mail address/);
    await userEvent.click(filters().getByRole('link', { name: /^Failed/ }));
    expect(location.search).toBe('?status=failed');
    expect(
      filters()
        .getByRole('link', { name: /^Failed/ })
        .getAttribute('aria-current'),
    ).toBe('true');
    expect(filters().getByRole('link', { name: /^Outbox/ }).textContent).toBe('Outbox 12');
    expect(await screen.findByText('No failed messages')).toBeTruthy();
    expect(asked.map((q) => q.get('status'))).toEqual([null, 'failed']);
  });

  it('pages to older messages by the last one’s id, and back to the newest', async () => {
    const page = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => email({ id: String(from - i), subject: `Message ${from - i}` }));
    const asked = emails((q) => emailList({ emails: q.get('before') ? page(74, 3) : page(100, 26) }));
    renderAt('/app/admin/emails?status=outbox', <AdminPage />);
    await item(/^Message 100 to/);
    expect(screen.queryByRole('listitem', { name: /^Message 75 / })).toBeNull();
    expect(screen.getAllByRole('listitem').filter((li) => li.classList.contains('admin-mail'))).toHaveLength(25);
    const paging = within(screen.getByRole('navigation', { name: 'Pages of messages' }));
    expect(paging.queryByRole('link', { name: /Newest/ })).toBeNull();
    await userEvent.click(paging.getByRole('link', { name: /Older messages/ }));
    expect(location.search).toBe('?status=outbox&before=76');
    expect(await item(/^Message 74 to/)).toBeTruthy();
    expect(asked[1]?.get('before')).toBe('76');
    expect(asked[1]?.get('status')).toBe('outbox');
    const back = within(screen.getByRole('navigation', { name: 'Pages of messages' }));
    expect(back.queryByRole('link', { name: /Older/ })).toBeNull();
    await userEvent.click(back.getByRole('link', { name: /Newest messages/ }));
    expect(location.search).toBe('?status=outbox');
    expect(await item(/^Message 100 to/)).toBeTruthy();
  });

  it('opens a message: its text with each address a link, its HTML sandboxed behind a toggle, and back', async () => {
    emails();
    server.use(http.get('/api/admin/emails/42', () => HttpResponse.json(message())));
    renderAt('/app/admin/emails', <AdminPage />);
    const row = await item(/Confirm your e-mail address/);
    // Many messages share a subject: each link says whose it is.
    await userEvent.click(within(row).getByRole('link', { name: 'Confirm your e-mail address to bo@example.com' }));
    expect(location.search).toBe('?message=42');
    const heading = await screen.findByRole('heading', { level: 2, name: 'Confirm your e-mail address' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    const verify = await screen.findByRole('link', { name: VERIFY_URL });
    expect(verify.getAttribute('href')).toBe(VERIFY_URL);
    // The full stop after the address ends the sentence; it is not part of the link.
    expect(verify.nextSibling?.textContent?.startsWith('.')).toBe(true);
    expect(screen.getByRole('link', { name: 'https://callbell.example/help' })).toBeTruthy();
    expect(screen.getByText('bo@example.com')).toBeTruthy();
    expect(screen.getByText('Address confirmation')).toBeTruthy();

    const toggle = screen.getByRole('button', { name: 'The HTML version' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(document.querySelector('iframe')).toBeNull();
    await userEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const frame = screen.getByTitle('The HTML version of “Confirm your e-mail address”') as HTMLIFrameElement;
    expect(frame.getAttribute('sandbox')).toBe('');
    expect(frame.getAttribute('srcdoc') ?? frame.srcdoc).toContain('Confirm my address');

    await userEvent.click(screen.getByRole('link', { name: 'All messages' }));
    expect(location.search).toBe('');
    const link = await screen.findByRole('link', { name: 'Confirm your e-mail address to bo@example.com' });
    await waitFor(() => expect(document.activeElement).toBe(link));
  });

  it('says the body is not shown where mail goes through SMTP', async () => {
    emails(() => emailList({ transport: 'smtp', bodiesReadable: false, emails: [email({ status: 'sent' })] }));
    server.use(
      http.get('/api/admin/emails/42', () => HttpResponse.json(message({ status: 'sent', text: null, html: null }))),
    );
    renderAt('/app/admin/emails?message=42', <AdminPage />);
    expect(await screen.findByText(/What this message said is not shown here/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'The HTML version' })).toBeNull();
    await userEvent.click(screen.getByRole('link', { name: 'All messages' }));
    expect(await screen.findByText(/Mail is sent through the SMTP server in SMTP_URL/)).toBeTruthy();
  });

  it('tries a failed message again after a confirmation, and shows it queued with the counts moved', async () => {
    const f = failedEmail();
    let posted = 0;
    emails(() => emailList({ emails: [email(), f] }));
    server.use(
      http.post('/api/admin/emails/41/retry', ({ request }) => {
        posted++;
        expect(request.headers.get('x-csrf-token')).toBe('csrf-test-token');
        return HttpResponse.json({ ...f, status: 'queued', attempts: 0, nextAttemptAt: new Date().toISOString() });
      }),
    );
    renderAt('/app/admin/emails', <AdminPage />);
    const row = await item(/Your payout of €60.00/);
    await userEvent.click(within(row).getByRole('button', { name: 'Try again…' }));
    const confirm = await dialog('Try this message again?');
    expect(confirm.getByText(/gave up after 8 tries: connect ECONNREFUSED/)).toBeTruthy();
    expect(posted).toBe(0);
    await userEvent.click(confirm.getByRole('button', { name: 'Try again' }));
    const done = await within(row).findByRole('status');
    expect(done.textContent).toContain('Queued again');
    await waitFor(() => expect(document.activeElement).toBe(done));
    expect(posted).toBe(1);
    expect(within(row).getByText('Queued', { selector: '.badge' })).toBeTruthy();
    expect(within(row).queryByRole('button', { name: 'Try again…' })).toBeNull();
    expect(filters().getByRole('link', { name: /^Failed/ }).textContent).toBe('Failed 1');
    expect(filters().getByRole('link', { name: /^Queued/ }).textContent).toBe('Queued 2');
  });

  it('shows a refusal (no longer failed) on the row and loads the list again', async () => {
    let lists = 0;
    emails(() => emailList({ emails: [failedEmail(lists++ > 0 ? { status: 'queued', attempts: 0 } : {})] }));
    server.use(
      http.post('/api/admin/emails/41/retry', () =>
        apiError(409, 'not_failed', 'This message is queued: only a failed one is tried again'),
      ),
    );
    renderAt('/app/admin/emails', <AdminPage />);
    const row = await item(/Your payout/);
    await userEvent.click(within(row).getByRole('button', { name: 'Try again…' }));
    await userEvent.click((await dialog('Try this message again?')).getByRole('button', { name: 'Try again' }));
    expect((await within(row).findByRole('alert')).textContent).toContain('only a failed one is tried again');
    expect(await within(row).findByText('Queued', { selector: '.badge' })).toBeTruthy();
    expect(lists).toBe(2);
  });

  it('tries a failed message again from the message itself', async () => {
    const f = failedEmail();
    emails(() => emailList({ emails: [f] }));
    server.use(
      http.get('/api/admin/emails/41', () =>
        HttpResponse.json({ ...f, text: 'Your payout is on its way.', html: null }),
      ),
      http.post('/api/admin/emails/41/retry', () => HttpResponse.json({ ...f, status: 'queued', attempts: 0 })),
    );
    renderAt('/app/admin/emails?message=41', <AdminPage />);
    expect(await screen.findByText('connect ECONNREFUSED 10.0.0.5:587')).toBeTruthy();
    expect(screen.getByText('Your payout is on its way.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Try again…' }));
    await userEvent.click((await dialog('Try this message again?')).getByRole('button', { name: 'Try again' }));
    expect((await screen.findByRole('status')).textContent).toContain('Queued again');
    expect(screen.getByText('Queued', { selector: '.badge' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Try again…' })).toBeNull();
  });

  it('shows loading, then a failed load with a way to try again; and a message that is not there', async () => {
    let calls = 0;
    emails(() => (calls++ === 0 ? apiError(503, 'unavailable', 'down') : emailList({ emails: [] })));
    server.use(http.get('/api/admin/emails/99', () => apiError(404, 'not_found', 'No e-mail 99')));
    const answer = holdNext('/api/admin/emails');
    renderAt('/app/admin/emails', <AdminPage />);
    expect((await screen.findByRole('status')).textContent).toBe('Loading…');
    answer();
    const failed = await screen.findByRole('alert');
    expect(failed.textContent).toContain('The server could not do this (503)');
    await userEvent.click(within(failed).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('No e-mail yet')).toBeTruthy();

    history.pushState(null, '', '/app/admin/emails?message=99');
    dispatchEvent(new PopStateEvent('popstate'));
    expect((await screen.findByRole('alert')).textContent).toContain('No e-mail 99');
  });
});
