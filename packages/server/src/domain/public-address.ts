import { BlockList, isIPv4, isIPv6 } from 'node:net';
import { expandIPv6 } from './network.ts';

/**
 * Which addresses the platform's own requests (the install check's page fetch) may connect to:
 * public unicast addresses only. Everything a request forged by a site owner could use to
 * reach the platform's own network is refused: loopback, private, shared (CGNAT), link-local,
 * multicast, documentation, benchmarking and reserved ranges, in IPv4 and IPv6, and IPv6 forms
 * that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by that address.
 */

const NOT_PUBLIC_V4: [string, number][] = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // shared address space (carrier-grade NAT)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata services live here)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation (TEST-NET-1)
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation (TEST-NET-2)
  ['203.0.113.0', 24], // documentation (TEST-NET-3)
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the broadcast address
];

const NOT_PUBLIC_V6: [string, number][] = [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['100::', 64], // discard-only
  ['2001::', 23], // IETF protocol assignments (Teredo, ORCHID, benchmarking…)
  ['2001:db8::', 32], // documentation
  ['3fff::', 20], // documentation (RFC 9637)
  ['5f00::', 16], // segment routing
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
];

const notPublic = new BlockList();
for (const [net, bits] of NOT_PUBLIC_V4) notPublic.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of NOT_PUBLIC_V6) notPublic.addSubnet(net, bits, 'ipv6');

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

const v4Of = (hi: number, lo: number) => [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join('.');

/**
 * The IPv4 address an IPv6 address stands for, if it carries one: IPv4-mapped (::ffff:a.b.c.d),
 * IPv4-compatible (::a.b.c.d, deprecated), NAT64 (64:ff9b::a.b.c.d) or 6to4 (2002:aabb:ccdd::).
 */
export function embeddedIPv4(address: string): string | null {
  const g = expandIPv6(address.toLowerCase());
  if (g.length !== 8) return null;
  const [g0 = 0, g1 = 0, g2 = 0, , , g5 = 0, g6 = 0, g7 = 0] = g;
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zeros(0, 5) && g5 === 0xffff) return v4Of(g6, g7);
  if (zeros(0, 6) && (g6 !== 0 || g7 > 1)) return v4Of(g6, g7);
  if (g0 === 0x64 && g1 === 0xff9b && zeros(2, 6)) return v4Of(g6, g7);
  if (g0 === 0x2002) return v4Of(g1, g2);
  return null;
}

/** An address without the brackets URL writes IPv6 hosts in, nor a zone (`%eth0`). */
export function bareAddress(host: string): string {
  return host.replace(/^\[|\]$/g, '').split('%')[0] ?? '';
}

/**
 * Whether the platform may connect to `address` (an IP address, as DNS or a URL gives it).
 * `allowLoopback` lets 127.0.0.0/8 and ::1 through: for tests against local servers only
 * (config.ts refuses it in production).
 */
export function isPublicAddress(raw: string, opts: { allowLoopback?: boolean } = {}): boolean {
  const address = bareAddress(raw);
  if (isIPv4(address)) {
    if (opts.allowLoopback && LOOPBACK.check(address, 'ipv4')) return true;
    return !notPublic.check(address, 'ipv4');
  }
  if (!isIPv6(address)) return false;
  const v4 = embeddedIPv4(address);
  if (v4 !== null) return isPublicAddress(v4, opts);
  if (opts.allowLoopback && LOOPBACK.check(address, 'ipv6')) return true;
  return !notPublic.check(address, 'ipv6');
}

const LOCAL = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const) {
  LOCAL.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
] as const) {
  LOCAL.addSubnet(net, bits, 'ipv6');
}

/**
 * Whether a client's address is one no client on the internet has: loopback, private, shared
 * (CGNAT), link-local or unspecified. The server sees one only from a proxy it does not trust
 * (then every client has it) or on a developer's machine: it says nothing about who is where.
 */
export function isLocalAddress(raw: string): boolean {
  const address = bareAddress(raw);
  if (isIPv4(address)) return LOCAL.check(address, 'ipv4');
  if (!isIPv6(address)) return false;
  const v4 = embeddedIPv4(address);
  return v4 !== null ? isLocalAddress(v4) : LOCAL.check(address, 'ipv6');
}
