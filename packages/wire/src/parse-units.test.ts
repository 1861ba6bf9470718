import { parseByteCount, parseTimeInterval, ValueError } from '@ssh/wire';
import { describe, expect, it } from 'vitest';

describe('parseByteCount', () => {
  it('reads the examples of the reference as the same count', () => {
    expect(parseByteCount('2.5m')).toBe(2621440);
    expect(parseByteCount('2m512k')).toBe(2621440);
    expect(parseByteCount('2560k')).toBe(2621440);
  });

  it('takes plain numbers, each suffix, either case, spaces and underscores', () => {
    expect(parseByteCount(1000)).toBe(1000);
    expect(parseByteCount('1000')).toBe(1000);
    expect(parseByteCount('1k')).toBe(1024);
    expect(parseByteCount('1M')).toBe(1048576);
    expect(parseByteCount('1g')).toBe(1073741824);
    expect(parseByteCount('1G 512M')).toBe(1610612736);
    expect(parseByteCount(' 1_000 ')).toBe(1000);
    expect(parseByteCount('.5k')).toBe(512);
    expect(parseByteCount('1.k')).toBe(1024);
    expect(parseByteCount('1g100')).toBe(1073741924);
  });

  it('drops fractions of a byte', () => {
    expect(parseByteCount('1.9')).toBe(1);
    expect(parseByteCount('0.001k')).toBe(1);
  });

  it('throws ValueError for bad input', () => {
    for (const bad of [
      '',
      ' ',
      'k',
      '1x',
      '1kb',
      '1mm',
      'abc',
      '1 2k',
      '1..2',
      '1e3',
      '_1',
      '1_',
      '-1k',
      '1k-2k',
      '9999999999g',
    ]) {
      expect(() => parseByteCount(bad), bad).toThrow(ValueError);
    }
    expect(() => parseByteCount('1x')).toThrow('Invalid byte count: "1x"');
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60]) {
      expect(() => parseByteCount(bad), String(bad)).toThrow(ValueError);
    }
  });
});

describe('parseTimeInterval', () => {
  it('reads the example of the reference', () => {
    expect(parseTimeInterval('1w2d3h')).toBe(7 * 86400 + 2 * 86400 + 3 * 3600);
  });

  it('takes numbers, each suffix, signs and fractions', () => {
    expect(parseTimeInterval(1.5)).toBe(1.5);
    expect(parseTimeInterval(-30)).toBe(-30);
    expect(parseTimeInterval('90')).toBe(90);
    expect(parseTimeInterval('1.5')).toBe(1.5);
    expect(parseTimeInterval('10s')).toBe(10);
    expect(parseTimeInterval('2m')).toBe(120);
    expect(parseTimeInterval('1H')).toBe(3600);
    expect(parseTimeInterval('1d')).toBe(86400);
    expect(parseTimeInterval('1w')).toBe(604800);
    expect(parseTimeInterval('1h-30m')).toBe(1800);
    expect(parseTimeInterval('-1d')).toBe(-86400);
    expect(parseTimeInterval('+5m 30s')).toBe(330);
    expect(parseTimeInterval('0.5h')).toBe(1800);
  });

  it('throws ValueError for bad input', () => {
    for (const bad of ['', 'h', '1y', '1ms', '1hh', '--1', '1 2', 'now', '1:30']) {
      expect(() => parseTimeInterval(bad), bad).toThrow(ValueError);
    }
    expect(() => parseTimeInterval('1y')).toThrow('Invalid time interval: "1y"');
    expect(() => parseTimeInterval(Number.NaN)).toThrow(ValueError);
    expect(() => parseTimeInterval(Number.NEGATIVE_INFINITY)).toThrow(ValueError);
  });
});
