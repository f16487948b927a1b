import type { Paged } from './paged.ts';

/** "Show more" under a paged list, with the failure of the last try where it happened. */
export function ShowMore<T>({ paged, what }: { paged: Paged<T>; what: string }) {
  const page = paged.resource.data.value;
  const error = paged.moreError.value;
  if (!page?.nextBefore && !error) return null;
  const busy = paged.loadingMore.value;
  return (
    <div class="rw-more">
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
      {page?.nextBefore && (
        <button type="button" class="btn btn-secondary" onClick={paged.more} disabled={busy} aria-busy={busy}>
          {busy ? `Loading more ${what}…` : error ? 'Try again' : `Show more ${what}`}
        </button>
      )}
    </div>
  );
}
