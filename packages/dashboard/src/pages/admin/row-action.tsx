import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api/client.ts';
import { messageOf } from '../../state/resource.ts';

type Outcome = { kind: 'error' | 'success'; text: string };

/**
 * One queue row's decisions: which dialog is open, and what the last decision answered, shown
 * on the row (and focused, so a keyboard or screen reader user lands on it when the dialog closes).
 * `onConflict` hears a 409 (another operator decided first, say), with its message, so the queue
 * can load again.
 */
export function useRowAction<D extends string>(onConflict?: (message: string) => void) {
  const [dialog, setDialog] = useState<D | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);

  /**
   * Sends a decision. A 400 on a dialog with a field is the field's (the dialog stays open);
   * anything else closes the dialog and is shown on the row.
   */
  async function run<T>(send: () => Promise<T>, done: (answer: T) => string, hasField = false): Promise<string | null> {
    try {
      const answer = await send();
      setDialog(null);
      setOutcome({ kind: 'success', text: done(answer) });
      return null;
    } catch (err) {
      if (hasField && err instanceof ApiError && err.status === 400) return err.message;
      setDialog(null);
      setOutcome({ kind: 'error', text: messageOf(err) });
      if (err instanceof ApiError && err.status === 409) onConflict?.(err.message);
      return null;
    }
  }

  return { dialog, open: (d: D) => setDialog(d), close: () => setDialog(null), run, outcome, outcomeRef };
}

/** What the row's last decision answered. */
export function RowOutcome({
  outcome,
  outcomeRef,
}: {
  outcome: Outcome | null;
  outcomeRef: { current: HTMLDivElement | null };
}) {
  if (!outcome) return null;
  return (
    <div
      ref={outcomeRef}
      tabIndex={-1}
      class={`alert alert-${outcome.kind} admin-outcome`}
      role={outcome.kind === 'error' ? 'alert' : 'status'}
    >
      <p>{outcome.text}</p>
    </div>
  );
}

interface Conflict {
  id: string;
  who: string;
  message: string;
}

/**
 * A queue's answer to a decision refused because the row changed meanwhile (409: another
 * operator decided first): the queue and the counts load again, so the row shows what it is
 * now, and the message stays, on the row while it is listed, or above the queue once the row
 * has left it. `scope` is the queue's filter: another one forgets the message.
 */
export function useConflicts(scope: string, reload: () => void, onChanged: () => void) {
  const [last, setLast] = useState<Conflict | null>(null);
  useEffect(() => setLast(null), [scope]);
  return {
    last,
    /** The row's `onConflict`. */
    onConflict: (id: string, who: string) => (message: string) => {
      setLast({ id, who, message });
      reload();
      onChanged();
    },
  };
}

/** The message of a refused decision whose row is no longer in the queue shown. */
export function LeftQueue({ conflict, listed }: { conflict: Conflict | null; listed: string[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const shown = conflict !== null && !listed.includes(conflict.id);
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [shown, conflict]);
  if (!shown) return null;
  return (
    <div ref={ref} tabIndex={-1} class="alert alert-error admin-outcome" role="alert">
      <p>
        <strong>{conflict.who}</strong>: {conflict.message.replace(/\.$/, '')}. It is no longer in this list.
      </p>
    </div>
  );
}
