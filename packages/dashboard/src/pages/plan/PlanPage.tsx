import { useLocation } from 'preact-iso';
import { PageHeader } from '../../components/Layout.tsx';
import { Empty } from '../../components/States.tsx';
import { DemoCheckout } from './DemoCheckout.tsx';
import { DemoPortal } from './DemoPortal.tsx';
import { PlanOverview } from './PlanOverview.tsx';
import './plan.css';

/** /app/plan: the plan and upgrades; /app/plan/checkout and /app/plan/portal: the demo provider's pages. */
export default function PlanPage() {
  const { path } = useLocation();
  const step = path.replace(/\/+$/, '').split('/')[3] ?? '';
  if (step === 'checkout') return <DemoCheckout />;
  if (step === 'portal') return <DemoPortal />;
  if (step) {
    return (
      <>
        <PageHeader title="Plan" />
        <Empty title="There is nothing at this address">
          <a href="/app/plan">See your plan</a>
        </Empty>
      </>
    );
  }
  return <PlanOverview />;
}
