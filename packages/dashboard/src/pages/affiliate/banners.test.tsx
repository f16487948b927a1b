import { isCampaign } from '@callbell/protocol';
import { screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, http, renderAt, server, signIn } from '../../../test/render.tsx';
import { Banners } from './Banners.tsx';
import { approvedView } from './test-server.ts';

const open = () => renderAt('/app/affiliate', <Banners />);
const codes = () => [...document.querySelectorAll('.af-banner code')].map((c) => c.textContent ?? '');

describe('banners', () => {
  it('shows the four sizes with a preview and the code to paste', async () => {
    signIn();
    const view = approvedView();
    server.use(...view.handlers);
    open();
    expect(await screen.findByRole('heading', { name: /Leaderboard/ })).toBeTruthy();
    expect(screen.getAllByRole('article')).toHaveLength(4);
    const img = screen.getByAltText(/^Preview of the 300 × 250 banner: Callbell/) as HTMLImageElement;
    expect(img.getAttribute('src')).toBe('http://localhost:3000/banners/300x250.svg');
    expect(img.getAttribute('width')).toBe('300');
    expect(codes()[0]).toContain('href="http://localhost:3000/r/anacode1?src=banner"');
    expect(screen.getAllByRole('button', { name: 'Copy code' })).toHaveLength(4);
    expect(view.bannerCalls).toEqual([null]);
  });

  it('asks for the code of the campaign typed, once typing pauses, and copies it', async () => {
    signIn();
    const user = userEvent.setup();
    const view = approvedView();
    server.use(...view.handlers);
    open();
    await screen.findByRole('heading', { name: /Leaderboard/ });
    await user.type(screen.getByLabelText('Campaign (optional)'), 'spring-2026');
    await waitFor(() => expect(codes()[0]).toContain('src=banner&amp;c=spring-2026'));
    // A request when typing pauses, not one per letter.
    expect(view.bannerCalls.at(-1)).toBe('spring-2026');
    expect(view.bannerCalls.length).toBeLessThan(4);
    const article = within(screen.getByRole('article', { name: /Mobile banner/ }));
    await user.click(article.getByRole('button', { name: 'Copy code' }));
    expect(await navigator.clipboard.readText()).toContain('c=spring-2026');
  });

  it('refuses a campaign the server would refuse, beside the field, without asking', async () => {
    signIn();
    const view = approvedView();
    server.use(...view.handlers);
    open();
    await screen.findByRole('heading', { name: /Leaderboard/ });
    await userEvent.type(screen.getByLabelText('Campaign (optional)'), 'spring sale');
    const error = screen.getByText(/Use up to 64 letters, digits/);
    expect(screen.getByLabelText('Campaign (optional)').getAttribute('aria-describedby')).toContain(error.id);
    expect(screen.getAllByText("Fix the campaign name above to get this banner's code.")).toHaveLength(4);
    expect(screen.queryAllByRole('button', { name: 'Copy code' })).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(view.bannerCalls).toEqual([null]);
  });

  it('shows the server’s own refusal beside the field', async () => {
    signIn();
    server.use(
      // First, so it answers before the usual handler (which answers when this one does not).
      http.get('/api/affiliate/banners', ({ request }) =>
        new URL(request.url).searchParams.get('campaign')
          ? apiError(400, 'invalid_campaign', 'A campaign is 1 to 64 letters, digits, ".", "_" or "-"')
          : undefined,
      ),
      ...approvedView().handlers,
    );
    open();
    await screen.findByRole('heading', { name: /Leaderboard/ });
    await userEvent.type(screen.getByLabelText('Campaign (optional)'), 'x');
    expect(await screen.findByText('A campaign is 1 to 64 letters, digits, ".", "_" or "-"')).toBeTruthy();
  });

  it('takes campaigns by the rule the server applies (@callbell/protocol)', () => {
    for (const ok of ['spring', 'a', 'spring_2026.v2-b', 'x'.repeat(64)]) expect(isCampaign(ok)).toBe(true);
    for (const bad of ['', 'spring sale', 'ünïcode', 'a/b', 'x'.repeat(65), '=SUM(1)']) {
      expect(isCampaign(bad)).toBe(false);
    }
  });
});
