import { sha512 } from '@noble/hashes/sha2.js';
import { Blowfish } from '../cipher/legacy/blowfish.js';

/** "OxychromaticBlowfishSwatDynamite" as eight big-endian words: bcrypt_pbkdf's plaintext. */
const MAGIC_WORDS: readonly number[] = (() => {
  const text = 'OxychromaticBlowfishSwatDynamite';
  const out: number[] = [];
  for (let i = 0; i < 32; i += 4) {
    out.push(
      ((text.charCodeAt(i) << 24) |
        (text.charCodeAt(i + 1) << 16) |
        (text.charCodeAt(i + 2) << 8) |
        text.charCodeAt(i + 3)) >>>
        0,
    );
  }
  return out;
})();

/** bcrypt_hash: eksblowfish keyed by the SHA-512 of the password and salt; 32 bytes out. */
function bcryptHash(sha2pass: Uint8Array, sha2salt: Uint8Array, out: Uint8Array): void {
  const bf = new Blowfish();
  bf.expandState(sha2salt, sha2pass);
  for (let i = 0; i < 64; i++) {
    bf.expand0State(sha2salt);
    bf.expand0State(sha2pass);
  }
  const c = MAGIC_WORDS.slice();
  for (let i = 0; i < 64; i++) {
    for (let j = 0; j < 8; j += 2) {
      bf.encrypt(c[j] as number, c[j + 1] as number);
      c[j] = bf.l;
      c[j + 1] = bf.r;
    }
  }
  // Each word is written little-endian (as OpenBSD's bcrypt_hash does).
  for (let i = 0; i < 8; i++) {
    const w = c[i] as number;
    out[4 * i] = w & 0xff;
    out[4 * i + 1] = (w >>> 8) & 0xff;
    out[4 * i + 2] = (w >>> 16) & 0xff;
    out[4 * i + 3] = w >>> 24;
  }
}

/**
 * bcrypt_pbkdf (OpenBSD; the KDF of OpenSSH private keys): derive `keyLength`
 * bytes from `password` and `salt` with `rounds` iterations. Output bytes are
 * spread across blocks ("striding") so every byte costs the full work.
 */
export function bcryptPbkdf(
  password: Uint8Array,
  salt: Uint8Array,
  rounds: number,
  keyLength: number,
): Uint8Array {
  if (rounds < 1) throw new RangeError('bcrypt_pbkdf needs at least 1 round');
  if (keyLength < 1 || keyLength > 1024)
    throw new RangeError('bcrypt_pbkdf key length must be 1 to 1024 bytes');
  if (salt.length === 0 || salt.length > 1 << 20)
    throw new RangeError('bcrypt_pbkdf salt length is out of range');
  const key = new Uint8Array(keyLength);
  const stride = Math.ceil(keyLength / 32);
  const amount = Math.ceil(keyLength / stride);
  const sha2pass = sha512(password);
  const countSalt = new Uint8Array(salt.length + 4);
  countSalt.set(salt);
  const tmp = new Uint8Array(32);
  const out = new Uint8Array(32);
  let left = keyLength;
  for (let count = 1; left > 0; count++) {
    countSalt[salt.length] = count >>> 24;
    countSalt[salt.length + 1] = (count >>> 16) & 0xff;
    countSalt[salt.length + 2] = (count >>> 8) & 0xff;
    countSalt[salt.length + 3] = count & 0xff;
    bcryptHash(sha2pass, sha512(countSalt), tmp);
    out.set(tmp);
    for (let i = 1; i < rounds; i++) {
      bcryptHash(sha2pass, sha512(tmp), tmp);
      for (let j = 0; j < 32; j++) out[j] = (out[j] as number) ^ (tmp[j] as number);
    }
    const n = Math.min(amount, left);
    let i = 0;
    for (; i < n; i++) {
      const dest = i * stride + (count - 1);
      if (dest >= keyLength) break;
      key[dest] = out[i] as number;
    }
    left -= i;
  }
  return key;
}
