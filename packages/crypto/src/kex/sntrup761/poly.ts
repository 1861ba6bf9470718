import { P, Q, Q12, W } from './params.js';

/**
 * Polynomial arithmetic of sntrup761. Small polynomials (coefficients in
 * {-1, 0, 1}) are Int8Array; elements of R/q are Int16Array with centered
 * coefficients in [-Q12, Q12]. All loops run a fixed number of times.
 */

const THIRD = 1 / 3;
const Q_INV = 1 / Q;

/** x mod 3 in {-1, 0, 1} (exact for |x| < 2^40). */
export function f3Freeze(x: number): number {
  return x - 3 * Math.round(x * THIRD);
}

/** x mod q in [-Q12, Q12] (exact for |x| < 2^40: x/q is never within 2^-13 of a half). */
export function fqFreeze(x: number): number {
  return x - Q * Math.round(x * Q_INV);
}

/** 1/a mod q, by a^(q-2). */
export function fqRecip(a: number): number {
  let result = 1;
  let base = fqFreeze(a);
  let e = Q - 2;
  while (e > 0) {
    if (e & 1) result = fqFreeze(result * base);
    base = fqFreeze(base * base);
    e >>= 1;
  }
  return result;
}

/**
 * a * b modulo x^p - x - 1 (x^p = x + 1), unreduced coefficients. One
 * monomorphic loop over Int32Array (|sums| < 761 * 2295 * 2, far below 2^31).
 */
function multiply(a: Int32Array, b: Int32Array): Int32Array {
  const fg = new Int32Array(2 * P - 1);
  for (let i = 0; i < P; i++) {
    const ai = a[i] as number;
    for (let j = 0; j < P; j++) fg[i + j] = ((fg[i + j] as number) + ai * (b[j] as number)) | 0;
  }
  for (let i = 2 * P - 2; i >= P; i--) {
    const c = fg[i] as number;
    fg[i - P] = ((fg[i - P] as number) + c) | 0;
    fg[i - P + 1] = ((fg[i - P + 1] as number) + c) | 0;
  }
  return fg.subarray(0, P);
}

/** h = f * g in R/q, with g small. */
export function rqMultSmall(f: Int16Array, g: Int8Array): Int16Array {
  const r = multiply(Int32Array.from(f), Int32Array.from(g));
  const h = new Int16Array(P);
  for (let i = 0; i < P; i++) h[i] = fqFreeze(r[i] as number);
  return h;
}

/** h = f * g in R/3. */
export function r3Mult(f: Int8Array, g: Int8Array): Int8Array {
  const r = multiply(Int32Array.from(f), Int32Array.from(g));
  const h = new Int8Array(P);
  for (let i = 0; i < P; i++) h[i] = f3Freeze(r[i] as number);
  return h;
}

/** 3 * f in R/q. */
export function rqMult3(f: Int16Array): Int16Array {
  const h = new Int16Array(P);
  for (let i = 0; i < P; i++) h[i] = fqFreeze(3 * (f[i] as number));
  return h;
}

/** Reduce each coefficient of an element of R/q mod 3. */
export function r3FromRq(f: Int16Array): Int8Array {
  const h = new Int8Array(P);
  for (let i = 0; i < P; i++) h[i] = f3Freeze(f[i] as number);
  return h;
}

/** Round each coefficient to the nearest multiple of 3. */
export function round3(a: Int16Array): Int16Array {
  const out = new Int16Array(P);
  for (let i = 0; i < P; i++) out[i] = (a[i] as number) - f3Freeze(a[i] as number);
  return out;
}

/** 0 if `r` has exactly W nonzero coefficients, -1 otherwise. */
export function weightMask(r: Int8Array): number {
  let weight = 0;
  for (let i = 0; i < P; i++) weight += (r[i] as number) & 1;
  return weight === W ? 0 : -1;
}

/**
 * Inverse in (Z/m)[x]/(x^p - x - 1) by the constant-time division steps of
 * Bernstein and Yang on reversed polynomials: 2p - 1 steps, conditional
 * swaps, one elimination and one shift per step. Returns the inverse (not
 * yet scaled by 1/f(0)) and f(0), or ok = false if `a` is not invertible.
 */
function divstepRecip(a: ArrayLike<number>, m: number): { v: Int32Array; f0: number; ok: boolean } {
  const inv = 1 / m;
  let f = new Int32Array(P + 1);
  let g = new Int32Array(P + 1);
  let v = new Int32Array(P + 1);
  let r = new Int32Array(P + 1);
  f[0] = 1;
  f[P - 1] = -1;
  f[P] = -1;
  for (let i = 0; i < P; i++) g[P - 1 - i] = a[i] as number;
  r[0] = 1;
  let delta = 1;
  for (let step = 0; step < 2 * P - 1; step++) {
    v.copyWithin(1, 0, P);
    v[0] = 0;
    const swap = delta > 0 && g[0] !== 0;
    if (swap) {
      delta = -delta;
      [f, g] = [g, f];
      [v, r] = [r, v];
    }
    delta += 1;
    const f0 = f[0] as number;
    const g0 = g[0] as number;
    for (let i = 0; i <= P; i++) {
      const x = f0 * (g[i] as number) - g0 * (f[i] as number);
      g[i] = x - m * Math.round(x * inv);
      const y = f0 * (r[i] as number) - g0 * (v[i] as number);
      r[i] = y - m * Math.round(y * inv);
    }
    g.copyWithin(0, 1);
    g[P] = 0;
  }
  return { v, f0: f[0] as number, ok: delta === 0 };
}

/** 1/a in R/3, or undefined if a is not invertible there. */
export function r3Recip(a: Int8Array): Int8Array | undefined {
  const { v, f0, ok } = divstepRecip(a, 3);
  const out = new Int8Array(P);
  for (let i = 0; i < P; i++) out[i] = f3Freeze(f0 * (v[P - 1 - i] as number));
  return ok ? out : undefined;
}

/** 1/(3a) in R/q (R/q is a field, so every nonzero a is invertible). */
export function rqRecip3(a: Int8Array): Int16Array {
  const { v, f0 } = divstepRecip(a, Q);
  const scale = fqRecip(fqFreeze(3 * f0));
  const out = new Int16Array(P);
  for (let i = 0; i < P; i++) out[i] = fqFreeze(scale * (v[P - 1 - i] as number));
  return out;
}

/** Whether a coefficient array is a valid centered element of R/q. */
export function inRange(a: Int16Array): boolean {
  for (let i = 0; i < P; i++) if (Math.abs(a[i] as number) > Q12) return false;
  return true;
}
