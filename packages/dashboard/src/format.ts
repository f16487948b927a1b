/**
 * Money, percentages, dates and durations, formatted in one place. Money arrives as integer
 * euro cents and is only ever divided here, for display.
 */

const eur = new Intl.NumberFormat('en-IE', { style: 'currency', currency: 'EUR' });
const int = new Intl.NumberFormat('en-IE');
const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const dayTime = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
});
const rel = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** 1470 → "€14.70"; -500 → "-€5.00". */
export const euros = (cents: number): string => eur.format(cents / 100);

/** 3000 basis points → "30 %". */
export const percent = (bps: number): string => `${int.format(bps / 100)} %`;

/** 12345 → "12,345". */
export const count = (n: number): string => int.format(n);

const asDate = (d: string | Date) => (typeof d === 'string' ? new Date(d) : d);

/** "3 Dec 2026" (UTC, as the programme counts days). */
export const date = (d: string | Date): string => day.format(asDate(d));

/** "3 Dec 2026, 14:05 UTC". */
export const dateTime = (d: string | Date): string => dayTime.format(asDate(d));

/** "in 12 days", "3 hours ago", "now". */
export function relative(d: string | Date, now: Date = new Date()): string {
  const seconds = (asDate(d).getTime() - now.getTime()) / 1000;
  const abs = Math.abs(seconds);
  if (abs < 45) return 'now';
  if (abs < 3600) return rel.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return rel.format(Math.round(seconds / 3600), 'hour');
  if (abs < 86_400 * 60) return rel.format(Math.round(seconds / 86_400), 'day');
  return rel.format(Math.round(seconds / (86_400 * 30)), 'month');
}

/** A length of time: "45 min", "5 h 12 min", "2 days 3 h". */
export function duration(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`;
  const days = Math.floor(hours / 24);
  return `${days} days${hours % 24 ? ` ${hours % 24} h` : ''}`;
}

/** "1 visitor", "3 visitors". */
export const plural = (n: number, one: string, many = `${one}s`): string => `${count(n)} ${n === 1 ? one : many}`;

/** How a payout is paid, in words: as a label, and inside a sentence. */
export const PAYOUT_METHOD = { paypal: 'PayPal', bank_transfer: 'Bank transfer' } as const;
export const PAYOUT_METHOD_IN_TEXT = { paypal: 'PayPal', bank_transfer: 'bank transfer' } as const;

/** A plan's name. */
export const PLAN_NAME = { free: 'Free', pro: 'Pro', business: 'Business' } as const;

/** A widget as the owner's pages name it: its place in the list, and its site once installed. */
export function widgetLabel(index: number, qualifiedOrigin: string | null | undefined): string {
  let host = '';
  try {
    host = qualifiedOrigin ? new URL(qualifiedOrigin).host : '';
  } catch {}
  return host ? `Widget ${index + 1} · ${host}` : `Widget ${index + 1}`;
}
