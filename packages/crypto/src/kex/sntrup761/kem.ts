import { sha512 } from '@noble/hashes/sha2.js';
import { randomBytes } from '../bytes.js';
import { roundedDecode, roundedEncode, rqDecode, rqEncode, smallDecode, smallEncode } from './encode.js';
import {
  CIPHERTEXT_BYTES,
  HASH_BYTES,
  P,
  PUBLIC_KEY_BYTES,
  ROUNDED_BYTES,
  SECRET_KEY_BYTES,
  SMALL_BYTES,
  W,
} from './params.js';
import { r3FromRq, r3Mult, r3Recip, round3, rqMult3, rqMultSmall, rqRecip3, weightMask } from './poly.js';

/**
 * Where the KEM draws its randomness: `bytes(n)` returns n random bytes.
 * The reference implementation asks for 4 bytes per coefficient, which
 * matters only to reproduce the NIST known-answer tests with their DRBG.
 */
export type RandomSource = (n: number) => Uint8Array;

/** The default source: system randomness drawn in blocks, handed out in order. */
export function pooledRandom(): RandomSource {
  let pool: Uint8Array = new Uint8Array(0);
  let at = 0;
  return (n) => {
    if (at + n > pool.length) {
      pool = randomBytes(Math.max(n, 4 * P + SMALL_BYTES));
      at = 0;
    }
    const out = pool.slice(at, at + n);
    pool.fill(0, at, at + n);
    at += n;
    return out;
  };
}

/** Hash_prefix(b, x) = SHA-512(b || x) truncated to 32 bytes. */
function hashPrefix(b: number, ...parts: Uint8Array[]): Uint8Array {
  const h = sha512.create().update(Uint8Array.of(b));
  for (const p of parts) h.update(p);
  return h.digest().subarray(0, HASH_BYTES);
}

function urandom32(random: RandomSource): number {
  const c = random(4);
  return (
    ((c[0] as number) | ((c[1] as number) << 8) | ((c[2] as number) << 16) | ((c[3] as number) << 24)) >>> 0
  );
}

/** A random small polynomial: each coefficient uniform in {-1, 0, 1}. */
function smallRandom(random: RandomSource): Int8Array {
  const out = new Int8Array(P);
  for (let i = 0; i < P; i++) out[i] = (((urandom32(random) & 0x3fffffff) * 3) >>> 30) - 1;
  return out;
}

/** A random short polynomial: exactly W coefficients in {-1, 1}, by sorting tagged random words. */
function shortRandom(random: RandomSource): Int8Array {
  const L = new Uint32Array(P);
  for (let i = 0; i < P; i++) L[i] = urandom32(random);
  for (let i = 0; i < W; i++) L[i] = (L[i] as number) & 0xfffffffe;
  for (let i = W; i < P; i++) L[i] = ((L[i] as number) & 0xfffffffc) | 1;
  L.sort();
  const out = new Int8Array(P);
  for (let i = 0; i < P; i++) out[i] = ((L[i] as number) & 3) - 1;
  return out;
}

/** HashConfirm(r_enc, cache) = Hash_prefix(2, Hash_prefix(3, r_enc) || cache). */
function hashConfirm(rEnc: Uint8Array, cache: Uint8Array): Uint8Array {
  return hashPrefix(2, hashPrefix(3, rEnc), cache);
}

/** HashSession(b, r_enc, c) = Hash_prefix(b, Hash_prefix(3, r_enc) || c). */
function hashSession(b: number, rEnc: Uint8Array, c: Uint8Array): Uint8Array {
  return hashPrefix(b, hashPrefix(3, rEnc), c);
}

/** Encrypt r to h and append the confirmation hash: the ciphertext. */
function hide(r: Int8Array, pk: Uint8Array, cache: Uint8Array): { c: Uint8Array; rEnc: Uint8Array } {
  const rEnc = smallEncode(r);
  const c = new Uint8Array(CIPHERTEXT_BYTES);
  c.set(roundedEncode(round3(rqMultSmall(rqDecode(pk), r))));
  c.set(hashConfirm(rEnc, cache), ROUNDED_BYTES);
  return { c, rEnc };
}

