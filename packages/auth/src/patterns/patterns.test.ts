import { describe, expect, it } from 'vitest';
import { matchHostAndAddress } from './host-and-ip.js';
import { cidrContains, parseCidr, parseIP } from './ip.js';
import { matchPatternList, wildcardMatch } from './wildcard.js';

describe('wildcard patterns', () => {
  it.each([
    ['abc', 'abc', true],
    ['abc', 'a*', true],
    ['abc', '*c', true],
    ['abc', 'a?c', true],
    ['abc', 'a?', false],
    ['', '*', true],
    ['', '?', false],
    ['aXbXc', 'a*b*c', true],
    ['abcabd', '*abd', true],
    ['abcabe', '*abd', false],
  ])('%s ~ %s is %s', (text, pattern, expected) => {
    expect(wildcardMatch(text, pattern)).toBe(expected);
  });

  it('negation wins over a positive match', () => {
    expect(matchPatternList('a.example.com', ['*.example.com', '!a.example.com'])).toBe('negated');
    expect(matchPatternList('b.example.com', ['*.example.com', '!a.example.com'])).toBe('matched');
    expect(matchPatternList('b.example.org', ['!a.example.com'])).toBe('none');
  });
});

describe('IP addresses and CIDR', () => {
  it('parses IPv4 and IPv6 forms', () => {
    expect([...(parseIP('192.0.2.1') ?? [])]).toEqual([192, 0, 2, 1]);
    expect(parseIP('256.0.0.1')).toBeUndefined();
    expect(parseIP('1.2.3')).toBeUndefined();
    expect([...(parseIP('::1') ?? [])]).toEqual([...new Array(15).fill(0), 1]);
    expect([...(parseIP('::ffff:1.2.3.4') ?? [])].slice(10)).toEqual([255, 255, 1, 2, 3, 4]);
    expect(parseIP('2001:db8::1:2:3:4:5')).toBeDefined();
    expect(parseIP('2001:db8::1:2:3:4:5:6')).toBeUndefined();
    expect(parseIP('2001:db8::1::2')).toBeUndefined();
    expect(parseIP('1:2:3:4:5:6:7')).toBeUndefined();
    expect(parseIP('g::1')).toBeUndefined();
  });

  it('matches networks and rejects bad masks', () => {
    const net = parseCidr('10.0.0.0/8');
    expect(net && cidrContains(net, parseIP('10.255.1.1') as Uint8Array)).toBe(true);
    expect(net && cidrContains(net, parseIP('11.0.0.0') as Uint8Array)).toBe(false);
    expect(net && cidrContains(net, parseIP('::1') as Uint8Array)).toBe(false);
    const v6 = parseCidr('2001:db8::/32');
    expect(v6 && cidrContains(v6, parseIP('2001:db8:ffff::1') as Uint8Array)).toBe(true);
    expect(parseCidr('0.0.0.0/0')).toBeDefined();
    expect(parseCidr('10.0.0.1/8')).toBeUndefined();
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
    expect(parseCidr('10.0.0.0/x')).toBeUndefined();
  });

  it('host-and-address matching follows OpenSSH match_host_and_ip', () => {
    const list = ['192.0.2.0/24', '!192.0.2.66', 'trusted.example.com'];
    expect(matchHostAndAddress(null, '192.0.2.5', list)).toBe(true);
    expect(matchHostAndAddress('trusted.example.com', '192.0.2.66', list)).toBe(false);
    expect(matchHostAndAddress('trusted.example.com', '203.0.113.1', list)).toBe(true);
    expect(matchHostAndAddress('other.example.com', '203.0.113.1', list)).toBe(false);
  });
});
