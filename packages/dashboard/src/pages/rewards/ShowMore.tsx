import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { Paged } from './paged.ts';

/**
 * "Show more" under a paged list, with the failure of the last try where it happened. When the
 * last page arrives the button goes away; the focus it had moves to the first row that page
 * brought (or the table), not to the top of the document.
 */
export function ShowMore<T>({
  paged,
  what,
  table,
}: {
  paged: Paged<T>;
  what: string;
  /** The table the rows are appended to. */
  table: RefObject<HTMLTableElement>;
}) {
  const page = paged.resource.data.value;
  const error = paged.moreError.value;
  const busy = paged.loadingMore.value;
  const shown = page?.items.length ?? 0;
  const root = useRef<HTMLDivElement>(null);
  // The number of rows shown when "Show more" was pressed: the index of the first new one.
  const firstNew = useRef<number | null>(null);

  useEffect(() => {
    const at = firstNew.current;
    if (at === null || busy) return;
    firstNew.current = null;
    // The button is still there (more to come, or a failure to try again): it keeps the focus.
    if (page?.nextBefore || shown <= at) return;
    const active = document.activeElement;
    if (active && active !== document.body && !root.current?.contains(active)) return; // focus moved on meanwhile
    const target: HTMLElement | null | undefined = table.current?.tBodies[0]?.rows[at] ?? table.current;
    if (!target) return;
    target.tabIndex = -1;
    target.focus();
  }, [shown, busy]);

  const more = () => {
    if (busy) return;
    firstNew.current = shown;
    paged.more();
  };

  // The wrapper stays when empty (hidden by CSS), so the focus can be moved once the button is gone.
  return (
    <div class="rw-more" ref={root}>
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
      {page?.nextBefore && (
        <button type="button" class="btn btn-secondary" onClick={more} aria-disabled={busy} aria-busy={busy}>
          {busy ? `Loading more ${what}…` : error ? 'Try again' : `Show more ${what}`}
        </button>
      )}
    </div>
  );
}
