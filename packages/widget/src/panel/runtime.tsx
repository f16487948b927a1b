import { render } from 'preact';
import { Panel } from '../components/Panel.tsx';
import { warn } from '../log.ts';
import css from '../panel.css?inline';
import type { PanelHost, PanelRuntime } from '../panel-api.ts';
import { owePingTamperReport } from '../pings.ts';
import { createState, type WidgetEvent } from '../state.ts';
import { adoptStyles } from '../styles.ts';
import { footerTampered } from '../tamper.ts';

const EVENTS: readonly WidgetEvent[] = ['open', 'close'];
const FOCUSABLE = 'a[href],button';

/**
 * The widget's interactive part, attached to what the loader drew: the open state and its
 * events, and the panel, rendered into the shadow root before the launcher from its first
 * opening on. Focus moves into the panel when a person opens it and back to the launcher when
 * it closes from inside; an `open` from the host page's script does not steal focus.
 */
export function attach({ host, root, button, draw, config, nonce, widgetId, storage }: PanelHost): PanelRuntime {
  const doc = root.ownerDocument;
  const state = createState();
  adoptStyles(root, css, nonce); // now, not at the first opening: the launcher's focus ring is here
  let container: HTMLElement | null = null;
  let byPerson = false;
  let tamperSeen = false;
  const panel = () => root.getElementById('cb-panel');
  const tampered = (open: boolean) =>
    !!container && config.branding.show && footerTampered(host, root, config.branding.href, open);

  // Each time the panel is drawn open, check the footer once it has been laid out.
  const checkFooter = () => {
    if (!state.isOpen() || !tampered(true)) return;
    tamperSeen = true;
    owePingTamperReport(storage, widgetId);
  };

  state.watch((open) => {
    draw(open);
    if (!container) {
      container = doc.createElement('div');
      button.before(container);
    }
    const focusWasInside = !!panel()?.contains(root.activeElement);
    render(<Panel config={config} open={open} onClose={state.closePanel} />, container);
    if (open) {
      // Only from where the visitor left it: the launcher, or nowhere. A panel whose chunk
      // arrived after the click does not take the focus from a field the visitor went on to.
      const active = doc.activeElement;
      if (byPerson && (!active || active === doc.body || active === host))
        panel()?.querySelector<HTMLElement>(FOCUSABLE)?.focus();
      setTimeout(checkFooter, 50);
    } else if (focusWasInside) button.focus();
  });

  const on = (args: unknown[], add: boolean) => {
    const [event, fn] = args as [WidgetEvent, () => void];
    if (!EVENTS.includes(event) || typeof fn !== 'function')
      return warn(`Callbell('${add ? 'on' : 'off'}', event, fn) takes an event (${EVENTS.join(', ')}) and a function.`);
    if (add) state.on(event, fn);
    else state.off(event, fn);
  };

  const commands: Record<string, (args: unknown[]) => void> = {
    open: state.openPanel,
    close: state.closePanel,
    toggle: state.toggle,
    on: (args) => on(args, true),
    off: (args) => on(args, false),
  };

  return {
    command(name, args) {
      const run = commands[name];
      if (run) run(args);
      else warn(`Unknown command "${name}". Try: ${[...Object.keys(commands), 'consent', 'destroy'].join(', ')}.`);
    },
    click() {
      byPerson = true;
      state.toggle();
      byPerson = false;
    },
    tampered: () => tamperSeen || tampered(state.isOpen()),
    unmount() {
      state.clear();
      if (container) render(null, container);
      container?.remove();
    },
  };
}
