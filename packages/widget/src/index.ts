import { install } from './api.ts';
import { warn } from './log.ts';

// The widget must never throw into the host page, whatever happens here.
try {
  const script =
    (document.currentScript as HTMLScriptElement | null) ??
    document.querySelector<HTMLScriptElement>('script[data-widget-id]');
  install(window, script);
} catch (err) {
  warn(`Widget not shown: ${String(err)}`);
}
