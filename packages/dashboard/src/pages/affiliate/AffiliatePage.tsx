import { api } from '../../api/client.ts';
import { PageHeader } from '../../components/Layout.tsx';
import { Async, Loading } from '../../components/States.tsx';
import { useResource } from '../../state/resource.ts';
import { AccessRequest } from './AccessRequest.tsx';
import { ApiKeys } from './ApiKeys.tsx';
import { Banners } from './Banners.tsx';
import { Statistics } from './Statistics.tsx';
import './affiliate.css';

/**
 * /app/affiliate: the affiliate platform. Before approval, the request and its review; once
 * approved, the statistics (dates in the URL), banners and API keys.
 */
export default function AffiliatePage() {
  const access = useResource((signal) => api.get('/api/affiliate', { signal }), []);
  const approved = access.data.value?.status === 'approved';
  return (
    <>
      <PageHeader title="Affiliate platform">
        {approved
          ? 'Follow your referrals day by day, see which links, banners and sites bring them, and put banners on your sites.'
          : 'Advanced statistics, banners and API keys for ambassadors who promote Callbell seriously.'}
      </PageHeader>
      <Async
        resource={access}
        loading={
          <div class="card">
            <Loading label="Loading your affiliate access…" />
          </div>
        }
      >
        {(a) =>
          a.status === 'approved' ? (
            <>
              <Statistics />
              <Banners />
              <ApiKeys keys={a.keys} onChange={(keys) => access.set({ ...a, keys })} />
            </>
          ) : (
            <AccessRequest access={a} onChange={access.set} onReload={access.reload} />
          )
        }
      </Async>
    </>
  );
}
