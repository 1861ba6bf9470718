import { randomBytes as nobleRandomBytes } from '@noble/hashes/utils.js';
import { KeyExchangeFailed } from '@ssh/wire';

/** Cryptographically secure random bytes (Web Crypto, available in every runtime). */
export function randomBytes(n: number): Uint8Array {
  return nobleRandomBytes(n);
}

/** Throw the error the transport reports for a failed key exchange. */
export function kexFail(method: string, problem: string): never {
  throw new KeyExchangeFailed(`${method}: ${problem}`);
}

const HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Interpret unsigned big-endian bytes as a bigint (linear time, via hex). */
export function bytesToBigInt(b: Uint8Array): bigint {
  if (b.length === 0) return 0n;
  let hex = '0x';
  for (let i = 0; i < b.length; i++) hex += HEX[b[i] as number];
  return BigInt(hex);
}

/** Unsigned big-endian bytes of `v`: exactly `length` bytes if given, else minimal (empty for 0). */
export function bigIntToBytes(v: bigint, length?: number): Uint8Array {
  let n = length;
  if (n === undefined) {
    n = 0;
    for (let t = v; t > 0n; t >>= 8n) n++;
  }
  const out = new Uint8Array(n);
  for (let i = n - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  if (v !== 0n) throw new RangeError(`integer does not fit in ${n} bytes`);
  return out;
}

/** The bytes without leading zeros (a view). */
export function stripLeadingZeros(b: Uint8Array): Uint8Array {
  let i = 0;
  while (i < b.length && b[i] === 0) i++;
  return b.subarray(i);
}

/** Concatenate byte arrays. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** True if every byte is zero (constant time in the length). */
export function isAllZero(b: Uint8Array): boolean {
  let acc = 0;
  for (let i = 0; i < b.length; i++) acc |= b[i] as number;
  return acc === 0;
}

/** Constant-time equality of two byte arrays. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let acc = 0;
  for (let i = 0; i < a.length; i++) acc |= (a[i] as number) ^ (b[i] as number);
  return acc === 0;
}
