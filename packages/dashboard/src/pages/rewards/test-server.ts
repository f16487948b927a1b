// msw handlers for the Rewards page's component tests.
import { HttpResponse, http } from 'msw';
import { server } from '../../../test/render.tsx';
import { ENTRIES, REFEREES, SUMMARY } from './fixtures.ts';
import type { Entry, Referee, Summary } from './types.ts';

/** The e-mail setting the page reads (its own card), on unless a test says otherwise. */
export function answerEmailSetting(earnings = true) {
  server.use(http.get('/api/account/notifications', () => HttpResponse.json({ earnings })));
}

/** The three read routes, answering `summary` and one page of each list (or none). */
export function answer(
  summary: Summary = SUMMARY,
  lists: { entries?: Entry[]; referees?: Referee[] } = { entries: ENTRIES, referees: REFEREES },
) {
  server.use(
    http.get('/api/rewards', () => HttpResponse.json(summary)),
    http.get('/api/rewards/entries', () => HttpResponse.json({ entries: lists.entries ?? [], nextBefore: null })),
    http.get('/api/rewards/referrals', () => HttpResponse.json({ referees: lists.referees ?? [], nextBefore: null })),
  );
}
