import { describe, expect, it } from 'vitest';
import { type NetworkSighting, networkClusters } from '../../src/domain/network-clusters.ts';

const base = { atSignup: true, logins: 0, origin: null, firstSeenAt: null, lastSeenAt: null, seenOn: null };
/** A sign-up or log-in: `network` the /64 (or IPv4) hash, `wide` the /48 (the same for IPv4). */
const account = (accountId: string, referralId: string | null, network: string, wide = network): NetworkSighting => ({
  ...base,
  accountId,
  referralId,
  source: 'account',
  network,
  wide,
  family: network === wide ? 'ipv4' : 'ipv6',
});
/** A visitor of the account's widget, on a network as installs count them. */
const visitor = (accountId: string, referralId: string, wide: string): NetworkSighting => ({
  ...base,
  atSignup: false,
  accountId,
  referralId,
  source: 'visitor',
  network: null,
  wide,
  family: null,
  origin: `https://${accountId}.example.com`,
});

describe('networkClusters', () => {
  it('finds nothing when every account keeps to networks of its own', () => {
    expect(
      networkClusters('R', [
        account('R', null, 'n1'),
        account('A', '1', 'n2'),
        account('B', '2', 'n3'),
        visitor('A', '1', 'v1'),
        visitor('B', '2', 'v2'),
      ]),
    ).toEqual([]);
  });

  it('links referees who signed up from one network, and not the referrer elsewhere', () => {
    const [cluster, ...rest] = networkClusters('R', [
      account('R', null, 'n1'),
      ...['A', 'B', 'C'].map((a, i) => account(a, String(i + 1), 'n2')),
      account('D', '4', 'n3'),
    ]);
    expect(rest).toEqual([]);
    expect(cluster?.accountIds.sort()).toEqual(['A', 'B', 'C']);
    expect(cluster?.referralIds).toEqual(['1', '2', '3']);
    expect(cluster?.networks).toEqual([{ key: 'n2', scope: 'network', sightings: expect.any(Array) }]);
    expect(cluster?.networks[0]?.sightings).toHaveLength(3);
  });

  it('links a referee that shares a network with the referrer, the referrer listed first', () => {
    const [cluster] = networkClusters('R', [account('A', '1', 'n1'), account('R', null, 'n1')]);
    expect(cluster).toMatchObject({ accountIds: ['R', 'A'], referralIds: ['1'] });
  });

  it('compares sign-ups by /64: neighbours on one /64 link, on one /48 only they do not', () => {
    const sameSlash64 = networkClusters('R', [account('A', '1', 'p64', 'p48'), account('B', '2', 'p64', 'p48')]);
    expect(sameSlash64.map((c) => c.referralIds)).toEqual([['1', '2']]);
    const sameSlash48 = networkClusters('R', [account('A', '1', 'p64a', 'p48'), account('B', '2', 'p64b', 'p48')]);
    expect(sameSlash48).toEqual([]);
  });

  it('links through visitors: the referrer’s network visiting a referee’s site, or two sites sharing a visitor', () => {
    expect(
      networkClusters('R', [account('R', null, 'r64', 'r48'), visitor('A', '1', 'r48')]).map((c) => c.accountIds),
    ).toEqual([['R', 'A']]);
    expect(networkClusters('R', [visitor('A', '1', 'v'), visitor('B', '2', 'v')]).map((c) => c.referralIds)).toEqual([
      ['1', '2'],
    ]);
    // A referee's own visitors on its own network link it to nobody.
    expect(networkClusters('R', [account('A', '1', 'a'), visitor('A', '1', 'a')])).toEqual([]);
  });

  it('joins links into one cluster, and keeps separate rings apart', () => {
    const clusters = networkClusters('R', [
      account('A', '1', 'n1'),
      account('B', '2', 'n1'),
      visitor('B', '2', 'v'),
      visitor('C', '3', 'v'),
      account('D', '4', 'n9'),
      account('E', '10', 'n9'),
    ]);
    expect(clusters.map((c) => c.referralIds)).toEqual([
      ['1', '2', '3'],
      ['4', '10'],
    ]);
    expect(clusters[0]?.networks.map((n) => n.key).sort()).toEqual(['n1', 'v']);
  });
});
