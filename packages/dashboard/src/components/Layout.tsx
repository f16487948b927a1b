import type { ComponentChildren } from 'preact';
import { useLocation } from 'preact-iso';
import { account, isAdmin, logOut } from '../state/session.ts';

const NAV = [
  { href: '/app/widget', label: 'Chat widget' },
  { href: '/app/rewards', label: 'Rewards' },
  { href: '/app/affiliate', label: 'Affiliate' },
] as const;

/** The frame of every signed-in page: the brand, the sections, the account and log-out. */
export function Layout({ children }: { children: ComponentChildren }) {
  const { path, route } = useLocation();
  const links = isAdmin.value ? [...NAV, { href: '/app/admin', label: 'Operator' }] : NAV;
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
              await logOut();
              route('/app/login');
            }}
          >
            Log out
          </button>
        </div>
      </header>
      <main id="main" class="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}

/** A page's title and what it is for; the title is the page's one h1. */
export function PageHeader({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="page-header">
      <h1>{title}</h1>
      {children && <div class="page-lead">{children}</div>}
    </div>
  );
}
