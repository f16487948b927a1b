import { useLocation } from 'preact-iso';
import { api, type ResponseOf } from '../../api/client.ts';
import { Field } from '../../components/Field.tsx';
import { Async, Empty } from '../../components/States.tsx';
import { euros } from '../../format.ts';
import { useResource } from '../../state/resource.ts';
import { Fact, When } from './parts.tsx';

type AuditRecord = ResponseOf<'/api/admin/audit'>['records'][number];

/** What each action says in a sentence, and the kinds the filter offers. */
export const ACTION_WORDS: Record<string, string> = {
  'payout.approve': 'Approved a payout',
  'payout.reject': 'Rejected a payout',
  'payout.paid': 'Marked a payout paid',
  'payout.returned': 'Marked a payout returned',
  'payout.details_reveal': 'Revealed payout details',
  'batch.create': 'Created a payout batch',
  'batch.send': 'Sent a payout batch',
  'batch.paid': 'Marked a payout batch paid',
  'batch.cancel': 'Cancelled a payout batch',
  'referral.approve': 'Released a held referral',
  'referral.reject': 'Rejected a held referral',
  'cluster.approve': 'Released a cluster of referrals',
  'cluster.reject': 'Rejected a cluster of referrals',
  'affiliate.approve': 'Granted affiliate access',
  'affiliate.reject': 'Refused affiliate access',
  'affiliate.withdraw': 'Withdrew affiliate access',
  'email.retry': 'Sent a failed e-mail again',
  'demo.advance': 'Moved the demo clock forward',
  'demo.billing': 'Played a billing event in the demo',
};

const KINDS = [
  { value: '', label: 'Every action' },
  { value: 'payout', label: 'Payouts' },
  { value: 'batch', label: 'Payout batches' },
  { value: 'referral', label: 'Referrals' },
  { value: 'cluster', label: 'Clusters' },
  { value: 'affiliate', label: 'Affiliate access' },
  { value: 'email', label: 'E-mail' },
  { value: 'demo', label: 'Demo console' },
] as const;

/** Records a page shows; one more is asked for, to know whether there are older ones. */
const PAGE = 25;
const ID = /^[0-9]{1,18}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The filters the URL states, checked: anything unusable is left out rather than sent. */
function filtersOf(query: Record<string, string>) {
  const kind = KINDS.some((k) => k.value === query.kind) ? query.kind : '';
  return {
    kind: kind ?? '',
    actor: query.actor?.trim().slice(0, 254) ?? '',
    account: query.account?.trim().slice(0, 254) ?? '',
    from: DAY.test(query.from ?? '') ? (query.from as string) : '',
    to: DAY.test(query.to ?? '') ? (query.to as string) : '',
  };
}
type Filters = ReturnType<typeof filtersOf>;

/** The API's query for the filters: whole UTC days, `to` included. */
function apiQuery(f: Filters) {
  const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString();
  return {
    ...(f.kind ? { action: f.kind } : {}),
    ...(f.actor ? { actor: f.actor } : {}),
    ...(f.account ? { account: f.account } : {}),
    ...(f.from ? { from: `${f.from}T00:00:00.000Z` } : {}),
    ...(f.to ? { to: nextDay(f.to) } : {}),
  };
}

const search = (params: Record<string, string | undefined>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
};

