import { Async } from '../../components/States.tsx';
import { count, date, euros, relative } from '../../format.ts';
import type { Paged } from './paged.ts';
import type { Balances, Entry, Terms } from './types.ts';
import { upcomingEarnings } from './words.ts';

function Amount({ label, cents, children }: { label: string; cents: number; children: string }) {
  return (
    <div class="stat rw-state">
      <dt class="stat-label">{label}</dt>
      <dd class="stat-value">{euros(cents)}</dd>
      <dd class="hint">{children}</dd>
    </div>
  );
}

/** Every euro earned, by where it stands; then what becomes available next, and when. */
export function EarningsCard({
  balances,
  terms,
  entries,
}: {
  balances: Balances;
  terms: Terms;
  entries: Paged<Entry>;
}) {
  const takenBack = balances.reversedCents + balances.clawedBackCents;
  return (
    <section class="card" aria-labelledby="rw-earnings">
      <h2 id="rw-earnings">Your earnings by state</h2>
      <dl class="rw-state-grid">
        <Amount label="Available" cents={balances.availableCents}>
          Yours to request as a payout now.
        </Amount>
        <Amount label="In the hold" cents={balances.pendingCents}>
          {terms.holdDays === 0
            ? 'Earned; there is no waiting period, so it becomes available shortly.'
            : `Earned, waiting out the ${count(terms.holdDays)}-day hold.`}
        </Amount>
        <Amount label="Being reviewed" cents={balances.onHoldCents}>
          Held while we check a referral; you’ll see the outcome here.
        </Amount>
        <Amount label="In a payout" cents={balances.processingCents}>
          Part of a payout request being processed.
        </Amount>
        <Amount label="Paid out" cents={balances.paidCents}>
          Already sent to you.
        </Amount>
        <Amount label="Taken back" cents={takenBack}>
          {takenBack === 0
            ? 'Cancelled when a payment is refunded or disputed. Nothing so far.'
            : `Refunded or disputed payments: ${euros(balances.reversedCents)} during the hold, ${euros(balances.clawedBackCents)} after it.`}
        </Amount>
        {balances.reinstatedCents > 0 && (
          <Amount label="Given back" cents={balances.reinstatedCents}>
            Returned to you after disputes were won.
          </Amount>
        )}
      </dl>

      <h3 class="rw-subhead">Becoming available</h3>
      <Async resource={entries.resource} loading={<p class="muted">Loading your earnings…</p>}>
        {(page) => {
          const upcoming = upcomingEarnings(page.items);
          if (upcoming.length === 0) {
            return (
              <p class="muted">
                {balances.pendingCents === 0 && balances.onHoldCents === 0
                  ? 'Nothing is waiting in its hold right now.'
                  : 'The earnings waiting in their hold are further down your history: use “Show more” below.'}
              </p>
            );
          }
          return (
            <>
              <ul class="rw-upcoming">
                {upcoming.map((u) => (
                  <li key={u.id}>
                    <span class="rw-upcoming-amount">{euros(u.netCents)}</span>
                    <span class="rw-upcoming-what">{u.description}</span>
                    <span class="rw-upcoming-when">
                      {u.availableOn ? (
                        <>
                          available on <strong>{date(u.availableOn)}</strong> ({relative(u.availableOn)})
                        </>
                      ) : (
                        'after our review'
                      )}
                    </span>
                  </li>
                ))}
              </ul>
              {page.nextBefore && (
                <p class="hint">From the earnings loaded in your history below; older ones appear with “Show more”.</p>
              )}
            </>
          );
        }}
      </Async>
    </section>
  );
}
