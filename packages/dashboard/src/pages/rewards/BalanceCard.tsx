import type { ComponentChildren } from 'preact';
import { date, euros, PAYOUT_METHOD_IN_TEXT } from '../../format.ts';
import type { Summary } from './types.ts';

/** Progress toward the minimum payout, as a bar and in words. */
export function PayoutProgress({
  availableCents,
  minCents,
  missingCents,
}: {
  availableCents: number;
  minCents: number;
  missingCents: number;
}) {
  const max = Math.max(minCents, 1);
  const now = Math.min(Math.max(availableCents, 0), max);
  const text =
    missingCents > 0
      ? `${euros(availableCents)} of ${euros(minCents)} — ${euros(missingCents)} to go`
      : `${euros(availableCents)} of ${euros(minCents)} — enough for a payout`;
  return (
    <div class="rw-progress">
      <div
        class="progress"
        role="progressbar"
        aria-label="Toward the minimum payout"
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={now}
        aria-valuetext={text}
      >
        <span style={{ width: `${(now / max) * 100}%` }} />
      </div>
      <p class="rw-progress-text">{text}</p>
    </div>
  );
}

/**
 * What the ambassador can be paid now, and where its payout stands: progress to the minimum,
 * a request being processed, or (below, in PayoutForm) the request itself.
 */
export function BalanceCard({
  summary,
  needsConfirmation = false,
  children,
}: {
  summary: Summary;
  /** The account's address is not confirmed yet, which a payout needs. */
  needsConfirmation?: boolean;
  children?: ComponentChildren;
}) {
  const { balances, payout, terms } = summary;
  const open = summary.payouts.find((p) => p.status === 'requested' || p.status === 'approved');
  // The latest payout came back: say why, and what to do, until a new one is asked for.
  const latest = summary.payouts[0];
  const returned = latest?.status === 'returned' ? latest : null;
  return (
    <section class="card rw-balance" aria-labelledby="rw-balance">
      <h2 id="rw-balance">Your balance</h2>
      <p class="rw-available">
        <span class="rw-available-value">{euros(balances.availableCents)}</span>{' '}
        <span class="muted">available to pay out</span>
      </p>
      {balances.availableCents < 0 && (
        <p class="hint">
          Below zero because money was taken back after it had become available (a late refund or dispute). New earnings
          make up for it first.
        </p>
      )}
      {returned && (
        <div class="alert alert-warning rw-returned">
          <p>
            <strong>Your payout of {euros(returned.amountCents)} came back.</strong>{' '}
            {returned.returnReason ? `The reason: ${returned.returnReason}. ` : ''}
            The money is available again. Check your payout details ({PAYOUT_METHOD_IN_TEXT[returned.method]} to{' '}
            {returned.detailsHint}) and request it anew with the corrected ones.
          </p>
        </div>
      )}
      {children}
      {payout.openPayout ? (
        <div class="rw-open-payout">
          <p>
            <strong>Your payout request is being processed.</strong>{' '}
            {open
              ? `${euros(open.amountCents)} by ${PAYOUT_METHOD_IN_TEXT[open.method]} to ${open.detailsHint}, requested on ${date(open.requestedAt)}: ${open.status === 'approved' ? 'approved, it leaves with our next payment run' : 'waiting for our check'}.`
              : null}
          </p>
          <p class="hint">You can ask for the next one once it has been paid or turned down.</p>
        </div>
      ) : (
        <>
          <PayoutProgress
            availableCents={balances.availableCents}
            minCents={terms.minPayoutCents}
            missingCents={payout.missingCents}
          />
          {!payout.canRequest && (
            <p class="hint">
              Payouts start at {euros(terms.minPayoutCents)} available.
              {balances.pendingCents > 0 && ` ${euros(balances.pendingCents)} more is on its way (in its hold).`}
              {needsConfirmation && ' They also need your e-mail address confirmed: open the link we sent you.'}
            </p>
          )}
        </>
      )}
    </section>
  );
}
