// The panel chunk's entry (dist/widget-panel-<hash>.js): Preact and the panel, loaded by the
// loader on the visitor's first sign of intent or when the page is idle (widget.ts).
import { warn } from '../log.ts';
import { PANEL_EVENT, type PanelModule } from '../panel-api.ts';
import { attach } from './runtime.tsx';

// Hand the module to the loader that added this script, through an event on the script element
// itself: no global. Never throw into the host page.
try {
  const module: PanelModule = { attach };
  document.currentScript?.dispatchEvent(new CustomEvent(PANEL_EVENT, { detail: module }));
} catch (err) {
  warn(`Chat panel not loaded: ${String(err)}`);
}
