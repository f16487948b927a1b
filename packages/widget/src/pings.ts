import { type Ping, type PingKind, pageAddress, utcDay, VISITOR_ID_RE } from '@callbell/protocol';
import { nanoid } from 'nanoid';
import type { SafeStorage } from './storage.ts';

export const VISITOR_KEY = 'callbell:vid';
export const widgetKey = (widgetId: string) => `callbell:w:${widgetId}`;

/** What the widget remembers per widget: the last UTC day it pinged, and a tamper report owed. */
interface WidgetRecord {
  d: string;
  t?: 1;
}

function readRecord(storage: SafeStorage, widgetId: string): WidgetRecord | null {
  try {
    const rec = JSON.parse(storage.get(widgetKey(widgetId)) ?? 'null') as WidgetRecord | null;
    return rec && typeof rec.d === 'string' ? rec : null;
  } catch {
    return null;
  }
}

/**
 * Decides today's ping for this visitor and widget, and records it, so that at most one ping
 * per visitor per widget per UTC day leaves the browser. Returns null when one was already
 * sent today, or when nothing can be remembered (storage blocked or consent pending): without
 * memory the widget could not keep that promise, so it stays silent rather than flood.
 */
export function claimDailyPing(
  storage: SafeStorage,
  widgetId: string,
  now: number,
  tamperedNow: boolean,
): { kind: PingKind; visitorId: string; brandingTampered: boolean } | null {
  const day = utcDay(now);
  const rec = readRecord(storage, widgetId);
  if (rec?.d === day) return null;
  let visitorId = storage.get(VISITOR_KEY);
  if (!visitorId || !VISITOR_ID_RE.test(visitorId)) {
    visitorId = nanoid();
    if (!storage.set(VISITOR_KEY, visitorId)) return null;
  }
  if (!storage.set(widgetKey(widgetId), JSON.stringify({ d: day }))) return null;
  return { kind: rec ? 'heartbeat' : 'install', visitorId, brandingTampered: tamperedNow || rec?.t === 1 };
}

/** Remembers that the footer was found tampered, so the next daily ping reports it. */
export function owePingTamperReport(storage: SafeStorage, widgetId: string): void {
  const rec = readRecord(storage, widgetId);
  if (rec && rec.t !== 1) storage.set(widgetKey(widgetId), JSON.stringify({ ...rec, t: 1 }));
}

/** Builds the wire body. */
export function pingBody(
  widgetId: string,
  claim: { kind: PingKind; visitorId: string; brandingTampered: boolean },
  href: string,
): Ping {
  return {
    widgetId,
    visitorId: claim.visitorId,
    kind: claim.kind,
    url: pageAddress(href),
    sdkVersion: __SDK_VERSION__,
    ...(claim.brandingTampered ? { brandingTampered: true } : {}),
  };
}

/**
 * Sends a ping as `text/plain` JSON, which needs no CORS preflight: by `sendBeacon` so it
 * survives the page closing, else by `fetch` with `keepalive`. Never throws, never rejects.
 */
export function sendPing(win: Window, origin: string, ping: Ping): void {
  const url = `${origin}/v1/pings`;
  const body = JSON.stringify(ping);
  try {
    if (win.navigator.sendBeacon?.(url, body)) return;
  } catch {}
  try {
    win
      .fetch(url, {
        method: 'POST',
        body,
        keepalive: true,
        credentials: 'omit',
        headers: { 'content-type': 'text/plain' },
      })
      .catch(() => {});
  } catch {}
}
