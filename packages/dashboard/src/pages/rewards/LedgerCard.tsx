import { useRef } from 'preact/hooks';
import { Badge } from '../../components/Badge.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { Async, Empty } from '../../components/States.tsx';
import { date, euros, percent } from '../../format.ts';
import type { Paged } from './paged.ts';
import { ShowMore } from './ShowMore.tsx';
import type { Entry, Terms } from './types.ts';
import { entryBadge } from './words.ts';

/** "+€10.00", "-€4.70": a sign on every amount, so a negative one does not rely on its colour. */
const signed = (cents: number) => (cents > 0 ? `+${euros(cents)}` : euros(cents));

function When({ e }: { e: Entry }) {
  if (e.state === 'pending' && e.holdUntil) return <>Available on {date(e.holdUntil)}</>;
  if (e.state === 'on_hold') return <>Available after our review</>;
  if (e.state === 'available' && e.payoutId) return <>In your payout request</>;
  if (e.state === 'available') return <>Available{e.availableAt ? ` since ${date(e.availableAt)}` : ''}</>;
  if (e.state === 'paid') return <>Paid out</>;
  return <>Cancelled: taken back during the hold</>;
}

/** The ledger: every earning and every take-back, with its reason, newest first. */
export function LedgerCard({ entries, terms }: { entries: Paged<Entry>; terms: Terms }) {
  const table = useRef<HTMLTableElement>(null);
  return (
    <section class="card" aria-labelledby="rw-ledger">
      <h2 id="rw-ledger">Earnings history</h2>
      <Async
        resource={entries.resource}
        isEmpty={(page) => page.items.length === 0}
        empty={
          <Empty title="No earnings yet">
            You earn {euros(terms.installBountyCents)} when someone you referred installs the widget, then{' '}
            {percent(terms.commissionRateBps)} of what they pay for a plan. Share your link above; your widget’s footer
            already carries your code.
          </Empty>
        }
      >
        {(page) => (
          <>
            <ScrollTable label="Table of your earnings">
              <table class="rw-table rw-ledger" ref={table}>
                <caption class="visually-hidden">Your earnings and take-backs, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col">What</th>
                    <th scope="col">Referred account</th>
                    <th scope="col" class="num">
                      Amount
                    </th>
                    <th scope="col">State</th>
                    <th scope="col">When</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((e) => {
                    const badge = entryBadge(e);
                    return (
                      <tr key={e.id}>
                        <td data-label="Date" class="rw-nowrap">
                          {date(e.createdAt)}
                        </td>
                        <td class="rw-cell-main">{e.description}</td>
                        <td data-label="Referred account">
                          <span class="mono">{e.referee ?? '—'}</span>
                        </td>
                        <td data-label="Amount" class={`num${e.amountCents < 0 ? ' rw-negative' : ''}`}>
                          {signed(e.amountCents)}
                        </td>
                        <td data-label="State">
                          <Badge tone={badge.tone}>{badge.label}</Badge>
                        </td>
                        <td data-label="When">
                          <span>
                            <When e={e} />
                          </span>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </ScrollTable>
            <ShowMore paged={entries} what="earnings" table={table} />
          </>
        )}
      </Async>
    </section>
  );
}
