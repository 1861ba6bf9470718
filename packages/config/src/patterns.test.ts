import { describe, expect, it } from 'vitest';
import { matchAddressList, matchCidr, matchPatternList, matchWildcard, parseAddress } from './patterns.js';

describe('matchWildcard', () => {
  it.each([
    ['foo', 'foo', true],
    ['foo', 'f*', true],
    ['foo', '*', true],
    ['', '*', true],
    ['foo', 'f?o', true],
    ['fo', 'f?o', false],
    ['web1.example.com', '*.example.com', true],
    ['example.com', '*.example.com', false],
    ['abcabc', '*a*c', true],
    ['FOO', 'foo', false],
  ])('%j against %j is %s', (text, pattern, expected) => {
    expect(matchWildcard(text, pattern)).toBe(expected);
  });
});

describe('matchPatternList', () => {
  it('returns 1, 0 or -1 for positive, none or negated matches', () => {
    expect(matchPatternList('foo', 'bar,foo')).toBe(1);
    expect(matchPatternList('foo', 'bar,baz')).toBe(0);
    expect(matchPatternList('foo', '*,!foo')).toBe(-1);
    expect(matchPatternList('foo', '!foo')).toBe(-1);
    expect(matchPatternList('FOO', 'foo', true)).toBe(1);
  });
});

describe('addresses and CIDR', () => {
  it('parses IPv4 and IPv6', () => {
    expect(parseAddress('192.0.2.1')).toEqual(Uint8Array.from([192, 0, 2, 1]));
    expect(parseAddress('::1')?.[15]).toBe(1);
    expect(parseAddress('2001:db8::42')?.slice(0, 4)).toEqual(Uint8Array.from([0x20, 0x01, 0x0d, 0xb8]));
    expect(parseAddress('::ffff:10.0.0.1')?.slice(12)).toEqual(Uint8Array.from([10, 0, 0, 1]));
    expect(parseAddress('300.1.1.1')).toBeUndefined();
    expect(parseAddress('1::2::3')).toBeUndefined();
    expect(parseAddress('host.example')).toBeUndefined();
  });
  it('matches networks', () => {
    expect(matchCidr('10.1.2.3', '10.0.0.0/8')).toBe(true);
    expect(matchCidr('11.1.2.3', '10.0.0.0/8')).toBe(false);
    expect(matchCidr('10.1.2.3', '10.1.2.3')).toBe(true);
    expect(matchCidr('2001:db8::42', '2001:db8::/32')).toBe(true);
    expect(matchCidr('10.1.2.3', '2001:db8::/32')).toBe(false);
    expect(matchCidr('10.1.2.3', '10.0.0.0/33')).toBeUndefined();
  });
  it('matches address lists with negation and wildcards', () => {
    expect(matchAddressList('10.0.0.5', '10.0.0.0/8,!10.0.0.5')).toBe(-1);
    expect(matchAddressList('10.0.0.6', '10.0.0.0/8,!10.0.0.5')).toBe(1);
    expect(matchAddressList('192.0.2.7', '192.0.2.*')).toBe(1);
    expect(matchAddressList('192.0.2.7', '10.0.0.0/99')).toBeUndefined();
  });
});
