import type { ComponentChildren } from 'preact';

/**
 * A table that may scroll sideways on a narrow screen. It takes the focus, so that a keyboard
 * can scroll it too (WCAG 2.1.1), and is named by its section's heading.
 */
export function TableWrap({ labelledBy, children }: { labelledBy: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
    // biome-ignore lint/a11y/useSemanticElements: a fieldset groups form controls; this groups a table
    <div class="table-wrap" tabIndex={0} role="group" aria-labelledby={labelledBy}>
      {children}
    </div>
  );
}
