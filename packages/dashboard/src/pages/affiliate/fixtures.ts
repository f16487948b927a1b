// Answers of the affiliate API for the component tests, shaped as the server's schema says.
import type { Access, Banners, Day, GroupBy, Stats, Totals } from './types.ts';

export const zero = (): Totals => ({
  clicks: 0,
  uniqueClicks: 0,
  signups: 0,
  installs: 0,
  payingCustomers: 0,
  commissionCents: 0,
  bountyCents: 0,
});

const days = (from: string, to: string) => {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
};

/** A report from `from` to `to`, with the given days' numbers (zeros elsewhere) and groups. */
export function report(opts: {
  from: string;
  to: string;
  groupBy?: GroupBy;
  days?: Record<string, Partial<Totals>>;
  totals?: Partial<Totals>;
  groups?: { key: string | null; totals: Partial<Totals> }[];
  omittedGroups?: number;
}): Stats {
  const series: Day[] = days(opts.from, opts.to).map((day) => ({ day, ...zero(), ...opts.days?.[day] }));
  const summed = zero();
  for (const d of series) for (const k of Object.keys(summed) as (keyof Totals)[]) summed[k] += d[k];
  return {
    from: opts.from,
    to: opts.to,
    groupBy: opts.groupBy ?? null,
    totals: { ...summed, ...opts.totals },
    series,
    groups: (opts.groups ?? []).map((g) => ({
      key: g.key,
      totals: { ...zero(), ...g.totals },
      series: series.map((d) => ({ ...d, ...zero() })),
    })),
    omittedGroups: opts.omittedGroups ?? 0,
  };
}

export const NONE: Access = { status: 'none', promiseHours: 24, keys: [] };

export const approved = (keys: Access['keys'] = []): Access => ({
  status: 'approved',
  promiseHours: 24,
  message: null,
  requestedAt: '2026-11-01T09:00:00.000Z',
  reviewDueAt: '2026-11-02T09:00:00.000Z',
  decidedAt: '2026-11-01T15:00:00.000Z',
  rejectReason: null,
  withdrawnAt: null,
  withdrawReason: null,
  keys,
});

export const BANNER_SIZES = [
  { id: '728x90', name: 'Leaderboard', width: 728, height: 90 },
  { id: '300x250', name: 'Medium rectangle', width: 300, height: 250 },
  { id: '160x600', name: 'Wide skyscraper', width: 160, height: 600 },
  { id: '320x50', name: 'Mobile banner', width: 320, height: 50 },
];

/** The banners answer for a campaign, as the server writes it. */
export function banners(campaign: string | null): Banners {
  const linkUrl = `http://localhost:3000/r/anacode1?src=banner${campaign ? `&c=${campaign}` : ''}`;
  return {
    campaign,
    banners: BANNER_SIZES.map((s) => {
      const imageUrl = `http://localhost:3000/banners/${s.id}.svg`;
      return {
        ...s,
        imageUrl,
        linkUrl,
        html: `<a href="${linkUrl.replaceAll('&', '&amp;')}" rel="sponsored noopener" target="_blank"><img src="${imageUrl}" width="${s.width}" height="${s.height}" alt="Callbell" loading="lazy"></a>`,
      };
    }),
  };
}
