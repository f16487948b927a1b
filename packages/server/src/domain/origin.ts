import { isIP } from 'node:net';

/** Names that never reach the public internet (RFC 6761, RFC 8375 and common private suffixes). */
const PRIVATE_SUFFIXES = [
  'localhost',
  'local',
  'internal',
  'intranet',
  'lan',
  'home',
  'corp',
  'private',
  'test',
  'example',
  'invalid',
  'home.arpa',
  'localdomain',
];

/**
 * True when a page address is on a public http(s) origin: a registrable-looking host name, not
 * localhost, an IP literal, `file:` or a private name. Installation qualification counts only
 * these, so a developer's local copy never earns an install bounty.
 */
export function isPublicOrigin(address: string | URL): boolean {
  let url: URL;
  try {
    url = typeof address === 'string' ? new URL(address) : address;
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  const host = url.hostname.toLowerCase().replace(/\.+$/, '');
  if (!host || host.startsWith('[') || isIP(host)) return false;
  if (!host.includes('.')) return false;
  if (PRIVATE_SUFFIXES.some((suffix) => host === suffix || host.endsWith(`.${suffix}`))) return false;
  // A numeric last label is an IP in disguise (e.g. 10.1.1) or not a real TLD.
  return !/^\d+$/.test(host.slice(host.lastIndexOf('.') + 1));
}

/**
 * Whether a host name is one DNS could hold: at most 253 characters, labels at most 63, in the
 * ASCII (punycode) form URL gives. Anything longer is no real site, and as a key it would not
 * fit an index entry (a review's 1,280 CJK characters became a 4,000-character origin).
 */
export function isDnsLength(hostname: string): boolean {
  return hostname.length <= 253 && hostname.split('.').every((label) => label.length <= 63);
}

/** Splits a ping's page address into its origin and path. */
export function splitAddress(address: string | URL): { origin: string; path: string } {
  const url = typeof address === 'string' ? new URL(address) : address;
  return { origin: url.origin.toLowerCase(), path: url.pathname.slice(0, 512) };
}
