import type { WidgetConfig } from '@callbell/protocol';
import { render } from 'preact';
import { App } from './components/App.tsx';
import type { WidgetState } from './state.ts';
import { adoptStyles } from './styles.ts';
import css from './widget.css?inline';

/*
 * Inline !important beats any author rule, so the host page cannot pull the host element into
 * its flow (no layout shift) or give it a containing block that would break fixed positioning.
 */
const HOST_STYLE: Record<string, string> = {
  display: 'block',
  position: 'fixed',
  width: '0',
  height: '0',
  margin: '0',
  padding: '0',
  border: '0',
  transform: 'none',
  filter: 'none',
  contain: 'none',
};

const FOCUSABLE = 'a[href],button';

export interface Mounted {
  host: HTMLElement;
  root: ShadowRoot;
  /** The panel is rendered from its first opening on. */
  panelRendered(): boolean;
  unmount(): void;
}

/**
 * Renders the widget into a closed shadow root at the end of the body, and renders it again
 * whenever the state changes. Focus moves into the panel when a person opens it and back to
 * the launcher when it closes from inside; an `open` from the host page's script does not
 * steal focus from the page.
 */
export function mount(doc: Document, config: WidgetConfig, state: WidgetState, nonce: string): Mounted {
  const host = doc.createElement('callbell-widget');
  for (const [name, value] of Object.entries(HOST_STYLE)) host.style.setProperty(name, value, 'important');
  const root = host.attachShadow({ mode: 'closed' });
  adoptStyles(root, css, nonce);
  const container = doc.createElement('div');
  root.appendChild(container);

  let byPerson = false;
  const personal = (action: () => void) => () => {
    byPerson = true;
    action();
    byPerson = false;
  };
  const onToggle = personal(state.toggle);
  const onClose = personal(state.closePanel);
  let panel = false;
  const draw = (open: boolean) => {
    panel ||= open;
    render(<App config={config} open={open} panel={panel} onToggle={onToggle} onClose={onClose} />, container);
  };

  const panelEl = () => root.getElementById('cb-panel');
  const unwatch = state.watch((open) => {
    const focusWasInside = !!panelEl()?.contains(root.activeElement);
    draw(open);
    if (open && byPerson) panelEl()?.querySelector<HTMLElement>(FOCUSABLE)?.focus();
    if (!open && focusWasInside) root.querySelector<HTMLElement>('.launcher')?.focus();
  });
  draw(state.isOpen());
  doc.body.appendChild(host);
  return {
    host,
    root,
    panelRendered: () => panel,
    unmount() {
      unwatch();
      render(null, container);
      host.remove();
    },
  };
}
