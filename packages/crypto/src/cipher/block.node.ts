import { type Cipher, createCipheriv, createDecipheriv, type Decipher } from 'node:crypto';
import { checkCipherKeys } from './check.js';
import type { BlockCipherAlgorithm, BlockStream, CipherDirection } from './types.js';

/**
 * A node:crypto cipher context kept for the life of the keys: CTR counters
 * and CBC chaining continue from packet to packet. node:crypto cannot write
 * into a caller's buffer, so each call copies its output back in place.
 */
class NodeBlockStream implements BlockStream {
  constructor(private readonly ctx: Cipher | Decipher) {}

  process(buf: Uint8Array, start: number, end: number): void {
    if (end <= start) return;
    const out = this.ctx.update(buf.subarray(start, end));
    buf.set(out, start);
  }
}

/**
 * A node:crypto CTR or CBC algorithm: `openssl` is OpenSSL's name
 * ('aes-128-ctr', 'des-ede3-cbc', ...). Padding is off: SSH pads itself.
 */
export function nodeBlockAlgorithm(
  name: string,
  openssl: string,
  keyLength: number,
  ivLength: number,
  blockSize: number,
): BlockCipherAlgorithm {
  const info = { kind: 'block', name, keyLength, ivLength, blockSize } as const;
  return {
    ...info,
    createStream(key: Uint8Array, iv: Uint8Array, direction: CipherDirection): BlockStream {
      checkCipherKeys(info, key, iv);
      const ctx =
        direction === 'encrypt' ? createCipheriv(openssl, key, iv) : createDecipheriv(openssl, key, iv);
      ctx.setAutoPadding(false);
      return new NodeBlockStream(ctx);
    },
  };
}
