import { PageHeader } from '../components/Layout.tsx';

export function NotFound() {
  return (
    <main id="main" class="auth-page">
      <div class="card auth-card">
        <h1>Page not found</h1>
        <p>There is nothing at this address. It may have moved, or the link may be mistyped.</p>
        <p>
          <a class="btn btn-primary" href="/app/">
            Go to your dashboard
          </a>
        </p>
      </div>
    </main>
  );
}

export function Forbidden() {
  return (
    <>
      <PageHeader title="Not for this account" />
      <div class="card">
        <p>This part of the dashboard is for the programme's operator. Your account cannot open it (403).</p>
        <p>
          <a href="/app/rewards">Go to your Rewards</a>
        </p>
      </div>
    </>
  );
}
