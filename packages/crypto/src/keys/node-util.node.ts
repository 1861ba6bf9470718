import type { KeyObject } from 'node:crypto';

/** base64url of bytes, for JWK. */
export function b64u(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64url');
}

/** bytes of a base64url JWK field. */
export function fromB64u(s: string | undefined): Uint8Array {
  if (s === undefined) throw new TypeError('missing JWK field');
  return new Uint8Array(Buffer.from(s, 'base64url'));
}

/** A view of a Buffer as a plain Uint8Array. */
export function u8(b: Buffer): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/** Memoise a KeyObject per material object (material is immutable). */
export function cached<M extends object>(build: (m: M) => KeyObject): (m: M) => KeyObject {
  const cache = new WeakMap<M, KeyObject>();
  return (m) => {
    let k = cache.get(m);
    if (!k) {
      k = build(m);
      cache.set(m, k);
    }
    return k;
  };
}
