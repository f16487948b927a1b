import { useEffect } from 'preact/hooks';
import { lazy, useLocation } from 'preact-iso';
import { api } from '../../api/client.ts';
import { PageHeader } from '../../components/Layout.tsx';
import { ErrorState } from '../../components/States.tsx';
import { count, plural } from '../../format.ts';
import { type Resource, useResource } from '../../state/resource.ts';
import { isDemo } from '../../state/session.ts';
import './admin.css';
import { programmeTimeIs } from './programme-clock.ts';
import type { Waiting } from './words.ts';

// Each section is a chunk of its own, loaded when it is shown: the page itself stays small.
const AffiliateSection = lazy(() => import('./AffiliateSection.tsx').then((m) => m.AffiliateSection));
const AuditSection = lazy(() => import('./AuditSection.tsx').then((m) => m.AuditSection));
const DemoSection = lazy(() => import('./DemoSection.tsx').then((m) => m.DemoSection));
const EmailsSection = lazy(() => import('./EmailsSection.tsx').then((m) => m.EmailsSection));
const PayoutsSection = lazy(() => import('./PayoutsSection.tsx').then((m) => m.PayoutsSection));
const ReferralsSection = lazy(() => import('./ReferralsSection.tsx').then((m) => m.ReferralsSection));
const RulesSection = lazy(() => import('./RulesSection.tsx').then((m) => m.RulesSection));

const SECTIONS = [
  { id: 'payouts', label: 'Payouts' },
  { id: 'referrals', label: 'Flagged referrals' },
  { id: 'affiliates', label: 'Affiliate access' },
  { id: 'emails', label: 'E-mail' },
  { id: 'audit', label: 'Audit log' },
  { id: 'rules', label: 'Programme rules' },
  { id: 'demo', label: 'Demo', demo: true },
] as const;
type Section = (typeof SECTIONS)[number]['id'];

/** How many wait in a section's queue, and how to say it to a screen reader. */
function waitingIn(section: Section, w: Waiting): { n: number; words: string } | null {
  switch (section) {
    case 'payouts': {
      const n = w.payouts.requested + w.payouts.approved;
      return { n, words: `${count(w.payouts.requested)} to approve, ${count(w.payouts.approved)} to send` };
    }
    case 'referrals':
      return { n: w.referrals.flagged, words: `${plural(w.referrals.flagged, 'referral')} to review` };
    case 'affiliates':
      return {
        n: w.affiliate.requested,
        words: `${plural(w.affiliate.requested, 'request')} waiting${w.affiliate.overdue ? `, ${count(w.affiliate.overdue)} overdue` : ''}`,
      };
    case 'emails':
    case 'audit':
    case 'rules':
    case 'demo':
      return null;
  }
}

/** The operator's page: the queues that wait for a person, one section at a time, and the rules. */
export default function AdminPage() {
  const { path } = useLocation();
  const asked = path.split('/')[3] ?? '';
  const section = shown().find((s) => s.id === (asked || 'payouts'));
  const waiting = useResource((signal) => api.get('/api/admin/waiting', { signal }));
  const refresh = () => {
    waiting.reload();
  };
  // In the demo, times are read by the programme's clock, which may have been moved forward.
  const demo = isDemo.value;
  useEffect(() => {
    if (demo && section?.id !== 'demo') {
      api.get('/api/admin/demo').then(
        (d) => programmeTimeIs(d.clock.now),
        () => {},
      );
    }
  }, [demo]);
  return (
    <>
      <PageHeader title="Operator">
        <p>
          Decide what waits for a person (payouts, suspicious referrals, affiliate requests) and see the mail the
          platform sends.
        </p>
      </PageHeader>
      <SectionNav current={section?.id ?? null} waiting={waiting} />
      {waiting.error.value && (
        <div class="admin-waiting-error">
          <ErrorState message={`Could not count what waits: ${waiting.error.value.message}`} onRetry={waiting.reload} />
        </div>
      )}
      {section?.id === 'payouts' && <PayoutsSection onChanged={refresh} />}
      {section?.id === 'referrals' && <ReferralsSection onChanged={refresh} />}
      {section?.id === 'affiliates' && <AffiliateSection onChanged={refresh} />}
      {section?.id === 'emails' && <EmailsSection />}
      {section?.id === 'audit' && <AuditSection />}
      {section?.id === 'rules' && <RulesSection />}
      {section?.id === 'demo' && <DemoSection onChanged={refresh} />}
      {!section &&
        (asked === 'demo' ? (
          <div class="card">
            <h2>Only in the demo</h2>
            <p>
              The demo console moves the programme’s clock and plays the billing provider’s part. It exists only when
              the server runs the demo (CALLBELL_DEMO=true). <a href="/app/admin/payouts">Go to the payouts</a>.
            </p>
          </div>
        ) : (
          <div class="card">
            <h2>No such section</h2>
            <p>
              There is no “{asked}” here. <a href="/app/admin/payouts">Go to the payouts</a>.
            </p>
          </div>
        ))}
    </>
  );
}

/** The sections this server has: the demo console only in the demo. */
const shown = () => SECTIONS.filter((s) => !('demo' in s) || isDemo.value);

function SectionNav({ current, waiting }: { current: Section | null; waiting: Resource<Waiting> }) {
  const w = waiting.data.value;
  return (
    <nav class="admin-tabs" aria-label="Operator sections">
      {shown().map((s) => {
        const badge = w ? waitingIn(s.id, w) : null;
        const overdue = s.id === 'affiliates' && w ? w.affiliate.overdue : 0;
        return (
          <a
            key={s.id}
            href={`/app/admin/${s.id}`}
            class="admin-tab"
            aria-current={s.id === current ? 'page' : undefined}
          >
            {s.label}
            {badge && (
              <span class={`badge admin-tab-count${badge.n ? ' badge-warning' : ''}`}>
                <span aria-hidden="true">{count(badge.n)}</span>
                <span class="visually-hidden">: {badge.words}</span>
              </span>
            )}
            {overdue > 0 && (
              <span class="badge badge-danger admin-tab-count" aria-hidden="true">
                ⚠ {count(overdue)} overdue
              </span>
            )}
          </a>
        );
      })}
    </nav>
  );
}
