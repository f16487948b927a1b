import { warn } from './log.ts';
import { startWidget, type WidgetController } from './widget.ts';

/** `window.Callbell`: the queue stub before the script loads, the real thing after. */
export interface CallbellFunction {
  (command: string, ...args: unknown[]): void;
  /** Calls made before the script loaded, queued by the stub in snippet.js. */
  q?: ArrayLike<unknown>[];
  /** Set once a widget script has taken over, so a second copy of the script does nothing. */
  loaded?: boolean;
}

/** A stub that queues calls, as snippet.js does; left in place after `destroy`. */
export function queueStub(): CallbellFunction {
  const stub: CallbellFunction = (...args: unknown[]) => {
    stub.q = stub.q ?? [];
    stub.q.push(args);
  };
  return stub;
}

/**
 * Installs `window.Callbell` for the script tag and replays the calls queued before it loaded.
 * A second copy of the script on the same page finds `loaded` and leaves the first in charge.
 */
export function install(win: Window, script: HTMLScriptElement | null): void {
  const prior = win.Callbell;
  if (prior?.loaded) return;
  let widget: WidgetController | null = null;
  const api: CallbellFunction = (command, ...args) => {
    try {
      if (widget) widget.command(String(command), args);
    } catch (err) {
      warn(`Callbell('${String(command)}') failed: ${String(err)}`);
    }
  };
  api.loaded = true;
  win.Callbell = api;
  if (!script) {
    warn('Widget not shown: could not find its script tag.');
    return;
  }
  widget = startWidget(win, script, () => {
    win.Callbell = queueStub();
  });
  for (const args of Array.from(prior?.q ?? [])) api(...(Array.from(args) as [string, ...unknown[]]));
}
