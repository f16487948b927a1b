import type { ComponentType } from 'preact';
import { useEffect } from 'preact/hooks';
import { ErrorBoundary, LocationProvider, lazy, Route, Router, useLocation } from 'preact-iso';
import { Layout } from './components/Layout.tsx';
import { ErrorState, Loading } from './components/States.tsx';
import { Forbidden, NotFound } from './pages/errors.tsx';
import { isAdmin, loadSession, session } from './state/session.ts';

// Every page is its own chunk; the auth pages are small and the first thing most people see.
const Login = lazy(() => import('./pages/auth/Login.tsx'));
const Signup = lazy(() => import('./pages/auth/Signup.tsx'));
// The pages e-mails link to: no session needed (the link may be opened in another browser).
const Verify = lazy(() => import('./pages/auth/Verify.tsx'));
const Forgot = lazy(() => import('./pages/auth/Forgot.tsx'));
const Reset = lazy(() => import('./pages/auth/Reset.tsx'));
const Unsubscribe = lazy(() => import('./pages/auth/Unsubscribe.tsx'));
const WidgetPage = lazy(() => import('./pages/widget/WidgetPage.tsx'));
const RewardsPage = lazy(() => import('./pages/rewards/RewardsPage.tsx'));
const AffiliatePage = lazy(() => import('./pages/affiliate/AffiliatePage.tsx'));
const AdminPage = lazy(() => import('./pages/admin/AdminPage.tsx'));
const PlanPage = lazy(() => import('./pages/plan/PlanPage.tsx'));

/** Sends a visitor to `to` (replacing this history entry) once rendered. */
function Redirect({ to }: { to: string }) {
  const { route } = useLocation();
  useEffect(() => route(to, true), [to]);
  return null;
}

const here = () => `${location.pathname}${location.search}`;

/** A page for signed-in accounts (and, with `admin`, only for the operator). */
function signedInPage(Page: ComponentType & { preload?: () => unknown }, opts: { admin?: boolean } = {}) {
  return function SignedIn() {
    // The page's code loads while the session is being checked, not after.
    Page.preload?.();
    const s = session.value;
    if (s.status === 'loading') return <Loading label="Checking your session…" />;
    if (s.status === 'error') return <ErrorState message={s.message} onRetry={loadSession} />;
    if (s.status === 'anonymous') {
      const next = encodeURIComponent(here());
      return <Redirect to={`/app/login?next=${next}${s.expired ? '&expired=1' : ''}`} />;
    }
    return (
      <Layout>
        {opts.admin && !isAdmin.value ? (
          <Forbidden />
        ) : (
          <ErrorBoundary>
            <Page />
          </ErrorBoundary>
        )}
      </Layout>
    );
  };
}

const Widget = signedInPage(WidgetPage);
const Rewards = signedInPage(RewardsPage);
const Affiliate = signedInPage(AffiliatePage);
const Admin = signedInPage(AdminPage, { admin: true });
const Plan = signedInPage(PlanPage);

function Home() {
  const s = session.value;
  if (s.status === 'loading') return <Loading label="Checking your session…" />;
  if (s.status === 'error') return <ErrorState message={s.message} onRetry={loadSession} />;
  return <Redirect to={s.status === 'signed-in' ? '/app/widget' : '/app/login'} />;
}

/** The app; main.tsx asks for the session before the first render, so both load at once. */
export function App() {
  return (
    <LocationProvider scope="/app">
      <ErrorBoundary>
        <Router>
          <Route path="/app/" component={Home} />
          <Route path="/app/login" component={Login} />
          <Route path="/app/signup" component={Signup} />
          <Route path="/app/verify" component={Verify} />
          <Route path="/app/forgot" component={Forgot} />
          <Route path="/app/reset" component={Reset} />
          <Route path="/app/unsubscribe" component={Unsubscribe} />
          <Route path="/app/widget" component={Widget} />
          <Route path="/app/widget/:id" component={Widget} />
          <Route path="/app/rewards" component={Rewards} />
          <Route path="/app/affiliate" component={Affiliate} />
          <Route path="/app/plan" component={Plan} />
          <Route path="/app/plan/:step" component={Plan} />
          <Route path="/app/admin" component={Admin} />
          <Route path="/app/admin/:section" component={Admin} />
          <Route default component={NotFound} />
        </Router>
      </ErrorBoundary>
    </LocationProvider>
  );
}
