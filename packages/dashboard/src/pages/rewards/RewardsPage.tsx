import { PageHeader } from '../../components/Layout.tsx';

export default function RewardsPage() {
  return <PageHeader title="RewardsPage" />;
}
