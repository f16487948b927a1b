import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api/client.ts';
import { messageOf } from '../../state/resource.ts';

type Outcome = { kind: 'error' | 'success'; text: string };

/**
 * One queue row's decisions: which dialog is open, and what the last decision answered, shown
 * on the row (and focused, so a keyboard or screen reader user lands on it when the dialog closes).
 */
export function useRowAction<D extends string>() {
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
