import { describe, expect, it } from 'vitest';
import { parseConfigSize, parseConfigTime } from './units.js';

describe('parseConfigTime (OpenSSH time format)', () => {
  it.each([
    ['90', 90],
    ['1m30s', 90],
    ['1H', 3600],
    ['1w1d', 691200],
    ['0', 0],
    ['2147483647', 2147483647],
  ])('%s is %d seconds', (text, seconds) => {
    expect(parseConfigTime(text)).toBe(seconds);
  });
  it.each(['', '1.5', '-1', 'soon', '10x', '1h 2m', '2147483648'])('rejects %j', (text) => {
    expect(parseConfigTime(text)).toBeUndefined();
  });
});

describe('parseConfigSize (OpenSSH scaled sizes)', () => {
  it.each([
    ['100', 100],
    ['1K', 1024],
    ['1.5k', 1536],
    ['1G', 1073741824],
    ['1.25G', 1342177280],
    ['1T', 1099511627776],
  ])('%s is %d bytes', (text, bytes) => {
    expect(parseConfigSize(text)).toBe(bytes);
  });
  it.each(['', '1kb', 'x', '-1', '1Q'])('rejects %j', (text) => {
    expect(parseConfigSize(text)).toBeUndefined();
  });
});
