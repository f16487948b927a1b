import { useLocation } from 'preact-iso';
import { api } from '../../api/client.ts';
import * as fmt from '../../format.ts';
import { useResource } from '../../state/resource.ts';
import { signedIn } from '../../state/session.ts';
import { AuthForm } from './AuthForm.tsx';

/** Who invited this visitor, as the server would bind it (the /r cookie, or the landing's ref). */
function Invitation({ code }: { code: string | undefined }) {
  const invitation = useResource((signal) => api.get('/api/auth/invitation', { query: { ref: code }, signal }), [code]);
  const found = invitation.data.value?.invitation;
  if (!found) return null;
  return (
    <div class="invitation" role="status">
      <p>
        You were invited by <strong>{found.referrer}</strong>, a Callbell ambassador (code {found.referralCode}).
      </p>
      <p class="hint">
        {found.validUntil
          ? `Your invitation is remembered until ${fmt.date(found.validUntil)}.`
          : 'Your invitation applies when you sign up now.'}{' '}
        Your account is free; the ambassador is rewarded when your widget goes live.
      </p>
    </div>
  );
}

export default function Signup() {
  const { query, route } = useLocation();
  const ref = query.ref || undefined;
  return (
    <AuthForm
      title="Create your free account"
      submitLabel="Create account"
      newPassword
      passwordHint="At least 10 characters. A few unrelated words make a strong one."
      before={
        <>
          <Invitation code={ref} />
          <p class="auth-lead">
            A chat launcher for your site in one script tag, and rewards for every site you bring.
          </p>
        </>
      }
      onSubmit={async (credentials) => {
        signedIn(await api.post('/api/auth/signup', { body: { ...credentials, ...(ref ? { ref } : {}) } }));
        route('/app/widget?welcome=1');
      }}
      after={
        <p class="auth-switch">
          Already have an account? <a href="/app/login">Log in</a>
        </p>
      }
    />
  );
}
