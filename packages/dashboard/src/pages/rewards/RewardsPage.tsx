import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api } from '../../api/client.ts';
import { Alert } from '../../components/Alert.tsx';
import { PageHeader } from '../../components/Layout.tsx';
import { Async, ErrorState, Loading } from '../../components/States.tsx';
import { euros, PAYOUT_METHOD_IN_TEXT } from '../../format.ts';
import { createResource } from '../../state/resource.ts';
import { account } from '../../state/session.ts';
import { BalanceCard } from './BalanceCard.tsx';
import { ConfirmEmailCard } from './ConfirmEmailCard.tsx';
import { useChunk } from './chunk.ts';
import { EmailUpdatesCard } from './EmailUpdatesCard.tsx';
import { ReferralCard } from './ReferralCard.tsx';
import { StatsCard } from './StatsCard.tsx';
import { TermsCard } from './TermsCard.tsx';
import type { Payout, Summary } from './types.ts';
import './rewards.css';

// The summary is asked for as soon as this chunk runs (the app loads it while it checks the
// session, which a signed-in page carries), not after the page's first render: the page's
// largest paint waits on this answer. The first mount takes it; a later one asks again.
const early = account.peek() ? { at: Date.now(), summary: api.get('/api/rewards') } : null;
early?.summary.catch(() => {}); // the mount that takes it shows the failure
let earlyTaken = false;
const takeEarly = (): Promise<Summary> | null => {
  if (earlyTaken || !early || Date.now() - early.at > 10_000) return null;
  earlyTaken = true;
  return early.summary;
};

function SummaryLoading() {
  return (
    <div class="rw-columns">
      <div class="card">
        <Loading label="Loading your balance and referral link…" />
      </div>
      <div class="card" aria-hidden="true">
        <Loading label="" lines={2} />
      </div>
    </div>
  );
}

/**
 * /app/rewards: the ambassador's link, the terms, its numbers and balances and the payout
 * request first, from one request; then, in chunks of their own, the payout form (only when a
 * payout can be asked for) and the earnings by state, payout history, ledger and referees.
 */
export default function RewardsPage() {
  const summary = useMemo(() => createResource((signal) => takeEarly() ?? api.get('/api/rewards', { signal })), []);
  useLayoutEffect(() => {
    summary.reload();
  }, []);
  const [details, retryDetails] = useChunk(
    () => import('./Details.tsx').then((m) => m.default),
    summary.data.value !== undefined,
  );
  // The server refused a payout for an address not confirmed, which this session thought was.
  const [unconfirmed, setUnconfirmed] = useState<string | null>(null);
  const me = account.value;
  const needsConfirmation = me?.emailVerified === false || unconfirmed !== null;
  // Only an ambassador who can ask for a payout needs the form (and its IBAN checks).
  const [form, retryForm] = useChunk(
    () => import('./PayoutForm.tsx').then((m) => m.PayoutForm),
    summary.data.value?.payout.canRequest === true && !needsConfirmation,
  );
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (unconfirmed) confirmHeading.current?.focus();
  }, [unconfirmed]);
  const [changes, setChanges] = useState(0);
  const [requested, setRequested] = useState<Payout | null>(null);
  // The form that sent the request goes away: the focus moves to the confirmation instead.
  const confirmation = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (requested) confirmation.current?.focus();
  }, [requested]);
  // A request the server refused as out of date: the balance is loaded again. If the form is
  // still offered it shows why; if not (under the minimum now, or a payout already open), the
  // reason stands in its place and takes the focus it had.
  const [refusal, setRefusal] = useState<string | null>(null);
  const canRequest = summary.data.value?.payout.canRequest;
  const refusalRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (refusal && canRequest === false) refusalRef.current?.focus();
  }, [refusal, canRequest]);

  const onRequested = (payout: Payout) => {
    setRequested(payout);
    setRefusal(null);
    setChanges((n) => n + 1);
    summary.reload();
  };
  const onRefused = (message: string) => {
    setRefusal(message);
    setChanges((n) => n + 1);
    summary.reload();
  };

  return (
    <>
      <PageHeader title="Rewards">
        Earn money when people you refer start using Callbell. Here is your link, what you have earned and your payouts.
      </PageHeader>
      <Async resource={summary} loading={<SummaryLoading />}>
        {(s) => (
          <>
            <div class="rw-columns">
              <div class="rw-col">
                <BalanceCard summary={s} needsConfirmation={needsConfirmation}>
                  {requested && (
                    <div ref={confirmation} tabIndex={-1} class="rw-confirmation">
                      <Alert kind="success">
                        Payout requested: {euros(requested.amountCents)} by {PAYOUT_METHOD_IN_TEXT[requested.method]} to{' '}
                        {requested.detailsHint}. We check it before the money is sent; follow it in your payout history.
                      </Alert>
                    </div>
                  )}
                  {refusal && !s.payout.canRequest && (
                    <div ref={refusalRef} tabIndex={-1} class="rw-confirmation">
                      <Alert kind="error">{refusal}</Alert>
                    </div>
                  )}
                </BalanceCard>
                {s.payout.canRequest &&
                  (needsConfirmation ? (
                    <ConfirmEmailCard
                      email={me?.email ?? ''}
                      availableCents={s.balances.availableCents}
                      message={unconfirmed}
                      headingRef={confirmHeading}
                    />
                  ) : form.status === 'ready' ? (
                    <form.value
                      availableCents={s.balances.availableCents}
                      onRequested={onRequested}
                      onRefused={onRefused}
                      onUnconfirmed={setUnconfirmed}
                    />
                  ) : form.status === 'error' ? (
                    <ErrorState
                      message="The payout form could not be loaded. Check your connection and try again."
                      onRetry={retryForm}
                    />
                  ) : (
                    <div class="card rw-form-placeholder">
                      <Loading label="Loading the payout form…" />
                    </div>
                  ))}
                <ReferralCard link={s.referralLink} code={s.referralCode} />
              </div>
              <div class="rw-col">
                <TermsCard terms={s.terms} />
                <StatsCard stats={s.stats} />
                <EmailUpdatesCard />
              </div>
            </div>
            {details.status === 'ready' ? (
              <details.value summary={s} changes={changes} />
            ) : details.status === 'error' ? (
              <ErrorState
                message="The rest of this page could not be loaded. Check your connection and try again."
                onRetry={retryDetails}
              />
            ) : (
              <div class="card">
                <Loading label="Loading your earnings, payouts and referrals…" />
              </div>
            )}
          </>
        )}
      </Async>
    </>
  );
}
