import { PageHeader } from '../../components/Layout.tsx';

export default function AdminPage() {
  return <PageHeader title="AdminPage" />;
}
