import { screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { apiError, HttpResponse, http, renderAt, server } from '../../../test/render.tsx';
import { session } from '../../state/session.ts';
import Unsubscribe from './Unsubscribe.tsx';

const URL_WITH_TOKEN = '/app/unsubscribe?token=unsub.tok';

/** The link's current state (GET, which must change nothing) and, if given, the button's POST. */
function answer(current: () => Response, stop?: (body: unknown) => Response): { gets: string[]; posts: unknown[] } {
  const calls = { gets: [] as string[], posts: [] as unknown[] };
  server.use(
    http.get('/api/email/unsubscribe', ({ request }) => {
      calls.gets.push(new URL(request.url).searchParams.get('token') ?? '');
      return current();
    }),
  );
  if (stop) {
    server.use(
      http.post('/api/email/unsubscribe', async ({ request }) => {
        const body = await request.json();
        calls.posts.push(body);
        return stop(body);
      }),
    );
  }
  return calls;
}

beforeEach(() => {
  session.value = { status: 'anonymous', expired: false };
});

describe('the unsubscribe link', () => {
  it('shows whom it is for, changes nothing until the button, then stops the e-mails', async () => {
    const calls = answer(
      () => HttpResponse.json({ email: 'an***@example.com', earnings: true }),
      () => HttpResponse.json({ email: 'an***@example.com', earnings: false }),
    );
    renderAt(URL_WITH_TOKEN, <Unsubscribe />);
    expect(screen.getByRole('status').textContent).toBe('Checking your link…');
    expect(await screen.findByText('an***@example.com')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'E-mails about your rewards' })).toBeTruthy();
    expect(document.title).toBe('E-mails about your rewards · Callbell');
    expect(calls).toEqual({ gets: ['unsub.tok'], posts: [] });

    await userEvent.click(screen.getByRole('button', { name: 'Stop these e-mails' }));
    const heading = await screen.findByRole('heading', { name: 'You are unsubscribed' });
    expect(calls.posts).toEqual([{ token: 'unsub.tok' }]);
    expect(screen.getByText(/We will not send e-mails about your rewards to/).textContent).toContain(
      'an***@example.com',
    );
    expect(screen.getByRole('link', { name: 'your Rewards page' }).getAttribute('href')).toBe('/app/rewards');
    await waitFor(() => expect(document.activeElement).toBe(heading));
  });

  it('says so when the e-mails are off already, and offers no button', async () => {
    answer(() => HttpResponse.json({ email: 'an***@example.com', earnings: false }));
    renderAt(URL_WITH_TOKEN, <Unsubscribe />);
    expect(await screen.findByRole('heading', { name: 'You are unsubscribed' })).toBeTruthy();
    expect(screen.getByText(/gets no e-mails about your rewards/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Stop these e-mails' })).toBeNull();
  });

  it('shows the server’s words for a link that is not valid', async () => {
    answer(() => apiError(400, 'invalid_token', 'This unsubscribe link is not valid'));
    renderAt(URL_WITH_TOKEN, <Unsubscribe />);
    expect((await screen.findByRole('alert')).textContent).toBe('This unsubscribe link is not valid');
    expect(screen.getByRole('heading', { name: 'This link did not work' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'your Rewards page' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
  });

  it('offers to try the check again when it could not be made', async () => {
    let gets = 0;
    server.use(
      http.get('/api/email/unsubscribe', () =>
        ++gets === 1 ? HttpResponse.error() : HttpResponse.json({ email: 'an***@example.com', earnings: true }),
      ),
    );
    renderAt(URL_WITH_TOKEN, <Unsubscribe />);
    expect((await screen.findByRole('alert')).textContent).toContain('Could not reach the server');
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('button', { name: 'Stop these e-mails' })).toBeTruthy();
  });

  it('keeps the button when stopping fails, to try again', async () => {
    let posts = 0;
    answer(
      () => HttpResponse.json({ email: 'an***@example.com', earnings: true }),
      () =>
        ++posts === 1
          ? apiError(429, 'rate_limited', 'Too many attempts; try again later')
          : HttpResponse.json({ email: 'an***@example.com', earnings: false }),
    );
    renderAt(URL_WITH_TOKEN, <Unsubscribe />);
    await userEvent.click(await screen.findByRole('button', { name: 'Stop these e-mails' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Too many attempts; try again later');
    await userEvent.click(screen.getByRole('button', { name: 'Stop these e-mails' }));
    expect(await screen.findByRole('heading', { name: 'You are unsubscribed' })).toBeTruthy();
    expect(posts).toBe(2);
  });

  it('shows a refusal of the button’s request as a link that did not work', async () => {
    answer(
      () => HttpResponse.json({ email: 'an***@example.com', earnings: true }),
      () => apiError(404, 'not_found', 'This account no longer exists'),
    );
    renderAt(URL_WITH_TOKEN, <Unsubscribe />);
    await userEvent.click(await screen.findByRole('button', { name: 'Stop these e-mails' }));
    expect((await screen.findByRole('alert')).textContent).toBe('This account no longer exists');
    expect(screen.getByRole('heading', { name: 'This link did not work' })).toBeTruthy();
  });

  it('explains a link without its token, and asks the server nothing', () => {
    renderAt('/app/unsubscribe', <Unsubscribe />);
    expect(screen.getByRole('heading', { name: 'This link is incomplete' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'your Rewards page' })).toBeTruthy();
  });
});
