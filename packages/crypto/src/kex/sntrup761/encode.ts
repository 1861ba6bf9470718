import { P, Q, Q12, ROUNDED_BYTES, RQ_BYTES, SMALL_BYTES } from './params.js';

/**
 * The NTRU Prime encodings: the generic Encode/Decode of a list of integers
 * R[i] in [0, M[i]) into bytes (pairs are merged into one radix M[i]*M[i+1]
 * and bytes are emitted while the radix is at least 2^14), and the fixed
 * encodings of small, R/q and rounded polynomials built on it.
 */

/** Encode R (0 <= R[i] < M[i]) into bytes, appending to `out`. */
export function encodeList(R: readonly number[], M: readonly number[], out: number[]): void {
  if (M.length === 0) return;
  if (M.length === 1) {
    let r = R[0] as number;
    let m = M[0] as number;
    while (m > 1) {
      out.push(r & 255);
      r = Math.floor(r / 256);
      m = Math.floor((m + 255) / 256);
    }
    return;
  }
  const R2: number[] = [];
  const M2: number[] = [];
  for (let i = 0; i + 1 < M.length; i += 2) {
    let m = (M[i] as number) * (M[i + 1] as number);
    let r = (R[i] as number) + (M[i] as number) * (R[i + 1] as number);
    while (m >= 16384) {
      out.push(r & 255);
      r = Math.floor(r / 256);
      m = Math.floor((m + 255) / 256);
    }
    R2.push(r);
    M2.push(m);
  }
  if (M.length & 1) {
    R2.push(R[M.length - 1] as number);
    M2.push(M[M.length - 1] as number);
  }
  encodeList(R2, M2, out);
}

/** Decode bytes S (from offset `at`) into a list of integers with radices M. */
export function decodeList(S: Uint8Array, at: number, M: readonly number[]): number[] {
  if (M.length === 0) return [];
  if (M.length === 1) {
    let r = 0;
    let t = 1;
    for (let m = M[0] as number; m > 1; m = Math.floor((m + 255) / 256)) {
      r += (S[at++] ?? 0) * t;
      t *= 256;
    }
    return [r % (M[0] as number)];
  }
  const bottom: [number, number][] = [];
  const M2: number[] = [];
  for (let i = 0; i + 1 < M.length; i += 2) {
    let m = (M[i] as number) * (M[i + 1] as number);
    let r = 0;
    let t = 1;
    while (m >= 16384) {
      r += (S[at++] ?? 0) * t;
      t *= 256;
      m = Math.floor((m + 255) / 256);
    }
    bottom.push([r, t]);
    M2.push(m);
  }
  if (M.length & 1) M2.push(M[M.length - 1] as number);
  const R2 = decodeList(S, at, M2);
  const R: number[] = [];
  for (let i = 0; i + 1 < M.length; i += 2) {
    const [b, t] = bottom[i >> 1] as [number, number];
    const r = b + t * (R2[i >> 1] as number);
    const mi = M[i] as number;
    R.push(r % mi);
    R.push(Math.floor(r / mi) % (M[i + 1] as number));
  }
  if (M.length & 1) R.push(R2[R2.length - 1] as number);
  return R;
}

const M_Q: readonly number[] = new Array<number>(P).fill(Q);
const M_ROUNDED: readonly number[] = new Array<number>(P).fill((Q + 2) / 3);

function toBytes(list: number[], length: number): Uint8Array {
  if (list.length !== length)
    throw new Error(`sntrup761 encoding produced ${list.length} bytes, expected ${length}`);
  return Uint8Array.from(list);
}

/** Encode an element of R/q (the public key). */
export function rqEncode(h: Int16Array): Uint8Array {
  const R = Array.from(h, (c) => c + Q12);
  const out: number[] = [];
  encodeList(R, M_Q, out);
  return toBytes(out, RQ_BYTES);
}

/** Decode an element of R/q. */
export function rqDecode(s: Uint8Array): Int16Array {
  return Int16Array.from(decodeList(s, 0, M_Q), (c) => c - Q12);
}

/** Encode a rounded element of R/q (coefficients multiples of 3). */
export function roundedEncode(c: Int16Array): Uint8Array {
  const R = Array.from(c, (x) => ((x + Q12) * 10923) >> 15);
  const out: number[] = [];
  encodeList(R, M_ROUNDED, out);
  return toBytes(out, ROUNDED_BYTES);
}

/** Decode a rounded element of R/q. */
export function roundedDecode(s: Uint8Array): Int16Array {
  return Int16Array.from(decodeList(s, 0, M_ROUNDED), (c) => c * 3 - Q12);
}

/** Encode a small polynomial, four coefficients (plus one) per byte. */
export function smallEncode(f: Int8Array): Uint8Array {
  const out = new Uint8Array(SMALL_BYTES);
  for (let i = 0; i < P; i++) {
    const byte = i >> 2;
    out[byte] = (out[byte] as number) | (((f[i] as number) + 1) << (2 * (i & 3)));
  }
  return out;
}

/** Decode a small polynomial. */
export function smallDecode(s: Uint8Array): Int8Array {
  const f = new Int8Array(P);
  for (let i = 0; i < P; i++) f[i] = (((s[i >> 2] as number) >> (2 * (i & 3))) & 3) - 1;
  return f;
}
