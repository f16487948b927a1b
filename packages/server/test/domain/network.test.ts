import { describe, expect, it } from 'vitest';
import { NOT_AN_ADDRESS, networkOf } from '../../src/domain/network.ts';

describe('networkOf', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['::ffff:cb00:7107', '203.0.113.7'], // the same mapped address written in hex
    ['2001:db8:85a3:8d3:1319:8a2e:370:7348', '2001:db8:85a3::/48'],
    ['2001:0DB8:85A3:08D3:ffff::1', '2001:db8:85a3::/48'],
    ['2001:db8::1', '2001:db8:0::/48'],
    ['::1', '0:0:0::/48'],
    ['fe80::1%eth0', 'fe80:0:0::/48'],
    ['64:ff9b::198.51.100.7', '64:ff9b:0::/48'],
    ['::1:2:3:4:5:1.2.3.4', '0:1:2::/48'], // a dotted tail is two groups
    ['203.0.113.7:40001', '203.0.113.7'], // as some proxies forward it, with the port
    ['[2001:db8:85a3::1]:443', '2001:db8:85a3::/48'],
    ['[2001:db8:85a3::1]', '2001:db8:85a3::/48'],
    ['203.0.113.7:99999999', NOT_AN_ADDRESS],
    ['[not an address]:1', NOT_AN_ADDRESS],
    ['not an address', NOT_AN_ADDRESS],
    ['1.1.1.1, 2.2.2.2', NOT_AN_ADDRESS],
    ['', NOT_AN_ADDRESS],
  ])('%j is in %s', (ip, network) => {
    expect(networkOf(ip)).toBe(network);
  });

  it('puts every address of one /48 in one network, and neighbouring /48s apart', () => {
    expect(networkOf('2001:db8:1:2::1')).toBe(networkOf('2001:db8:1:ffff:bbbb:cccc:dddd:eeee'));
    expect(networkOf('2001:db8:1::1')).not.toBe(networkOf('2001:db8:2::1'));
  });

  it('gives rate limits the /64 of an IPv6 address, and an IPv4 address as it is', () => {
    expect(networkOf('2001:db8:7:1:abcd:ef01:2:3', 64)).toBe('2001:db8:7:1::/64');
    expect(networkOf('2001:db8:7:1::9', 64)).toBe('2001:db8:7:1::/64');
    expect(networkOf('2001:db8:7:2::9', 64)).not.toBe(networkOf('2001:db8:7:1::9', 64));
    expect(networkOf('203.0.113.5', 64)).toBe('203.0.113.5');
    expect(networkOf('::ffff:203.0.113.5', 64)).toBe('203.0.113.5');
  });
});
