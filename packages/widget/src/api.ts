import { warn } from './log.ts';
import type { LoadPanel } from './panel-api.ts';
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
 * `loadPanel` is how the panel's chunk arrives: by a script tag, or in tests from the source.
 */
export function install(win: Window, script: HTMLScriptElement, loadPanel?: LoadPanel): void {
  const prior = win.Callbell;
  if (prior?.loaded) return;
  let widget: WidgetController | null = null;
  const api: CallbellFunction = (command, ...args) => {
    try {
      widget?.command(`${command}`, args);
    } catch (err) {
      warn(`Callbell('${command}') failed: ${err}`);
    }
  };
  api.loaded = true;
  win.Callbell = api;
  widget = startWidget(
    win,
    script,
    () => {
      win.Callbell = queueStub();
    },
    loadPanel,
  );
  for (const args of Array.from(prior?.q ?? [])) api(...(Array.from(args) as [string, ...unknown[]]));
}
