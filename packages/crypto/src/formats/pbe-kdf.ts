import { md5, sha1 } from '@noble/hashes/legacy.js';
import { pbkdf2 } from '@noble/hashes/pbkdf2.js';
import { sha224, sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { KeyExportError } from '../errors.js';

/** Hashes password-based encryption can use. */
export type PbeHashName = 'md5' | 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

/** The hash functions by name. */
export const PBE_HASHES = { md5, sha1, sha224, sha256, sha384, sha512 } as const;

/** The hash named `name`; KeyExportError when unknown. */
export function pbeHash(name: string): (typeof PBE_HASHES)[PbeHashName] {
  if (!Object.hasOwn(PBE_HASHES, name)) throw new KeyExportError(`unsupported key encryption hash '${name}'`);
  return PBE_HASHES[name as PbeHashName];
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** OpenSSL's EVP_BytesToKey with MD5 and one iteration (legacy PEM encryption). */
export function evpBytesToKey(pass: Uint8Array, salt: Uint8Array, length: number): Uint8Array {
  const out: Uint8Array[] = [];
  let have = 0;
  let prev = new Uint8Array(0);
  while (have < length) {
    prev = md5(concat(prev, pass, salt));
    out.push(prev);
    have += prev.length;
  }
  return concat(...out).slice(0, length);
}

/** PBKDF1 (RFC 8018 §5.1): the first `length` bytes of Hash^c(P || S). */
export function pbkdf1(hash: PbeHashName, pass: Uint8Array, salt: Uint8Array, c: number, length: number) {
  const h = PBE_HASHES[hash];
  let t = h(concat(pass, salt));
  for (let i = 1; i < c; i++) t = h(t);
  return t.slice(0, length);
}

/** PBKDF2 (RFC 8018 §5.2) with HMAC over `hash`. */
export function pbkdf2Hmac(hash: PbeHashName, pass: Uint8Array, salt: Uint8Array, c: number, length: number) {
  return pbkdf2(PBE_HASHES[hash], pass, salt, { c, dkLen: length });
}

/** A passphrase as the PKCS#12 BMPString: UTF-16BE with two trailing zero bytes. */
export function bmpPassword(pass: Uint8Array): Uint8Array {
  const text = new TextDecoder().decode(pass);
  const out = new Uint8Array(2 * text.length + 2);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 * i] = c >> 8;
    out[2 * i + 1] = c & 0xff;
  }
  return out;
}

/** The PKCS#12 key derivation (RFC 7292 appendix B.2) with SHA-1: id 1 = key, 2 = IV. */
export function pkcs12Kdf(pass: Uint8Array, salt: Uint8Array, id: number, c: number, length: number) {
  const v = 64;
  const fill = (src: Uint8Array) => {
    const n = v * Math.ceil(src.length / v);
    return Uint8Array.from({ length: n }, (_, i) => src[i % src.length] as number);
  };
  const p = bmpPassword(pass);
  const i = concat(fill(salt), fill(p));
  const d = new Uint8Array(v).fill(id);
  const out: Uint8Array[] = [];
  for (let have = 0; have < length; ) {
    let a = sha1(concat(d, i));
    for (let k = 1; k < c; k++) a = sha1(a);
    out.push(a);
    have += a.length;
    const b = fill(a);
    for (let j = 0; j < i.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = (i[j + k] as number) + (b[k] as number) + carry;
        i[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return concat(...out).slice(0, length);
}
