import { bigToBytes, byteLength, bytesToBig, gcd, mod, modPow } from './bigint.js';
import { emsaPkcs1v15 } from './pkcs1-emsa.js';
import { randomPrime } from './primes.js';
import { rsaFromPrimes } from './rsa.js';
import { sigDigest } from './sig-hash.js';
import type { RSAOps } from './types.js';

/** RSA PKCS#1 v1.5 over bigint (portable): CRT signing checked with the public exponent. */
export const portableRSA: RSAOps = {
  sign(key, hash, data) {
    const k = byteLength(key.n);
    const m = bytesToBig(emsaPkcs1v15(hash, sigDigest(hash, data), k));
    const m1 = modPow(m, key.d % (key.p - 1n), key.p);
    const m2 = modPow(m, key.d % (key.q - 1n), key.q);
    const h = mod(key.iqmp * (m1 - m2), key.p);
    const s = m2 + h * key.q;
    if (modPow(s, key.e, key.n) !== m) throw new Error('RSA signature self-check failed');
    return bigToBytes(s, k);
  },
  verify(key, hash, data, sig) {
    const k = byteLength(key.n);
    if (sig.length > k) return false;
    const s = bytesToBig(sig);
    if (s >= key.n) return false;
    let em: Uint8Array;
    try {
      em = bigToBytes(modPow(s, key.e, key.n), k);
    } catch {
      return false;
    }
    const expected = emsaPkcs1v15(hash, sigDigest(hash, data), k);
    let diff = 0;
    for (let i = 0; i < k; i++) diff |= (em[i] as number) ^ (expected[i] as number);
    return diff === 0;
  },
  generate(bits, e) {
    const pBits = bits - (bits >> 1);
    const qBits = bits >> 1;
    for (;;) {
      const accept = (p: bigint) => gcd(e, p - 1n) === 1n;
      const p = randomPrime(pBits, accept);
      const q = randomPrime(qBits, accept);
      if (p === q) continue;
      const key = rsaFromPrimes(p, q, e);
      if (key.n.toString(2).length === bits) return key;
    }
  },
};
