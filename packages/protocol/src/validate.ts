import { CHANNEL_PATTERNS } from './channels.ts';
import { VISITOR_ID_RE, WIDGET_ID_RE } from './ids.ts';
import { CHANNEL_TYPES, type Channel, PING_KINDS, type Ping, type WidgetConfig, type WidgetSettings } from './types.ts';

/** Either the validated value (unknown fields dropped) or one message naming the bad field. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

/** Size limits, shared with the JSON Schemas so both sides refuse the same input. */
export const LIMITS = {
  greeting: 500,
  agentName: 80,
  label: 40,
  url: 2048,
  channels: 10,
  channelText: 500,
  sdkVersion: 32,
} as const;

export const COLOR_RE = /^#[0-9a-fA-F]{6}$/;
/** Absolute http(s) URL with a host; the JSON Schemas use the same pattern. */
export const HTTP_URL_RE = /^https?:\/\/[^\s/?#]+/i;
export const SDK_VERSION_RE = /^[0-9A-Za-z.+-]{1,32}$/;

/** Thrown inside a validator; caught at its edge and turned into a Result. */
class Invalid extends Error {}

type Obj = Record<string, unknown>;

const fail = (path: string, message: string): never => {
  throw new Invalid(`${path} ${message}`);
};

const obj = (v: unknown, path: string): Obj =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : fail(path, 'must be an object');

function str(v: unknown, path: string, max: number, re?: RegExp | string): string {
  if (typeof v !== 'string') return fail(path, 'must be a string');
  if (v.length > max) return fail(path, `must be at most ${max} characters`);
  if (re && !(typeof re === 'string' ? new RegExp(re) : re).test(v)) return fail(path, 'is not in the expected format');
  return v;
}

const optStr = (v: unknown, path: string, max: number) => (v === undefined ? undefined : str(v, path, max));

function httpUrl(v: unknown, path: string): string {
  const s = str(v, path, LIMITS.url);
  let ok = HTTP_URL_RE.test(s);
  try {
    new URL(s);
  } catch {
    ok = false;
  }
  return ok ? s : fail(path, 'must be an http(s) URL');
}

function oneOf<T extends string>(v: unknown, path: string, allowed: readonly T[]): T {
  return allowed.includes(v as T) ? (v as T) : fail(path, `must be one of ${allowed.join(', ')}`);
}

/** A channel with only its known fields, so a typo'd or unknown field never reaches a link. */
function channel(v: unknown, path: string): Channel {
  const o = obj(v, path);
  const type = oneOf(o.type, `${path}.type`, CHANNEL_TYPES);
  const p = CHANNEL_PATTERNS;
  switch (type) {
    case 'whatsapp': {
      const text = optStr(o.text, `${path}.text`, LIMITS.channelText);
      return { type, phone: str(o.phone, `${path}.phone`, 32, p.phone), ...(text ? { text } : {}) };
    }
    case 'messenger':
      return { type, page: str(o.page, `${path}.page`, 50, p.messengerPage) };
    case 'telegram':
      return { type, username: str(o.username, `${path}.username`, 32, p.telegramUser) };
    case 'instagram':
      return { type, username: str(o.username, `${path}.username`, 30, p.instagramUser) };
    case 'email': {
      const subject = optStr(o.subject, `${path}.subject`, LIMITS.channelText);
      return { type, address: str(o.address, `${path}.address`, 254, p.email), ...(subject ? { subject } : {}) };
    }
    case 'phone':
      return { type, number: str(o.number, `${path}.number`, 32, p.phone) };
  }
}

function config(v: unknown): WidgetConfig {
  const o = obj(v, 'config');
  const agent = obj(o.agent, 'agent');
  const look = obj(o.appearance, 'appearance');
  const brand = obj(o.branding, 'branding');
  if (!Array.isArray(o.channels)) return fail('channels', 'must be an array');
  if (o.channels.length > LIMITS.channels) return fail('channels', `must have at most ${LIMITS.channels} items`);
  if (typeof brand.show !== 'boolean') return fail('branding.show', 'must be a boolean');
  return {
    widgetId: str(o.widgetId, 'widgetId', 37, WIDGET_ID_RE),
    greeting: str(o.greeting, 'greeting', LIMITS.greeting),
    agent: {
      name: str(agent.name, 'agent.name', LIMITS.agentName),
      avatarUrl: agent.avatarUrl == null ? null : httpUrl(agent.avatarUrl, 'agent.avatarUrl'),
    },
    appearance: {
      position: oneOf(look.position, 'appearance.position', ['left', 'right'] as const),
      color: str(look.color, 'appearance.color', 7, COLOR_RE),
      label: look.label == null ? null : str(look.label, 'appearance.label', LIMITS.label),
    },
    channels: o.channels.map((c, i) => channel(c, `channels[${i}]`)),
    branding: {
      show: brand.show,
      label: str(brand.label, 'branding.label', LIMITS.label),
      href: httpUrl(brand.href, 'branding.href'),
    },
  };
}

/** What an owner edits, in field order, so the first bad field is the one named. */
function settings(v: unknown): WidgetSettings {
  const o = obj(v, 'settings');
  const greeting = str(o.greeting, 'greeting', LIMITS.greeting);
  const agent = obj(o.agent, 'agent');
  const name = str(agent.name, 'agent.name', LIMITS.agentName);
  const avatarUrl = agent.avatarUrl == null ? null : httpUrl(agent.avatarUrl, 'agent.avatarUrl');
  const look = obj(o.appearance, 'appearance');
  const appearance = {
    position: oneOf(look.position, 'appearance.position', ['left', 'right'] as const),
    color: str(look.color, 'appearance.color', 7, COLOR_RE),
    label: look.label == null ? null : str(look.label, 'appearance.label', LIMITS.label),
  };
  if (!Array.isArray(o.channels)) return fail('channels', 'must be an array');
  if (o.channels.length > LIMITS.channels) return fail('channels', `must have at most ${LIMITS.channels} items`);
  const channels = o.channels.map((c, i) => channel(c, `channels[${i}]`));
  return { greeting, agent: { name, avatarUrl }, appearance, channels };
}

function ping(v: unknown): Ping {
  const o = obj(v, 'body');
  const tampered = o.brandingTampered;
  if (tampered !== undefined && typeof tampered !== 'boolean') return fail('brandingTampered', 'must be a boolean');
  return {
    widgetId: str(o.widgetId, 'widgetId', 37, WIDGET_ID_RE),
    visitorId: str(o.visitorId, 'visitorId', 32, VISITOR_ID_RE),
    kind: oneOf(o.kind, 'kind', PING_KINDS),
    url: httpUrl(o.url, 'url'),
    sdkVersion: str(o.sdkVersion, 'sdkVersion', LIMITS.sdkVersion, SDK_VERSION_RE),
    ...(tampered ? { brandingTampered: true } : {}),
  };
}

const guard =
  <T>(fn: (v: unknown) => T) =>
  (v: unknown): Result<T> => {
    try {
      return { ok: true, value: fn(v) };
    } catch (err) {
      if (err instanceof Invalid) return { ok: false, error: err.message };
      throw err;
    }
  };

/** Validates a widget config as received from the network. */
export const parseWidgetConfig = guard(config);

/**
 * Validates the settings an owner edits (greeting, agent, appearance, channels) by the same
 * rules as the public config, so whatever the server stores, the widget accepts.
 */
export const parseWidgetSettings = guard(settings);

/** Validates a ping body (already JSON-parsed). */
export const parsePing = guard(ping);
