import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { account, isAdmin, logOut } from '../state/session.ts';
import { Alert } from './Alert.tsx';
import { EmailBanner } from './EmailBanner.tsx';
import { Flash } from './Flash.tsx';
import { SessionEnded } from './SessionEnded.tsx';

const NAV = [
  { href: '/app/widget', label: 'Chat widget' },
  { href: '/app/rewards', label: 'Rewards' },
  { href: '/app/affiliate', label: 'Affiliate' },
  { href: '/app/plan', label: 'Plan' },
] as const;

/** The frame of every signed-in page: the brand, the sections, the account and log-out. */
export function Layout({ children }: { children: ComponentChildren }) {
  const { path, route } = useLocation();
  const links = isAdmin.value ? [...NAV, { href: '/app/admin', label: 'Operator' }] : NAV;
  const [logoutFailed, setLogoutFailed] = useState(false);
  // After a move inside the app, the focus starts at the new page, as after a page load.
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) first.current = false;
    else main.current?.focus();
  }, [path]);
  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <a class="brand" href="/app/widget">
          <span aria-hidden="true">⚡</span> Callbell
        </a>
        <nav class="nav" aria-label="Sections">
          {links.map((l) => (
            <a
              key={l.href}
              href={l.href}
              class="nav-link"
              aria-current={path === l.href || path.startsWith(`${l.href}/`) ? 'page' : undefined}
            >
              {l.label}
            </a>
          ))}
        </nav>
        <div class="account">
          <span class="account-email" title={account.value?.email}>
            {account.value?.email}
          </span>
          <button
            type="button"
            class="btn btn-ghost btn-small"
            onClick={async () => {
              const done = await logOut();
              setLogoutFailed(!done);
              if (done) route('/app/login');
            }}
          >
            Log out
          </button>
        </div>
      </header>
      <EmailBanner />
      <main id="main" class="main" tabIndex={-1} ref={main}>
        <Flash path={path} />
        {logoutFailed && (
          <Alert kind="error">
            Could not log you out: the server did not answer. You are still logged in here; try again.
          </Alert>
        )}
        {children}
      </main>
      <SessionEnded />
    </div>
  );
}

/** A page's title and what it is for; the title is the page's one h1. */
export function PageHeader({ title, children }: { title: string; children?: ComponentChildren }) {
  useEffect(() => {
    document.title = `${title} · Callbell`;
  }, [title]);
  return (
    <div class="page-header">
      <h1>{title}</h1>
      {children && <div class="page-lead">{children}</div>}
    </div>
  );
}
