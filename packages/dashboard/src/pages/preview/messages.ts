import type { WidgetConfig } from '@callbell/protocol';

/**
 * What the widget page tells its preview frame: the config to run the real widget with. Both
 * sides are the same origin; the frame takes messages only from its parent on this origin.
 */
export const PREVIEW_CONFIG = 'callbell:preview-config';

export interface PreviewMessage {
  type: typeof PREVIEW_CONFIG;
  config: WidgetConfig;
}

/** The message that (re)starts the preview with `config`. */
export const previewMessage = (config: WidgetConfig): PreviewMessage => ({ type: PREVIEW_CONFIG, config });

/** Whether `data` is a preview message with a config the widget can at least read. */
export function isPreviewMessage(data: unknown): data is PreviewMessage {
  const m = data as Partial<PreviewMessage> | null;
  return (
    !!m &&
    m.type === PREVIEW_CONFIG &&
    typeof m.config === 'object' &&
    m.config !== null &&
    typeof m.config.widgetId === 'string'
  );
}
