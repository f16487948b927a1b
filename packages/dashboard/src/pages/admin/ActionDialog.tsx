import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Dialog } from '../../components/Dialog.tsx';
import { Field } from '../../components/Field.tsx';

export interface TextInput {
  label: string;
  hint?: string;
  /** Without it, the field may be left empty. */
  required?: string;
  maxLength: number;
  multiline?: boolean;
}

/**
 * The confirmation every decision of the operator goes through: what will happen, in words,
 * and (for a reference or a reason) one field. `onConfirm` sends the decision; it answers an
 * error to show beside the field (the dialog stays open), or null once done (it closes).
 */
export function ActionDialog({
  open,
  title,
  confirmLabel,
  danger,
  input,
  onConfirm,
  onClose,
  children,
}: {
  open: boolean;
  title: string;
  confirmLabel: string;
  danger?: boolean;
  input?: TextInput;
  onConfirm: (text: string) => Promise<string | null>;
  onClose: () => void;
  children: ComponentChildren;
}) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!open) return;
    setText('');
    setError(null);
    setBusy(false);
  }, [open]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if (input?.required && !text.trim()) {
      setError(input.required);
      (e.currentTarget as HTMLFormElement).querySelector<HTMLElement>('[aria-invalid]')?.focus();
      return;
    }
    setBusy(true);
    const problem = await onConfirm(text.trim());
    setBusy(false);
    if (problem) setError(problem);
  };

  return (
    <Dialog open={open} title={title} onClose={() => !busy && onClose()}>
      <form class="stack" onSubmit={submit} noValidate>
        <div class="admin-dialog-body">{children}</div>
        {input && (
          <Field label={input.label} hint={input.hint} error={error}>
            {(ids) =>
              input.multiline ? (
                <textarea
                  {...ids}
                  value={text}
                  maxLength={input.maxLength}
                  required={Boolean(input.required)}
                  autoFocus
                  onInput={(e) => setText(e.currentTarget.value)}
                />
              ) : (
                <input
                  {...ids}
                  value={text}
                  maxLength={input.maxLength}
                  required={Boolean(input.required)}
                  autoComplete="off"
                  autoFocus
                  onInput={(e) => setText(e.currentTarget.value)}
                />
              )
            }
          </Field>
        )}
        {!input && error && <p class="field-error">{error}</p>}
        <div class="row admin-dialog-actions">
          <button type="submit" class={`btn ${danger ? 'btn-danger' : 'btn-primary'}`} disabled={busy}>
            {busy ? 'Sending…' : confirmLabel}
          </button>
          <button type="button" class="btn btn-ghost" onClick={onClose} disabled={busy}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
