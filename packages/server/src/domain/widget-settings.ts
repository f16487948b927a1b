import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';
import {
  FOOTER_HIDING_PLANS,
  MAX_ALLOWED_DOMAINS,
  mayHideFooter,
  parseWidgetSettings,
  type Result,
  type WidgetSettings,
} from '@callbell/protocol';
import { DEFAULT_WIDGET_SETTINGS } from './default-widget.ts';
import { planName } from './plans.ts';

/**
 * What an owner may change on a widget, and how: its settings (by the protocol's rules, so the
 * widget accepts whatever is stored), the domains its pings may come from, and whether the
 * footer shows (a paid plan's privilege). Pure: the routes validate with it, the pings route
 * matches hosts with it.
 */

/** A generous number for agencies, small enough that a runaway script cannot flood the table. */
export const MAX_WIDGETS_PER_ACCOUNT = 20;
/** The protocol's rule, re-exported for the routes' schemas. */
export { MAX_ALLOWED_DOMAINS };

const SETTINGS_FIELDS = ['greeting', 'agent', 'appearance', 'channels'] as const;
const FIELDS: readonly string[] = [...SETTINGS_FIELDS, 'allowedDomains', 'hideBranding'];

/** A change to a widget: each field present replaces the stored one whole. */
export interface WidgetChange extends Partial<WidgetSettings> {
  allowedDomains?: string[];
  hideBranding?: boolean;
}

const LABEL_RE = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
// What a host name never contains once its scheme is gone: a port, a path, credentials, spaces.
const NOT_A_HOST_RE = /[/:?#@\s*[\]\\%]/;

/**
 * An allowed domain in its stored form: lower case, IDN as punycode (what a browser's URL
 * reports), no trailing dot; `*.example.com` stands for every subdomain of example.com (not
 * example.com itself). A pasted address (`https://shop.example.com/`) keeps its host only.
 * Null when it is not a host name.
 */
export function normaliseDomain(raw: string): string | null {
  let s = raw.trim().toLowerCase();
  const scheme = /^https?:\/\//.exec(s);
  if (scheme) s = s.slice(scheme[0].length).replace(/\/$/, '');
  const wildcard = s.startsWith('*.');
  if (wildcard) s = s.slice(2);
  s = s.replace(/\.$/, '');
  if (!s || s.length > 253 || NOT_A_HOST_RE.test(s)) return null;
  const ascii = domainToASCII(s);
  if (!ascii || ascii.length > 253 || !ascii.split('.').every((label) => LABEL_RE.test(label))) return null;
  // A wildcard needs a registrable-looking name under it: `*.com` would allow half the web.
  if (wildcard && (!ascii.includes('.') || isIP(ascii))) return null;
  return wildcard ? `*.${ascii}` : ascii;
}

/**
 * Whether a page on `host` may ping a widget whose owner allows `allowed` (empty: anywhere).
 * `host` is a URL's hostname, already lower case and punycode.
 */
export function hostAllowed(host: string, allowed: readonly string[]): boolean {
  if (!allowed.length) return true;
  const h = host.replace(/\.$/, '');
  return allowed.some((domain) => (domain.startsWith('*.') ? h.endsWith(domain.slice(1)) : h === domain));
}

function parseDomains(v: unknown): Result<string[]> {
  if (!Array.isArray(v)) return { ok: false, error: 'allowedDomains must be an array of host names' };
  if (v.length > MAX_ALLOWED_DOMAINS) {
    return { ok: false, error: `allowedDomains must have at most ${MAX_ALLOWED_DOMAINS} entries` };
  }
  const out: string[] = [];
  for (const [i, raw] of v.entries()) {
    const domain = typeof raw === 'string' && raw.length <= 300 ? normaliseDomain(raw) : null;
    if (!domain) {
      const shown = typeof raw === 'string' ? JSON.stringify(raw.slice(0, 80)) : String(JSON.stringify(raw));
      return {
        ok: false,
        error: `allowedDomains[${i}] ${shown} is not a host name (expected e.g. shop.example.com or *.example.com)`,
      };
    }
    if (!out.includes(domain)) out.push(domain);
  }
  return { ok: true, value: out };
}

/**
 * Validates a widget change as sent by the dashboard. Unknown fields are refused (a typo must
 * not pass silently); `requireSome` refuses an empty change (PATCH), not an empty creation.
 */
export function parseWidgetChange(body: unknown, requireSome: boolean): Result<WidgetChange> {
  const input = body ?? {};
  if (typeof input !== 'object' || Array.isArray(input)) return { ok: false, error: 'body must be an object' };
  const o = input as Record<string, unknown>;
  const unknown = Object.keys(o).find((key) => !FIELDS.includes(key));
  if (unknown) return { ok: false, error: `${unknown} is not a widget field; expected one of ${FIELDS.join(', ')}` };
  if (requireSome && !FIELDS.some((key) => o[key] !== undefined)) {
    return { ok: false, error: `Send at least one of ${FIELDS.join(', ')}` };
  }
  const change: WidgetChange = {};
  const present = SETTINGS_FIELDS.filter((key) => o[key] !== undefined);
  if (present.length) {
    // Valid defaults around the fields sent: any error names one of those fields.
    const parsed = parseWidgetSettings({
      ...DEFAULT_WIDGET_SETTINGS,
      ...Object.fromEntries(present.map((k) => [k, o[k]])),
    });
    if (!parsed.ok) return parsed;
    Object.assign(change, Object.fromEntries(present.map((k) => [k, parsed.value[k]])));
  }
  if (o.allowedDomains !== undefined) {
    const domains = parseDomains(o.allowedDomains);
    if (!domains.ok) return domains;
    change.allowedDomains = domains.value;
  }
  if (o.hideBranding !== undefined) {
    if (typeof o.hideBranding !== 'boolean') return { ok: false, error: 'hideBranding must be a boolean' };
    change.hideBranding = o.hideBranding;
  }
  return { ok: true, value: change };
}

/** Why this plan may not hide the footer, or null when it may. */
export function hideBrandingRefusal(plan: string): string | null {
  if (mayHideFooter(plan)) return null;
  return `Hiding the "by Callbell" footer requires the ${FOOTER_HIDING_PLANS} plan; you are on ${planName(plan)}`;
}

/** The settings a widget has after a change: the fields sent replace the stored ones. */
export function applySettings(current: WidgetSettings, change: WidgetChange): WidgetSettings {
  const { greeting, agent, appearance, channels } = { ...current, ...change };
  return { greeting, agent, appearance, channels };
}
