import { ValueError } from './errors.js';

const BYTE_UNITS: Readonly<Record<string, number>> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };
const TIME_UNITS: Readonly<Record<string, number>> = {
  '': 1,
  s: 1,
  m: 60,
  h: 60 * 60,
  d: 24 * 60 * 60,
  w: 7 * 24 * 60 * 60,
};

// A decimal number as Python's float() reads it, minus exponents (letters are
// unit suffixes here): optional sign, digits with an optional fraction, '_'
// allowed between digits.
const NUMBER = /^[+-]?(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)$/;

/**
 * Sum a string of numbers, each followed by an optional one-letter unit:
 * '1w2d3h', '2m512k'. Whitespace around each number is allowed; the unit
 * letter is case-insensitive.
 */
function sumUnits(value: string, units: Readonly<Record<string, number>>, label: string): number {
  const bad = () => new ValueError(`Invalid ${label}: ${JSON.stringify(value)}`);
  if (value.trim() === '') throw bad();
  // Splitting on each letter leaves [number, unit, number, unit, ..., rest].
  const parts = value.split(/([A-Za-z])/);
  if (parts[parts.length - 1] === '') parts.pop();
  else parts.push('');
  let total = 0;
  for (let i = 0; i < parts.length; i += 2) {
    const num = (parts[i] ?? '').trim();
    const unit = (parts[i + 1] ?? '').toLowerCase();
    const scale = Object.hasOwn(units, unit) ? units[unit] : undefined;
    if (!NUMBER.test(num) || scale === undefined) throw bad();
    total += Number(num.replaceAll('_', '')) * scale;
  }
  return total;
}

/**
 * Parse a byte count (AsyncSSH "Specifying byte counts"): a non-negative
 * integer, or a string of numbers each with an optional k, m or g suffix
 * (KiB, MiB, GiB), summed: '2.5m', '2m512k' and '2560k' are all 2621440.
 * Fractions of a byte are dropped. Throws ValueError for anything else, a
 * negative total, or a count beyond 2^53-1.
 */
export function parseByteCount(value: number | string): number {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new ValueError(`Invalid byte count: ${value}`);
    }
    return value;
  }
  if (typeof value !== 'string') throw new ValueError(`Invalid byte count: ${String(value)}`);
  const count = Math.trunc(sumUnits(value, BYTE_UNITS, 'byte count'));
  if (count < 0 || !Number.isSafeInteger(count)) {
    throw new ValueError(`Invalid byte count: ${JSON.stringify(value)} is out of range`);
  }
  return count === 0 ? 0 : count;
}

/**
 * Parse a time interval in seconds (AsyncSSH "Specifying time intervals"):
 * a number, or a string of signed numbers each with an optional w, d, h, m
 * or s suffix, summed: '1w2d3h' is 788400, '1h-30m' is 1800. A number with
 * no suffix is seconds. Throws ValueError for anything else.
 */
export function parseTimeInterval(value: number | string): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ValueError(`Invalid time interval: ${value}`);
    return value;
  }
  if (typeof value !== 'string') throw new ValueError(`Invalid time interval: ${String(value)}`);
  const seconds = sumUnits(value, TIME_UNITS, 'time interval');
  if (!Number.isFinite(seconds)) {
    throw new ValueError(`Invalid time interval: ${JSON.stringify(value)} is out of range`);
  }
  return seconds;
}
