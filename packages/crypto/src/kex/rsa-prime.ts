import { bytesToBigInt, randomBytes } from './bytes.js';
import { modPow } from './dh-engine.js';

const SMALL_PRIMES: number[] = (() => {
  const limit = 8000;
  const sieve = new Uint8Array(limit);
  const out: number[] = [];
  for (let i = 2; i < limit; i++) {
    if (sieve[i]) continue;
    out.push(i);
    for (let j = i * i; j < limit; j += i) sieve[j] = 1;
  }
  return out;
})();

function randomBelow(n: bigint): bigint {
  const len = (n.toString(16).length + 1) >> 1;
  for (;;) {
    const v = bytesToBigInt(randomBytes(len + 8)) % n;
    if (v > 1n) return v;
  }
}

/** Miller-Rabin with `rounds` random bases (error below 4^-rounds). */
export function isProbablePrime(n: bigint, rounds = 24): boolean {
  if (n < 2n) return false;
  for (const p of SMALL_PRIMES) {
    const bp = BigInt(p);
    if (n === bp) return true;
    if (n % bp === 0n) return false;
  }
  let d = n - 1n;
  let s = 0;
  while ((d & 1n) === 0n) {
    d >>= 1n;
    s++;
  }
  for (let i = 0; i < rounds; i++) {
    let x = modPow(randomBelow(n - 2n), d, n);
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

/**
 * A random prime of exactly `bits` bits with its two top bits set (so the
 * product of two such primes has exactly 2*bits bits) and gcd(p-1, e) = 1.
 */
export function randomPrime(bits: number, e: bigint): bigint {
  const nBytes = Math.ceil(bits / 8);
  const top = BigInt(bits);
  for (;;) {
    let c = bytesToBigInt(randomBytes(nBytes)) & ((1n << top) - 1n);
    c |= (3n << (top - 2n)) | 1n;
    // Walk up from c in steps of 2, sieving by small primes before Miller-Rabin.
    const residues = SMALL_PRIMES.map((p) => Number(c % BigInt(p)));
    for (let delta = 0; delta < 20000; delta += 2) {
      let ok = true;
      for (let i = 0; i < SMALL_PRIMES.length; i++) {
        if (((residues[i] as number) + delta) % (SMALL_PRIMES[i] as number) === 0) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      const cand = c + BigInt(delta);
      if (cand >> top !== 0n) break;
      if ((cand - 1n) % e === 0n) continue;
      if (isProbablePrime(cand, 24)) return cand;
    }
  }
}

/** Modular inverse of a mod m (a and m coprime). */
export function modInverse(a: bigint, m: bigint): bigint {
  let [r0, r1] = [((a % m) + m) % m, m];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  if (r0 !== 1n) throw new RangeError('not invertible');
  return ((s0 % m) + m) % m;
}
