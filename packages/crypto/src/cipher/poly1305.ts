import { poly1305 } from '@noble/ciphers/_poly1305.js';

/**
 * A one-shot Poly1305 (RFC 8439 §2.5): the 16-byte tag of `data` under the
 * one-time 32-byte `key`, written to `out[outOffset ..]`.
 */
export type Poly1305Function = (
  key: Uint8Array,
  data: Uint8Array,
  out: Uint8Array,
  outOffset: number,
) => void;

/** Poly1305 from @noble/ciphers. */
export const noblePoly1305: Poly1305Function = (key, data, out, outOffset) => {
  out.set(poly1305(data, key), outOffset);
};
