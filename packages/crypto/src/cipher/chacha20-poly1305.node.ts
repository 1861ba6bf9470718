import { type Cipher, createCipheriv, createSecretKey, type KeyObject } from 'node:crypto';
import { constantTimeEqual } from '../mac/compare.js';
import { writeSeq64 } from '../mac/seq.js';
import { CHACHA_POLY_INFO, CHACHA_POLY_TAG_LENGTH } from './chacha20-poly1305.js';
import { ChachaLengthCipher } from './chacha20-poly1305-length.js';
import { checkCipherKeys } from './check.js';
import type { Poly1305Function } from './poly1305.js';
import type { AeadCipherAlgorithm, AeadPacketCipher } from './types.js';

const ZERO64 = new Uint8Array(64);

/**
 * chacha20-poly1305@openssh.com over node:crypto's raw 'chacha20' (OpenSSL's
 * 16-byte IV = 32-bit little-endian block counter || 96-bit nonce, which
 * for a counter below 2^32 equals DJB's 64-bit counter || 64-bit nonce when
 * the nonce is 4 zero bytes || the 8-byte big-endian sequence number). One
 * K_2 context per packet yields block 0 (the Poly1305 key) then the body
 * from block 1. The length's 4 keystream bytes (K_1) come from one ChaCha20
 * block in JavaScript, and `open` reuses what `decryptLength` found for the
 * same packet. Poly1305 comes from `poly` (node:crypto has none).
 */
class NodeChachaPoly implements AeadPacketCipher {
  private readonly mainKey: KeyObject;
  private readonly length: ChachaLengthCipher;
  private readonly iv = new Uint8Array(16);
  private readonly tag = new Uint8Array(CHACHA_POLY_TAG_LENGTH);
  private block0: Buffer = Buffer.alloc(64);

  constructor(
    key: Uint8Array,
    private readonly poly: Poly1305Function,
  ) {
    this.mainKey = createSecretKey(key.subarray(0, 32));
    this.length = new ChachaLengthCipher(key.subarray(32, 64));
  }

  /** The K_2 context for `seq`, past block 0; block 0 (the Poly1305 key in its first half) goes to `block0`. */
  private main(seq: number): Cipher {
    writeSeq64(this.iv, 8, seq);
    const main = createCipheriv('chacha20', this.mainKey, this.iv);
    this.block0 = main.update(ZERO64);
    return main;
  }

  seal(seq: number, buf: Uint8Array, off: number, len: number): void {
    this.length.seal(seq, buf, off);
    const main = this.main(seq);
    buf.set(main.update(buf.subarray(off + 4, off + 4 + len)), off + 4);
    this.poly(this.block0.subarray(0, 32), buf.subarray(off, off + 4 + len), buf, off + 4 + len);
  }

  decryptLength(seq: number, buf: Uint8Array, off: number): number {
    return this.length.decrypt(seq, buf, off);
  }

  open(seq: number, buf: Uint8Array, off: number, len: number): boolean {
    const main = this.main(seq);
    this.poly(this.block0.subarray(0, 32), buf.subarray(off, off + 4 + len), this.tag, 0);
    if (!constantTimeEqual(this.tag, buf, off + 4 + len)) return false;
    buf.set(main.update(buf.subarray(off + 4, off + 4 + len)), off + 4);
    this.length.open(seq, buf, off);
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
