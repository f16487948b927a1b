import { euros, percent, plural } from '../../format.ts';
import type { Terms } from './types.ts';

/** The programme's rules today, in plain words, from the numbers the server sends. */
export function TermsCard({ terms }: { terms: Terms }) {
  return (
    <section class="card" aria-labelledby="rw-terms">
      <h2 id="rw-terms">How you earn</h2>
      <ul class="rw-terms">
        <li>
          <strong>{euros(terms.installBountyCents)}</strong> when someone you referred puts the chat widget on their
          website (once for each account).
        </li>
        <li>
          <strong>{percent(terms.commissionRateBps)}</strong> of every payment they make for a paid plan, for as long as
          they stay subscribed.
        </li>
        {terms.holdDays === 0 ? (
          <li>
            There is <strong>no waiting period</strong>: each earning can be paid to you shortly after it is recorded.
            If a payment is refunded later, its earning is taken back from your balance.
          </li>
        ) : (
          <li>
            Each earning waits <strong>{plural(terms.holdDays, 'day')}</strong> before you can be paid it. If the
            payment is refunded in that time, its earning is cancelled; the install earning needs their widget still
            running at the end.
          </li>
        )}
        <li>
          Ask for a payout once <strong>{euros(terms.minPayoutCents)}</strong> is available, by PayPal or bank transfer.
          We check each request before the money is sent.
        </li>
      </ul>
      <p class="hint">
        The rules in force when someone signs up stay theirs: a later change never alters what they earn you.
      </p>
    </section>
  );
}
