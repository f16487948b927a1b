import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { ApiError, api } from '../../api/client.ts';
import { Alert } from '../../components/Alert.tsx';
import { TextField } from '../../components/Field.tsx';
import { flash } from '../../components/Flash.tsx';
import { messageOf } from '../../state/resource.ts';
import { signedIn } from '../../state/session.ts';
import { AuthCard } from './AuthCard.tsx';

/** The page the new session opens on. */
const AFTER = '/app/widget';
export const PASSWORD_CHANGED =
  'Your password has been changed and you are logged in. Every other session, in other browsers and on other devices, has been logged out.';

/** A link that cannot be used, and the way to a new one. */
function DeadLink({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <AuthCard title={title} step="dead" icon="problem">
      {children}
      <p class="auth-actions">
        <a class="btn btn-primary" href="/app/forgot">
          Ask for a new link
        </a>
        <a class="btn" href="/app/login">
          Back to log in
        </a>
      </p>
    </AuthCard>
  );
}

/**
 * /app/reset?token=…, the link in the "reset your password" e-mail: a new password, and with
 * it a new session (the server ends every other one). A link the server refuses is over: the
 * page says why and offers a new one.
 */
export default function Reset() {
  const { query, route } = useLocation();
  const token = query.token ?? '';
  const [password, setPassword] = useState('');
  const [error, setError] = useState<{ field?: string; form?: string }>({});
  const [refused, setRefused] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const problem = !password ? 'Enter a new password' : password.length < 10 ? 'Use at least 10 characters' : null;
    if (problem) {
      setError({ field: problem });
      document.getElementById('reset-password')?.focus();
      return;
    }
    setBusy(true);
    setError({});
    try {
      const body = await api.post('/api/auth/password/reset', { body: { token, password } });
      signedIn(body);
      flash(PASSWORD_CHANGED, AFTER);
      // The link is used up: going back should not land on it.
      route(AFTER, true);
    } catch (err) {
      const code = err instanceof ApiError ? err.code : '';
      if (code.startsWith('token_')) setRefused(messageOf(err));
      else if (code === 'weak_password') {
        setError({ field: messageOf(err) });
        document.getElementById('reset-password')?.focus();
      } else setError({ form: messageOf(err) });
    } finally {
      setBusy(false);
    }
  };

  if (!token) {
    return (
      <DeadLink title="This link is incomplete">
        <p>
          The reset link is missing its code. Open it from the e-mail again; if your e-mail app split it over two lines,
          copy the whole address into your browser.
        </p>
      </DeadLink>
    );
  }
  if (refused) {
    return (
      <DeadLink title="This link cannot be used">
        <Alert kind="error">{refused}</Alert>
        <p>Your password has not changed. Ask for a new link below, and use the newest one we send.</p>
      </DeadLink>
    );
  }
  return (
    <AuthCard title="Choose a new password" step="form">
      <p class="auth-lead">
        Once it is saved you are logged in here, and every other session of your account is logged out.
      </p>
      <form onSubmit={submit} noValidate>
        {error.form && <Alert kind="error">{error.form}</Alert>}
        <TextField
          label="New password"
          id="reset-password"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters. A few unrelated words make a strong one."
          value={password}
          onValue={setPassword}
          error={error.field}
        />
        <button type="submit" class="btn btn-primary btn-block" disabled={busy}>
          {busy ? 'Saving…' : 'Save the new password'}
        </button>
      </form>
      <p class="auth-switch">
        Remembered it? <a href="/app/login">Log in</a>
      </p>
    </AuthCard>
  );
}
