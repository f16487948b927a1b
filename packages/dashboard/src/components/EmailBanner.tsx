import { useEffect } from 'preact/hooks';
import { api } from '../api/client.ts';
import { account, emailVerified } from '../state/session.ts';
import { ResendLink } from './ResendLink.tsx';

/**
 * Asks a signed-in owner to confirm their address while it is not. The link is often opened
 * in another tab or on a phone: when this tab is looked at again, the server is asked, and
 * the banner goes once it says the address is confirmed.
 */
export function EmailBanner() {
  const a = account.value;
  const unconfirmed = a?.emailVerified === false;
  useEffect(() => {
    if (!unconfirmed) return;
    const check = () => {
      if (document.visibilityState !== 'visible') return;
      api.get('/api/auth/me').then(
        (me) => {
          if (me.account.id === account.peek()?.id && me.account.emailVerified) emailVerified();
        },
        () => {}, // only a courtesy: the banner stays, and its button still works
      );
    };
    document.addEventListener('visibilitychange', check);
    return () => document.removeEventListener('visibilitychange', check);
  }, [unconfirmed]);
  if (!a || !unconfirmed) return null;
  return (
    <section class="email-banner" aria-labelledby="email-banner-text">
      <p id="email-banner-text">
        <strong>Confirm your e-mail address:</strong> we sent a link to{' '}
        <strong class="email-banner-to">{a.email}</strong>.{' '}
        <span class="email-banner-why">Payouts need a confirmed address.</span>
      </p>
      <ResendLink label="Send it again" />
    </section>
  );
}
