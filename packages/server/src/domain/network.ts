import { isIPv4, isIPv6 } from 'node:net';
import { isLocalAddress } from './public-address.ts';

/** What every string that is not an IP address counts as: one network, whatever it says. */
export const NOT_AN_ADDRESS = 'not-an-address';

/**
 * The network an address belongs to, for counting distinct visitors of an installation: an
 * IPv4 address as it is; an IPv6 address by its /48 prefix (a single customer or server is
 * routinely given a /64 or a /56, and a free tunnel a whole /48, so anything narrower would let
 * one machine be many networks); an IPv4-mapped IPv6 address as its IPv4. Anything else (a
 * forged forwarding header, say) is one network, so invented values never add up. Rate limits
 * ask for /64 instead: a carrier may number many subscribers out of one /48.
 */
export function networkOf(raw: string, ipv6Bits: 48 | 64 = 48): string {
  const ip = withoutPort(raw);
  if (isIPv4(ip)) return ip;
  const address = ip.split('%')[0] ?? '';
  if (!isIPv6(address)) return NOT_AN_ADDRESS;
  const groups = expandIPv6(address.toLowerCase());
  const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (mapped) {
    const [hi = 0, lo = 0] = groups.slice(6);
    return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join('.');
  }
  return `${groups
    .slice(0, ipv6Bits / 16)
    .map((g) => g.toString(16))
    .join(':')}::/${ipv6Bits}`;
}

/**
 * Some proxies write forwarded addresses with their port (`203.0.113.7:4711`, `[2001:db8::1]:443`),
 * which Fastify passes on as they are; without this, every client would be one network.
 */
function withoutPort(ip: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(ip);
  if (bracketed) return bracketed[1] ?? '';
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(ip);
  return v4 ? (v4[1] ?? '') : ip;
}

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, a dotted IPv4 tail as two). */
export function expandIPv6(address: string): number[] {
  const toGroups = (part: string): number[] =>
    part
      ? part.split(':').flatMap((g) => {
          if (!g.includes('.')) return [Number.parseInt(g, 16)];
          const [a = 0, b = 0, c = 0, d = 0] = g.split('.').map(Number);
          return [(a << 8) | b, (c << 8) | d];
        })
      : [];
  const [head = '', tail] = address.split('::');
  const left = toGroups(head);
  if (tail === undefined) return left;
  const right = toGroups(tail);
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/**
 * An address as the log may keep it: an IPv4 address's /24, an IPv6 address's /48. Enough to
 * tell networks apart when reading an incident, never enough to name a visitor.
 */
export function loggableAddress(raw: string | undefined): string {
  if (!raw) return NOT_AN_ADDRESS;
  const network = networkOf(raw, 48);
  if (isIPv4(network)) return `${network.slice(0, network.lastIndexOf('.'))}.0/24`;
  return network;
}

/** How an address's network is kept as evidence, before hashing. */
export interface EvidenceNetwork {
  /** An IPv4 address or an IPv6 /64: one subscriber, as sign-ups and log-ins are compared. */
  network: string;
  /** An IPv4 address or an IPv6 /48: as install visitors are counted, so the two compare. */
  wide: string;
  family: 'ipv4' | 'ipv6';
}

/**
 * The networks an address is evidence of (an IPv4-mapped IPv6 address counts as its IPv4
 * address), hashed by `hash` so that no address is kept. Null for what is no evidence of where
 * anyone is: a loopback, private or link-local address (a proxy the server does not trust, or
 * a developer's machine: every client would share it), or no address at all.
 */
export function evidenceNetworks(raw: string, hash: (network: string) => string): EvidenceNetwork | null {
  const network = networkOf(raw, 64);
  if (network === NOT_AN_ADDRESS || isLocalAddress(withoutPort(raw))) return null;
  return { network: hash(network), wide: hash(networkOf(raw, 48)), family: isIPv4(network) ? 'ipv4' : 'ipv6' };
}
