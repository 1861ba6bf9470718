import { parseTimeInterval } from '@ssh/wire';

/** A certificate validity time (AsyncSSH "Specifying time values"). */
export type TimeValue = number | bigint | Date | string;

/** The largest uint64: "forever" as a valid-before time. */
export const FOREVER = 0xffff_ffff_ffff_ffffn;

/**
 * Seconds since the epoch for a validity time: a number or bigint of epoch
 * seconds, a Date, 'now', 'YYYYMMDD' or 'YYYYMMDDHHMMSS' (local time, as
 * ssh-keygen -V and AsyncSSH; a trailing 'Z' means UTC), or a signed time
 * interval relative to now ('-1d', '+52w', '1h30m'). Throws RangeError on
 * anything else or on a time outside 0 .. 2^64-1.
 */
export function parseTimeValue(value: TimeValue, now: number = Date.now() / 1000): bigint {
  let t: bigint;
  if (typeof value === 'bigint') t = value;
  else if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`invalid time value: ${value}`);
    t = BigInt(Math.floor(value));
  } else if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw new RangeError('invalid time value: an invalid Date');
    t = BigInt(Math.floor(ms / 1000));
  } else if (typeof value === 'string') t = parseTimeString(value.trim(), now);
  else throw new RangeError(`invalid time value: ${String(value)}`);
  if (t < 0n || t > FOREVER) throw new RangeError(`time value out of range: ${String(value)}`);
  return t;
}

function parseTimeString(s: string, now: number): bigint {
  if (s === 'now') return BigInt(Math.floor(now));
  const m = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2}))?(Z?)$/.exec(s);
  if (m) {
    const [y, mo, d, h = '0', mi = '0', se = '0'] = m.slice(1, 7).map((x) => x ?? '0') as string[];
    const args = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se)] as const;
    const date = m[7] === 'Z' ? new Date(Date.UTC(...args)) : new Date(...args);
    if (
      Number.isNaN(date.getTime()) ||
      Number(mo) < 1 ||
      Number(mo) > 12 ||
      Number(d) < 1 ||
      Number(d) > 31 ||
      Number(h) > 23 ||
      Number(mi) > 59 ||
      Number(se) > 59
    ) {
      throw new RangeError(`invalid date: '${s}'`);
    }
    return BigInt(Math.floor(date.getTime() / 1000));
  }
  let seconds: number;
  try {
    seconds = parseTimeInterval(s.startsWith('+') ? s.slice(1) : s);
  } catch (e) {
    throw new RangeError(`invalid time value: '${s}'`, { cause: e });
  }
  return BigInt(Math.floor(now + seconds));
}
