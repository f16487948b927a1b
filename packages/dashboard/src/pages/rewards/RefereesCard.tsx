import { useRef } from 'preact/hooks';
import { Badge, YesNo } from '../../components/Badge.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { Async, Empty } from '../../components/States.tsx';
import { date, euros } from '../../format.ts';
import type { Paged } from './paged.ts';
import { ShowMore } from './ShowMore.tsx';
import type { Referee } from './types.ts';
import { REFEREE_SOURCE, REVIEW } from './words.ts';

/** The accounts the ambassador brought, e-mails masked, newest first. */
export function RefereesCard({ referees }: { referees: Paged<Referee> }) {
  const table = useRef<HTMLTableElement>(null);
  return (
    <section class="card" aria-labelledby="rw-referees">
      <h2 id="rw-referees">People you referred</h2>
      <Async
        resource={referees.resource}
        isEmpty={(page) => page.items.length === 0}
        empty={
          <Empty title="No one has signed up through you yet">
            Share your referral link, or keep the “⚡ by Callbell” footer on your chat widget: it carries your code, so
            visitors who sign up from it count for you.
          </Empty>
        }
      >
        {(page) => (
          <>
            <ScrollTable label="Table of the people you referred">
              <table class="rw-table" ref={table}>
                <caption class="visually-hidden">Accounts you referred, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Account</th>
                    <th scope="col">Signed up</th>
                    <th scope="col">Came from</th>
                    <th scope="col">Installed</th>
                    <th scope="col">Paying</th>
                    <th scope="col">Review</th>
                    <th scope="col" class="num">
                      Earned
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((r) => {
                    const review = REVIEW[r.review];
                    return (
                      <tr key={r.id}>
                        <td class="rw-cell-main mono">{r.email}</td>
                        <td data-label="Signed up" class="rw-nowrap">
                          {date(r.signedUpAt)}
                        </td>
                        <td data-label="Came from">
                          <span>
                            {REFEREE_SOURCE[r.source]}
                            {r.campaign && <span class="muted"> ({r.campaign})</span>}
                          </span>
                        </td>
                        <td data-label="Installed">
                          <YesNo value={r.installed} />
                        </td>
                        <td data-label="Paying">
                          <YesNo value={r.paying} />
                        </td>
                        <td data-label="Review">
                          {review ? (
                            <Badge tone={review.tone}>{review.label}</Badge>
                          ) : (
                            <span class="muted">Not needed</span>
                          )}
                        </td>
                        <td data-label="Earned" class="num">
                          {euros(r.earnedCents)}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </ScrollTable>
            <ShowMore paged={referees} what="people" table={table} />
          </>
        )}
      </Async>
    </section>
  );
}
