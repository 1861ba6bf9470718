import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha224, sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { bigToBytes, bitLength, bytesToBig } from './bigint.js';
import type { SigHashName } from './types.js';

const HASHES = { sha1, sha224, sha256, sha384, sha512 } as const;

/** bits2int (RFC 6979 §2.3.2): the leftmost qlen bits of `b` as an integer. */
export function bits2int(b: Uint8Array, qlen: number): bigint {
  const v = bytesToBig(b);
  const blen = b.length * 8;
  return blen > qlen ? v >> BigInt(blen - qlen) : v;
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

/**
 * The deterministic nonce k of RFC 6979 §3.2 for private key `x`, group
 * order `q` and message digest `h1`, with HMAC over `hash`.
 */
export function rfc6979Nonce(x: bigint, q: bigint, h1: Uint8Array, hash: SigHashName): bigint {
  const H = HASHES[hash];
  const mac = (key: Uint8Array, ...data: Uint8Array[]) => hmac(H, key, concat(...data));
  const qlen = bitLength(q);
  const rlen = Math.ceil(qlen / 8);
  const xOct = bigToBytes(x, rlen);
  const hOct = bigToBytes(bits2int(h1, qlen) % q, rlen);
  const hlen = H.outputLen;
  let V: Uint8Array = new Uint8Array(hlen).fill(1);
  let K: Uint8Array = new Uint8Array(hlen);
  K = mac(K, V, Uint8Array.of(0), xOct, hOct);
  V = mac(K, V);
  K = mac(K, V, Uint8Array.of(1), xOct, hOct);
  V = mac(K, V);
  for (;;) {
    let T: Uint8Array = new Uint8Array(0);
    while (T.length * 8 < qlen) {
      V = mac(K, V);
      T = concat(T, V);
    }
    const k = bits2int(T, qlen);
    if (k >= 1n && k < q) return k;
    K = mac(K, V, Uint8Array.of(0));
    V = mac(K, V);
  }
}
