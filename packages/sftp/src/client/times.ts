import { SFTPAttrs } from '../codec/attrs.js';

/** Options of utime: `times` as [atime, mtime] seconds, or `ns` as [atime, mtime] nanoseconds; now when neither. */
export interface UtimeOptions {
  times?: readonly [number, number] | null;
  ns?: readonly [bigint | number, bigint | number] | null;
}

function split(ns: bigint | number): [number, number] {
  const b = BigInt(ns);
  const s = b / 1_000_000_000n - (b % 1_000_000_000n < 0n ? 1n : 0n);
  return [Number(s), Number(b - s * 1_000_000_000n)];
}

/** The attributes that set the times of a utime call. */
export function timesToAttrs(o: UtimeOptions): SFTPAttrs {
  const a = new SFTPAttrs();
  if (o.ns) {
    [a.atime, a.atimeNs] = split(o.ns[0]);
    [a.mtime, a.mtimeNs] = split(o.ns[1]);
  } else if (o.times) {
    [a.atime, a.atimeNs] = split(BigInt(Math.round(o.times[0] * 1e9)));
    [a.mtime, a.mtimeNs] = split(BigInt(Math.round(o.times[1] * 1e9)));
  } else {
    const now = Date.now();
    a.atime = a.mtime = Math.floor(now / 1000);
    a.atimeNs = a.mtimeNs = (now % 1000) * 1_000_000;
  }
  return a;
}
