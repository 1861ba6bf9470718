import { randomBytes } from '@noble/hashes/utils.js';
import { bytesToBig, modPow } from './bigint.js';

const SMALL_PRIMES: readonly bigint[] = (() => {
  const limit = 2000;
  const sieve = new Uint8Array(limit);
  const out: bigint[] = [];
  for (let i = 2; i < limit; i++) {
    if (sieve[i]) continue;
    out.push(BigInt(i));
    for (let j = i * i; j < limit; j += i) sieve[j] = 1;
  }
  return out;
})();

/** A uniformly random bigint of exactly `bits` bits (top bit set). */
export function randomBits(bits: number): bigint {
  const bytes = randomBytes(Math.ceil(bits / 8));
  let v = bytesToBig(bytes);
  v &= (1n << BigInt(bits)) - 1n;
  return v | (1n << BigInt(bits - 1));
}

/** A uniformly random bigint in [1, max - 1]. */
export function randomBelow(max: bigint): bigint {
  const bits = max.toString(2).length;
  for (;;) {
    const v = bytesToBig(randomBytes(Math.ceil(bits / 8) + 8)) % max;
    if (v !== 0n) return v;
  }
}

/** True when a small prime divides `n` (and n is not that prime). */
function hasSmallFactor(n: bigint): boolean {
  for (const p of SMALL_PRIMES) {
    if (n === p) return false;
    if (n % p === 0n) return true;
  }
  return false;
}

/** Miller-Rabin with `rounds` random bases (FIPS 186-4 C.3.1). */
export function millerRabin(n: bigint, rounds: number): boolean {
  if (n < 4n) return n === 2n || n === 3n;
  if ((n & 1n) === 0n) return false;
  let d = n - 1n;
  let s = 0;
  while ((d & 1n) === 0n) {
    d >>= 1n;
    s++;
  }
  for (let i = 0; i < rounds; i++) {
    const a = 2n + randomBelow(n - 3n);
    let x = modPow(a, d, n);
    if (x === 1n || x === n - 1n) continue;
    let composite = true;
    for (let j = 1; j < s; j++) {
      x = (x * x) % n;
      if (x === n - 1n) {
        composite = false;
        break;
      }
    }
    if (composite) return false;
  }
  return true;
}

/** Probable-prime test: trial division, then Miller-Rabin (rounds per FIPS 186-4 table C.2). */
export function isProbablePrime(n: bigint): boolean {
  if (n < 2n) return false;
  if (hasSmallFactor(n)) return false;
  const bits = n.toString(2).length;
  return millerRabin(n, bits >= 1024 ? 5 : bits >= 512 ? 8 : 40);
}

/**
 * A random probable prime of exactly `bits` bits with its top two bits set
 * (so a product of two has exactly twice the bits), accepted by `accept`.
 */
export function randomPrime(bits: number, accept: (p: bigint) => boolean = () => true): bigint {
  for (;;) {
    const c = randomBits(bits) | (1n << BigInt(bits - 2)) | 1n;
    if (isProbablePrime(c) && accept(c)) return c;
  }
}
