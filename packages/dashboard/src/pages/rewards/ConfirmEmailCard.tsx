import type { Ref } from 'preact';
import { ResendLink } from '../../components/ResendLink.tsx';
import { euros } from '../../format.ts';

/**
 * In the payout form's place while the account's address is not confirmed: money goes only
 * where the owner of the address says, so the address must be proven first. `message` is the
 * server's, when it refused a request for this reason.
 */
export function ConfirmEmailCard({
  email,
  availableCents,
  message,
  headingRef,
}: {
  email: string;
  availableCents: number;
  message?: string | null | undefined;
  /** The heading, to take the focus when this card replaces the form the person was using. */
  headingRef?: Ref<HTMLHeadingElement>;
}) {
  return (
    <section class="card rw-confirm-email" aria-labelledby="rw-request">
      <h2 id="rw-request" ref={headingRef} tabIndex={-1}>
        Request a payout
      </h2>
      <p>
        You have <strong>{euros(availableCents)}</strong> available, and payouts need a confirmed e-mail address: it
        shows the money goes to the person who owns this account.
      </p>
      <p class="rw-confirm-email-how">
        {message ?? (
          <>
            Open the link we sent to <strong>{email}</strong>, then come back here to ask for your payout.
          </>
        )}
      </p>
      <ResendLink label="Send the link again" />
    </section>
  );
}
