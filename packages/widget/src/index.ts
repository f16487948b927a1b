import { install } from './api.ts';
import { warn } from './log.ts';

// The widget must never throw into the host page, whatever happens here.
try {
  // A classic script (which widget.js always is) knows its own tag while it runs.
  install(window, document.currentScript as HTMLScriptElement);
} catch (err) {
  warn(`Widget not shown: ${err}`);
}
