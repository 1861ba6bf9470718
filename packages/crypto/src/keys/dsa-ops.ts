import { bitLength, mod, modInverse, modPow } from './bigint.js';
import { isProbablePrime, randomBelow, randomBits, randomPrime } from './primes.js';
import { bits2int, rfc6979Nonce } from './rfc6979.js';
import { sigDigest } from './sig-hash.js';
import type { DSAOps, DsaMaterial, SigHashName } from './types.js';

/** DSA signature over an already computed digest with nonce k (FIPS 186-4 §4.6). */
export function dsaSignDigest(key: DsaMaterial, digest: Uint8Array, k: bigint): { r: bigint; s: bigint } {
  const { p, q, g, x } = key;
  if (x === undefined) throw new TypeError('DSA signing needs a private key');
  const z = bits2int(digest, bitLength(q));
  const r = modPow(g, k, p) % q;
  const s = mod(modInverse(k, q) * (z + x * r), q);
  if (r === 0n || s === 0n) throw new RangeError('degenerate DSA signature; retry with another k');
  return { r, s };
}

/** DSA verification over a digest (FIPS 186-4 §4.7). */
export function dsaVerifyDigest(key: DsaMaterial, digest: Uint8Array, r: bigint, s: bigint): boolean {
  const { p, q, g, y } = key;
  if (r <= 0n || s <= 0n || r >= q || s >= q) return false;
  const w = modInverse(s, q);
  const z = bits2int(digest, bitLength(q));
  const u1 = mod(z * w, q);
  const u2 = mod(r * w, q);
  return ((modPow(g, u1, p) * modPow(y, u2, p)) % p) % q === r;
}

/** Sign with the deterministic RFC 6979 nonce. */
export function dsaSignDeterministic(
  key: DsaMaterial,
  hash: SigHashName,
  data: Uint8Array,
): { r: bigint; s: bigint } {
  if (key.x === undefined) throw new TypeError('DSA signing needs a private key');
  const digest = sigDigest(hash, data);
  return dsaSignDigest(key, digest, rfc6979Nonce(key.x, key.q, digest, hash));
}

/** Fresh 1024-bit / 160-bit DSA domain parameters and key (probable primes, FIPS 186-4 sizes). */
function generateDsa(): DsaMaterial {
  const q = randomPrime(160);
  const twoQ = 2n * q;
  let p: bigint;
  for (;;) {
    const X = randomBits(1024);
    p = X - (X % twoQ) + 1n;
    if (bitLength(p) === 1024 && isProbablePrime(p)) break;
  }
  const e = (p - 1n) / q;
  let g = 1n;
  for (let h = 2n; g === 1n; h++) g = modPow(h, e, p);
  const x = randomBelow(q);
  return { p, q, g, y: modPow(g, x, p), x };
}

/** ssh-dss over bigint (portable): SHA-1, RFC 6979 nonces. */
export const portableDSA: DSAOps = {
  sign(key, data) {
    return dsaSignDeterministic(key, 'sha1', data);
  },
  verify(key, data, r, s) {
    return dsaVerifyDigest(key, sigDigest('sha1', data), r, s);
  },
  generate: generateDsa,
};
