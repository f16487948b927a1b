import type { ComponentChildren, JSX } from 'preact';
import { useId } from 'preact/hooks';

export interface FieldIds {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}

/**
 * A labelled control with its hint and its error, tied together for screen readers. The
 * control comes as a function of the ids it must carry.
 */
export function Field({
  label,
  hint,
  error,
  children,
  class: className,
  id: givenId,
  aside,
}: {
  id?: string | undefined;
  label: ComponentChildren;
  /** Beside the label, outside it (a link such as "Forgot your password?"): not part of the name. */
  aside?: ComponentChildren;
  hint?: ComponentChildren;
  error?: string | null | undefined;
  children: (ids: FieldIds) => ComponentChildren;
  class?: string;
}) {
  const generated = useId();
  const id = givenId ?? generated;
  const hintId = hint ? `${id}-hint` : '';
  const errorId = error ? `${id}-error` : '';
  const describedBy = [hintId, errorId].filter(Boolean).join(' ');
  return (
    <div class={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      {aside ? (
        <div class="field-label-row">
          <label for={id}>{label}</label>
          {aside}
        </div>
      ) : (
        <label for={id}>{label}</label>
      )}
      {children({
        id,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(error ? { 'aria-invalid': true } : {}),
      })}
      {hint && (
        <p class="hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

type InputProps = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'label' | 'onInput' | 'value'> & {
  label: ComponentChildren;
  aside?: ComponentChildren;
  hint?: ComponentChildren;
  error?: string | null | undefined;
  value: string;
  onValue: (value: string) => void;
};

/** A text input (any `type`) with its label, hint and error. */
export function TextField({ label, aside, hint, error, value, onValue, class: className, id, ...rest }: InputProps) {
  return (
    <Field
      label={label}
      aside={aside}
      hint={hint}
      error={error}
      class={className as string | undefined}
      id={id as string | undefined}
    >
      {(ids) => (
        <input {...rest} {...ids} value={value} onInput={(e) => onValue((e.currentTarget as HTMLInputElement).value)} />
      )}
    </Field>
  );
}
