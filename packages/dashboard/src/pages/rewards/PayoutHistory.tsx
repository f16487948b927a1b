import { Badge } from '../../components/Badge.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { Empty } from '../../components/States.tsx';
import { date, euros, PAYOUT_METHOD } from '../../format.ts';
import type { Payout, Terms } from './types.ts';
import { PAYOUT_STATUS } from './words.ts';

function Outcome({ p }: { p: Payout }) {
  if (p.status === 'paid') {
    return (
      <>
        Paid on {p.paidAt ? date(p.paidAt) : '—'}
        {p.reference && (
          <>
            <br />
            Reference <span class="mono">{p.reference}</span>
          </>
        )}
      </>
    );
  }
  if (p.status === 'returned') {
    return (
      <>
        Sent{p.paidAt ? ` on ${date(p.paidAt)}` : ''}, then returned{p.returnedAt ? ` on ${date(p.returnedAt)}` : ''}
        {p.returnReason ? `: ${p.returnReason}` : ''}. The amount is available again: check your payout details and
        request it anew.
      </>
    );
  }
  if (p.status === 'rejected') {
    return (
      <>
        Turned down{p.decidedAt ? ` on ${date(p.decidedAt)}` : ''}
        {p.rejectReason ? `: ${p.rejectReason}` : ''}. The amount is available again.
      </>
    );
  }
  if (p.status === 'approved') {
    return <>Approved{p.decidedAt ? ` on ${date(p.decidedAt)}` : ''}; the money leaves with our next payment run</>;
  }
  return <>Waiting for our check</>;
}

/** Every payout the ambassador asked for, newest first. */
export function PayoutHistory({ payouts, terms }: { payouts: Payout[]; terms: Terms }) {
  return (
    <section class="card" aria-labelledby="rw-payouts">
      <h2 id="rw-payouts">Payout history</h2>
      {payouts.length === 0 ? (
        <Empty title="No payouts yet">
          Once {euros(terms.minPayoutCents)} is available you can ask for it above; each request shows up here.
        </Empty>
      ) : (
        <ScrollTable label="Table of your payouts">
          <table class="rw-table">
            <caption class="visually-hidden">Your payouts, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Requested</th>
                <th scope="col" class="num">
                  Amount
                </th>
                <th scope="col">Paid to</th>
                <th scope="col">Status</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {payouts.map((p) => (
                <tr key={p.id}>
                  <td data-label="Requested" class="rw-nowrap">
                    {date(p.requestedAt)}
                  </td>
                  <td class="rw-cell-main num">{euros(p.amountCents)}</td>
                  <td data-label="Paid to">
                    <span>
                      {PAYOUT_METHOD[p.method]} <span class="mono rw-nowrap">{p.detailsHint}</span>
                    </span>
                  </td>
                  <td data-label="Status">
                    <Badge tone={PAYOUT_STATUS[p.status].tone}>{PAYOUT_STATUS[p.status].label}</Badge>
                  </td>
                  <td data-label="Details">
                    <span>
                      <Outcome p={p} />
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </section>
  );
}
