import { useLocation } from 'preact-iso';
import { api } from '../../api/client.ts';
import { Alert } from '../../components/Alert.tsx';
import { signedIn } from '../../state/session.ts';
import { AuthForm } from './AuthForm.tsx';

/** Only a path inside the dashboard is a place to return to: never another site. */
export const safeNext = (next: string | undefined) =>
  next?.startsWith('/app/') && !next.startsWith('//') ? next : '/app/widget';

export default function Login() {
  const { query, route } = useLocation();
  return (
    <AuthForm
      title="Log in"
      submitLabel="Log in"
      passwordAside={
        <a class="field-aside" href="/app/forgot">
          Forgot your password?
        </a>
      }
      before={query.expired ? <Alert kind="info">Your session has ended. Log in again to continue.</Alert> : undefined}
      onSubmit={async (credentials) => {
        signedIn(await api.post('/api/auth/login', { body: credentials }));
        route(safeNext(query.next));
      }}
      after={
        <p class="auth-switch">
          New to Callbell?{' '}
          <a href={`/app/signup${query.ref ? `?ref=${encodeURIComponent(query.ref)}` : ''}`}>Create an account</a>
        </p>
      }
    />
  );
}
