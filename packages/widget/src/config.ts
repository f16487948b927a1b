import { CHANNEL_TYPES, COLOR_RE, HTTP_URL_RE, type Result, type WidgetConfig } from '@callbell/protocol';

const isHttpUrl = (u: unknown): u is string => typeof u === 'string' && HTTP_URL_RE.test(u);

/**
 * The server validates configs fully before it stores them (protocol's parseWidgetConfig);
 * the widget only checks what it needs to render safely: the shape it reads, and that every
 * URL it puts in an href or src is http(s), so no `javascript:` link can reach the page.
 * Channels of a type this version does not know are dropped, so a newer server can add one.
 */
function usable(body: unknown, widgetId: string): WidgetConfig | null {
  const c = body as Partial<WidgetConfig> | null;
  if (!c || c.widgetId !== widgetId || !c.agent || !c.appearance || !Array.isArray(c.channels)) return null;
  const { branding, agent, appearance } = c;
  if (!branding || typeof branding.show !== 'boolean' || (branding.show && !isHttpUrl(branding.href))) return null;
  if (!COLOR_RE.test(appearance.color)) return null;
  if (agent.avatarUrl && !isHttpUrl(agent.avatarUrl)) return null;
  return { ...(c as WidgetConfig), channels: c.channels.filter((ch) => CHANNEL_TYPES.includes(ch?.type)) };
}

/**
 * Fetches the widget's config. Every failure becomes a sentence for the one console warning
 * the host page's developer will see; nothing here throws.
 */
export async function fetchConfig(
  win: Window,
  origin: string,
  widgetId: string,
  signal: AbortSignal,
): Promise<Result<WidgetConfig>> {
  const url = `${origin}/v1/widgets/${widgetId}/config`;
  let res: Response;
  try {
    res = await win.fetch(url, { signal, credentials: 'omit' });
  } catch {
    return { ok: false, error: `could not reach ${origin}` };
  }
  if (res.status === 404) return { ok: false, error: `widget ${widgetId} does not exist (404); check data-widget-id` };
  if (!res.ok) return { ok: false, error: `${url} answered ${res.status}` };
  let value: WidgetConfig | null = null;
  try {
    value = usable(await res.json(), widgetId);
  } catch {}
  return value ? { ok: true, value } : { ok: false, error: `${url} did not answer a usable config` };
}
