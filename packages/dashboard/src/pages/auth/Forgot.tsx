import { useState } from 'preact/hooks';
import { ApiError, api } from '../../api/client.ts';
import { Alert } from '../../components/Alert.tsx';
import { TextField } from '../../components/Field.tsx';
import { messageOf } from '../../state/resource.ts';
import { AuthCard } from './AuthCard.tsx';
import { EMAIL_PROBLEM, EMAIL_RE } from './AuthForm.tsx';

/**
 * /app/forgot: asks for a link to choose a new password. The server answers the same whether
 * or not an account uses the address, and so does this page: it shows the server's words.
 */
export default function Forgot() {
  const [email, setEmail] = useState('');
  const [error, setError] = useState<{ field?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<string | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if (!EMAIL_RE.test(email.trim())) {
      setError({ field: EMAIL_PROBLEM });
      document.getElementById('forgot-email')?.focus();
      return;
    }
    setBusy(true);
    setError({});
    try {
      const answer = await api.post('/api/auth/password/forgot', { body: { email: email.trim() } });
      setSent(answer.message);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'invalid_email') {
        setError({ field: err.message });
        document.getElementById('forgot-email')?.focus();
      } else setError({ form: messageOf(err) });
    } finally {
      setBusy(false);
    }
  };

  if (sent) {
    return (
      <AuthCard title="Check your e-mail" step="sent" icon="mail">
        <Alert kind="success">{sent}</Alert>
        <p class="hint">
          Nothing after a few minutes? Look in your spam folder, and check that this is the address you signed up with.
        </p>
        <p class="auth-actions">
          <a class="btn btn-primary" href="/app/login">
            Back to log in
          </a>
          <button type="button" class="btn" onClick={() => setSent(null)}>
            Use another address
          </button>
        </p>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Reset your password" step="form">
      <p class="auth-lead">Enter the address you log in with, and we will send you a link to choose a new password.</p>
      <form onSubmit={submit} noValidate>
        {error.form && <Alert kind="error">{error.form}</Alert>}
        <TextField
          label="E-mail"
          id="forgot-email"
          type="email"
          autoComplete="email"
          value={email}
          onValue={setEmail}
          error={error.field}
        />
        <button type="submit" class="btn btn-primary btn-block" disabled={busy}>
          {busy ? 'Sending…' : 'Send the link'}
        </button>
      </form>
      <p class="auth-switch">
        Remembered it? <a href="/app/login">Log in</a>
      </p>
    </AuthCard>
  );
}
