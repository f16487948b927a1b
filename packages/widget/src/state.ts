export type WidgetEvent = 'open' | 'close';
export type Listener = () => void;

/**
 * The widget's state (is the panel open) and the only actions that change it. It exists before
 * the config has loaded, so `Callbell('open')` or `Callbell('on', …)` called early take effect.
 *
 * A plain observable rather than @preact/signals: the widget has one boolean of state and
 * about twenty nodes, and signals with their Preact integration cost 3.2 KB of a 12 KB budget
 * (bench/RESULTS.md).
 */
export function createState() {
  let open = false;
  const watchers = new Set<(open: boolean) => void>();
  const listeners: Record<WidgetEvent, Set<Listener>> = { open: new Set(), close: new Set() };

  const setOpen = (next: boolean) => {
    if (open === next) return;
    open = next;
    for (const fn of watchers) fn(open);
    for (const fn of listeners[open ? 'open' : 'close']) {
      try {
        fn();
      } catch (err) {
        // A host page's listener must not break the widget, but its author should see why.
        console.error('[Callbell] an event listener threw', err);
      }
    }
  };

  return {
    isOpen: () => open,
    openPanel: () => setOpen(true),
    closePanel: () => setOpen(false),
    toggle: () => setOpen(!open),
    /** For the widget's own renderer; runs before the host page's listeners. */
    watch: (fn: (open: boolean) => void) => {
      watchers.add(fn);
      return () => watchers.delete(fn);
    },
    on: (event: WidgetEvent, fn: Listener) => listeners[event].add(fn),
    off: (event: WidgetEvent, fn: Listener) => listeners[event].delete(fn),
    clear: () => {
      watchers.clear();
      listeners.open.clear();
      listeners.close.clear();
    },
  };
}

export type WidgetState = ReturnType<typeof createState>;
