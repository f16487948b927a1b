import {
  type Branding,
  type Channel,
  type ChannelType,
  LIMITS,
  mayHideFooter,
  type Position,
  parseWidgetConfig,
  parseWidgetSettings,
  type WidgetConfig,
  type WidgetSettings,
} from '@callbell/protocol';
import type { BodyOf, ResponseOf } from '../../api/client.ts';
import { type ChannelDraft, channelDraftOf, channelFormatHelp, channelOf } from './channel-fields.ts';

/**
 * The widget editor's model, pure: a widget as the server answers it, the draft an owner edits,
 * the change a save sends (only what differs), each field's error by the protocol's own
 * validator, and the config the preview runs.
 */

export type WidgetResponse = ResponseOf<'/api/widgets/{id}', 'get'>;
export type WidgetChange = BodyOf<'/api/widgets/{id}', 'patch'>;

/** A widget as the page uses it: the server's answer, its fields made definite. */
export interface OwnerWidget {
  id: string;
  settings: WidgetSettings;
  hideBranding: boolean;
  allowedDomains: string[];
  branding: Branding;
  snippet: string;
  createdAt: string;
  install: {
    qualified: boolean;
    qualifiedAt: string | null;
    qualifiedOrigin: string | null;
    lastPingAt: string | null;
  };
}

/** The generated types make every response field optional; the server always sends them all. */
export function widgetOf(w: WidgetResponse): OwnerWidget {
  return {
    id: w.id ?? '',
    settings: {
      greeting: w.greeting ?? '',
      agent: { name: w.agent?.name ?? '', avatarUrl: w.agent?.avatarUrl ?? null },
      appearance: {
        position: w.appearance?.position === 'left' ? 'left' : 'right',
        color: w.appearance?.color ?? '',
        label: w.appearance?.label ?? null,
      },
      // The server validated these on the way in; its response schema only loosens their type.
      channels: (w.channels ?? []) as Channel[],
    },
    hideBranding: w.hideBranding ?? false,
    allowedDomains: w.allowedDomains ?? [],
    branding: { show: w.branding?.show ?? true, label: w.branding?.label ?? '', href: w.branding?.href ?? '' },
    snippet: w.snippet ?? '',
    createdAt: w.createdAt ?? '',
    install: {
      qualified: w.install?.qualified ?? false,
      qualifiedAt: w.install?.qualifiedAt ?? null,
      qualifiedOrigin: w.install?.qualifiedOrigin ?? null,
      lastPingAt: w.install?.lastPingAt ?? null,
    },
  };
}

/** What the owner edits, as typed. */
export interface Draft {
  greeting: string;
  agentName: string;
  avatarUrl: string;
  position: Position;
  color: string;
  label: string;
  channels: ChannelDraft[];
  allowedDomains: string[];
  hideBranding: boolean;
}

/** The draft of a stored widget; `key` names each channel row for as long as it is edited. */
export function draftOf(w: OwnerWidget, key: () => string): Draft {
  const { greeting, agent, appearance, channels } = w.settings;
  return {
    greeting,
    agentName: agent.name,
    avatarUrl: agent.avatarUrl ?? '',
    position: appearance.position,
    color: appearance.color,
    label: appearance.label ?? '',
    channels: channels.map((c) => channelDraftOf(c, key())),
    allowedDomains: [...w.allowedDomains],
    hideBranding: w.hideBranding,
  };
}

