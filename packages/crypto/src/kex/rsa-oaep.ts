import { bigIntToBytes, bytesEqual, bytesToBigInt, concatBytes, randomBytes } from './bytes.js';
import { modPow } from './dh-engine.js';
import { KEX_HASH_LENGTH, kexHash } from './hash.js';
import type { RsaEngine, RsaKeyPair } from './rsa-kex.js';
import { modInverse, randomPrime } from './rsa-prime.js';
import type { KexHashName } from './types.js';

/** MGF1 (RFC 8017 §B.2.1) over the kex hash. */
export function mgf1(hash: KexHashName, seed: Uint8Array, length: number): Uint8Array {
  const h = kexHash(hash);
  const out = new Uint8Array(length);
  const counter = new Uint8Array(4);
  for (let at = 0, i = 0; at < length; i++) {
    new DataView(counter.buffer).setUint32(0, i);
    const block = h(seed, counter);
    out.set(block.subarray(0, Math.min(block.length, length - at)), at);
    at += block.length;
  }
  return out;
}

function xorInto(target: Uint8Array, mask: Uint8Array): void {
  for (let i = 0; i < target.length; i++) target[i] = (target[i] as number) ^ (mask[i] as number);
}

/**
 * EME-OAEP encoding (RFC 8017 §7.1.1 step 2) with an empty label, for a
 * k-byte modulus; `seed` (hLen bytes) is random unless given, as known-answer
 * tests do.
 */
export function oaepEncode(
  hash: KexHashName,
  message: Uint8Array,
  k: number,
  seed: Uint8Array = randomBytes(KEX_HASH_LENGTH[hash]),
): Uint8Array {
  const hLen = KEX_HASH_LENGTH[hash];
  if (message.length > k - 2 * hLen - 2) throw new RangeError('message too long for RSAES-OAEP');
  if (seed.length !== hLen) throw new RangeError(`an OAEP seed is ${hLen} bytes`);
  const db = new Uint8Array(k - hLen - 1);
  db.set(kexHash(hash)());
  db[db.length - message.length - 1] = 1;
  db.set(message, db.length - message.length);
  const maskedSeed = Uint8Array.from(seed);
  xorInto(db, mgf1(hash, maskedSeed, db.length));
  xorInto(maskedSeed, mgf1(hash, db, hLen));
  return concatBytes(Uint8Array.of(0), maskedSeed, db);
}

/** EME-OAEP decoding (RFC 8017 §7.1.2 step 3); throws one error for every bad padding. */
export function oaepDecode(hash: KexHashName, em: Uint8Array): Uint8Array {
  const hLen = KEX_HASH_LENGTH[hash];
  if (em.length < 2 * hLen + 2) throw new Error('decryption error');
  const seed = em.slice(1, 1 + hLen);
  const db = em.slice(1 + hLen);
  xorInto(seed, mgf1(hash, db, hLen));
  xorInto(db, mgf1(hash, seed, db.length));
  let bad = em[0] === 0 ? 0 : 1;
  bad |= bytesEqual(db.subarray(0, hLen), kexHash(hash)()) ? 0 : 1;
  let index = 0;
  let looking = 1;
  for (let i = hLen; i < db.length; i++) {
    const b = db[i] as number;
    const isOne = b === 1 ? 1 : 0;
    const isZero = b === 0 ? 1 : 0;
    if (looking && isOne) index = i;
    if (looking && !isOne && !isZero) bad = 1;
    if (isOne) looking = 0;
  }
  if (bad || looking) throw new Error('decryption error');
  return db.slice(index + 1);
}

/** The portable RSA engine: bigint key generation (two primes, CRT) and OAEP. */
export const bigintRsa: RsaEngine = {
  generate(bits): RsaKeyPair {
    const e = 65537n;
    for (;;) {
      const p = randomPrime(bits >> 1, e);
      const q = randomPrime(bits - (bits >> 1), e);
      if (p === q) continue;
      const n = p * q;
      if (n.toString(2).length !== bits) continue;
      const dp = modInverse(e, p - 1n);
      const dq = modInverse(e, q - 1n);
      const qInv = modInverse(q, p);
      const k = (bits + 7) >> 3;
      return {
        n,
        e,
        decrypt(ciphertext, hash) {
          const c = bytesToBigInt(ciphertext);
          if (c >= n) throw new Error('decryption error');
          const m1 = modPow(c, dp, p);
          const m2 = modPow(c, dq, q);
          const h = (qInv * (((m1 - m2) % p) + p)) % p;
          return oaepDecode(hash, bigIntToBytes(m2 + h * q, k));
        },
      };
    }
  },
  encrypt(n, e, message, hash) {
    const k = (n.toString(16).length + 1) >> 1;
    const m = bytesToBigInt(oaepEncode(hash, message, k));
    return bigIntToBytes(modPow(m, e, n), k);
  },
};