/** An sntrup761 key pair as the reference implementation encodes it. */
export interface Sntrup761KeyPair {
  /** 1158-byte public key. */
  readonly publicKey: Uint8Array;
  /** 1763-byte secret key: f, 1/g, pk, rho, Hash_prefix(4, pk). */
  readonly secretKey: Uint8Array;
}

/** Generate a key pair (NTRU Prime KEM KeyGen). */
export function sntrup761Keygen(random: RandomSource = pooledRandom()): Sntrup761KeyPair {
  let g: Int8Array;
  let ginv: Int8Array | undefined;
  do {
    g = smallRandom(random);
    ginv = r3Recip(g);
  } while (!ginv);
  const f = shortRandom(random);
  const h = rqMultSmall(rqRecip3(f), g);
  const publicKey = rqEncode(h);
  const secretKey = new Uint8Array(SECRET_KEY_BYTES);
  secretKey.set(smallEncode(f), 0);
  secretKey.set(smallEncode(ginv), SMALL_BYTES);
  secretKey.set(publicKey, 2 * SMALL_BYTES);
  secretKey.set(random(SMALL_BYTES), 2 * SMALL_BYTES + PUBLIC_KEY_BYTES);
  secretKey.set(hashPrefix(4, publicKey), 3 * SMALL_BYTES + PUBLIC_KEY_BYTES);
  return { publicKey, secretKey };
}

/** Encapsulate to a 1158-byte public key: a 1039-byte ciphertext and a 32-byte shared secret. */
export function sntrup761Encapsulate(
  publicKey: Uint8Array,
  random: RandomSource = pooledRandom(),
): { ciphertext: Uint8Array; sharedSecret: Uint8Array } {
  if (publicKey.length !== PUBLIC_KEY_BYTES)
    throw new RangeError('sntrup761 public key has the wrong length');
  const r = shortRandom(random);
  const { c, rEnc } = hide(r, publicKey, hashPrefix(4, publicKey));
  return { ciphertext: c, sharedSecret: hashSession(1, rEnc, c) };
}

/**
 * Decapsulate (with implicit rejection): a ciphertext that does not
 * re-encrypt to itself yields a pseudo-random secret derived from rho,
 * never an error.
 */
export function sntrup761Decapsulate(ciphertext: Uint8Array, secretKey: Uint8Array): Uint8Array {
  if (ciphertext.length !== CIPHERTEXT_BYTES)
    throw new RangeError('sntrup761 ciphertext has the wrong length');
  if (secretKey.length !== SECRET_KEY_BYTES)
    throw new RangeError('sntrup761 secret key has the wrong length');
  const f = smallDecode(secretKey.subarray(0, SMALL_BYTES));
  const v = smallDecode(secretKey.subarray(SMALL_BYTES, 2 * SMALL_BYTES));
  const pk = secretKey.subarray(2 * SMALL_BYTES, 2 * SMALL_BYTES + PUBLIC_KEY_BYTES);
  const rho = secretKey.subarray(2 * SMALL_BYTES + PUBLIC_KEY_BYTES, 3 * SMALL_BYTES + PUBLIC_KEY_BYTES);
  const cache = secretKey.subarray(3 * SMALL_BYTES + PUBLIC_KEY_BYTES);
  // Decrypt: e = 3 f c mod 3, r = e / g; a wrong weight gives a fixed r.
  const c = roundedDecode(ciphertext.subarray(0, ROUNDED_BYTES));
  const ev = r3Mult(r3FromRq(rqMult3(rqMultSmall(c, f))), v);
  const bad = weightMask(ev);
  const r = new Int8Array(P);
  for (let i = 0; i < P; i++) {
    const fallback = i < W ? 1 : 0;
    r[i] = ((ev[i] as number) & ~bad) | (fallback & bad);
  }
  const { c: cNew, rEnc } = hide(r, pk, cache);
  let diff = 0;
  for (let i = 0; i < CIPHERTEXT_BYTES; i++) diff |= (cNew[i] as number) ^ (ciphertext[i] as number);
  const mask = -((diff + 255) >> 8) & 0xff; // 0xff if the ciphertexts differ
  for (let i = 0; i < SMALL_BYTES; i++)
    rEnc[i] = (rEnc[i] as number) ^ (mask & ((rEnc[i] as number) ^ (rho[i] as number)));
  return hashSession(1 + (mask === 0 ? 0 : -1), rEnc, ciphertext);
}
