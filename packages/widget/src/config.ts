import { COLOR_RE, HTTP_URL_RE, type WidgetConfig } from '@callbell/protocol';

const isHttpUrl = (u: unknown): u is string => typeof u === 'string' && HTTP_URL_RE.test(u);

/**
 * The server validates configs fully before it stores them (protocol's parseWidgetConfig);
 * the widget only checks what it needs to render safely: the shape it reads, and that the
 * footer's link is http(s), so no `javascript:` link can reach the page. The panel leaves out
 * an avatar that is not http(s) and channels of a type this version does not know (Panel.tsx).
 */
function usable(c: Partial<WidgetConfig> | null, widgetId: string): c is WidgetConfig {
  const { branding, agent, appearance } = c ?? {};
  return (
    c?.widgetId === widgetId &&
    Array.isArray(c.channels) &&
    !!agent &&
    !!appearance &&
    COLOR_RE.test(appearance.color) &&
    typeof branding?.show === 'boolean' &&
    (!branding.show || isHttpUrl(branding.href))
  );
}

/**
 * Fetches the widget's config. Every failure becomes a sentence for the one console warning
 * the host page's developer will see (a string instead of the config); nothing here throws.
 */
export function fetchConfig(win: Window, origin: string, widgetId: string): Promise<WidgetConfig | string> {
  const url = `${origin}/v1/widgets/${widgetId}/config`;
  return win.fetch(url).then(
    async (res) => {
      if (res.status === 404) return `widget ${widgetId} does not exist (404)`;
      if (!res.ok) return `${url} answered ${res.status}`;
      const config = await res.json().catch(() => null);
      return usable(config, widgetId) ? config : `${url} did not answer a usable config`;
    },
    () => `could not reach ${origin}`,
  );
}
