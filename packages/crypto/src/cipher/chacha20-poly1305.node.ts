import { createCipheriv, createSecretKey, type KeyObject } from 'node:crypto';
import { constantTimeEqual } from '../mac/compare.js';
import { writeSeq64 } from '../mac/seq.js';
import { CHACHA_POLY_INFO, CHACHA_POLY_TAG_LENGTH } from './chacha20-poly1305.js';
import { checkCipherKeys } from './check.js';
import { readUint32BE } from './length.js';
import type { Poly1305Function } from './poly1305.js';
import type { AeadCipherAlgorithm, AeadPacketCipher } from './types.js';

const ZERO64 = new Uint8Array(64);

/**
 * chacha20-poly1305@openssh.com over node:crypto's raw 'chacha20' (OpenSSL's
 * 16-byte IV = 32-bit little-endian block counter || 96-bit nonce, which
 * for a counter below 2^32 equals DJB's 64-bit counter || 64-bit nonce when
 * the nonce is 4 zero bytes || the 8-byte big-endian sequence number). One
 * K_2 context per packet yields block 0 (the Poly1305 key) then the body
 * from block 1. Poly1305 comes from `poly` (node:crypto has none).
 */
class NodeChachaPoly implements AeadPacketCipher {
  private readonly mainKey: KeyObject;
  private readonly headerKey: KeyObject;
  private readonly iv = new Uint8Array(16);
  private readonly tag = new Uint8Array(CHACHA_POLY_TAG_LENGTH);

  constructor(
    key: Uint8Array,
    private readonly poly: Poly1305Function,
  ) {
    this.mainKey = createSecretKey(key.subarray(0, 32));
    this.headerKey = createSecretKey(key.subarray(32, 64));
  }

  private header(seq: number, buf: Uint8Array, off: number): Buffer {
    writeSeq64(this.iv, 8, seq);
    return createCipheriv('chacha20', this.headerKey, this.iv).update(buf.subarray(off, off + 4));
  }

  seal(seq: number, buf: Uint8Array, off: number, len: number): void {
    const header = this.header(seq, buf, off);
    const main = createCipheriv('chacha20', this.mainKey, this.iv);
    const polyKey = main.update(ZERO64);
    const body = main.update(buf.subarray(off + 4, off + 4 + len));
    buf.set(header, off);
    buf.set(body, off + 4);
    this.poly(polyKey.subarray(0, 32), buf.subarray(off, off + 4 + len), buf, off + 4 + len);
  }

  decryptLength(seq: number, buf: Uint8Array, off: number): number {
    return readUint32BE(this.header(seq, buf, off), 0);
  }

  open(seq: number, buf: Uint8Array, off: number, len: number): boolean {
    const header = this.header(seq, buf, off);
    const main = createCipheriv('chacha20', this.mainKey, this.iv);
    const polyKey = main.update(ZERO64);
    this.poly(polyKey.subarray(0, 32), buf.subarray(off, off + 4 + len), this.tag, 0);
    if (!constantTimeEqual(this.tag, buf, off + 4 + len)) return false;
    const body = main.update(buf.subarray(off + 4, off + 4 + len));
    buf.set(header, off);
    buf.set(body, off + 4);
    return true;
  }
}

/** chacha20-poly1305@openssh.com on node:crypto's ChaCha20 with the given Poly1305. */
export function nodeChachaPolyAlgorithm(poly: Poly1305Function): AeadCipherAlgorithm {
  return {
    kind: 'aead',
    ...CHACHA_POLY_INFO,
    tagLength: CHACHA_POLY_TAG_LENGTH,
    lengthEncrypted: true,
    createAead(key, iv) {
      checkCipherKeys(CHACHA_POLY_INFO, key, iv);
      return new NodeChachaPoly(key, poly);
    },
  };
}
