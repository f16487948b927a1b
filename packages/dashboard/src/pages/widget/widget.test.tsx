import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import userEventLib from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, HttpResponse, http, renderAt, server, signIn } from '../../../test/render.tsx';
import type { WidgetResponse } from './draft.ts';
import WidgetPage from './WidgetPage.tsx';

const ID = 'wdg_test00000001';
const SNIPPET = `<script src="http://localhost:3000/widget.js" data-widget-id="${ID}" async></script>`;

const widget = (over: Partial<WidgetResponse> = {}): WidgetResponse => ({
  id: ID,
  greeting: 'Hi there! How can we help?',
  agent: { name: 'Support', avatarUrl: null },
  appearance: { position: 'right', color: '#1b6ef3', label: null },
  channels: [{ type: 'whatsapp', phone: '+34 612 345 678' }],
  hideBranding: false,
  allowedDomains: [],
  branding: { show: true, label: '⚡ by Callbell', href: `http://localhost:3000/r/anacode1?src=widget&w=${ID}` },
  snippet: SNIPPET,
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-01T10:00:00.000Z',
  install: { qualified: false, qualifiedAt: null, qualifiedOrigin: null, lastPingAt: null },
  ...over,
});

const NO_PINGS = {
  widgetId: ID,
  state: 'no_pings',
  qualified: false,
  explanation: 'No ping yet: paste the snippet',
  nextStep: "Paste the snippet into your site's pages and open one in a browser",
  minVisitors: 3,
  qualifiedAt: null,
  qualifiedOrigin: null,
  lastPingAt: null,
  origins: [],
};

/** The widget list and its installation, as the server would answer them. */
function serve(widgets: WidgetResponse[], install: object = NO_PINGS) {
  server.use(
    http.get('/api/widgets', () => HttpResponse.json({ widgets })),
    http.get('/api/widgets/:id/install', () => HttpResponse.json(install)),
  );
}

// Keystrokes without a timer between them: the page redraws on each, which is slow enough in jsdom.
let userEvent = userEventLib.setup({ delay: null });
beforeEach(() => {
  userEvent = userEventLib.setup({ delay: null });
});
afterEach(() => vi.restoreAllMocks());

/** Puts `text` into a field at once (a paste), then presses Enter when asked. */
async function fill(el: HTMLElement, text: string, enter = false) {
  await userEvent.click(el);
  await userEvent.paste(text);
  if (enter) await userEvent.keyboard('{Enter}');
}

/** Answers one PATCH (with `answer`) and records its body. */
function patch(answer: (body: Record<string, unknown>) => Response) {
  const sent: Record<string, unknown>[] = [];
  server.use(
    http.patch('/api/widgets/:id', async ({ request }) => {
      const body = (await request.json()) as Record<string, unknown>;
      sent.push(body);
      return answer(body);
    }),
  );
  return sent;
}

const open = async (url = '/app/widget') => {
  renderAt(url, <WidgetPage />);
  await screen.findByRole('heading', { name: 'Channels' });
};

