import { api, type ResponseOf } from '../../api/client.ts';
import { Async } from '../../components/States.tsx';
import { count, date, dateTime, plural, relative } from '../../format.ts';
import { useResource } from '../../state/resource.ts';

type Install = ResponseOf<'/api/widgets/{id}/install'>;
type State = NonNullable<Install['state']>;

/** Each state's badge: a word or two, and its colour. */
export const STATE_BADGES: Record<State, { label: string; kind: string }> = {
  qualified: { label: 'Installed', kind: 'success' },
  enough_visitors: { label: 'Almost there', kind: 'info' },
  counting: { label: 'Waiting for visitors', kind: 'info' },
  not_allowed: { label: 'Seen outside your domains', kind: 'warning' },
  private_only: { label: 'Only seen on a test address', kind: 'warning' },
  no_pings: { label: 'Not seen yet', kind: '' },
};

const yesNo = (yes: boolean | undefined, ok: string, no: string) => (
  <span class={`badge badge-${yes ? 'success' : 'warning'}`}>{yes ? ok : no}</span>
);

function Origins({ origins }: { origins: NonNullable<Install['origins']> }) {
  if (!origins.length) {
    return <p class="muted">No site has loaded the widget yet. Sites appear here after their first visitor.</p>;
  }
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: on a narrow screen the table scrolls sideways, which needs focus to work by keyboard
    <section class="table-wrap" aria-label="Sites where the widget was seen" tabIndex={0}>
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
              <td>{yesNo(o.publicOrigin, 'Public', 'Test address')}</td>
              <td>{yesNo(o.allowed, 'Allowed', 'Not allowed')}</td>
              <td class="num">{count(o.visitors ?? 0)}</td>
              <td class="num">{count(o.networks ?? 0)}</td>
              <td>{o.lastSeenOn ? date(o.lastSeenOn) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Status({ install }: { install: Install }) {
  const badge = STATE_BADGES[install.state ?? 'no_pings'];
  return (
    <>
      <p class="wg-state">
        <span class={badge.kind ? `badge badge-${badge.kind}` : 'badge'}>{badge.label}</span>
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
      <h3 class="wg-origins-title">Where it was seen</h3>
      <Origins origins={install.origins ?? []} />
    </>
  );
}

/** Whether the widget counts as installed, in the server's words, with the sites it was seen on. */
export function InstallStatus({ widgetId }: { widgetId: string }) {
  const install = useResource(
    (signal) => api.get('/api/widgets/{id}/install', { params: { id: widgetId }, signal }),
    [widgetId],
  );
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
