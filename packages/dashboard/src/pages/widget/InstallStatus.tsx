import { useEffect, useRef } from 'preact/hooks';
import { api, type ResponseOf } from '../../api/client.ts';
import { Badge, type Tone } from '../../components/Badge.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { Async } from '../../components/States.tsx';
import { count, date, dateTime, plural, relative } from '../../format.ts';
import { useResource } from '../../state/resource.ts';
import type { OwnerWidget } from './draft.ts';

type Install = ResponseOf<'/api/widgets/{id}/install'>;
type State = NonNullable<Install['state']>;

/** Each state's badge: a word or two, and its colour. */
export const STATE_BADGES: Record<State, { label: string; tone: Tone }> = {
  qualified: { label: 'Installed', tone: 'success' },
  enough_visitors: { label: 'Almost there', tone: 'info' },
  counting: { label: 'Waiting for visitors', tone: 'info' },
  not_allowed: { label: 'Seen outside your domains', tone: 'warning' },
  private_only: { label: 'Only seen on a test address', tone: 'warning' },
  no_pings: { label: 'Not seen yet', tone: 'neutral' },
};

type Verification = NonNullable<Install['verification']>;

/** The page check's badge: what was found on the page, in a word or two. */
export const CHECK_BADGES: Record<Verification['state'], { label: string; tone: Tone }> = {
  not_checked: { label: 'Not checked yet', tone: 'neutral' },
  checking: { label: 'Checking the page', tone: 'info' },
  found: { label: 'Snippet found', tone: 'success' },
  not_found: { label: 'Snippet not found', tone: 'warning' },
};

/**
 * Whether the page the widget counts as installed on was found carrying its snippet: the
 * platform fetches it, a few times over some hours; a referral bounty waits for it.
 */
function PageCheck({ verification: v }: { verification: Verification }) {
  const badge = CHECK_BADGES[v.state];
  return (
    <section class="wg-check" aria-labelledby="wg-check-title">
      <h3 id="wg-check-title" class="wg-origins-title">
        Page check
      </h3>
      <p class="wg-state">
        <Badge tone={badge.tone}>{badge.label}</Badge>
      </p>
      <p>{v.explanation}.</p>
      {v.nextStep && (
        <p class="wg-next">
          <strong>Next: </strong>
          {v.nextStep}.
        </p>
      )}
      {(v.checkedAt || v.nextCheckAt) && (
        <dl class="wg-facts">
          {v.checkedAt && (
            <div>
              <dt>Last checked</dt>
              <dd>
                <time dateTime={v.checkedAt} title={dateTime(v.checkedAt)}>
                  {relative(v.checkedAt)}
                </time>
                {v.attempts > 1 && <> ({plural(v.attempts, 'try', 'tries')})</>}
              </dd>
            </div>
          )}
          {v.nextCheckAt && (
            <div>
              <dt>Next check</dt>
              <dd>
                <time dateTime={v.nextCheckAt}>{dateTime(v.nextCheckAt)}</time>
              </dd>
            </div>
          )}
        </dl>
      )}
    </section>
  );
}

/** A yes-or-no column in its own words; a "no" here is worth a look, hence the warning. */
const Check = ({ yes, ok, no }: { yes: boolean | undefined; ok: string; no: string }) => (
  <Badge tone={yes ? 'success' : 'warning'}>{yes ? ok : no}</Badge>
);

function Origins({ origins }: { origins: NonNullable<Install['origins']> }) {
  if (!origins.length) {
    return <p class="muted">No site has loaded the widget yet. Sites appear here after their first visitor.</p>;
  }
  return (
    <ScrollTable label="Sites where the widget was seen">
      <table class="wg-origins">
        <thead>
          <tr>
            <th scope="col">Site</th>
            <th scope="col">Public</th>
            <th scope="col">Allowed</th>
            <th scope="col" class="num">
              Visitors counted
            </th>
            <th scope="col" class="num">
              Networks
            </th>
            <th scope="col">Last seen</th>
          </tr>
        </thead>
        <tbody>
          {origins.map((o) => (
            <tr key={o.origin}>
              <td class="wg-origin">{o.origin}</td>
              <td>
                <Check yes={o.publicOrigin} ok="Public" no="Test address" />
              </td>
              <td>
                <Check yes={o.allowed} ok="Allowed" no="Not allowed" />
              </td>
              <td class="num">{count(o.visitors ?? 0)}</td>
              <td class="num">{count(o.networks ?? 0)}</td>
              <td>{o.lastSeenOn ? date(o.lastSeenOn) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

function Status({ install }: { install: Install }) {
  const badge = STATE_BADGES[install.state ?? 'no_pings'];
  return (
    <>
      <p class="wg-state">
        <Badge tone={badge.tone}>{badge.label}</Badge>
      </p>
      <p>{install.explanation}</p>
      {install.nextStep && (
        <p class="wg-next">
          <strong>Next: </strong>
          {install.nextStep}.
        </p>
      )}
      <dl class="wg-facts">
        {install.qualifiedAt && (
          <div>
            <dt>Counted as installed</dt>
            <dd>
              {date(install.qualifiedAt)}
              {install.qualifiedOrigin && <> on {install.qualifiedOrigin}</>}
            </dd>
          </div>
        )}
        <div>
          <dt>Last heard from</dt>
          <dd>
            {install.lastPingAt ? (
              <time dateTime={install.lastPingAt} title={dateTime(install.lastPingAt)}>
                {relative(install.lastPingAt)}
              </time>
            ) : (
              'Never'
            )}
          </dd>
        </div>
        {!install.qualified && install.minVisitors !== undefined && (
          <div>
            <dt>Counts as installed after</dt>
            <dd>{plural(install.minVisitors, 'distinct visitor')} on one public site</dd>
          </div>
        )}
      </dl>
      {install.verification && <PageCheck verification={install.verification} />}
      <h3 class="wg-origins-title">Where it was seen</h3>
      <Origins origins={install.origins ?? []} />
    </>
  );
}

/**
 * Whether the widget counts as installed, in the server's words, with the sites it was seen on.
 * `widget` is the stored one: each save gives a new one, which asks the server again (new
 * allowed domains may change its verdict), the last answer staying on screen meanwhile.
 */
export function InstallStatus({ widget }: { widget: OwnerWidget }) {
  const widgetId = widget.id;
  const install = useResource(
    (signal) => api.get('/api/widgets/{id}/install', { params: { id: widgetId }, signal }),
    [widgetId],
  );
  const first = useRef(true);
  useEffect(() => {
    if (first.current) first.current = false;
    else install.reload();
  }, [widget]);
  const checking = install.loading.value;
  return (
    <section class="card" aria-labelledby="wg-install-title" aria-busy={checking}>
      <div class="card-header">
        <h2 id="wg-install-title">Installation</h2>
        <button type="button" class="btn btn-small" disabled={checking} onClick={install.reload}>
          {checking ? 'Checking…' : 'Check again'}
        </button>
      </div>
      <Async resource={install}>{(data) => <Status install={data} />}</Async>
    </section>
  );
}
