import { signal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';

/** A confirmation that outlives the page that caused it, shown once on the page named. */
const current = signal<{ message: string; path: string } | null>(null);

/**
 * Shows `message` at the top of the signed-in page at `path` (by default the one open now),
 * for example "your password was changed" after the reset page moved on to the dashboard.
 * It goes when the person moves to another page or closes it.
 */
export function flash(message: string, path: string = location.pathname): void {
  current.value = { message, path };
}

/** The message for the page at `path`, if there is one; it takes the focus, so it is read. */
export function Flash({ path }: { path: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const shown = current.value;
  const here = shown?.path === path ? shown : null;
  useEffect(() => {
    if (shown && !here) current.value = null;
    if (here) ref.current?.focus();
  }, [here?.message, path]);
  if (!here) return null;
  return (
    <div ref={ref} tabIndex={-1} class="alert alert-success flash" role="status">
      <p>{here.message}</p>
      <button
        type="button"
        class="btn btn-ghost btn-small flash-close"
        aria-label="Dismiss this message"
        onClick={() => {
          current.value = null;
        }}
      >
        <span aria-hidden="true">×</span>
      </button>
    </div>
  );
}
