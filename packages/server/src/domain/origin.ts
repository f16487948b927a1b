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
const DOTTED_SUFFIXES = PRIVATE_SUFFIXES.map((suffix) => `.${suffix}`);

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
  // URL has already lower-cased an http(s) host, written IPv6 in brackets and any IPv4 form
  // (0x7f.1, 2130706433) as dotted decimal, whose last label the check below finds numeric.
  let host = url.hostname;
  if (host.endsWith('.')) host = host.replace(/\.+$/, '');
  if (!host || host.startsWith('[') || !host.includes('.')) return false;
  for (let i = 0; i < PRIVATE_SUFFIXES.length; i++) {
    if (host === PRIVATE_SUFFIXES[i] || host.endsWith(DOTTED_SUFFIXES[i] as string)) return false;
  }
  // A numeric last label is an IP address or a shortened one (10.1.1), not a real TLD.
  return !/^\d+$/.test(host.slice(host.lastIndexOf('.') + 1));
}

/**
 * Whether a host name is one DNS could hold: at most 253 characters, labels at most 63, in the
 * ASCII (punycode) form URL gives. Anything longer is no real site, and as a key it would not
 * fit an index entry (a review's 1,280 CJK characters became a 4,000-character origin).
 */
export function isDnsLength(hostname: string): boolean {
  if (hostname.length > 253) return false;
  for (let start = 0; start <= hostname.length; ) {
    let end = hostname.indexOf('.', start);
    if (end < 0) end = hostname.length;
    if (end - start > 63) return false;
    start = end + 1;
  }
  return true;
}

/** Splits a ping's page address into its origin and path. */
export function splitAddress(address: string | URL): { origin: string; path: string } {
  const url = typeof address === 'string' ? new URL(address) : address;
  return { origin: url.origin.toLowerCase(), path: url.pathname.slice(0, 512) };
}
