import type { AesBlock } from './aes-block.js';

/**
 * UMAC's key derivation (RFC 4418 §3.2.1): `numBytes` bytes of
 * AES_K(uint64 index || uint64 1) || AES_K(uint64 index || uint64 2) || ...
 */
export function umacKdf(aes: AesBlock, index: number, numBytes: number): Uint8Array {
  const out = new Uint8Array(Math.ceil(numBytes / 16) * 16);
  const t = new Uint8Array(16);
  t[7] = index;
  for (let i = 1, at = 0; at < out.length; i++, at += 16) {
    t[12] = i >>> 24;
    t[13] = (i >>> 16) & 0xff;
    t[14] = (i >>> 8) & 0xff;
    t[15] = i & 0xff;
    out.set(aes.encrypt(t), at);
  }
  return out.subarray(0, numBytes);
}
