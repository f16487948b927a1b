import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { count, dateTime, relative } from '../../format.ts';
import { clockOffsetMs, programmeNow } from './programme-clock.ts';

/** A moment, both ways: "3 days ago (1 Mar 2026, 10:00 UTC)", "ago" by the programme's clock. */
export function When({ at }: { at: string }) {
  return (
    <span class="admin-when">
      <time dateTime={at}>{relative(at, programmeNow())}</time> <span class="muted">({dateTime(at)})</span>
    </span>
  );
}

/**
 * Which part of a queue is shown, kept in the URL's query (`?status=paid`), so the view can be
 * shared and the back button works. The first option is the default and leaves the query out.
 * An option with a `count` shows how many are in it.
 */
export function QueueFilter<V extends string>({
  label,
  name,
  value,
  options,
}: {
  label: string;
  name: string;
  value: V;
  options: readonly { value: V; label: string; count?: number | undefined }[];
}) {
  const { path } = useLocation();
  return (
    <nav class="admin-filter" aria-label={label}>
      {options.map((o, i) => (
        <a
          key={o.value}
          href={i === 0 ? path : `${path}?${name}=${o.value}`}
          class="admin-filter-link"
          aria-current={o.value === value ? 'true' : undefined}
        >
          {o.label}
          {o.count !== undefined && (
            <>
              {' '}
              <span class="admin-filter-count">{count(o.count)}</span>
            </>
          )}
        </a>
      ))}
    </nav>
  );
}

/** One fact of a row: a term and what it is. */
export function Fact({ term, children }: { term: string; children: ComponentChildren }) {
  return (
    <div class="admin-fact">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** The query value if it is one of `allowed`, else the first of them. */
export function oneOf<V extends string>(value: string | undefined, allowed: readonly V[]): V {
  return allowed.includes(value as V) ? (value as V) : (allowed[0] as V);
}

/**
 * The time now (ms) by the programme's clock, moving on each minute: for words like "due in
 * 3 h" that must not go stale.
 */
export function useMinute(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(t);
  }, []);
  return now + clockOffsetMs.value;
}

/** Said when billing is Stripe's: the console then only shows what its webhooks brought. */
export function StripeNote() {
  return (
    <div class="alert alert-info">
      <p>
        Billing here is Stripe’s (STRIPE_SECRET_KEY is set), so refunds, disputes and cancellations happen in Stripe’s
        dashboard; its webhooks bring them here.
      </p>
    </div>
  );
}
