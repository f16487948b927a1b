import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

/**
 * The frame of the pages a visitor may see without a session (log in, sign up, the links
 * e-mails carry): one card, the brand, and the page's title as its h1 and in the window
 * title. When `step` changes (a link checked, a form sent), the focus moves to the title, so
 * a screen reader reads the page's new state from the top.
 */
export function AuthCard({
  title,
  step,
  icon,
  children,
}: {
  title: string;
  step?: string;
  /** A mark above the title for an outcome: done, or a link that did not work. */
  icon?: 'done' | 'problem' | 'mail';
  children: ComponentChildren;
}) {
  useEffect(() => {
    document.title = `${title} · Callbell`;
  }, [title]);
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) first.current = false;
    else heading.current?.focus();
  }, [step]);
  return (
    <main id="main" class="auth-page">
      <div class="card auth-card">
        <p class="auth-brand">
          <span aria-hidden="true">⚡</span> Callbell
        </p>
        {icon && (
          <span class={`auth-icon auth-icon-${icon}`} aria-hidden="true">
            {icon === 'done' ? '✓' : icon === 'mail' ? '✉' : '!'}
          </span>
        )}
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {children}
      </div>
    </main>
  );
}

/** A check the page is making as it opens (a link being confirmed or read), in words. */
export function Waiting({ label }: { label: string }) {
  return (
    <p class="auth-waiting" aria-busy="true">
      <span class="spinner" aria-hidden="true" />
      <span role="status">{label}</span>
    </p>
  );
}
