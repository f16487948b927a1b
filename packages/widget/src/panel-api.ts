import type { WidgetConfig } from '@callbell/protocol';
import type { SafeStorage } from './storage.ts';

/**
 * The contract between the loader (dist/widget.js) and the panel chunk it loads later
 * (dist/widget-panel-<hash>.js). The chunk is a classic script: when it runs it dispatches
 * PANEL_EVENT on its own script element with the module as `detail`, so it adds no global.
 */
export const PANEL_EVENT = 'callbell:panel';

/** What the loader has drawn and knows, handed to the panel once both are there. */
export interface PanelHost {
  host: HTMLElement;
  root: ShadowRoot;
  /** The launcher: the panel goes before it, in the same container. */
  button: HTMLElement;
  /** Shows the panel's state on the launcher. */
  draw(open: boolean): void;
  config: WidgetConfig;
  nonce: string;
  widgetId: string;
  storage: SafeStorage;
}

/**
 * The widget's interactive part: the open state, its events and the panel. The loader sends it
 * the page's commands (all but `consent` and `destroy`, which are the loader's) and the
 * launcher's clicks; until it has arrived they wait in the loader's queue, as calls made before
 * the loader wait in the snippet's.
 */
export interface PanelRuntime {
  command(name: string, args: unknown[]): void;
  /** A person clicked the launcher: toggle, and move focus into the panel if it opens. */
  click(): void;
  /** The footer the config requires was found removed, hidden or rewritten (tamper.ts). */
  tampered(): boolean;
  unmount(): void;
}

export interface PanelModule {
  attach(host: PanelHost): PanelRuntime;
}

/** Fetches and runs the panel chunk from `src`. */
export type LoadPanel = (doc: Document, src: string, nonce: string) => Promise<PanelModule>;
