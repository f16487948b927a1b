import { hostAllowed } from './widget-settings.ts';

/**
 * Whether a widget counts as installed, and why or why not, in words an owner can act on.
 * Qualification itself happens in the ping pipeline (db/queries/pings.ts qualifyWidgets); this
 * only explains what it has seen. Pure.
 */

/** What the platform knows about a widget's installation (db/queries/pings.ts installStatus). */
export interface InstallFacts<O extends InstallFactsOrigin = InstallFactsOrigin> {
  qualifiedAt: Date | null;
  qualifiedOrigin: string | null;
  lastPingAt: Date | null;
  origins: O[];
}

export interface InstallFactsOrigin {
  origin: string;
  publicOrigin: boolean;
  /** Counted toward qualification. */
  visitors: number;
  networks: number;
}

export const INSTALL_STATES = [
  'qualified',
  'no_pings',
  'private_only',
  'not_allowed',
  'counting',
  'enough_visitors',
] as const;
export type InstallState = (typeof INSTALL_STATES)[number];

export interface InstallExplanation<O extends InstallFactsOrigin = InstallFactsOrigin> {
  state: InstallState;
  qualified: boolean;
  /** One sentence: what has been seen, measured against the rule. */
  explanation: string;
  /** What the owner can do next; null when there is nothing to do. */
  nextStep: string | null;
  origins: (O & { allowed: boolean })[];
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const list = (origins: { origin: string }[]) =>
  origins
    .slice(0, 3)
    .map((o) => o.origin)
    .join(', ') + (origins.length > 3 ? ` and ${origins.length - 3} more` : '');

function originAllowed(origin: string, allowedDomains: readonly string[]): boolean {
  try {
    return hostAllowed(new URL(origin).hostname, allowedDomains);
  } catch {
    return false;
  }
}

/**
 * Explains a widget's installation against the rule: pings from at least `minVisitors`
 * distinct visitors, from at least `minNetworks` distinct networks, on one public origin (not
 * localhost, an IP or a private name), from a host the owner allows.
 */
export function explainInstall<O extends InstallFactsOrigin>(
  facts: InstallFacts<O>,
  rule: { minVisitors: number; minNetworks: number; allowedDomains: readonly string[] },
): InstallExplanation<O> {
  const origins = facts.origins.map((o) => ({ ...o, allowed: originAllowed(o.origin, rule.allowedDomains) }));
  const base = { origins, qualified: false, nextStep: null };
  if (facts.qualifiedAt) {
    const day = facts.qualifiedAt.toISOString().slice(0, 10);
    const where = facts.qualifiedOrigin ? ` on ${facts.qualifiedOrigin}` : '';
    return { ...base, state: 'qualified', qualified: true, explanation: `Installed: qualified${where} on ${day}` };
  }
  const only = rule.allowedDomains.length ? ` (pings are accepted only from ${rule.allowedDomains.join(', ')})` : '';
  if (!origins.length) {
    return {
      ...base,
      state: 'no_pings',
      explanation: 'No ping yet: paste the snippet',
      nextStep: `Paste the snippet into your site's pages and open one in a browser${only}`,
    };
  }
  const publicOrigins = origins.filter((o) => o.publicOrigin);
  if (!publicOrigins.length) {
    return {
      ...base,
      state: 'private_only',
      explanation: `Only seen on localhost / private addresses, which never count: ${list(origins)}`,
      nextStep: 'Publish the snippet on your public website',
    };
  }
  const counted = publicOrigins.filter((o) => o.allowed);
  if (!counted.length) {
    return {
      ...base,
      state: 'not_allowed',
      explanation: `Only seen on addresses outside your allowed domains: ${list(publicOrigins)}`,
      nextStep: `Add your site's domain to the allowed domains${only}`,
    };
  }
  // The origin closest to the threshold (installStatus lists the most visited first).
  const best = counted.reduce((a, b) => (b.visitors > a.visitors ? b : a));
  if (best.visitors >= rule.minVisitors && best.networks < rule.minNetworks) {
    return {
      ...base,
      state: 'counting',
      explanation: `Seen by ${plural(best.visitors, 'distinct visitor', 'distinct visitors')} on ${best.origin}, but from ${plural(best.networks, 'network', 'networks')} of the ${rule.minNetworks} needed`,
      nextStep: 'Visitors from other networks (not only your office or home connection) will qualify it',
    };
  }
  if (best.visitors >= rule.minVisitors) {
    return {
      ...base,
      state: 'enough_visitors',
      explanation: `Seen by ${plural(best.visitors, 'distinct visitor', 'distinct visitors')} on ${best.origin}: it qualifies with its next ping`,
    };
  }
  const missing = rule.minVisitors - best.visitors;
  return {
    ...base,
    state: 'counting',
    explanation: `Seen by ${best.visitors} of the ${rule.minVisitors} distinct visitors needed on ${best.origin}`,
    nextStep: `${plural(missing, 'more visitor', 'more visitors')} on one public address will qualify it`,
  };
}
