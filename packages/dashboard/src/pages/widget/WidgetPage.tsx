import { PageHeader } from '../../components/Layout.tsx';

export default function WidgetPage() {
  return <PageHeader title="WidgetPage" />;
}
