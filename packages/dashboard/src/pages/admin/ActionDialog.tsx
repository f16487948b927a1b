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
  /** What the field holds when the dialog opens (an amount proposed, say). */
  initial?: string;
  /** Checks the text before anything is sent: an error to show beside the field, or null. */
  validate?: (text: string) => string | null;
  inputMode?: 'text' | 'decimal';
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
  dismissLabel = 'Cancel',
  input,
  onConfirm,
  onClose,
  children,
}: {
  open: boolean;
  title: string;
  confirmLabel: string;
  danger?: boolean;
  /** The button that closes the dialog without doing anything. */
  dismissLabel?: string;
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
    setText(input?.initial ?? '');
    setError(null);
    setBusy(false);
  }, [open]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const form = e.currentTarget as HTMLFormElement;
    const invalid = input?.required && !text.trim() ? input.required : (input?.validate?.(text.trim()) ?? null);
    if (invalid) {
      setError(invalid);
      // The field is marked invalid on the next render; focus it then.
      requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid]')?.focus());
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
                  inputMode={input.inputMode}
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
            {dismissLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
