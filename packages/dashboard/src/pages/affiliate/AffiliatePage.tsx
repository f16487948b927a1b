import { PageHeader } from '../../components/Layout.tsx';

export default function AffiliatePage() {
  return <PageHeader title="AffiliatePage" />;
}