describe('the editor', () => {
  it('checks a channel as the server would, beside the field, before anything is sent', async () => {
    signIn();
    serve([widget()]);
    await open();
    const phone = screen.getByLabelText('WhatsApp number');
    await userEvent.clear(phone);
    await userEvent.type(phone, '12');
    await userEvent.tab();
    const error = screen.getByText('Enter 6 to 15 digits with the country code, e.g. +34 612 345 678');
    expect(phone.getAttribute('aria-invalid')).toBe('true');
    expect(phone.getAttribute('aria-describedby')).toContain(error.id);
    // Saving does not send: it points at the field instead.
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(screen.getByText(/1 field needs attention/)).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(phone));
  });

  it('sends only what changed, and shows the server’s refusal at the field it names', async () => {
    signIn();
    serve([widget()]);
    const sent = patch(() => apiError(400, 'invalid_widget', 'channels[0].phone is not in the expected format'));
    await open();
    const greeting = screen.getByLabelText('Greeting');
    await userEvent.clear(greeting);
    await userEvent.type(greeting, 'Hola!');
    expect(screen.getByText('Unsaved changes')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    const error = await screen.findByText('channels[0].phone is not in the expected format');
    expect(sent).toEqual([{ greeting: 'Hola!' }]);
    const phone = screen.getByLabelText('WhatsApp number');
    expect(phone.getAttribute('aria-describedby')).toContain(error.id);
    // Changing the field clears the server's refusal of it.
    await userEvent.type(phone, '9');
    expect(screen.queryByText('channels[0].phone is not in the expected format')).toBeNull();
  });

  it('saves, shows it saved, and has nothing unsaved afterwards', async () => {
    signIn();
    serve([widget()]);
    const sent = patch((body) => HttpResponse.json(widget({ ...(body as Partial<WidgetResponse>) })));
    await open();
    await userEvent.click(screen.getByRole('button', { name: 'Add Telegram' }));
    const username = screen.getByLabelText('Telegram username');
    await waitFor(() => expect(document.activeElement).toBe(username));
    await fill(username, '@acme_support');
    await userEvent.click(screen.getByRole('button', { name: 'Move Telegram up' }));
    await userEvent.click(screen.getByRole('radio', { name: 'Bottom left' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText(/Saved\. Sites with your snippet/)).toBeTruthy();
    expect(sent).toEqual([
      {
        appearance: { position: 'left', color: '#1b6ef3', label: null },
        channels: [
          { type: 'telegram', username: 'acme_support' },
          { type: 'whatsapp', phone: '+34 612 345 678' },
        ],
      },
    ]);
    expect(screen.queryByText('Unsaved changes')).toBeNull();
    const items = within(screen.getByRole('heading', { name: 'Channels' }).closest('section') as HTMLElement)
      .getAllByRole('group')
      .map((g) => g.querySelector('legend')?.textContent);
    expect(items).toEqual(['1. Telegram', '2. WhatsApp', 'Add a channel']);
  });

  it('removes a channel and discards changes only once confirmed', async () => {
    signIn();
    serve([widget()]);
    await open();
    await userEvent.click(screen.getByRole('button', { name: 'Remove WhatsApp (channel 1)' }));
    expect(screen.getByText('No channels yet')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Discard' }));
    const dialog = screen.getByRole('dialog', { name: 'Discard your changes?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Keep editing' }));
    expect(screen.getByText('No channels yet')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Discard' }));
    await userEvent.click(screen.getByRole('button', { name: 'Discard changes' }));
    expect(screen.getByLabelText('WhatsApp number')).toBeTruthy();
    expect(screen.queryByText('Unsaved changes')).toBeNull();
  });

  it('adds and removes allowed domains, tidied, and says what an empty list means', async () => {
    signIn();
    serve([widget()]);
    const sent = patch((body) => HttpResponse.json(widget({ allowedDomains: body.allowedDomains as string[] })));
    await open();
    expect(screen.getByText('Visits from every site count.')).toBeTruthy();
    const input = screen.getByLabelText('Add a domain');
    await fill(input, 'shop example.com', true);
    expect(screen.getByText(/no port, path or spaces/)).toBeTruthy();
    await userEvent.clear(input);
    await fill(input, 'https://Shop.Example.com/', true);
    await fill(input, '*.example.org');
    await userEvent.click(screen.getByRole('button', { name: 'Add' }));
    await userEvent.click(screen.getByRole('button', { name: 'Remove *.example.org' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await screen.findByText(/Saved\./);
    expect(sent).toEqual([{ allowedDomains: ['shop.example.com'] }]);
  });

  it('keeps what is typed while a save is on its way, and saves it next time', async () => {
    signIn();
    serve([widget()]);
    let answer: () => void = () => {};
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    const sent: Record<string, unknown>[] = [];
    server.use(
      http.patch('/api/widgets/:id', async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>;
        sent.push(body);
        if (sent.length === 1) await answered;
        return HttpResponse.json(widget({ ...(body as Partial<WidgetResponse>) }));
      }),
    );
    await open();
    const greeting = screen.getByLabelText('Greeting') as HTMLTextAreaElement;
    await userEvent.clear(greeting);
    await userEvent.type(greeting, 'Hola');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await screen.findByRole('button', { name: 'Saving…' });
    await userEvent.type(greeting, '!');
    await userEvent.type(screen.getByLabelText('Agent name'), ' team');
    answer();
    expect(await screen.findByText(/Saved, except what you changed while it was saving/)).toBeTruthy();
    expect(greeting.value).toBe('Hola!');
    expect((screen.getByLabelText('Agent name') as HTMLInputElement).value).toBe('Support team');
    expect(screen.getByText('Unsaved changes')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await screen.findByText(/Saved\. Sites with your snippet/);
    expect(sent).toEqual([
      { greeting: 'Hola' },
      { greeting: 'Hola!', agent: { name: 'Support team', avatarUrl: null } },
    ]);
    expect(screen.queryByText('Unsaved changes')).toBeNull();
  });

  it('moves the focus to the enabled input after removing a domain from a full list', async () => {
    signIn();
    const hosts = Array.from({ length: 20 }, (_, i) => `s${i}.example.com`);
    serve([widget({ allowedDomains: hosts })]);
    await open();
    const input = screen.getByLabelText('Add a domain') as HTMLInputElement;
    expect(input.disabled).toBe(true);
    expect(screen.getByText('You have the maximum of 20 domains.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Remove s5.example.com' }));
    await waitFor(() => expect(document.activeElement).toBe(input));
    expect(input.disabled).toBe(false);
  });

  it('warns before the page is left with unsaved changes', async () => {
    signIn();
    serve([widget()]);
    await open();
    const leave = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(leave);
    expect(leave.defaultPrevented).toBe(false);
    await userEvent.type(screen.getByLabelText('Agent name'), ' team');
    const again = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(again);
    expect(again.defaultPrevented).toBe(true);
  });
});

describe('the footer switch', () => {
  it('is shown locked on Free, with the plans that unlock it', async () => {
    signIn({ plan: 'free' });
    serve([widget()]);
    await open();
    const toggle = screen.getByRole('switch', { name: /Show ⚡ by Callbell/ }) as HTMLInputElement;
    expect(toggle.disabled).toBe(true);
    expect(toggle.checked).toBe(true);
    expect(screen.getByText('Pro or Business plan hides it')).toBeTruthy();
  });

  it('hides the footer on Pro, and shows a refusal of the plan at the switch', async () => {
    signIn({ plan: 'pro' });
    serve([widget()]);
    const sent = patch(() =>
      apiError(403, 'plan_required', 'Hiding the "by Callbell" footer requires the Pro or Business plan'),
    );
    await open();
    const toggle = screen.getByRole('switch', { name: /Show ⚡ by Callbell/ }) as HTMLInputElement;
    expect(toggle.disabled).toBe(false);
    await userEvent.click(toggle);
    expect(toggle.checked).toBe(false);
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    const error = await screen.findByText(/requires the Pro or Business plan/);
    expect(sent).toEqual([{ hideBranding: true }]);
    expect(toggle.getAttribute('aria-describedby')).toContain(error.id);
  });
});

describe('the snippet', () => {
  it('is shown with a copy button that copies it', async () => {
    const user = userEvent;
    signIn();
    serve([widget()]);
    await open();
    expect(screen.getByText(SNIPPET)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Copy snippet' }));
    expect(await navigator.clipboard.readText()).toBe(SNIPPET);
    expect(screen.getByRole('button', { name: 'Copied ✓' })).toBeTruthy();
  });

  it('in the demo, offers a demo site running this widget; elsewhere, no such site exists', async () => {
    signIn({}, { demo: true });
    serve([widget()]);
    await open();
    const link = screen.getByRole('link', { name: 'Try it on a demo site' });
    expect(link.getAttribute('href')).toBe(`/sites/bakery/${ID}`);
    signIn({}, { demo: false });
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Try it on a demo site' })).toBeNull());
  });

  it('is where a new account is pointed to first', async () => {
    signIn();
    serve([widget()]);
    await open('/app/widget?welcome=1');
    expect(screen.getByText('Welcome to Callbell! Your chat widget is ready.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'copy the snippet below' }).getAttribute('href')).toBe('#snippet');
    expect(document.getElementById('snippet')?.textContent).toContain(SNIPPET);
  });
});

describe('the installation', () => {
  const section = async () => {
    const title = await screen.findByRole('heading', { name: 'Installation' });
    return title.closest('section') as HTMLElement;
  };

  it('says when the widget has not been seen, and what to do', async () => {
    signIn();
    serve([widget()]);
    await open();
    const s = await section();
    expect(await within(s).findByText('Not seen yet')).toBeTruthy();
    expect(within(s).getByText('No ping yet: paste the snippet')).toBeTruthy();
    expect(within(s).getByText(/Paste the snippet into your site's pages/)).toBeTruthy();
    expect(within(s).getByText('Never')).toBeTruthy();
    expect(within(s).getByText(/No site has loaded the widget yet/)).toBeTruthy();
  });

  it('counts visitors, with the sites seen, and checks again on request', async () => {
    signIn();
    let calls = 0;
    server.use(
      http.get('/api/widgets', () => HttpResponse.json({ widgets: [widget()] })),
      http.get('/api/widgets/:id/install', () => {
        calls++;
        return HttpResponse.json({
          ...NO_PINGS,
          state: 'counting',
          explanation: 'Seen by 1 of the 3 distinct visitors needed on https://shop.example.com',
          nextStep: '2 more visitors on one public address will qualify it',
          lastPingAt: new Date(Date.now() - 3 * 3600_000).toISOString(),
          origins: [
            {
              origin: 'https://shop.example.com',
              publicOrigin: true,
              allowed: true,
              visitors: 1,
              networks: 1,
              lastSeenOn: '2026-11-20',
              visitorDays30d: 1,
            },
            {
              origin: 'http://localhost:5173',
              publicOrigin: false,
              allowed: true,
              visitors: 4,
              networks: 1,
              lastSeenOn: '2026-11-19',
              visitorDays30d: 4,
            },
          ],
        });
      }),
    );
    await open();
    const s = await section();
    expect(await within(s).findByText('Waiting for visitors')).toBeTruthy();
    expect(within(s).getByText(/Seen by 1 of the 3 distinct visitors/)).toBeTruthy();
    expect(within(s).getByText('3 hours ago')).toBeTruthy();
    expect(within(s).getByRole('region', { name: 'Sites where the widget was seen' })).toBeTruthy();
    const rows = within(s).getAllByRole('row');
    expect(rows[1]?.textContent).toContain('https://shop.example.com');
    expect(rows[1]?.textContent).toContain('20 Nov 2026');
    expect(within(rows[2] as HTMLElement).getByText('Test address')).toBeTruthy();
    await userEvent.click(within(s).getByRole('button', { name: 'Check again' }));
    await waitFor(() => expect(calls).toBe(2));
  });

  it('asks the server again after a save, since new allowed domains may change its verdict', async () => {
    signIn();
    let calls = 0;
    server.use(
      http.get('/api/widgets', () => HttpResponse.json({ widgets: [widget()] })),
      http.get('/api/widgets/:id/install', () => {
        calls++;
        return HttpResponse.json(
          calls === 1
            ? { ...NO_PINGS, state: 'not_allowed', explanation: 'Seen only on https://shop.example.com' }
            : { ...NO_PINGS, state: 'counting', explanation: 'Seen by 1 of the 3 distinct visitors needed' },
        );
      }),
    );
    patch((body) => HttpResponse.json(widget({ allowedDomains: body.allowedDomains as string[] })));
    await open();
    const s = await section();
    expect(await within(s).findByText('Seen outside your domains')).toBeTruthy();
    await fill(screen.getByLabelText('Add a domain'), 'shop.example.com', true);
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await within(s).findByText('Waiting for visitors')).toBeTruthy();
    expect(calls).toBe(2);
  });

  it('says when and where it qualified', async () => {
    signIn();
    serve(
      [
        widget({
          install: {
            qualified: true,
            qualifiedAt: '2026-11-02T09:00:00.000Z',
            qualifiedOrigin: 'https://shop.example.com',
            lastPingAt: '2026-11-21T09:00:00.000Z',
          },
        }),
      ],
      {
        ...NO_PINGS,
        state: 'qualified',
        qualified: true,
        explanation: 'Installed: qualified on https://shop.example.com on 2026-11-02',
        nextStep: null,
        qualifiedAt: '2026-11-02T09:00:00.000Z',
        qualifiedOrigin: 'https://shop.example.com',
        lastPingAt: '2026-11-21T09:00:00.000Z',
      },
    );
    await open();
    const s = await section();
    expect(await within(s).findByText('Installed')).toBeTruthy();
    expect(within(s).getByText(/2 Nov 2026 on https:\/\/shop\.example\.com/)).toBeTruthy();
    expect(within(s).queryByText(/Next:/)).toBeNull();
  });

  it('says whether the page it qualified on was found carrying the snippet', async () => {
    signIn();
    const qualified = {
      ...NO_PINGS,
      state: 'qualified',
      qualified: true,
      explanation: 'Installed: qualified on https://shop.example.com on 2026-11-02',
      nextStep: null,
      qualifiedAt: '2026-11-02T09:00:00.000Z',
      qualifiedOrigin: 'https://shop.example.com',
    };
    let answer: object = {
      ...qualified,
      verification: {
        state: 'checking',
        explanation:
          'The snippet was not found on https://shop.example.com/ yet: the page answered HTTP 404; it is tried again after 2026-11-02 11:00 UTC',
        nextStep: 'Keep the snippet on a public page of that site (not behind a log-in)',
        attempts: 2,
        checkedUrl: 'https://shop.example.com/',
        foundUrl: null,
        checkedAt: '2026-11-02T09:15:00.000Z',
        nextCheckAt: '2026-11-02T11:00:00.000Z',
      },
    };
    server.use(
      http.get('/api/widgets', () => HttpResponse.json({ widgets: [widget()] })),
      http.get('/api/widgets/:id/install', () => HttpResponse.json(answer)),
    );
    await open();
    const s = await section();
    const check = within(await within(s).findByRole('region', { name: 'Page check' }));
    expect(check.getByText('Checking the page')).toBeTruthy();
    expect(check.getByText(/answered HTTP 404; it is tried again/)).toBeTruthy();
    expect(check.getByText(/Keep the snippet on a public page/)).toBeTruthy();
    expect(check.getByText('Last checked').nextElementSibling?.textContent).toMatch(/\(2 tries\)$/);
    expect(check.getByText('Next check')).toBeTruthy();

    answer = {
      ...qualified,
      verification: {
        state: 'found',
        explanation: 'The snippet was found on https://shop.example.com/ on 2026-11-02',
        nextStep: null,
        attempts: 3,
        checkedUrl: 'https://shop.example.com/',
        foundUrl: 'https://shop.example.com/',
        checkedAt: '2026-11-02T11:00:00.000Z',
        nextCheckAt: null,
      },
    };
    await userEvent.click(within(s).getByRole('button', { name: 'Check again' }));
    const found = within(await within(s).findByRole('region', { name: 'Page check' }));
    expect(await found.findByText('Snippet found')).toBeTruthy();
    expect(found.queryByText(/Next:/)).toBeNull();
    expect(found.queryByText('Next check')).toBeNull();
  });

  it('shows its own error, and tries again', async () => {
    signIn();
    server.use(
      http.get('/api/widgets', () => HttpResponse.json({ widgets: [widget()] })),
      http.get('/api/widgets/:id/install', () => apiError(404, 'unknown_widget', `No widget ${ID}`), { once: true }),
      http.get('/api/widgets/:id/install', () => HttpResponse.json(NO_PINGS)),
    );
    await open();
    const s = await section();
    expect(await within(s).findByText(`No widget ${ID}`)).toBeTruthy();
    await userEvent.click(within(s).getByRole('button', { name: 'Try again' }));
    expect(await within(s).findByText('Not seen yet')).toBeTruthy();
  });
});

describe('several widgets', () => {
  const second = widget({
    id: 'wdg_second000001',
    snippet: SNIPPET.replace(ID, 'wdg_second000001'),
    greeting: 'Second one',
    install: {
      qualified: true,
      qualifiedAt: '2026-11-02T09:00:00.000Z',
      qualifiedOrigin: 'https://b.example.com',
      lastPingAt: null,
    },
  });

  it('picks one by its address, the first one otherwise', async () => {
    signIn();
    serve([widget(), second]);
    await open('/app/widget/wdg_second000001');
    const picker = screen.getByRole('navigation', { name: 'Your widgets' });
    expect(within(picker).getByRole('link', { current: 'page' }).textContent).toContain('Widget 2 · b.example.com');
    expect((screen.getByLabelText('Greeting') as HTMLTextAreaElement).value).toBe('Second one');
  });

  it('says so when the address names a widget the account does not have', async () => {
    signIn();
    serve([widget()]);
    renderAt('/app/widget/wdg_nothere0000001', <WidgetPage />);
    expect(await screen.findByText(/This widget is not in your account/)).toBeTruthy();
  });

  it('creates another widget and opens it', async () => {
    signIn();
    serve([widget()]);
    server.use(http.post('/api/widgets', () => HttpResponse.json(second, { status: 201 })));
    await open();
    await userEvent.click(screen.getByRole('button', { name: '+ Create another widget' }));
    await waitFor(() => expect(location.pathname).toBe('/app/widget/wdg_second000001'));
    expect(within(screen.getByRole('navigation', { name: 'Your widgets' })).getAllByRole('link')).toHaveLength(2);
  });

  it('asks before leaving unsaved changes for another widget, and stays when told to', async () => {
    signIn();
    serve([widget(), second]);
    const ask = vi.spyOn(window, 'confirm').mockReturnValue(false);
    await open('/app/widget');
    await userEvent.type(screen.getByLabelText('Agent name'), ' team');
    const picker = screen.getByRole('navigation', { name: 'Your widgets' });
    await userEvent.click(within(picker).getByText('Widget 2 · b.example.com'));
    expect(ask).toHaveBeenCalledWith(expect.stringMatching(/unsaved changes/));
    expect(location.pathname).toBe('/app/widget');
    await userEvent.click(screen.getByRole('button', { name: '+ Create another widget' }));
    expect(ask).toHaveBeenCalledTimes(2); // and nothing was created: no POST handler exists
    ask.mockReturnValue(true);
    await userEvent.click(within(picker).getByText('Widget 2 · b.example.com'));
    await waitFor(() => expect(location.pathname).toBe('/app/widget/wdg_second000001'));
  });

  it('shows why a widget could not be created', async () => {
    signIn();
    serve([widget()]);
    server.use(
      http.post('/api/widgets', () => apiError(409, 'widget_limit', 'An account can have at most 20 widgets')),
    );
    await open();
    await userEvent.click(screen.getByRole('button', { name: '+ Create another widget' }));
    expect((await screen.findByRole('alert')).textContent).toContain('An account can have at most 20 widgets');
  });

  it('offers to create one when the account has none, and says when the list cannot load', async () => {
    signIn();
    server.use(http.get('/api/widgets', () => apiError(500, 'internal', 'boom'), { once: true }));
    renderAt('/app/widget', <WidgetPage />);
    expect((await screen.findByRole('alert')).textContent).toContain('The server could not do this (500)');
    serve([]);
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('You have no chat widget yet')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Create your widget' })).toBeTruthy();
  });
});

describe('the preview', () => {
  it('runs in its own frame and is sent the unsaved draft', async () => {
    signIn();
    serve([widget()]);
    await open();
    const frame = screen.getByTitle('Widget preview') as HTMLIFrameElement;
    expect(frame.getAttribute('src')).toBe('/app/preview.html');
    const post = vi.spyOn(frame.contentWindow as Window, 'postMessage').mockImplementation(() => {});
    fireEvent.load(frame);
    expect(post).toHaveBeenLastCalledWith(
      expect.objectContaining({
        type: 'callbell:preview-config',
        config: expect.objectContaining({ widgetId: ID, greeting: 'Hi there! How can we help?' }),
      }),
      'http://localhost:3000',
    );
    await userEvent.clear(screen.getByLabelText('Or type its code'));
    await fill(screen.getByLabelText('Or type its code'), '#ff0000');
    await waitFor(() =>
      expect(post).toHaveBeenLastCalledWith(
        expect.objectContaining({
          config: expect.objectContaining({
            appearance: { position: 'right', color: '#ff0000', label: null },
            branding: expect.objectContaining({ show: true, label: '⚡ by Callbell' }),
          }),
        }),
        'http://localhost:3000',
      ),
    );
    // While the colour is half typed the preview keeps the last valid version, and says so.
    const calls = post.mock.calls.length;
    await userEvent.type(screen.getByLabelText('Or type its code'), '{Backspace}');
    expect(screen.getByText(/Paused on the last valid version/)).toBeTruthy();
    await new Promise((r) => setTimeout(r, 300));
    expect(post.mock.calls.length).toBe(calls);
  });
});