/** The settings a draft describes, as the server will store them (empty optional text is null). */
export function settingsOf(d: Draft): WidgetSettings {
  return {
    greeting: d.greeting,
    agent: { name: d.agentName.trim(), avatarUrl: d.avatarUrl.trim() || null },
    appearance: { position: d.position, color: d.color.trim(), label: d.label.trim() || null },
    channels: d.channels.map(channelOf),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Only the fields that differ from the stored widget: what a PATCH sends. */
export function changeOf(saved: OwnerWidget, d: Draft): WidgetChange {
  let n = 0;
  const before = settingsOf(draftOf(saved, () => String(n++)));
  const after = settingsOf(d);
  const change: WidgetChange = {};
  if (before.greeting !== after.greeting) change.greeting = after.greeting;
  if (!same(before.agent, after.agent)) change.agent = after.agent;
  if (!same(before.appearance, after.appearance)) change.appearance = after.appearance;
  if (!same(before.channels, after.channels)) change.channels = after.channels;
  if (!same(saved.allowedDomains, d.allowedDomains)) change.allowedDomains = d.allowedDomains;
  if (saved.hideBranding !== d.hideBranding) change.hideBranding = d.hideBranding;
  return change;
}

/**
 * The draft once a save of `sent` is stored as `stored` (the server's copy, maybe tidied):
 * a field edited while the save was on its way keeps the edit, every other field takes the
 * stored value. Channel rows keep their keys when their number is unchanged, so a field being
 * typed in stays the same element.
 */
export function rebase(sent: Draft, current: Draft, stored: Draft): Draft {
  const pick = <K extends keyof Draft>(k: K): Draft[K] => (same(current[k], sent[k]) ? stored[k] : current[k]);
  const channels = !same(current.channels, sent.channels)
    ? current.channels
    : stored.channels.length === current.channels.length
      ? stored.channels.map((c, i) => ({ ...c, key: current.channels[i]?.key ?? c.key }))
      : stored.channels;
  return {
    greeting: pick('greeting'),
    agentName: pick('agentName'),
    avatarUrl: pick('avatarUrl'),
    position: pick('position'),
    color: pick('color'),
    label: pick('label'),
    channels,
    allowedDomains: pick('allowedDomains'),
    hideBranding: pick('hideBranding'),
  };
}

// ---- Errors: the protocol's validator, its message mapped to the field it names ----

/** Field ids: `greeting`, `agent.name`, `appearance.color`, `channel:<key>.phone`, `domain:<host>`… */
export type FieldErrors = Record<string, string>;

/** The field a validator path (or a server message starting with one) is about, or null. */
export function fieldOf(message: string, d: Draft): string | null {
  const plain = /^(greeting|agent\.(?:name|avatarUrl)|appearance\.(?:position|color|label)|hideBranding)\b/.exec(
    message,
  );
  if (plain?.[1]) return plain[1];
  const channel = /^channels\[(\d+)\](?:\.(\w+))?/.exec(message);
  if (channel) {
    const row = d.channels[Number(channel[1])];
    if (!row) return 'channels';
    return channel[2] && channel[2] !== 'type' ? `channel:${row.key}.${channel[2]}` : `channel:${row.key}`;
  }
  const domain = /^allowedDomains\[(\d+)\]/.exec(message);
  if (domain) {
    const host = d.allowedDomains[Number(domain[1])];
    return host === undefined ? 'allowedDomains' : `domain:${host}`;
  }
  if (message.startsWith('channels')) return 'channels';
  if (message.startsWith('allowedDomains')) return 'allowedDomains';
  return null;
}

/** A validator's "path problem" in words a person can act on. */
export function explain(path: string, problem: string, type?: ChannelType): string {
  const max = /^must be at most (\d+) characters$/.exec(problem);
  if (max) return `Use at most ${max[1]} characters`;
  if (problem === 'must be an http(s) URL') return 'Enter a full web address starting with https://';
  if (problem === 'is not in the expected format') {
    if (path === 'appearance.color') return 'Enter # and six hex digits, e.g. #1b6ef3';
    const field = path.split('.').pop() ?? '';
    const help = type ? channelFormatHelp(type, field) : null;
    if (help) return help;
  }
  if (path === 'channels' && problem.startsWith('must have at most')) {
    return `A widget can have at most ${LIMITS.channels} channels`;
  }
  return `${path} ${problem}`;
}

/** A minimal valid widget, so that one part can be validated on its own. */
const VALID: WidgetSettings = {
  greeting: '',
  agent: { name: '', avatarUrl: null },
  appearance: { position: 'right', color: '#000000', label: null },
  channels: [],
};

const splitError = (error: string) => {
  const space = error.indexOf(' ');
  return { path: error.slice(0, space), problem: error.slice(space + 1) };
};

/**
 * Every field's error, by the same validator the server runs (parseWidgetSettings). It names
 * only the first bad field, so each part is checked on its own inside otherwise valid settings.
 */
export function validate(d: Draft): FieldErrors {
  const s = settingsOf(d);
  const errors: FieldErrors = {};
  const probe = (settings: WidgetSettings, rename = (path: string) => path, type?: ChannelType) => {
    const result = parseWidgetSettings(settings);
    if (result.ok) return;
    const { path, problem } = splitError(result.error);
    const real = rename(path);
    const field = fieldOf(real, d);
    if (field && !errors[field]) errors[field] = explain(real, problem, type);
  };
  probe({ ...VALID, greeting: s.greeting });
  probe({ ...VALID, agent: { ...VALID.agent, name: s.agent.name } });
  probe({ ...VALID, agent: { ...VALID.agent, avatarUrl: s.agent.avatarUrl } });
  probe({ ...VALID, appearance: { ...VALID.appearance, color: s.appearance.color } });
  probe({ ...VALID, appearance: { ...VALID.appearance, label: s.appearance.label } });
  s.channels.forEach((channel, i) => {
    probe({ ...VALID, channels: [channel] }, (p) => p.replace(/^channels\[0\]/, `channels[${i}]`), channel.type);
  });
  if (s.channels.length > LIMITS.channels) {
    errors.channels = `A widget can have at most ${LIMITS.channels} channels: remove ${s.channels.length - LIMITS.channels}`;
  }
  d.allowedDomains.forEach((host) => {
    const problem = domainProblem(host);
    if (problem) errors[`domain:${host}`] = problem;
  });
  // Whatever the parts missed (nothing, today) is still refused here rather than by the server.
  const whole = parseWidgetSettings(s);
  if (!whole.ok && !Object.keys(errors).length) {
    const { path, problem } = splitError(whole.error);
    errors[fieldOf(path, d) ?? 'form'] = explain(path, problem);
  }
  return errors;
}

// ---- Allowed domains: the server normalises them; this only catches what cannot be a host ----

/**
 * A host as typed, the way the server will store it, roughly: lower case, no scheme or path.
 * The server's own normalisation (punycode, checks per label) decides on save.
 */
export function tidyDomain(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/\/.*$/, '')
    .replace(/\.$/, '');
}

/** Why a typed domain cannot be one, or null when it may be. */
export function domainProblem(host: string): string | null {
  if (!host) return 'Enter a domain, e.g. shop.example.com';
  if (host.length > 253) return 'A domain has at most 253 characters';
  const bare = host.startsWith('*.') ? host.slice(2) : host;
  if (/[/:?#@\s*[\]\\%]/.test(bare) || bare.split('.').some((label) => !label || label.length > 63)) {
    return 'Enter a domain only, e.g. shop.example.com or *.example.com (no port, path or spaces)';
  }
  if (host.startsWith('*.') && !bare.includes('.')) return 'A wildcard needs a domain under it, e.g. *.example.com';
  return null;
}

// ---- The preview ----

/**
 * The public config the draft would give: what the real widget in the preview is fed. The
 * footer is the server's (label, referral link); it shows unless a paid plan's owner hides it.
 */
export function draftConfig(widget: OwnerWidget, d: Draft, plan: string | undefined): WidgetConfig {
  const { label, href } = widget.branding;
  return {
    widgetId: widget.id,
    ...settingsOf(d),
    branding: { show: !mayHideFooter(plan) || !d.hideBranding, label, href },
  };
}

/** The draft's config when the widget would accept it; null while a field is invalid. */
export function previewConfig(widget: OwnerWidget, d: Draft, plan: string | undefined): WidgetConfig | null {
  const parsed = parseWidgetConfig(draftConfig(widget, d, plan));
  return parsed.ok ? parsed.value : null;
}
