import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError } from '../../api/client.ts';
import { Alert } from '../../components/Alert.tsx';
import { TextField } from '../../components/Field.tsx';
import { AuthCard } from './AuthCard.tsx';

export interface Credentials {
  email: string;
  password: string;
}

type Errors = Partial<Record<'email' | 'password' | 'form', string>>;

/** Which field a server error belongs to, so it is shown where it happened. */
const FIELD_OF: Record<string, keyof Errors> = {
  invalid_email: 'email',
  email_taken: 'email',
  weak_password: 'password',
};

/** What the form checks an address against before sending it; the server checks it properly. */
export const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const EMAIL_PROBLEM = 'Enter your e-mail address, like name@example.com';

/** The e-mail and password form signup and login share; the page says what it is for. */
export function AuthForm({
  title,
  submitLabel,
  passwordHint,
  passwordAside,
  newPassword,
  onSubmit,
  before,
  after,
}: {
  title: string;
  submitLabel: string;
  passwordHint?: string;
  /** Beside the password's label: "Forgot your password?" on the login page. */
  passwordAside?: ComponentChildren;
  newPassword?: boolean;
  onSubmit: (c: Credentials) => Promise<void>;
  before?: ComponentChildren;
  after?: ComponentChildren;
}) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const found: Errors = {};
    if (!EMAIL_RE.test(email.trim())) found.email = EMAIL_PROBLEM;
    if (!password) found.password = 'Enter your password';
    else if (newPassword && password.length < 10) found.password = 'Use at least 10 characters';
    setErrors(found);
    if (Object.keys(found).length) {
      document.getElementById(found.email ? 'auth-email' : 'auth-password')?.focus();
      return;
    }
    setBusy(true);
    try {
      await onSubmit({ email: email.trim(), password });
    } catch (err) {
      const apiErr = err instanceof ApiError ? err : null;
      const field = apiErr ? FIELD_OF[apiErr.code] : undefined;
      setErrors({ [field ?? 'form']: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard title={title}>
      {before}
      <form onSubmit={submit} noValidate>
        {errors.form && <Alert kind="error">{errors.form}</Alert>}
        <TextField
          label="E-mail"
          id="auth-email"
          type="email"
          autoComplete="email"
          value={email}
          onValue={setEmail}
          error={errors.email}
        />
        <TextField
          label="Password"
          id="auth-password"
          type="password"
          autoComplete={newPassword ? 'new-password' : 'current-password'}
          aside={passwordAside}
          hint={passwordHint}
          value={password}
          onValue={setPassword}
          error={errors.password}
        />
        <button type="submit" class="btn btn-primary btn-block" disabled={busy}>
          {busy ? 'One moment…' : submitLabel}
        </button>
      </form>
      {after}
    </AuthCard>
  );
}
