import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * A table that may scroll sideways on a narrow screen. While it does, it is a named region
 * that takes the focus, so a keyboard can scroll it too (WCAG 2.1.1); when everything fits it
 * is no tab stop.
 */
export function ScrollTable({
  label,
  labelledBy,
  class: className,
  children,
}: {
  /** Its accessible name, or the id of the heading that names it. */
  label?: string;
  labelledBy?: string;
  class?: string;
  children: ComponentChildren;
}) {
  const ref = useRef<HTMLElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () => setScrolls(el.scrollWidth > el.clientWidth + 1);
    check();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(check);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return (
    <section
      ref={ref}
      class={`table-wrap${className ? ` ${className}` : ''}`}
      aria-label={label}
      aria-labelledby={label ? undefined : labelledBy}
      tabIndex={scrolls ? 0 : undefined}
    >
      {children}
    </section>
  );
}
