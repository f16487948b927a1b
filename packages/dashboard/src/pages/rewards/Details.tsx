import { useEffect } from 'preact/hooks';
import { api } from '../../api/client.ts';
import { EarningsCard } from './EarningsCard.tsx';
import { LedgerCard } from './LedgerCard.tsx';
import { PayoutHistory } from './PayoutHistory.tsx';
import { usePaged } from './paged.ts';
import { RefereesCard } from './RefereesCard.tsx';
import type { Entry, Referee, Summary } from './types.ts';

export interface DetailsProps {
  summary: Summary;
  /** Counts the changes (a payout requested) after which the ledger is read again. */
  changes: number;
}

/**
 * The lower half of the Rewards page, its own chunk loaded once the summary is shown: earnings
 * by state, payout history, the ledger and the referees. The two lists load as it mounts.
 */
export default function Details({ summary, changes }: DetailsProps) {
  const entries = usePaged<Entry>(async (before, signal) => {
    const page = await api.get('/api/rewards/entries', { query: { before }, signal });
    return { items: page.entries, nextBefore: page.nextBefore };
  });
  const referees = usePaged<Referee>(async (before, signal) => {
    const page = await api.get('/api/rewards/referrals', { query: { before }, signal });
    return { items: page.referees, nextBefore: page.nextBefore };
  });
  useEffect(() => {
    referees.reload();
  }, []);
  useEffect(() => {
    entries.reload();
  }, [changes]);
  return (
    <>
      <EarningsCard balances={summary.balances} terms={summary.terms} entries={entries} />
      <PayoutHistory payouts={summary.payouts} terms={summary.terms} />
      <LedgerCard entries={entries} terms={summary.terms} />
      <RefereesCard referees={referees} />
    </>
  );
}