/** A detail's value as words: cents as euros, lists joined, anything else as it is. */
function detailValue(key: string, value: unknown): string {
  if (typeof value === 'number' && /cents$/i.test(key)) return euros(value);
  if (Array.isArray(value)) return value.join(', ');
  if (value && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const detailLabel = (key: string) =>
  key
    .replace(/Cents$/, '')
    .replace(/([A-Z])/g, ' $1')
    .toLowerCase()
    .replace(/^./, (c) => c.toUpperCase());

/**
 * What operators did, newest first: who, when, what, on whom and why. Filtered by kind, operator,
 * account and days, all kept in the URL; exported as CSV with the same filters.
 */
export function AuditSection() {
  const { path, query, route } = useLocation();
  const filters = filtersOf(query);
  const before = ID.test(query.before ?? '') ? query.before : undefined;
  const key = JSON.stringify([filters, before]);
  const list = useResource(
    (signal) =>
      api.get('/api/admin/audit', {
        query: { ...apiQuery(filters), ...(before ? { before } : {}), limit: PAGE + 1 },
        signal,
      }),
    [key],
  );
  const filtered = Boolean(filters.kind || filters.actor || filters.account || filters.from || filters.to);
  const invalidRange = Boolean(filters.from && filters.to && filters.to < filters.from);

  const submit = (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const value = (name: string) => String(form.get(name) ?? '').trim() || undefined;
    route(
      `${path}${search({ kind: value('kind'), actor: value('actor'), account: value('account'), from: value('from'), to: value('to') })}`,
    );
  };
  const csv = `/api/admin/audit.csv${search(apiQuery(filters))}`;

  return (
    <section class="card admin-section" aria-labelledby="admin-audit">
      <div class="card-header">
        <h2 id="admin-audit" tabIndex={-1}>
          Audit log
        </h2>
        <a class="btn btn-secondary btn-small" href={csv} download>
          Export CSV
        </a>
      </div>
      <p class="muted">
        Every decision an operator makes on someone’s money or access, as it was made. Nothing here can be changed or
        removed.
      </p>
      <form class="admin-audit-filters" onSubmit={submit} key={key} aria-label="Filter the audit log">
        <Field label="What">
          {(ids) => (
            <select name="kind" {...ids} value={filters.kind}>
              {KINDS.map((k) => (
                <option key={k.value} value={k.value}>
                  {k.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Operator (e-mail or id)">
          {(ids) => <input name="actor" type="search" maxLength={254} value={filters.actor} {...ids} />}
        </Field>
        <Field label="Ambassador (e-mail or id)">
          {(ids) => <input name="account" type="search" maxLength={254} value={filters.account} {...ids} />}
        </Field>
        <Field label="From">{(ids) => <input name="from" type="date" value={filters.from} {...ids} />}</Field>
        <Field label="To" error={invalidRange ? 'The end comes before the start' : null}>
          {(ids) => <input name="to" type="date" value={filters.to} {...ids} />}
        </Field>
        <div class="row admin-audit-buttons">
          <button type="submit" class="btn btn-primary btn-small">
            Show
          </button>
          {filtered && (
            <a class="btn btn-secondary btn-small" href={path}>
              Clear
            </a>
          )}
        </div>
      </form>
      <Async
        resource={list}
        isEmpty={(d) => d.records.length === 0}
        empty={
          <Empty title={before ? 'No older records' : filtered ? 'Nothing matches' : 'Nothing recorded yet'}>
            {before
              ? 'Every record that matches is on a newer page.'
              : filtered
                ? 'No operator action matches these filters. Widen the dates or clear the filters.'
                : 'Payout decisions, referral reviews, affiliate access and every other operator action are recorded here as they happen.'}
          </Empty>
        }
      >
        {(d) => {
          const records: AuditRecord[] = d.records;
          const shown = records.slice(0, PAGE);
          const older = records.length > PAGE ? shown[shown.length - 1]?.id : undefined;
          return (
            <>
              <ol class="admin-audit-list">
                {shown.map((r) => (
                  <AuditItem key={r.id} record={r} />
                ))}
              </ol>
              {(before || older) && (
                <nav class="row admin-paging" aria-label="Pages of the audit log">
                  {before && (
                    <a class="btn btn-small" href={`${path}${search({ ...query, before: undefined })}`}>
                      <span aria-hidden="true">←</span> Newest records
                    </a>
                  )}
                  {older && (
                    <a class="btn btn-small" href={`${path}${search({ ...query, before: older })}`}>
                      Older records <span aria-hidden="true">→</span>
                    </a>
                  )}
                </nav>
              )}
            </>
          );
        }}
      </Async>
    </section>
  );
}

function AuditItem({ record: r }: { record: AuditRecord }) {
  const details = Object.entries(r.details);
  const titleId = `audit-${r.id}`;
  return (
    <li class="admin-audit" aria-labelledby={titleId}>
      <h3 id={titleId} class="admin-audit-what">
        {ACTION_WORDS[r.action] ?? r.action}
        {r.accountEmail && (
          <>
            {' '}
            <span class="admin-audit-whom">for {r.accountEmail}</span>
          </>
        )}
      </h3>
      <dl class="admin-facts">
        <Fact term="When">
          <When at={r.at} />
        </Fact>
        <Fact term="By">{r.actorEmail}</Fact>
        <Fact term={r.subjectType.replaceAll('_', ' ').replace(/^./, (c) => c.toUpperCase())}>
          <code>{r.subjectId}</code>
        </Fact>
        {r.reason && <Fact term="Why">{r.reason}</Fact>}
        {details.map(([k, v]) => (
          <Fact key={k} term={detailLabel(k)}>
            {detailValue(k, v)}
          </Fact>
        ))}
      </dl>
    </li>
  );
}
