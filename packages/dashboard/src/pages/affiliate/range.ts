/**
 * The statistics' date range as the page's URL keeps it, so a view can be shared and survives
 * a reload: `?range=7|30|90` (days ending today) or `?from=YYYY-MM-DD&to=YYYY-MM-DD`. The server
 * resolves and checks the range; this only reads and writes the URL.
 */

export const PRESETS = [7, 30, 90] as const;
export type Preset = (typeof PRESETS)[number];

export type Range = { kind: 'preset'; days: Preset } | { kind: 'custom'; from: string; to: string };

export const DEFAULT_RANGE: Range = { kind: 'preset', days: 30 };

const isPreset = (n: number): n is Preset => (PRESETS as readonly number[]).includes(n);

/** The range a URL's query asks for; anything unreadable is the default. */
export function parseRange(query: Record<string, string | undefined>): Range {
  if (query.from || query.to) return { kind: 'custom', from: query.from ?? '', to: query.to ?? '' };
  const days = Number(query.range);
  return isPreset(days) ? { kind: 'preset', days } : DEFAULT_RANGE;
}

/** The query string (with its `?`) that keeps `range` in the URL. */
export function rangeSearch(range: Range): string {
  const q = new URLSearchParams();
  if (range.kind === 'preset') q.set('range', String(range.days));
  else {
    if (range.from) q.set('from', range.from);
    if (range.to) q.set('to', range.to);
  }
  return `?${q}`;
}

/** What the statistics API takes for `range`: a number of days ending today, or from/to. */
export function apiRange(range: Range): { days: number } | { from?: string; to?: string } {
  if (range.kind === 'preset') return { days: range.days };
  return { ...(range.from ? { from: range.from } : {}), ...(range.to ? { to: range.to } : {}) };
}

/** The errors of a custom range before it is sent: both days given, in order. */
export function checkCustom(from: string, to: string): { from?: string; to?: string } {
  const errors: { from?: string; to?: string } = {};
  if (!from) errors.from = 'Pick the first day';
  if (!to) errors.to = 'Pick the last day';
  if (from && to && from > to) errors.to = 'The last day must be on or after the first';
  return errors;
}
