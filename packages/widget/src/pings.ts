import { type Ping, pageAddress, utcDay, VISITOR_ID_RE } from '@callbell/protocol';
import type { SafeStorage } from './storage.ts';

export const VISITOR_KEY = 'callbell:vid';
export const widgetKey = (widgetId: string) => `callbell:w:${widgetId}`;

/** What the widget remembers per widget: the last UTC day it pinged, and a tamper report owed. */
interface WidgetRecord {
  d: string;
  t?: 1;
}

/** 21 random characters of [0-9a-z] (about 108 bits), from the browser's CSPRNG. */
const randomId = () => Array.from(crypto.getRandomValues(new Uint8Array(21)), (b) => (b % 36).toString(36)).join('');

function readRecord(storage: SafeStorage, widgetId: string): WidgetRecord | null {
  try {
    // JSON.parse(null) is null: nothing stored yet.
    const rec = JSON.parse(storage.get(widgetKey(widgetId)) as string) as WidgetRecord | null;
    return typeof rec?.d === 'string' ? rec : null;
  } catch {
    return null;
  }
}

/**
 * Sends today's ping for this visitor and widget, and records it, so that at most one ping
 * per visitor per widget per UTC day leaves the browser. Sends nothing when one was already
 * sent today, or when nothing can be remembered (storage blocked or consent pending): without
 * memory the widget could not keep that promise, so it stays silent rather than flood.
 */
export function sendDailyPing(win: Window, storage: SafeStorage, origin: string, widgetId: string, tampered: boolean) {
  const day = utcDay(Date.now());
  const rec = readRecord(storage, widgetId);
  if (rec?.d === day) return;
  let visitorId = storage.get(VISITOR_KEY);
  if (!visitorId || !VISITOR_ID_RE.test(visitorId)) {
    visitorId = randomId();
    if (!storage.set(VISITOR_KEY, visitorId)) return;
  }
  if (!storage.set(widgetKey(widgetId), JSON.stringify({ d: day }))) return;
  const ping: Ping = {
    widgetId,
    visitorId,
    kind: rec ? 'heartbeat' : 'install',
    url: pageAddress(win.location.href),
    sdkVersion: __SDK_VERSION__,
    ...((tampered || rec?.t === 1) && { brandingTampered: true }),
  };
  send(win, `${origin}/v1/pings`, JSON.stringify(ping));
}

/** Remembers that the footer was found tampered, so the next daily ping reports it. */
export function owePingTamperReport(storage: SafeStorage, widgetId: string): void {
  const rec = readRecord(storage, widgetId);
  if (rec && !rec.t) storage.set(widgetKey(widgetId), JSON.stringify({ ...rec, t: 1 }));
}

/**
 * Sends a ping as `text/plain` JSON (a string body's default type), which needs no CORS
 * preflight: by `sendBeacon` so it survives the page closing, else by `fetch` with
 * `keepalive`. Never throws, never rejects.
 */
function send(win: Window, url: string, body: string): void {
  try {
    if (win.navigator.sendBeacon?.(url, body)) return;
  } catch {}
  try {
    win.fetch(url, { method: 'POST', body, keepalive: true }).catch(() => {});
  } catch {}
}
