import type { WidgetConfig } from '@callbell/protocol';
import { useEffect, useRef } from 'preact/hooks';
import { previewMessage } from '../preview/messages.ts';

/** How long the preview waits for typing to pause before it restarts the widget. */
export const PREVIEW_DEBOUNCE_MS = 250;

/** Sends `config` to the preview frame (same origin only). */
export function postPreview(frame: HTMLIFrameElement | null, config: WidgetConfig): void {
  frame?.contentWindow?.postMessage(previewMessage(config), location.origin);
}

/**
 * The live preview: the real widget bundle, in a frame of its own, fed the unsaved draft. While
 * a field is invalid (`config` null) it keeps showing the last valid version.
 */
export function Preview({ config, dirty }: { config: WidgetConfig | null; dirty: boolean }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const loaded = useRef(false);
  const latest = useRef(config);
  latest.current = config;

  // Compared by content: a render that changes nothing in the config restarts nothing.
  const content = config ? JSON.stringify(config) : null;
  useEffect(() => {
    if (!config || !loaded.current) return;
    const t = setTimeout(() => postPreview(frame.current, config), PREVIEW_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [content]);

  return (
    <section class="card wg-preview" aria-labelledby="wg-preview-title">
      <div class="card-header">
        <h2 id="wg-preview-title">Preview</h2>
        <span class={dirty ? 'badge badge-warning' : 'badge'}>{dirty ? 'With your unsaved changes' : 'As saved'}</span>
      </div>
      {config ? (
        <p class="hint">
          The real widget, as visitors will see it. Its links do nothing here, so trying it never counts as a visit or a
          click.
        </p>
      ) : (
        <p class="hint wg-preview-paused" role="status">
          Paused on the last valid version: fix the highlighted field to see your changes.
        </p>
      )}
      <iframe
        ref={frame}
        class="wg-frame"
        title="Widget preview"
        src="/app/preview.html"
        onLoad={() => {
          loaded.current = true;
          if (latest.current) postPreview(frame.current, latest.current);
        }}
      />
    </section>
  );
}
